using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ParticipationRuleInput
{
    public bool? RequireVerified { get; set; }
    public int? MinimumAge { get; set; }
    public bool? RequireDistrict { get; set; }

    public ParticipationRule ToRule() => new(RequireVerified ?? false, MinimumAge, RequireDistrict ?? false);
}

public sealed class ParticipationRuleInputGraphType : InputObjectGraphType<ParticipationRuleInput>
{
    public ParticipationRuleInputGraphType()
    {
        Name = "ParticipationRuleInput";
        Description = "Who may take part: by default any member. An age or a district implies verified residency (the census).";
        Field(x => x.RequireVerified, type: typeof(BooleanGraphType));
        Field(x => x.MinimumAge, type: typeof(IntGraphType)).Description("Full years on the day of the act.");
        Field(x => x.RequireDistrict, type: typeof(BooleanGraphType)).Description("Residents of one of the box's districts only.");
    }
}
