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
        _ = new MatchPool(command.Currency, 0, command.Settings);
        return new MatchCall(id, name, command.Currency, command.Settings, now);
    }

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
