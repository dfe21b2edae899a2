using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>One live support of an idea: listed to moderators and admins, and to each member for their own only.</summary>
public sealed class IdeaSupporterGraphType : ObjectGraphType<SupporterRow>
{
    public IdeaSupporterGraphType()
    {
        Name = "IdeaSupporter";
        Description = "A live support. Who supports what is a political opinion: only moderators and admins see others' supports.";
        Field<NonNullGraphType<StringGraphType>>("memberId").Resolve(c => c.Source.MemberId);
        Field<StringGraphType>("displayName").Description("The account's display name (null for a member without an account).").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("supportedAt").Resolve(c => c.Source.SupportedAt);
    }
}
