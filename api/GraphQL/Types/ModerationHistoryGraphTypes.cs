using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ModerationActEntryGraphType : ObjectGraphType<ModerationActRow>
{
    public ModerationActEntryGraphType()
    {
        Name = "ModerationActEntry";
        Description = "One recorded moderation act.";
        Field<NonNullGraphType<StringGraphType>>("act").Description("auto_hide, hide, restore or dismiss.").Resolve(c => c.Source.Act);
        Field<NonNullGraphType<StringGraphType>>("byId").Description("The moderator, or system for a hide by the reports themselves.").Resolve(c => c.Source.ById);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
    }
}
