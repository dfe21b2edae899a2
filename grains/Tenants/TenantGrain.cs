using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Tenants;

/// <summary>
/// A tenant's settings and its catalog. Lists are served from here so that a page of campaigns
/// never activates one grain per row; live figures on a list are as fresh as each grain's last report.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", "civic")] IPersistentState<TenantState> state,
    TimeProvider time) : Grain, ITenantGrain
{
    private readonly StateWriter _writer = new(state);

    public async Task<TenantInfo> CreateAsync(CreateTenant command, Actor actor)
    {
        var slug = this.GetPrimaryKeyString();
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
            slug, command.Name.Trim(), command.Locale, command.Branding, command.Modules,
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
        var listings = state.State.Listings;
        var structural = !listings.TryGetValue(listing.Id, out var previous)
            || previous.Public != listing.Public
            || StatusOf(previous) != StatusOf(listing);
        listings[listing.Id] = listing;

        // Only new entries and status changes are written at once; live figures are refreshed
        // by each grain's next report and need not cost a write each.
        if (structural)
        {
            await _writer.WriteAsync();
        }
    }

    public Task<Page<CatalogListing>> ListAsync(CatalogKind kind, int first, string? after, bool includeDrafts)
    {
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

        var items = ordered.Skip(start).Take(first).ToImmutableArray();
        return Task.FromResult(new Page<CatalogListing>(items, start + items.Length < ordered.Count, ordered.Count));
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

    private static string? StatusOf(CatalogListing l) => l.Campaign?.Status.ToString() ?? l.Vote?.Status.ToString();
}
