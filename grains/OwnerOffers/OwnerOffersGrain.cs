using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.OwnerOffers;

/// <summary>What the owner's offers grain persists: the offers that still count, by campaign id.</summary>
[GenerateSerializer, Alias("civic.owner-offers-state")]
public sealed class OwnerOffersState
{
    [Id(0)] public List<OwnerOffer> Offers { get; set; } = [];
}

/// <summary>
/// One project owner's equity offers in one tenant. Not reentrant: each call checks against the
/// offers as last written and writes before the next call runs, so two offers created at once
/// cannot both take the last headroom. A failed write leaves the state as it was and the caller
/// gets the error.
/// </summary>
public sealed class OwnerOffersGrain(
    [PersistentState("owner-offers", "civic")] IPersistentState<OwnerOffersState> state,
    DomainClock time) : Grain, IOwnerOffersGrain
{
    public Task ReserveAsync(string campaignId, long maxRaise) =>
        ChangeAsync((book, now) => book.Reserve(campaignId, maxRaise, now));

    public Task CloseAsync(string campaignId, long raised) => ChangeAsync((book, _) => book.Close(campaignId, raised));

    public Task ReleaseAsync(string campaignId) => ChangeAsync((book, _) => book.Release(campaignId));

    public Task<ImmutableArray<OwnerOffer>> GetOffersAsync()
    {
        var book = new OwnerOfferBook(state.State.Offers);
        book.Prune(time.GetUtcNow());
        return Task.FromResult(book.Offers);
    }

    /// <summary>Applies a change to a copy of the offers (expired ones dropped) and writes it if anything changed.</summary>
    private async Task ChangeAsync(Func<OwnerOfferBook, DateTimeOffset, bool> change)
    {
        var now = time.GetUtcNow();
        var book = new OwnerOfferBook(state.State.Offers);
        var pruned = book.Prune(now);
        if (!change(book, now) && !pruned)
        {
            return;
        }

        var previous = state.State.Offers;
        state.State.Offers = [.. book.Offers];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Offers = previous;
            throw;
        }
    }
}
