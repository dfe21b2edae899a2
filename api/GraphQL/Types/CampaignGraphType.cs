using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignGraphType : ObjectGraphType<CampaignSummary>
{
    public CampaignGraphType()
    {
        Name = "Campaign";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<CampaignStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<FinancingModeGraphType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<FundingRuleGraphType>>("rule").Resolve(c => c.Source.Rule);
        Field<NonNullGraphType<MoneyGraphType>>("goal").Resolve(c => c.Source.Goal);
        Field<NonNullGraphType<MoneyGraphType>>("raised").Resolve(c => c.Source.Raised);
        Field<NonNullGraphType<IntGraphType>>("backers").Description("Distinct members who contributed.").Resolve(c => c.Source.Backers);
        Field<NonNullGraphType<IntGraphType>>("contributions").Resolve(c => c.Source.Contributions);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt").Resolve(c => c.Source.StartsAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt").Resolve(c => c.Source.EndsAt);
        Field<NonNullGraphType<LongGraphType>>("minContribution").Description("Cents.").Resolve(c => c.Source.MinContribution);
        Field<NonNullGraphType<LongGraphType>>("maxContribution").Description("Cents.").Resolve(c => c.Source.MaxContribution);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
    }
}
