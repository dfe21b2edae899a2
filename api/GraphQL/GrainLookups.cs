using Civic.Grains.Interfaces;

namespace Civic.Api.GraphQL;

/// <summary>
/// The grain behind an id a request names, in the request's tenant. An id that could not exist (wrong
/// prefix, malformed) never reaches a grain: the *OrNull forms answer null, the others NOT_FOUND.
/// </summary>
public static class GrainLookups
{
    public static ICampaignGrain? CampaignOrNull(this IClusterClient cluster, string tenant, string id) =>
        GrainKeys.IsWellFormed(id, IdPrefixes.Campaign) ? cluster.GetGrain<ICampaignGrain>(GrainKeys.Compound(tenant, id)) : null;

    public static ICampaignGrain Campaign(this IClusterClient cluster, string tenant, string id) =>
        cluster.CampaignOrNull(tenant, id) ?? throw new CivicException(ErrorCodes.NotFound, "No such campaign.");

    public static IMatchPoolGrain? MatchCallOrNull(this IClusterClient cluster, string tenant, string id) =>
        GrainKeys.IsWellFormed(id, IdPrefixes.MatchCall) ? cluster.GetGrain<IMatchPoolGrain>(MatchPools.Key(tenant, id)) : null;

    public static IMatchPoolGrain MatchCall(this IClusterClient cluster, string tenant, string id) =>
        cluster.MatchCallOrNull(tenant, id) ?? throw new CivicException(ErrorCodes.NotFound, "No such matchfunding call.");

    public static IVoteGrain? VoteOrNull(this IClusterClient cluster, string tenant, string id) =>
        GrainKeys.IsWellFormed(id, IdPrefixes.Vote) ? cluster.GetGrain<IVoteGrain>(GrainKeys.Compound(tenant, id)) : null;

    public static IVoteGrain Vote(this IClusterClient cluster, string tenant, string id) =>
        cluster.VoteOrNull(tenant, id) ?? throw new CivicException(ErrorCodes.NotFound, "No such vote.");

    public static IIdeaBoxGrain? IdeaBoxOrNull(this IClusterClient cluster, string tenant, string id) =>
        GrainKeys.IsWellFormed(id, IdPrefixes.IdeaBox) ? cluster.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(tenant, id)) : null;

    public static IIdeaBoxGrain IdeaBox(this IClusterClient cluster, string tenant, string id) =>
        cluster.IdeaBoxOrNull(tenant, id) ?? throw new CivicException(ErrorCodes.NotFound, "No such idea box.");

    public static IIdeaGrain? IdeaOrNull(this IClusterClient cluster, string tenant, string id) =>
        GrainKeys.IsWellFormed(id, IdPrefixes.Idea) ? cluster.GetGrain<IIdeaGrain>(GrainKeys.Compound(tenant, id)) : null;

    public static IIdeaGrain Idea(this IClusterClient cluster, string tenant, string id) =>
        cluster.IdeaOrNull(tenant, id) ?? throw new CivicException(ErrorCodes.NotFound, "No such idea.");
}
