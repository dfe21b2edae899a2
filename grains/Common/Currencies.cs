namespace Civic.Grains;

public static class Currencies
{
    /// <summary>Three upper-case ASCII letters, as ISO 4217 codes are.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    /// <summary>Minor units as "1234.56 EUR" (two decimals, invariant), for history lines and logs.</summary>
    public static string Format(long minorUnits, string currency) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minorUnits / 100}.{Math.Abs(minorUnits % 100):D2} {currency}");
}
