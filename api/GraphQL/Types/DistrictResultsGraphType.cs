using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class DistrictResultsGraphType : ObjectGraphType<DistrictResults>
{
    public DistrictResultsGraphType()
    {
        Name = "DistrictResults";
        Field<NonNullGraphType<StringGraphType>>("district").Resolve(c => c.Source.District);
        Field<NonNullGraphType<LongGraphType>>("budget").Resolve(c => c.Source.Budget);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("selected").Resolve(c => c.Source.Selected);
        Field<NonNullGraphType<LongGraphType>>("allocated").Resolve(c => c.Source.Allocated);
        Field<NonNullGraphType<LongGraphType>>("leftOver").Resolve(c => c.Source.LeftOver);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
        Field<EqualSharesGraphType>("equalShares").Resolve(c => c.Source.EqualShares);
    }
}
