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
            .Description("A campaign's live figures: raised, backers, contributions, status, rewards and shares left. NOT_FOUND when campaign(id) would be null for the caller.")
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
    }
}
