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

public sealed class DataExportGraphType : ObjectGraphType<DataExportStatus>
{
    public DataExportGraphType()
    {
        Name = "DataExport";
        Description = "One of the caller's personal data exports and where it stands (the file itself opens only with the mailed link).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DataExportStateGraphType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<DateTimeOffsetGraphType>("readyAt").Description("When the file was built and the link mailed; null while preparing.").Resolve(c => c.Source.ReadyAt);
        Field<DateTimeOffsetGraphType>("expiresAt").Description("When the link stops opening the file and the file is deleted.").Resolve(c => c.Source.ExpiresAt);
    }
}
