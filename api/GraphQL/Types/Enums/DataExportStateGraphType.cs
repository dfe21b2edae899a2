using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class DataExportStateGraphType : EnumerationGraphType<DataExportState>
{
    public DataExportStateGraphType()
    {
        Name = "DataExportState";
        Description = "PREPARING until the file is built and mailed; READY while the mailed link opens it (7 days); EXPIRED once the file is deleted.";
    }
}
