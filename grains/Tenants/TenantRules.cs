using System.Text.RegularExpressions;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Tenants;

public static partial class TenantRules
{
    public static readonly string[] Locales = ["fr", "en"];

    public static void ValidateCreate(string slug, CreateTenant c, Actor actor)
    {
        if (actor.Role != Role.Operator)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a platform operator can create a tenant.");
        }

        Require(TenantSlug.IsValid(slug), "The slug must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter.");
        Require(!string.IsNullOrWhiteSpace(c.Name) && c.Name.Length <= 200, "The name must be 1 to 200 characters.");
        Require(Locales.Contains(c.Locale), "The locale must be one of: " + string.Join(", ", Locales) + ".");
        Require(ColorPattern().IsMatch(c.Branding.PrimaryColor) && ColorPattern().IsMatch(c.Branding.SecondaryColor),
            "Colours must be #RRGGBB.");
        Require(c.Branding.LogoUrl is null
            || Uri.TryCreate(c.Branding.LogoUrl, UriKind.Absolute, out var logo) && logo.Scheme == Uri.UriSchemeHttps,
            "The logo must be an https URL.");
        Require(c.Modules.Distinct().Count() == c.Modules.Length, "A module is listed twice.");
        Require(c.CustomHosts.All(h => Uri.CheckHostName(h) == UriHostNameType.Dns), "Custom hosts must be DNS names.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
