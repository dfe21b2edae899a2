using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class DataExportRequestGraphType : ObjectGraphType<DataExportRequest>
{
    public DataExportRequestGraphType()
    {
        Name = "DataExportRequest";
        Description = "A personal data export asked for: prepared in the background, then its download link (valid 7 days) is mailed to the member.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("requestedAt").Resolve(c => c.Source.RequestedAt);
    }
}
