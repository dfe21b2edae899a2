using Civic.Api.GraphQL.Loaders;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;

namespace Civic.Api.GraphQL.Types;

public sealed class CampaignGraphType : ObjectGraphType<CampaignSummary>
{
    public CampaignGraphType()
    {
        Name = "Campaign";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("description")
            .Description("The full text on campaign(id); in the campaigns list, an excerpt of at most 200 characters (ended with … when cut).")
            .Resolve(c => c.Source.Description);
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
        Field<CampaignCategoryGraphType>("category").Description("Null when the owner gave none.")
            .Resolve(c => c.Source.Category?.Kind);
        Field<StringGraphType>("customCategory").Description("The tenant's own category, when category is TENANT_DEFINED.")
            .Resolve(c => c.Source.Category?.Custom);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignRewardGraphType>>>>("rewards")
            .Description("Rewards for donations, with the units left (lists may lag; campaign(id) is live).")
            .Resolve(c => c.Source.Rewards.IsDefault ? [] : c.Source.Rewards);
        Field<NonNullGraphType<BooleanGraphType>>("aidToPeopleInDifficulty")
            .Description("A donation campaign for aid to people in difficulty: receipts for individuals carry 75% instead of 66% (companies: 60%).")
            .Resolve(c => c.Source.AidToPeopleInDifficulty);
        Field<LoanTermsGraphType>("loanTerms").Description("Loan campaigns only.").Resolve(c => c.Source.Loan);
        Field<EquityOfferGraphType>("equityOffer").Description("Equity campaigns only.")
            .Resolve(c => c.Source.Equity is { } offer ? new EquityOfferView(offer, c.Source.SharesRemaining ?? 0) : null);
        Field<MoneyGraphType>("matched")
            .Description("Matchfunding campaigns: the matches of their pool (their call's, or the tenant's default pool), shown apart from raised (0 once returned to the pool after a failure); null otherwise.")
            .Resolve(c => c.Source.Matchfunding
                ? Loaders(c).Matched.Load((c.Source.MatchCall, c.Source.Id)).Then(cents => (Money?)new Money(cents, c.Source.Goal.Currency))
                : Pending<Money?>.Known(null));
        Field<MatchCallGraphType>("matchCall")
            .Description("The matchfunding call the campaign joined at creation; null for the tenant's default pool or no matchfunding.")
            .Resolve(c => c.Source.MatchCall is { } call ? Loaders(c).Calls.Load(call) : Pending<MatchCall?>.Known(null));
        Field<ListGraphType<NonNullGraphType<CampaignStatusChangeGraphType>>>("history")
            .Description("Every status change, oldest first. Only the owner and the tenant's moderators and admins see it: null for anyone else.")
            .Resolve(c => Loaders(c).Histories.Load(c.Source.Id).Then(changes => changes?.ToArray()));
        Field<NonNullGraphType<ConnectionType<CommentGraphType>>>("comments")
            .Description("The comments on the campaign (their replies under each), 20 a page by default: commentCampaign writes them once it is published.")
            .Argument<CommentOrderGraphType>("order", "Defaults to NEWEST.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await CommentPages.PageAsync(c, CommentedItems.Campaign, c.Source.Id, parentId: null));
        Field<NonNullGraphType<BooleanGraphType>>("viewerIsOwner")
            .Description("Whether the signed-in viewer owns the campaign (a site shows its owner's tools: the update form); false when anonymous.")
            .Resolve(c => c.Civic().Viewer() is { } viewer && viewer.UserId == c.Source.OwnerId);
        Field<NonNullGraphType<ConnectionType<CampaignUpdateGraphType>>>("updates")
            .Description("The owner's updates to backers, newest first, 20 a page by default (deleted ones left out): postCampaignUpdate writes them.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await CampaignUpdateFields.PageAsync(c, c.Source.Id));
    }

    private static CampaignLoaders Loaders(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<CampaignLoaders>();
}
