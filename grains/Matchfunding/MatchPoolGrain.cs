using Civic.Grains.Faults;
using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Matchfunding;

/// <summary>
/// What the pool grain persists: its currency, everything ever put in it, its rules, the top-ups taken
/// by idempotency key (with their first answers) and, for a call's pool, the call.
/// </summary>
[GenerateSerializer, Alias("civic.match-pool-state")]
public sealed class MatchPoolState
{
    [Id(0)] public string? Currency { get; set; }
    [Id(1)] public long Budget { get; set; }
    [Id(2)] public MatchSettings Settings { get; set; } = MatchSettings.Default;
    [Id(3)] public Dictionary<string, MatchTopUp> TopUps { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public MatchCall? Call { get; set; }
}

/// <summary>
/// A match pool, the tenant's default one (keyed by the tenant slug) or a call's (keyed tenant/call):
/// the single writer of its budget and matches. Each match is reserve (one turn) → civic_matches row through the
/// ledger's group commit → commit → answer. A match whose write surely did not happen is released; one whose
/// outcome is unknown stays held until a write of the same row says it is there. The matches themselves live in
/// civic_matches and rebuild the pool on activation.
/// </summary>
[MayInterleave(nameof(CanInterleave))]
public sealed class MatchPoolGrain(
    [PersistentState("match-pool", "civic")] IPersistentState<MatchPoolState> state,
    LedgerWriter ledger,
    LedgerStore store,
    DomainClock time,
    ILogger<MatchPoolGrain> logger) : CivicGrain, IMatchPoolGrain
{
    private readonly StateWriter _writer = new(state);
    private readonly Dictionary<string, MatchRow> _matches = new(StringComparer.Ordinal);
    private readonly HashSet<string> _returned = new(StringComparer.Ordinal);

    /// <summary>
    /// Matches whose write may have committed though its answer was lost (OUTCOME_UNKNOWN): their money stays held in
    /// the pool, so what it offers never exceeds its budget less what the database holds, until a write of the same
    /// row answers (Committed or Duplicate: the row is there; the database is then the truth).
    /// </summary>
    private readonly Dictionary<string, MatchEntry> _inDoubt = new(StringComparer.Ordinal);

    /// <summary>Matches on their way to the database, by contribution: the same contribution asked twice waits for the first.</summary>
    private readonly Dictionary<string, (string CampaignId, Task<long> Commit)> _inFlight = new(StringComparer.Ordinal);

    private readonly MatchTurns _turns = new();
    private MatchPool? _pool;
    private string _tenant = "";

    /// <summary>'' for the tenant's default pool, the call id otherwise (as civic_matches.call_id says).</summary>
    private string _callId = "";

    private bool IsCall => _callId.Length > 0;

    /// <summary>
    /// Matches interleave with each other at their commit await, so concurrent matches share one group commit; the
    /// synchronous reads interleave with anything. What holds at each await: (1) a match is quoted and its money
    /// held in one turn, against every other hold, so however matches interleave the pool is never overdrawn;
    /// (2) a hold leaves only by its own commit's answer (committed, released when surely not written, or kept in
    /// doubt), and a contribution has one match in flight at a time; (3) top-ups, returns and call openings run
    /// alone (<see cref="MatchTurns"/>): no match is in flight while they rebuild or close part of the pool.
    /// </summary>
    public static bool CanInterleave(IInvokable request) =>
        request.GetMethodName() is nameof(MatchAsync) or nameof(MatchedForAsync) or nameof(MatchedForManyAsync) or nameof(GetStatusAsync);

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        (_tenant, _callId) = key.Contains('/', StringComparison.Ordinal) ? GrainKeys.Split(key) : (key, "");
        if (state.State.Currency is null)
        {
            return;
        }

        foreach (var (campaignId, contributionId, backer, amount, returned) in await store.MatchesAsync(_tenant, _callId))
        {
            _matches[contributionId] = new MatchRow(campaignId, backer, amount);
            if (returned)
            {
                _returned.Add(campaignId);
            }
        }

        if (state.State.Call is { } call)
        {
            // The state was written first: list the call if its row did not make it (idempotent).
            await store.InsertMatchCallAsync(_tenant, call);
        }

        _pool = Build(state.State.Currency, state.State.Budget, state.State.Settings);
    }

