using Civic.Grains.Interfaces;
using Civic.Grains.Matchfunding;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Campaigns;

/// <summary>
/// A campaign's conversations with its match pool. A committed pledge is matched after the fact and never
/// fails or waits long because of the pool: an error or a slow pool leaves the match unknown (null) in the
/// answer, and the contribution is kept in <see cref="CampaignState.PendingMatches"/> and asked again every
/// <see cref="RetryEvery"/> until the pool answers (the pool keys matches by contribution id, so a
/// contribution is never matched twice). A failed campaign's matches go back to the pool (idempotent).
/// </summary>
internal sealed class CampaignMatching(IGrainBase grain, IGrainFactory grains, Func<CampaignState> state, StateWriter writer, ILogger logger)
{
    /// <summary>How long a committed pledge waits for the pool's answer before answering without it.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>How often contributions whose match is unknown ask their pool again.</summary>
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private IGrainTimer? _retry;

    private CampaignState S => state();

    /// <summary>The pool of the campaign's call, or the tenant's default pool.</summary>
    private IMatchPoolGrain Pool => grains.GetGrain<IMatchPoolGrain>(MatchPools.Key(S.Tenant, S.MatchCall));

    /// <summary>A campaign joins an open call of its own tenant, in the call's currency.</summary>
    public static async Task EnsureCallAsync(IGrainFactory grains, string tenant, CreateCampaign command)
    {
        if (command.MatchCall is not { } callId)
        {
            return;
        }

        var call = GrainKeys.IsWellFormed(callId, IdPrefixes.MatchCall)
            ? await grains.GetGrain<IMatchPoolGrain>(MatchPools.Key(tenant, callId)).GetCallAsync()
            : null;
        if (call is null)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such matchfunding call.");
        }

        if (call.Currency != command.Goal.Currency)
        {
            throw new CivicException(ErrorCodes.CurrencyMismatch, $"This call matches {call.Currency} only.");
        }
    }

    /// <summary>Matches a committed contribution; null when the pool did not answer (then retried).</summary>
    public async Task<Money?> MatchAsync(string backer, CampaignBook.KnownPledge pledge)
    {
        var match = new PendingMatch(pledge.ContributionId, backer, pledge.Amount);
        try
        {
            var matched = new Money(await AskAsync(match), S.Currency);
            await RefreshLiveMatchedAsync();
            return matched;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Contribution {Contribution} on {Campaign} not matched yet; retried", pledge.ContributionId, S.Id);
            S.PendingMatches.Add(match);
            ScheduleRetry();
            await SaveAsync();
            return null;
        }
    }

    /// <summary>
    /// The campaign's matched total for its live figures: read from the pool when an API node first watches, then again
    /// after each match and return while it is known (so nobody pays for it unless someone watches). Null: not known.
    /// </summary>
    public long? LiveMatched { get; private set; }

    public async Task WatchMatchedAsync()
    {
        if (S.Matchfunding && LiveMatched is null)
        {
            LiveMatched = await ReadMatchedAsync();
        }
    }

    private async Task RefreshLiveMatchedAsync()
    {
        if (LiveMatched is not null)
        {
            LiveMatched = await ReadMatchedAsync() ?? LiveMatched;
        }
    }

    private async Task<long?> ReadMatchedAsync()
    {
        try
        {
            return await Pool.MatchedForAsync(S.Id).WaitAsync(Wait);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "The matched total of campaign {Campaign} was not read for its live figures", S.Id);
            return null;
        }
    }

    /// <summary>Starts the retry timer while matches are pending; it keeps the activation alive until they are answered.</summary>
    public void ScheduleRetry()
    {
        if (S.PendingMatches.Count > 0)
        {
            _retry ??= grain.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(RetryEvery, RetryEvery) { KeepAlive = true });
        }
    }

    /// <summary>A failed campaign's matches go back to its pool; idempotent, retried on activation.</summary>
    public async Task ReturnAsync()
    {
        if (!S.Matchfunding)
        {
            return;
        }

        try
        {
            await Pool.ReturnCampaignAsync(S.Id);
            await RefreshLiveMatchedAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The matches of failed campaign {Campaign} did not go back yet; retried on next activation", S.Id);
        }
    }

    private Task<long> AskAsync(PendingMatch match) =>
        Pool.MatchAsync(S.Id, S.Goal, match.Backer, match.ContributionId, new Money(match.Amount, S.Currency)).WaitAsync(Wait);

    /// <summary>Asks the pool again for every pending match, oldest first; stops at the first that still fails.</summary>
    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var answered = 0;
        foreach (var pending in S.PendingMatches.ToArray())
        {
            try
            {
                await AskAsync(pending);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Contribution {Contribution} on {Campaign} still not matched", pending.ContributionId, S.Id);
                break;
            }

            S.PendingMatches.Remove(pending);
            answered++;
        }

        if (answered > 0)
        {
            await RefreshLiveMatchedAsync();
        }

        if (S.PendingMatches.Count == 0)
        {
            _retry?.Dispose();
            _retry = null;
        }

        if (answered > 0)
        {
            await SaveAsync();
            if (S.Status is CampaignStatus.Failed or CampaignStatus.Refunded)
            {
                // A pool activated after the return no longer knows this campaign failed: return again (idempotent).
                await ReturnAsync();
            }
        }
    }

    /// <summary>Best effort: what is not saved stays in memory and is retried while this activation lives.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await writer.WriteAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Pending matches of campaign {Campaign} not saved; retried in memory", S.Id);
        }
    }
}
