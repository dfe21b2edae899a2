using Civic.Api.Live;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;

namespace Civic.Api.GraphQL;

/// <summary>
/// Live figures over WebSocket (graphql-transport-ws). A subscription is allowed when the query of
/// the same thing would show it to the caller (drafts to their owner and the tenant's moderators);
/// its first value is the current one, then a value at most every Live:MinInterval, the last one winning.
/// </summary>
public sealed class CivicSubscription : ObjectGraphType
{
    public CivicSubscription(IClusterClient cluster, LiveHub hub)
    {
        Name = "Subscription";

        Field<NonNullGraphType<CampaignLiveGraphType>>("campaignUpdated")
            .Description("A campaign's live figures: raised, matched, backers, contributions, status, rewards and shares left. NOT_FOUND when campaign(id) would be null for the caller.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveStreamAsync(async c =>
            {
                var request = c.Civic();
                var tenant = request.RequireTenant().Slug;
                var id = c.GetArgument<string>("id");
                if (cluster.CampaignOrNull(tenant, id) is not { } campaign || await campaign.GetAsync(request.Viewer()) is null)
                {
                    throw new CivicException(ErrorCodes.NotFound, "There is no such campaign.");
                }

                return (IObservable<object?>)hub.Campaign(tenant, id);
            });

        Field<NonNullGraphType<VoteLiveGraphType>>("voteUpdated")
            .Description("A vote's live figures: status, ballots so far (per district), and the results once it closes; per-option counts (tallies) while it is open only when the vote shows live tallies (FORBIDDEN otherwise). NOT_FOUND when vote(id) would be null for the caller.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveStreamAsync(async c =>
            {
                var request = c.Civic();
                var tenant = request.RequireTenant().Slug;
                var id = c.GetArgument<string>("id");
                if (cluster.VoteOrNull(tenant, id) is not { } vote || await vote.GetAsync(request.Viewer()) is not { } summary)
                {
                    throw new CivicException(ErrorCodes.NotFound, "There is no such vote.");
                }

                if (!VoteTallies.Shown(summary)
                    && c.SubFields?.Values.Any(f => f.Field.Name.Value == "tallies") == true)
                {
                    throw new CivicException(ErrorCodes.Forbidden, "This vote shows no per-option count while it is open (its liveTallies setting is off).");
                }

                return (IObservable<object?>)hub.Vote(tenant, id);
            });

        Field<NonNullGraphType<Types.IdeaLiveGraphType>>("ideaUpdated")
            .Description("An idea's live figures: supports, state, comment count, hidden (a hidden idea's title as idea(id) shows it). NOT_FOUND when idea(id) would be null.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .WithMetadata(Transport.SharedSubscriptionKey.ReadsViewerIdentity, true) // the title of a hidden idea: its author sees it
            .ResolveStreamAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant().Slug;
                var id = c.GetArgument<string>("id");
                if (cluster.IdeaOrNull(tenant, id) is not { } idea || await idea.GetAsync() is null)
                {
                    throw new CivicException(ErrorCodes.NotFound, "There is no such idea.");
                }

                return (IObservable<object?>)hub.Idea(tenant, id);
            });

        Field<NonNullGraphType<Types.IdeaBoxLiveGraphType>>("ideaBoxUpdated")
            .Description("An idea box's live figures: open, the number of ideas, the newest idea. NOT_FOUND when ideaBox(id) would be null.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveStreamAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant().Slug;
                var id = c.GetArgument<string>("id");
                if (cluster.IdeaBoxOrNull(tenant, id) is not { } box || await box.GetAsync() is null)
                {
                    throw new CivicException(ErrorCodes.NotFound, "There is no such idea box.");
                }

                return (IObservable<object?>)hub.IdeaBox(tenant, id);
            });

        Field<NonNullGraphType<Types.TenantFeedGraphType>>("tenantFeed")
            .Description("The tenant's news as it happens: campaigns published (submitted ones for moderators), votes opened and closed, idea boxes opened; the recent items first.")
            .ResolveStream(c => (IObservable<object?>)hub.TenantFeed(c.Civic().RequireTenant().Slug));
    }
}

/// <summary>The figures of a vote that move on vote day; no option's count until the results, unless the vote shows live tallies.</summary>
public sealed class VoteLiveGraphType : ObjectGraphType<VoteLive>
{
    public VoteLiveGraphType()
    {
        Name = "VoteLive";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<Types.VoteStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("ballots").Description("Ballots cast so far.").Resolve(c => c.Source.Ballots);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Types.VoteDistrictGraphType>>>>("districts")
            .Description("Ballots so far per district; empty for a city-wide vote.")
            .Resolve(c => c.Source.Districts.IsDefault ? [] : c.Source.Districts);
        Field<NonNullGraphType<BooleanGraphType>>("liveTallies").Description("Whether the vote shows its per-option counts while open.").Resolve(c => c.Source.LiveTallies);
        Field<ListGraphType<NonNullGraphType<Types.VoteOptionGraphType>>>("tallies")
            .Description("Per-option counts: while open only for a vote with live tallies (a subscription asking for them otherwise is refused), and once closed.")
            .Resolve(c => VoteTallies.Shown(c.Source.Status, c.Source.LiveTallies) ? Types.VoteOptionView.Counted(c.Source.Options, c.Source.Id) : null);
        Field<Types.VoteResultsGraphType>("results").Description("Null until the vote is closed.").Resolve(c => c.Source.Results is null
            ? null
            : new Types.VoteResultsView(c.Source.Results, c.Source.Options, c.Source.Id));
    }
}

/// <summary>The figures of a campaign that move while it runs.</summary>
public sealed class CampaignLiveGraphType : ObjectGraphType<CampaignSummary>
{
    public CampaignLiveGraphType()
    {
        Name = "CampaignLive";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<Types.CampaignStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<Types.MoneyGraphType>>("goal").Resolve(c => c.Source.Goal);
        Field<NonNullGraphType<Types.MoneyGraphType>>("raised").Resolve(c => c.Source.Raised);
        Field<NonNullGraphType<IntGraphType>>("backers").Description("Distinct members who contributed.").Resolve(c => c.Source.Backers);
        Field<NonNullGraphType<IntGraphType>>("contributions").Resolve(c => c.Source.Contributions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Types.CampaignRewardGraphType>>>>("rewards")
            .Description("Rewards with the units left.")
            .Resolve(c => c.Source.Rewards.IsDefault ? [] : c.Source.Rewards);
        Field<LongGraphType>("sharesRemaining").Description("Equity campaigns only.").Resolve(c => c.Source.SharesRemaining);
        Field<Types.MoneyGraphType>("matched")
            .Description("Matchfunding campaigns: the matches of their pool, apart from raised (as campaign(id) shows them); null otherwise.")
            .Resolve(c => c.Source.Matched);
    }
}
