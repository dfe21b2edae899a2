using Civic.Grains.Interfaces;

namespace Civic.Grains.Matchfunding;

public enum MatchOutcome
{
    /// <summary>The full match the ratio and the per-contribution cap allow.</summary>
    Matched = 0,

    /// <summary>Less than that: what was left under the project cap or in the pool.</summary>
    Partial = 1,
    BackerLimitReached = 2,
    ProjectCapReached = 3,
    PoolExhausted = 4,

    /// <summary>The project's campaign failed and its matches went back to the pool.</summary>
    ProjectClosed = 5,
}

/// <summary>What the pool answers for one contribution; nothing is held when <see cref="Amount"/> is 0.</summary>
public readonly record struct MatchDecision(long Amount, MatchOutcome Outcome);

/// <summary>
/// The pure core of a tenant's (or a call's) match pool; the grain holding it serializes calls.
/// </summary>
/// <remarks>
/// <para>A match is ⌊contribution · numerator / denominator⌋ cents (rounded down: the tenant never pays
/// more than the ratio), then capped by the per-contribution cap, by what is left under the project cap,
/// and by what is left in the pool, in that order. When a cap or the pool leaves less than the full
/// match, the contribution gets that remainder (<see cref="MatchOutcome.Partial"/>) and later ones get
/// nothing: the pool stops cleanly at exactly zero, never below.</para>
/// <para>Reserved matches count against the pool, the project cap and the backer's limit until they
/// are committed or released, so the pool is never overdrawn however reservations interleave. A match
/// of 0 holds nothing and does not use up one of the backer's matched contributions.</para>
/// </remarks>
public sealed class MatchPool
{
    private readonly Dictionary<string, ProjectMatches> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Project, string Backer), int> _backerMatches = [];
    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    public MatchPool(string currency, long budget, MatchSettings settings)
    {
        if (!Currencies.IsValid(currency) || budget < 0)
        {
            throw new CivicException(ErrorCodes.Validation, "A match pool needs a currency and a budget of zero or more cents.");
        }

        if (settings.RatioNumerator <= 0 || settings.RatioDenominator <= 0 || settings.CapPerContribution <= 0
            || settings.CapPerProject is <= 0 || settings.CapPerProjectGoalBasisPoints is <= 0 or > 10_000
            || settings.CapPerProject is null && settings.CapPerProjectGoalBasisPoints is null
            || settings.MatchesPerBackerPerProject < 1)
        {
            throw new CivicException(ErrorCodes.Validation, "The match settings are not valid.");
        }

        Currency = currency;
        Budget = budget;
        Settings = settings;
    }

    public string Currency { get; }

    public MatchSettings Settings { get; }

    /// <summary>Everything ever put in the pool, in cents.</summary>
    public long Budget { get; private set; }

    public long Committed { get; private set; }

    public long Reserved { get; private set; }

    /// <summary>What may still be matched: budget less committed and reserved matches.</summary>
    public long Available => Budget - Committed - Reserved;

    public bool IsExhausted => Available == 0;

    /// <summary>The project cap for a campaign with this goal: the fixed cap, or ⌊goal · bp / 10,000⌋, the smaller if both.</summary>
    public long ProjectCap(long goal)
    {
        var byShare = Settings.CapPerProjectGoalBasisPoints is { } bp ? (long)((Int128)goal * bp / 10_000) : long.MaxValue;
        return Math.Min(Settings.CapPerProject ?? long.MaxValue, byShare);
    }

    /// <summary>Committed matches of one project, shown apart from the citizens' own money.</summary>
    public long MatchedFor(string projectId) => _projects.GetValueOrDefault(projectId)?.Committed ?? 0;

    public void TopUp(long amount)
    {
        if (amount <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "A top-up must be a positive amount in cents.");
        }

        Budget += amount;
    }

    /// <summary>The match a contribution would get now, holding nothing.</summary>
    public MatchDecision Quote(string projectId, long projectGoal, string backerId, Money contribution)
    {
        if (contribution.Currency != Currency)
        {
            throw new CivicException(ErrorCodes.CurrencyMismatch, $"The pool matches {Currency} only.");
        }

        if (contribution.Amount <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "A contribution must be a positive amount in cents.");
        }

        var project = _projects.GetValueOrDefault(projectId);
        if (project?.Closed == true)
        {
            return new(0, MatchOutcome.ProjectClosed);
        }

        if (_backerMatches.GetValueOrDefault((projectId, backerId)) >= Settings.MatchesPerBackerPerProject)
        {
            return new(0, MatchOutcome.BackerLimitReached);
        }

        var full = Math.Min(
            (long)((Int128)contribution.Amount * Settings.RatioNumerator / Settings.RatioDenominator),
            Settings.CapPerContribution);
        var projectLeft = ProjectCap(projectGoal) - (project?.Committed ?? 0) - (project?.Reserved ?? 0);
        if (projectLeft <= 0)
        {
            return new(0, MatchOutcome.ProjectCapReached);
        }

        if (Available <= 0)
        {
            return new(0, MatchOutcome.PoolExhausted);
        }

        var amount = Math.Min(full, Math.Min(projectLeft, Available));
        return amount == full ? new(amount, MatchOutcome.Matched) : new(amount, MatchOutcome.Partial);
    }

    /// <summary>Quotes and, if the match is above 0, holds it under <paramref name="reservationId"/>.</summary>
    public MatchDecision Reserve(string reservationId, string projectId, long projectGoal, string backerId, Money contribution)
    {
        if (_holds.ContainsKey(reservationId))
        {
            throw new InvalidOperationException($"Reservation {reservationId} already exists.");
        }

        var decision = Quote(projectId, projectGoal, backerId, contribution);
        if (decision.Amount == 0)
        {
            return decision;
        }

        var project = Project(projectId);
        project.Reserved += decision.Amount;
        Reserved += decision.Amount;
        _backerMatches[(projectId, backerId)] = _backerMatches.GetValueOrDefault((projectId, backerId)) + 1;
        _holds.Add(reservationId, new Hold(projectId, backerId, decision.Amount));
        return decision;
    }

    public void Commit(string reservationId)
    {
        var h = Take(reservationId);
        var project = Project(h.ProjectId);
        project.Reserved -= h.Amount;
        project.Committed += h.Amount;
        Reserved -= h.Amount;
        Committed += h.Amount;
    }

    public void Release(string reservationId)
    {
        var h = Take(reservationId);
        Project(h.ProjectId).Reserved -= h.Amount;
        Reserved -= h.Amount;
        var key = (h.ProjectId, h.BackerId);
        _backerMatches[key]--;
    }

    /// <summary>
    /// The project's campaign failed: its committed matches go back to the pool and it gets no more.
    /// Its pending reservations must be settled first. Answers the cents returned.
    /// </summary>
    public long ReturnProject(string projectId)
    {
        var project = Project(projectId);
        if (project.Reserved != 0)
        {
            throw new InvalidOperationException($"Project {projectId} still has pending matches.");
        }

        var returned = project.Committed;
        Committed -= returned;
        project.Committed = 0;
        project.Closed = true;
        return returned;
    }

    /// <summary>Restores a project's committed matches on activation.</summary>
    public void Restore(string projectId, string backerId, long amount)
    {
        Project(projectId).Committed += amount;
        Committed += amount;
        _backerMatches[(projectId, backerId)] = _backerMatches.GetValueOrDefault((projectId, backerId)) + 1;
    }

    private ProjectMatches Project(string projectId)
    {
        if (!_projects.TryGetValue(projectId, out var p))
        {
            p = new ProjectMatches();
            _projects.Add(projectId, p);
        }

        return p;
    }

    private Hold Take(string reservationId)
    {
        if (!_holds.Remove(reservationId, out var h))
        {
            throw new InvalidOperationException($"Reservation {reservationId} is not pending.");
        }

        return h;
    }

    private sealed class ProjectMatches
    {
        public long Committed { get; set; }

        public long Reserved { get; set; }

        public bool Closed { get; set; }
    }

    private readonly record struct Hold(string ProjectId, string BackerId, long Amount);
}
