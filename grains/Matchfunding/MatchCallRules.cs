using Civic.Grains.Interfaces;

namespace Civic.Grains.Matchfunding;

/// <summary>One top-up a pool took under an idempotency key, with the answer it gave.</summary>
[GenerateSerializer, Immutable, Alias("civic.match-top-up")]
public sealed record MatchTopUp(
    [property: Id(0)] Money Amount,
    [property: Id(1)] MatchPoolStatus Answer);

/// <summary>The pure rules of matchfunding calls and of pool top-ups.</summary>
public static class MatchCallRules
{
    public static readonly int MaxNameLength = TextLimits.CallName.MaxLength;
    public static readonly int MaxKeyLength = TextLimits.IdempotencyKey.MaxLength;

    /// <summary>A call needs a name, a currency and valid rules; answers the call with its name trimmed.</summary>
    public static MatchCall Open(string id, OpenMatchCall command, DateTimeOffset now)
    {
        var name = command.Name?.Trim();
        TextRules.Require("The call's name", name, TextLimits.CallName);
        if (name!.Length == 0 || name.Length > MaxNameLength)
        {
            throw new CivicException(ErrorCodes.Validation, $"A call's name must be 1 to {MaxNameLength} characters.");
        }

        // The pool's constructor checks the currency and the rules.
        var settings = command.Settings ?? Resolve(command.Requested ?? new RequestedMatchSettings());
        _ = new MatchPool(command.Currency, 0, settings);
        return new MatchCall(id, name, command.Currency, settings, now);
    }

    /// <summary>
    /// The rules a request asks for: each omitted field takes <see cref="MatchSettings.Default"/>'s, except
    /// that a share-of-goal cap given alone replaces the default fixed project cap.
    /// </summary>
    public static MatchSettings Resolve(RequestedMatchSettings asked)
    {
        var d = MatchSettings.Default;
        return new MatchSettings(
            asked.RatioNumerator ?? d.RatioNumerator,
            asked.RatioDenominator ?? d.RatioDenominator,
            asked.CapPerContribution ?? d.CapPerContribution,
            asked.CapPerProject ?? (asked.CapPerProjectGoalBasisPoints is null ? d.CapPerProject : null),
            asked.CapPerProjectGoalBasisPoints ?? d.CapPerProjectGoalBasisPoints,
            asked.MatchesPerBackerPerProject ?? d.MatchesPerBackerPerProject);
    }

    /// <summary>
    /// The rules a top-up leaves on the pool: the exact settings given, else the request resolved, else
    /// <paramref name="current"/> (a top-up that names no rules keeps them).
    /// </summary>
    public static MatchSettings ForTopUp(FundMatchPool command, MatchSettings current) =>
        command.Settings ?? (command.Requested is { } asked ? Resolve(asked) : current);

    public static void ValidateKey(string key)
    {
        TextRules.Require("The idempotency key", key, TextLimits.IdempotencyKey);
    }

    /// <summary>
    /// The first answer when <paramref name="key"/> was already used for this very top-up (marked
    /// replayed); null when the key is new. The same key for another amount or currency is an error.
    /// </summary>
    public static MatchPoolStatus? Replay(IReadOnlyDictionary<string, MatchTopUp> topUps, string key, Money amount)
    {
        ValidateKey(key);
        if (!topUps.TryGetValue(key, out var first))
        {
            return null;
        }

        if (first.Amount != amount)
        {
            throw new CivicException(ErrorCodes.IdempotencyKeyReused,
                "This idempotency key was already used for a top-up of another amount.");
        }

        return first.Answer with { Replayed = true };
    }
}
