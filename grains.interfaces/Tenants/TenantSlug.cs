namespace Civic.Grains.Interfaces;

public static class TenantSlug
{
    /// <summary>2 to 40 lower-case letters, digits or hyphens, starting with a letter.</summary>
    public static bool IsValid(string? slug) =>
        slug is { Length: >= 2 and <= 40 }
        && slug[0] is >= 'a' and <= 'z'
        && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
