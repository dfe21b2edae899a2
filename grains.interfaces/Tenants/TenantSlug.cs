namespace Civic.Grains.Interfaces;

public static class TenantSlug
{
    public const string Rule = "The slug must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter.";

    /// <summary>
    /// The slug as typed, without surrounding spaces, once it is valid: the tenant grain's key (so a key is
    /// never made of garbage); VALIDATION otherwise. The tenant grain checks its own key by the same rule.
    /// </summary>
    public static string Checked(string? slug) =>
        slug?.Trim() is { } trimmed && IsValid(trimmed) ? trimmed : throw new CivicException(ErrorCodes.Validation, Rule);

    /// <summary>2 to 40 lower-case letters, digits or hyphens, starting with a letter.</summary>
    public static bool IsValid(string? slug) =>
        slug is { Length: >= 2 and <= 40 }
        && slug[0] is >= 'a' and <= 'z'
        && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
