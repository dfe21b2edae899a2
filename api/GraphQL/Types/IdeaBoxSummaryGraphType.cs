using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaBoxSummaryGraphType : ObjectGraphType<IdeaBoxRow>
{
    public IdeaBoxSummaryGraphType(DomainClock time)
    {
        Name = "IdeaBoxSummary";
        Description = "An idea box as lists show it; ideaBox(id) has the rest.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("opensAt").Resolve(c => c.Source.OpensAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("closesAt").Resolve(c => c.Source.ClosesAt);
        Field<NonNullGraphType<BooleanGraphType>>("isOpen").Description("Open now by the server's business clock: from opensAt until closesAt.")
            .Resolve(c => time.GetUtcNow() is var now && now >= c.Source.OpensAt && now < c.Source.ClosesAt);
        Field<NonNullGraphType<IntGraphType>>("ideas").Description("Ideas listed (withdrawn ones are not).").Resolve(c => c.Source.Ideas);
    }
}
