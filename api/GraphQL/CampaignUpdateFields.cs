using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>
/// A campaign owner's updates to backers (issue 13): the mutations, one call to the campaign's updates grain each, the
/// written update read back with its author's name; and the campaign's page of them, read from PostgreSQL
/// (<see cref="CampaignUpdateReads"/>), newest first with keyset cursors.
/// </summary>
public static class CampaignUpdateFields
{
    private const string CursorKind = "campaign-update";

    public static void AddCampaignUpdateMutations(this ObjectGraphType mutation, IClusterClient cluster)
    {
        mutation.Field<NonNullGraphType<CampaignUpdateGraphType>>("postCampaignUpdate")
            .Description("""
                The campaign's owner posts an update (news to backers) once the campaign is published (approved, live, or
                ended: what became of the money); each backer is told by a notification (kind campaign_update). Errors:
                UNAUTHENTICATED, NOT_FOUND (no such campaign the caller may see), FORBIDDEN (not the campaign's owner),
                CAMPAIGN_NOT_PUBLIC (a draft, in review or rejected), CAMPAIGN_UPDATE_TITLE_INVALID (empty, over 150
                characters or not one line), CAMPAIGN_UPDATE_BODY_INVALID (empty or over 10,000 characters), QUOTA_EXCEEDED
                (the campaign's updates of the day, quota CampaignUpdatesPerCampaignPerDay). Nothing is written on an error.
                """)
            .Argument<NonNullGraphType<PostCampaignUpdateInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var i = c.GetArgument<PostCampaignUpdateInput>("input");
                if (!GrainKeys.IsWellFormed(i.CampaignId, IdPrefixes.Campaign))
                {
                    throw new CivicException(ErrorCodes.NotFound, "No such campaign.");
                }

                var posted = await Updates(cluster, actor.Tenant, i.CampaignId).PostAsync(new WriteCampaignUpdate(i.Title, i.Body), actor);
                return await ReadBackAsync(c, actor.Tenant, posted);
            });

        mutation.Field<NonNullGraphType<CampaignUpdateGraphType>>("editCampaignUpdate")
            .Description("""
                The author rewrites an update's title and text (the previous ones are kept in versions; backers are not told
                again). Errors: UNAUTHENTICATED, NOT_FOUND, FORBIDDEN (not the author), INVALID_TRANSITION (deleted),
                CAMPAIGN_UPDATE_TITLE_INVALID, CAMPAIGN_UPDATE_BODY_INVALID.
                """)
            .Argument<NonNullGraphType<EditCampaignUpdateInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var i = c.GetArgument<EditCampaignUpdateInput>("input");
                var grain = await UpdatesOfAsync(c, cluster, actor.Tenant, i.Id);
                return await ReadBackAsync(c, actor.Tenant, await grain.EditAsync(i.Id, new WriteCampaignUpdate(i.Title, i.Body), actor));
            });

        mutation.Field<NonNullGraphType<CampaignUpdateGraphType>>("deleteCampaignUpdate")
            .Description("""
                The author, or a moderator or admin of the tenant (an abusive update), deletes an update: it leaves the
                campaign's page and the notifications it sent; deleting again changes nothing. Errors: UNAUTHENTICATED, NOT_FOUND, FORBIDDEN.
                """)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                var id = c.GetArgument<string>("id");
                return await ReadBackAsync(c, actor.Tenant, await (await UpdatesOfAsync(c, cluster, actor.Tenant, id)).DeleteAsync(id, actor));
            });
    }

    /// <summary>The campaign's updates as a connection (first, after), newest first; the campaign is one the caller may see.</summary>
    public static async Task<object> PageAsync(IResolveFieldContext c, string campaignId)
    {
        var tenant = c.Civic().RequireTenant();
        var first = Cursors.PageSize(c.GetArgument<int?>("first"));
        var cursor = c.GetArgument<string?>("after");
        var after = Cursors.TimeKeyFrom(cursor, CursorKind);
        if (after is { } key && !GrainKeys.IsWellFormed(key.Id, IdPrefixes.CampaignUpdate))
        {
            throw new CivicException(ErrorCodes.Validation, "The cursor is not valid.");
        }

        var (rows, hasMore) = await c.RequestServices!.GetRequiredService<CampaignUpdateReads>()
            .PageAsync(tenant.Slug, campaignId, first, after, c.CancellationToken);
        return Connections.Of(rows, r => r, r => Cursors.ForTimeKey(CursorKind, r.Update.PostedAt, r.Update.Id), hasMore, cursor is not null);
    }

    private static ICampaignUpdatesGrain Updates(IClusterClient cluster, string tenant, string campaignId) =>
        cluster.GetGrain<ICampaignUpdatesGrain>(UpdatedCampaigns.GrainKey(tenant, campaignId));

    private static async Task<ICampaignUpdatesGrain> UpdatesOfAsync(IResolveFieldContext c, IClusterClient cluster, string tenant, string updateId)
    {
        var campaign = GrainKeys.IsWellFormed(updateId, IdPrefixes.CampaignUpdate)
            ? await c.RequestServices!.GetRequiredService<CampaignUpdateReads>().CampaignOfAsync(tenant, updateId, c.CancellationToken)
            : null;
        return campaign is not null ? Updates(cluster, tenant, campaign) : throw new CivicException(ErrorCodes.NotFound, "No such update.");
    }

    /// <summary>The update the grain wrote, with its author's display name.</summary>
    private static async Task<CampaignUpdateRow> ReadBackAsync(IResolveFieldContext c, string tenant, CampaignUpdateView update) =>
        await c.RequestServices!.GetRequiredService<CampaignUpdateReads>().OneAsync(tenant, update.Id, c.CancellationToken) is { } row
            ? row with { Update = update }
            : new CampaignUpdateRow(update, null);
}
