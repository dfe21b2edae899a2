using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignStatusGraphType : EnumerationGraphType<CampaignStatus>
{
    public CampaignStatusGraphType() => Name = "CampaignStatus";
}

public sealed class PaymentStatusGraphType : EnumerationGraphType<PaymentStatus>
{
    public PaymentStatusGraphType() => Name = "PaymentStatus";
}

public sealed class CampaignCategoryGraphType : EnumerationGraphType<CampaignCategory>
{
    public CampaignCategoryGraphType() => Name = "CampaignCategory";
}

public sealed class FinancingModeGraphType : EnumerationGraphType<FinancingMode>
{
    public FinancingModeGraphType() => Name = "FinancingMode";
}

public sealed class FundingRuleGraphType : EnumerationGraphType<FundingRule>
{
    public FundingRuleGraphType() => Name = "FundingRule";
}

public sealed class VoteStatusGraphType : EnumerationGraphType<VoteStatus>
{
    public VoteStatusGraphType() => Name = "VoteStatus";
}

public sealed class BallotTypeGraphType : EnumerationGraphType<BallotType>
{
    public BallotTypeGraphType() => Name = "BallotType";
}

public sealed class TenantModuleGraphType : EnumerationGraphType<TenantModule>
{
    public TenantModuleGraphType() => Name = "TenantModule";
}

public sealed class RoleGraphType : EnumerationGraphType<Role>
{
    public RoleGraphType() => Name = "Role";
}

public sealed class VoteRuleGraphType : EnumerationGraphType<VoteRule>
{
    public VoteRuleGraphType() => Name = "VoteRule";
}
