using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MatchPoolGraphType : ObjectGraphType<MatchPoolStatus>
{
    public MatchPoolGraphType()
    {
        Name = "MatchPool";
        Description = "A matchfunding pool: the tenant's default pool or a call's.";
        Field<NonNullGraphType<MoneyGraphType>>("available").Description("What may still be matched.").Resolve(c => c.Source.Available);
        Field<NonNullGraphType<MoneyGraphType>>("spent").Description("Matches committed to campaigns (returned ones excluded).").Resolve(c => c.Source.Spent);
        Field<NonNullGraphType<BooleanGraphType>>("exhausted").Description("True when nothing is left to match.").Resolve(c => c.Source.Exhausted);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("On a top-up: true when this is the first answer again, for an idempotency key already used (nothing was added).")
            .Resolve(c => c.Source.Replayed);
    }
}