    public async Task<MatchCall> OpenCallAsync(OpenMatchCall command, Actor actor)
    {
        using var turn = await _turns.AloneAsync();
        EnsureAdmin(actor, "Only the tenant's admins open matchfunding calls.");
        if (!IsCall)
        {
            throw new CivicException(ErrorCodes.Validation, "The tenant's default pool is not a call.");
        }

        if (state.State.Call is not null)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, "This call is already open.");
        }

        var call = MatchCallRules.Open(_callId, command, time.GetUtcNow());
        var pool = Build(call.Currency, 0, call.Settings);
        var quotas = GrainFactory.GetGrain<ITenantGrain>(_tenant);
        await quotas.ReserveCreationAsync(new Creation(CreationKind.MatchCall, _callId, actor));
        state.State.Currency = call.Currency;
        state.State.Settings = call.Settings;
        state.State.Call = call;
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            (state.State.Currency, state.State.Settings, state.State.Call) = (null, MatchSettings.Default, null);
            await quotas.ReleaseCreationAsync(CreationKind.MatchCall, _callId);
            throw;
        }

        _pool = pool;
        await store.InsertMatchCallAsync(_tenant, call);
        return call;
    }

    public Task<MatchCall?> GetCallAsync() => Task.FromResult(state.State.Call);

    public async Task<MatchPoolStatus> FundAsync(FundMatchPool command, Actor actor)
    {
        using var turn = await _turns.AloneAsync();
        EnsureAdmin(actor, "Only the tenant's admins fund its match pools.");
        var amount = command.Amount;
        if (MatchCallRules.Replay(state.State.TopUps, command.IdempotencyKey, amount) is { } first)
        {
            return first;
        }

        if (IsCall && state.State.Call is null)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such matchfunding call.");
        }

        if (IsCall && (command.Settings is not null || command.Requested is not null))
        {
            throw new CivicException(ErrorCodes.Validation, "A call's rules are set when it opens.");
        }

        if (amount.Amount <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "A top-up must be a positive amount in cents.");
        }

        if (state.State.Currency is { } currency && currency != amount.Currency)
        {
            throw new CivicException(ErrorCodes.CurrencyMismatch, $"The pool matches {currency} only.");
        }

        // The pool is rebuilt below from the recorded matches: none may be in doubt then.
        await SettleAllAsync();

        // Validates the currency, the budget and the rules before anything is written.
        var settings = MatchCallRules.ForTopUp(command, state.State.Settings);
        var next = Build(amount.Currency, checked(state.State.Budget + amount.Amount), settings);
        var answer = Status(next);
        var previous = (state.State.Currency, state.State.Budget, state.State.Settings);
        state.State.Currency = amount.Currency;
        state.State.Budget = next.Budget;
        state.State.Settings = settings;
        state.State.TopUps[command.IdempotencyKey] = new MatchTopUp(amount, answer);
        try
        {
            await _writer.WriteAsync();
        }
        catch
        {
            (state.State.Currency, state.State.Budget, state.State.Settings) = previous;
            state.State.TopUps.Remove(command.IdempotencyKey);
            throw;
        }

        _pool = next;
        return answer;
    }

    public Task<MatchPoolStatus?> GetStatusAsync() => Task.FromResult(_pool is null ? null : Status(_pool));

    public async Task<long> MatchAsync(string campaignId, long goal, string backer, string contributionId, Money amount)
    {
        using var turn = await _turns.MatchAsync();
        if (_inFlight.TryGetValue(contributionId, out var running))
        {
            var first = await running.Commit;
            return running.CampaignId == campaignId ? first : 0;
        }

        MatchEntry entry;
        if (_inDoubt.TryGetValue(contributionId, out var doubtful))
        {
            // Asked again (the campaign's retry) for a match whose write may have committed: write the same row again.
            entry = doubtful;
        }
        else if (_matches.TryGetValue(contributionId, out var known))
        {
            return known.CampaignId == campaignId ? known.Amount : 0;
        }
        else if (_pool is null || amount.Currency != _pool.Currency || amount.Amount <= 0)
        {
            return 0;
        }
        else
        {
            var decision = _pool.Reserve(contributionId, campaignId, goal, backer, amount);
            if (decision.Amount == 0)
            {
                return 0;
            }

            entry = new MatchEntry(_tenant, _callId, campaignId, contributionId, backer, decision.Amount);
        }

        var commit = CommitAsync(entry);
        _inFlight[contributionId] = (entry.CampaignId, commit);
        try
        {
            var matched = await commit;
            return entry.CampaignId == campaignId ? matched : 0;
        }
        finally
        {
            _inFlight.Remove(contributionId);
        }
    }

    /// <summary>
    /// Writes a held match and settles its hold: committed, released when the row surely was not written, or kept
    /// (in doubt) when it may have been. Answers the cents matched.
    /// </summary>
    private async Task<long> CommitAsync(MatchEntry entry)
    {
        var id = entry.ContributionId;
        CommitOutcome outcome;
        try
        {
            outcome = await ledger.AppendAsync(entry);
        }
        catch (LedgerUnavailableException ex) when (!ex.MayHaveCommitted && !_inDoubt.ContainsKey(id))
        {
            // Nothing was sent, or the server rolled the statement back: the money is free again.
            _pool!.Release(id);
            logger.LogWarning(ex, "Match of contribution {Contribution} not recorded", id);
            throw ex.ToCivicError("The match");
        }
        catch (Exception ex)
        {
            // The row may be in the database (this write's answer was lost, or an earlier one's still is): keep holding
            // its money; the next write of the same row settles it.
            _inDoubt[id] = entry;
            logger.LogWarning(ex, "Match of contribution {Contribution} may or may not be recorded; its money stays held", id);
            throw new CivicException(ErrorCodes.OutcomeUnknown,
                "The match may or may not have been recorded: ask again for the same contribution; a recorded match is recognised.");
        }

        switch (outcome)
        {
            case CommitOutcome.Committed:
                _inDoubt.Remove(id);
                _pool!.Commit(id);
                _matches[id] = new MatchRow(entry.CampaignId, entry.Backer, entry.Amount);
                return entry.Amount;
            case CommitOutcome.Rejected:
                // The database refused this row alone (a check, a trigger): nothing was written; the campaign asks again.
                _inDoubt.Remove(id);
                _pool!.Release(id);
                logger.LogError("The ledger refused the match of contribution {Contribution}", id);
                throw new CivicException(ErrorCodes.Unavailable, "The match was refused by the ledger and not recorded.");
            default:
                return await AdoptAsync(entry);
        }
    }

    /// <summary>
    /// The contribution already has a match row (an earlier write of it whose answer was lost): the pool counts the
    /// row as the database holds it in place of the hold. Until it is read, the hold stays (in doubt).
    /// </summary>
    private async Task<long> AdoptAsync(MatchEntry entry)
    {
        var id = entry.ContributionId;
        (string Tenant, string CallId, string CampaignId, string Backer, long Amount, bool Returned)? found;
        try
        {
            found = await store.FindMatchAsync(id);
        }
        catch (Exception ex)
        {
            _inDoubt[id] = entry;
            logger.LogWarning(ex, "Match of contribution {Contribution} is recorded but could not be read; its money stays held", id);
            throw new CivicException(ErrorCodes.OutcomeUnknown, "The match is being settled: ask again for the same contribution.");
        }

        _inDoubt.Remove(id);
        _pool!.Release(id);
        if (found is not { } row || row.Tenant != _tenant || row.CallId != _callId)
        {
            // No row after all, or another pool's: this pool holds nothing for the contribution.
            return 0;
        }

        _matches[id] = new MatchRow(row.CampaignId, row.Backer, row.Amount);
        if (row.Returned)
        {
            return 0;
        }

        _pool.Restore(row.CampaignId, row.Backer, row.Amount);
        return row.CampaignId == entry.CampaignId ? row.Amount : 0;
    }

    /// <summary>Settles every match in doubt (a write of each row again); fails as UNAVAILABLE while one stays in doubt.</summary>
    private async Task SettleAllAsync()
    {
        foreach (var entry in _inDoubt.Values.ToArray())
        {
            try
            {
                await CommitAsync(entry);
            }
            catch (CivicException ex) when (ex.Code == ErrorCodes.OutcomeUnknown)
            {
                throw new CivicException(ErrorCodes.Unavailable, "A match of this pool is still being settled: try again in a moment.");
            }
        }
    }

    public Task<long> MatchedForAsync(string campaignId) => Task.FromResult(_pool?.MatchedFor(campaignId) ?? 0);

    public Task<ImmutableDictionary<string, long>> MatchedForManyAsync(ImmutableArray<string> campaignIds) =>
        Task.FromResult(campaignIds.Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(id => id, id => _pool?.MatchedFor(id) ?? 0, StringComparer.Ordinal));

    public async Task ReturnCampaignAsync(string campaignId)
    {
        using var turn = await _turns.AloneAsync();
        if (_pool is null || _returned.Contains(campaignId))
        {
            return;
        }

        // The campaign's matches in doubt settle first: a hold cannot go back to the pool.
        await SettleAllAsync();

        // Durable first: the rows say returned, then the pool takes the money back.
        await store.ReturnMatchesAsync(_tenant, campaignId, time.GetUtcNow());
        _returned.Add(campaignId);
        _pool.ReturnProject(campaignId);
    }

    private void EnsureAdmin(Actor actor, string message)
    {
        if (actor.Tenant != _tenant || !actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, message);
        }
    }

    /// <summary>A pool with these rules and this budget holding every recorded match; returned campaigns closed.</summary>
    private MatchPool Build(string currency, long budget, MatchSettings settings)
    {
        var pool = new MatchPool(currency, budget, settings);
        foreach (var match in _matches.Values)
        {
            pool.Restore(match.CampaignId, match.Backer, match.Amount);
        }

        foreach (var campaignId in _returned)
        {
            pool.ReturnProject(campaignId);
        }

        return pool;
    }

    private static MatchPoolStatus Status(MatchPool pool) => new(
        new Money(pool.Available, pool.Currency), new Money(pool.Committed, pool.Currency), pool.IsExhausted);

    private readonly record struct MatchRow(string CampaignId, string Backer, long Amount);
}
