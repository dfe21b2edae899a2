namespace Civic.Grains;

public static class Currencies
{
    /// <summary>Three upper-case ASCII letters, as ISO 4217 codes are.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');
}
