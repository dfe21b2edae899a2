using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ParticipationRuleGraphType : ObjectGraphType<ParticipationRule>
{
    public ParticipationRuleGraphType()
    {
        Name = "ParticipationRule";
        Field<NonNullGraphType<BooleanGraphType>>("requireVerified").Resolve(c => c.Source.NeedsVerification);
        Field<IntGraphType>("minimumAge").Resolve(c => c.Source.MinimumAge);
        Field<NonNullGraphType<BooleanGraphType>>("requireDistrict").Resolve(c => c.Source.RequireDistrict);
    }
}
