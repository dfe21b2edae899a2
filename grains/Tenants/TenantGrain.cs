using System.Collections.Immutable;
using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Live;
using Microsoft.Extensions.Options;

namespace Civic.Grains.Tenants;

/// <summary>
/// A tenant's settings and its catalog. Lists are served from here so that a page of campaigns
/// never activates one grain per row; live figures on a list are as fresh as each grain's last report.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", "civic")] IPersistentState<TenantState> state,
    TimeProvider time,
    IOptions<QuotaOptions> quotas) : Grain, ITenantGrain
{
    private readonly StateWriter _writer = new(state);

    /// <summary>Creations that took a quota slot and have not listed yet (lost on deactivation: they are seconds long).</summary>
    private readonly Dictionary<string, PendingCreation> _pending = new(StringComparer.Ordinal);

    public async Task<TenantInfo> CreateAsync(CreateTenant command, Actor actor)
    {
        var slug = this.GetPrimaryKeyString();
        command = TenantRules.WithDefaults(command);
        TenantRules.ValidateCreate(slug, command, actor);
        if (state.State.Info is not null)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, $"The tenant '{slug}' already exists.");
        }

        if (command.CustomHosts.Length > 0)
        {
            await GrainFactory.GetGrain<ITenantDirectoryGrain>(0)
                .RegisterAsync(slug, [.. command.CustomHosts.Select(h => h.ToLowerInvariant())]);
        }

        state.State.Info = new TenantInfo(
            slug, command.Name.Trim(), command.Locale, command.Branding!, command.Modules!.Value,
            [.. command.CustomHosts.Select(h => h.ToLowerInvariant())], Enabled: true, time.GetUtcNow());
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            state.State.Info = null;
            throw;
        }

        return state.State.Info;
    }

    private LivePublisher<TenantInfo>? _live;

    private LivePublisher<TenantInfo> Watchers => _live ??= new(
        () => state.State.Info,
        (a, b) => a == b,
        (observer, info) => observer.TenantUpdatedAsync(this.GetPrimaryKeyString(), info),
        (flush, due) => this.RegisterGrainTimer(flush, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)),
        time.GetUtcNow);

    public async Task<TenantInfo?> WatchAsync(ILiveObserver observer)
    {
        var info = await GetAsync();
        return info is null ? null : Watchers.Watch(observer);
    }

    public Task<TenantInfo?> GetAsync()
    {
        if (state.State.Info is null)
        {
            // No such tenant: asking for made-up names must not keep an activation per name alive.
            DeactivateOnIdle();
        }

        return Task.FromResult(state.State.Info);
    }

    public async Task UpsertListingAsync(CatalogListing listing)
    {
        _pending.Remove(listing.Id);
        var listings = state.State.Listings;
        var structural = !listings.TryGetValue(listing.Id, out var previous)
            || previous.Public != listing.Public
            || StatusOf(previous) != StatusOf(listing)
            || HistoryLength(previous) != HistoryLength(listing);
        listings[listing.Id] = listing;

        // Only new entries and status changes are written at once; live figures are refreshed
        // by each grain's next report and need not cost a write each.
        if (structural)
        {
            await _writer.WriteAsync();
        }
    }

    private static int HistoryLength(CatalogListing listing) => listing.History.IsDefault ? 0 : listing.History.Length;

    public Task<Page<CatalogListing>> ListAsync(CatalogKind kind, int first, string? after, Actor? viewer) =>
        Task.FromResult(Page(kind, _ => true, first, after, viewer));

    public Task<Page<CatalogListing>> ListCampaignsAsync(CampaignFilter filter, int first, string? after, Actor? viewer) =>
        Task.FromResult(Page(CatalogKind.Campaign, l => l.Campaign is { } c && filter.Keeps(c), first, after, viewer));

    /// <summary>
    /// The listings of a kind the viewer may see, newest first; those <paramref name="keep"/> passes after the cursor.
    /// The cursor is found among every visible listing, so it stays valid whether or not it passes the filter.
    /// </summary>
    private Page<CatalogListing> Page(CatalogKind kind, Func<CatalogListing, bool> keep, int first, string? after, Actor? viewer)
    {
        var includeDrafts = TenantRules.SeesDrafts(viewer, this.GetPrimaryKeyString());
        var ordered = state.State.Listings.Values
            .Where(l => l.Kind == kind && (l.Public || includeDrafts))
            .OrderByDescending(l => l.CreatedAt)
            .ThenBy(l => l.Id, StringComparer.Ordinal)
            .ToList();
        var start = 0;
        if (after is not null)
        {
            var index = ordered.FindIndex(l => l.Id == after);
            if (index < 0)
            {
                throw new CivicException(ErrorCodes.Validation, "The cursor does not match any item.");
            }

            start = index + 1;
        }

        var kept = ordered.Skip(start).Where(keep).ToList();
        var items = kept.Take(first).ToImmutableArray();
        var total = start == 0 ? kept.Count : ordered.Count(keep);
        return new Page<CatalogListing>(items, items.Length < kept.Count, total);
    }

    public Task<ImmutableArray<FeedItem>> RecentMovesAsync(int count) =>
        Task.FromResult(TenantFeed.FromCatalog(state.State.Listings.Values, time.GetUtcNow(), count).ToImmutableArray());

    public Task<ImmutableDictionary<string, ImmutableArray<CampaignStatusChange>?>> GetCampaignHistoriesAsync(
        ImmutableArray<string> campaignIds, Actor? viewer)
    {
        var tenant = this.GetPrimaryKeyString();
        var answer = ImmutableDictionary.CreateBuilder<string, ImmutableArray<CampaignStatusChange>?>(StringComparer.Ordinal);
        foreach (var id in campaignIds)
        {
            if (state.State.Listings.TryGetValue(id, out var listing) && listing.Campaign is { } campaign && !listing.History.IsDefault)
            {
                answer[id] = CampaignRules.CanSeeHistory(viewer, tenant, campaign.OwnerId) ? listing.History : null;
            }
        }

        return Task.FromResult(answer.ToImmutable());
    }

    public async Task<TenantInfo> SetAreaAsync(GeoArea? area, Actor actor)
    {
        var slug = this.GetPrimaryKeyString();
        var info = state.State.Info ?? throw new CivicException(ErrorCodes.NotFound, $"No tenant '{slug}'.");
        if (!actor.IsAtLeast(Role.Admin) || actor.Tenant != slug)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the tenant's admins declare its area.");
        }

        if (area is not null)
        {
            Ideas.IdeaRules.ValidateArea(area);
        }

        state.State.Info = info with { Area = area };
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            state.State.Info = info;
            throw;
        }

        _live?.Changed();

        return state.State.Info;
    }

    public async Task<TenantInfo> UpdateBrandingAsync(UpdateTenantBranding command, Actor actor)
    {
        var slug = this.GetPrimaryKeyString();
        var info = state.State.Info ?? throw new CivicException(ErrorCodes.NotFound, $"No tenant '{slug}'.");
        var clean = TenantRules.ValidateBrandingUpdate(slug, command, actor);
        var changed = info with { Name = clean.Name, Locale = clean.Locale, Branding = clean.Branding };
        if (changed == info)
        {
            return info;
        }

        state.State.Info = changed;
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            state.State.Info = info;
            throw;
        }

        _live?.Changed();

        return changed;
    }

    public async Task<ImmutableArray<TenantCampaignCategory>> DefineCampaignCategoryAsync(TenantCampaignCategory category, Actor actor)
    {
        var slug = this.GetPrimaryKeyString();
        if (state.State.Info is null)
        {
            throw new CivicException(ErrorCodes.NotFound, $"No tenant '{slug}'.");
        }

        var categories = state.State.CampaignCategories;
        var clean = TenantRules.ValidateCampaignCategory(slug, category, categories, actor);
        var index = categories.FindIndex(c => c.Code == clean.Code);
        if (index >= 0 && categories[index] == clean)
        {
            return [.. categories];
        }

        var previous = index >= 0 ? categories[index] : null;
        if (previous is null)
        {
            categories.Add(clean);
        }
        else
        {
            categories[index] = clean;
        }

        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            if (previous is null)
            {
                categories.RemoveAt(categories.Count - 1);
            }
            else
            {
                categories[index] = previous;
            }

            throw;
        }

        return [.. categories];
    }

    public Task<ImmutableArray<TenantCampaignCategory>> GetCampaignCategoriesAsync() =>
        Task.FromResult<ImmutableArray<TenantCampaignCategory>>([.. state.State.CampaignCategories]);

    public async Task ReserveCreationAsync(Creation creation)
    {
        var now = time.GetUtcNow();
        foreach (var stale in _pending.Values.Where(p => now - p.At > CreationQuotas.PendingFor).ToList())
        {
            _pending.Remove(stale.Id);
        }

        var calls = state.State.MatchCalls;
        if (_pending.ContainsKey(creation.Id) || state.State.Listings.ContainsKey(creation.Id) || calls.Contains(creation.Id))
        {
            return;
        }

        CreationQuotas.Check(creation, state.State.Listings.Values, _pending.Values, calls.Count, quotas.Value, now);
        if (creation.Kind != CreationKind.MatchCall)
        {
            _pending[creation.Id] = new PendingCreation(
                creation.Kind, creation.Id, creation.By.UserId, CreationQuotas.CountsForMember(creation.By), now);
            return;
        }

        // A call lists nowhere in this grain: its slot is written before the call opens.
        calls.Add(creation.Id);
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            calls.Remove(creation.Id);
            throw;
        }
    }

    public async Task ReleaseCreationAsync(CreationKind kind, string id)
    {
        _pending.Remove(id);
        if (kind == CreationKind.MatchCall && state.State.MatchCalls.Remove(id))
        {
            await _writer.WriteAsync();
        }
    }

    private static string? StatusOf(CatalogListing l) => l.Campaign?.Status.ToString() ?? l.Vote?.Status.ToString();
}
