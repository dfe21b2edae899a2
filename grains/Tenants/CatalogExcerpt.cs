namespace Civic.Grains.Tenants;

/// <summary>
/// What a catalog listing keeps of a long text: the first <see cref="MaxLength"/> characters, cut at a
/// word boundary when one is near, ended with "…" when cut. Lists show this; a single read shows the full text.
/// </summary>
public static class CatalogExcerpt
{
    public const int MaxLength = 200;

    public static string Of(string? text)
    {
        var trimmed = text ?? "";
        if (trimmed.Length <= MaxLength)
        {
            return trimmed;
        }

        var cut = MaxLength - 1;
        if (char.IsLowSurrogate(trimmed[cut]))
        {
            cut--; // never split a surrogate pair
        }

        var space = trimmed.LastIndexOf(' ', cut - 1, cut / 4);
        if (space > 0)
        {
            cut = space;
        }

        return trimmed[..cut].TrimEnd() + "…";
    }
}
