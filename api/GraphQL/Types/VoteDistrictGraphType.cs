using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteDistrictGraphType : ObjectGraphType<VoteDistrict>
{
    public VoteDistrictGraphType()
    {
        Name = "VoteDistrict";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<LongGraphType>>("budget").Description("Cents.").Resolve(c => c.Source.Budget);
        Field<NonNullGraphType<IntGraphType>>("ballots").Resolve(c => c.Source.Ballots);
    }
}
