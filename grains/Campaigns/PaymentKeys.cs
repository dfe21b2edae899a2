using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Payments;
using Npgsql;

namespace Civic.Grains.Campaigns;

/// <summary>
/// The contribution ids a campaign charges under. A new contribution is charged before its row is written (so
/// the row is written once, with the provider's answer), which is safe only because its id was made durable
/// before the charge: ids come from blocks (<see cref="GrainKeys.NewBlock"/>), each recorded in
/// civic_payment_key_blocks before its first id is handed out, so the payment sweeper can list every id that may
/// have been charged and find a charge whose row never came (a crash between the two). One block write covers
/// many pledges: blocks double while they are used up within <see cref="PaymentOptions.KeyBlockLifetime"/> (up
/// to <see cref="MaxSize"/>), and a block is never charged under once that lifetime is over, so the sweeper,
/// which waits <see cref="PaymentOptions.SweepAfter"/>, only looks at blocks their campaign is done with.
/// </summary>
internal sealed class PaymentKeys(Func<CampaignState> state, LedgerStore store, PaymentOptions options, TimeProvider time)
{
    /// <summary>The first block of an activation, and the size a block falls back to when its lifetime ran out first.</summary>
    public const int MinSize = 16;

    /// <summary>The largest block: what the sweeper looks at for a block whose campaign died without saying how much it used.</summary>
    public const int MaxSize = 1024;

    private string? _block;
    private int _size;
    private int _next;
    private DateTimeOffset _openedAt;
    private Task? _opening;

    /// <summary>
    /// How long one block is charged under: <see cref="PaymentOptions.KeyBlockLifetime"/>, but never more than half of
    /// <see cref="PaymentOptions.SweepAfter"/>, whatever the settings say: a block swept while ids were still taken from
    /// it would hide the charges made after the sweep.
    /// </summary>
    private TimeSpan Lifetime => options.KeyBlockLifetime < options.SweepAfter / 2 ? options.KeyBlockLifetime : options.SweepAfter / 2;

    /// <summary>An id can be taken now, in this turn (else <see cref="OpenAsync"/> first).</summary>
    public bool Ready(DateTimeOffset now) => _block is not null && _next < _size && now - _openedAt < Lifetime;

    /// <summary>The next id of the open block; only after <see cref="Ready"/> answered true in this same turn.</summary>
    public string Take()
    {
        if (_block is null || _next >= _size)
        {
            throw new InvalidOperationException("No payment key block is open.");
        }

        return GrainKeys.InBlock(_block, _next++);
    }

    /// <summary>Records the next block (and how much of this one was used); callers arriving meanwhile share the one write.</summary>
    public Task OpenAsync()
    {
        return _opening is { IsCompleted: false } ? _opening : _opening = OpenOnceAsync();

        async Task OpenOnceAsync()
        {
            var now = time.GetUtcNow();
            var size = _block is null ? MinSize : _next >= _size ? Math.Min(_size * 2, MaxSize) : MinSize;
            var block = GrainKeys.NewBlock(IdPrefixes.Contribution);
            var closing = _block is null ? ((string, int)?)null : (_block, _next);
            try
            {
                await store.OpenPaymentKeyBlockAsync(state().Tenant, state().Id, block, size, now, closing);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw new CivicException(ErrorCodes.Unavailable, "The contribution was not recorded: try again in a moment.");
            }

            (_block, _size, _next, _openedAt) = (block, size, 0, now);
        }
    }

    /// <summary>On deactivation: records how many ids the open block handed out, so the sweeper looks at those only (best effort).</summary>
    public async Task CloseAsync()
    {
        if (_block is { } block)
        {
            _block = null;
            await store.ClosePaymentKeyBlockAsync(block, _next);
        }
    }
}
