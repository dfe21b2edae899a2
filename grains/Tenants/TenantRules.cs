using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Tenants;

public static partial class TenantRules
{
    public static readonly string[] Locales = ["fr", "en"];

    /// <summary>Who sees drafts in the tenant's lists: its moderators and admins.</summary>
    public static bool SeesDrafts(Actor? viewer, string tenant) =>
        viewer is { } v && v.Tenant == tenant && v.IsAtLeast(Role.Moderator);

    /// <summary>The colours a tenant gets when its creation names none (no logo).</summary>
    public static readonly Branding DefaultBranding = new("#1d4ed8", "#f59e0b", null);

    /// <summary>The modules a tenant gets when its creation lists none: crowdfunding and votes.</summary>
    public static readonly ImmutableArray<TenantModule> DefaultModules = [TenantModule.Crowdfunding, TenantModule.Votes];

    /// <summary>What a creation leaves out (null): <see cref="DefaultBranding"/> and <see cref="DefaultModules"/>.</summary>
    public static CreateTenant WithDefaults(CreateTenant c) => c with
    {
        Branding = c.Branding ?? DefaultBranding,
        Modules = c.Modules ?? DefaultModules,
    };

    /// <summary>Checks a creation after <see cref="WithDefaults"/>.</summary>
    public static void ValidateCreate(string slug, CreateTenant c, Actor actor)
    {
        if (actor.Role != Role.Operator)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a platform operator can create a tenant.");
        }

        var branding = c.Branding!;
        var modules = c.Modules!.Value;
        Require(TenantSlug.IsValid(slug), TenantSlug.Rule);
        TextRules.Require("The name", c.Name, TextLimits.Name);
        TextRules.Require("The locale", c.Locale, TextLimits.Id);
        TextRules.Require("The primary colour", branding.PrimaryColor, TextLimits.Name);
        TextRules.Require("The secondary colour", branding.SecondaryColor, TextLimits.Name);
        TextRules.Optional("The logo URL", branding.LogoUrl, TextLimits.Url);
        var hosts = c.CustomHosts.IsDefault ? [] : c.CustomHosts;
        TextRules.RequireCount("customHosts", hosts.Length, ListLimits.TenantCustomHosts);
        foreach (var host in hosts)
        {
            TextRules.Require("A custom host", host, TextLimits.Host);
        }

        Require(Locales.Contains(c.Locale), "The locale must be one of: " + string.Join(", ", Locales) + ".");
        Require(ColorPattern().IsMatch(branding.PrimaryColor) && ColorPattern().IsMatch(branding.SecondaryColor),
            "Colours must be #RRGGBB.");
        Require(branding.LogoUrl is null || IsHttpsUrl(branding.LogoUrl), "The logo must be an https URL.");
        Require(modules.Distinct().Count() == modules.Length, "A module is listed twice.");
        Require(c.CustomHosts.All(h => Uri.CheckHostName(h) == UriHostNameType.Dns), "Custom hosts must be DNS names.");
    }

    /// <summary>
    /// Checks a branding change by an admin of the tenant and answers it cleaned: the name trimmed, the colours in
    /// lower case, an empty logo read as none. A logo is an https URL or a path on the site itself ("/logo.svg", not
    /// "//host/logo.svg"). Each field has its own code (TENANT_NAME_INVALID, LOGO_URL_INVALID, PRIMARY_COLOR_INVALID,
    /// SECONDARY_COLOR_INVALID, LOCALE_UNSUPPORTED), checked in that order; FORBIDDEN comes first.
    /// </summary>
    /// <remarks>
    /// No colour is refused for its contrast: the site draws text on either colour in black or white, whichever
    /// reads better (web/src/branding.ts), and the better of the two is at least 4.58:1 on any colour (WCAG AA asks
    /// 4.5:1); links on the white page fall back to near-black when the primary colour is too light. The admin page
    /// shows the ratios of each pair.
    /// </remarks>
    public static UpdateTenantBranding ValidateBrandingUpdate(string slug, UpdateTenantBranding u, Actor actor)
    {
        if (actor.Tenant != slug || !actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only an admin of the tenant changes its branding.");
        }

        var name = u.Name?.Trim() ?? "";
        var logo = string.IsNullOrWhiteSpace(u.Branding?.LogoUrl) ? null : u.Branding.LogoUrl.Trim();
        var primary = u.Branding?.PrimaryColor?.Trim() ?? "";
        var secondary = u.Branding?.SecondaryColor?.Trim() ?? "";
        var locale = u.Locale?.Trim() ?? "";

        if (TextRules.Problem(name, TextLimits.Name) is { } nameProblem)
        {
            throw new CivicException(ErrorCodes.TenantNameInvalid, $"The name {nameProblem}.");
        }

        if (logo is not null && (TextRules.Problem(logo, TextLimits.Url) is not null || !(IsHttpsUrl(logo) || IsSitePath(logo))))
        {
            throw new CivicException(ErrorCodes.LogoUrlInvalid,
                $"The logo must be an https URL or a path on the site (/...), of at most {TextLimits.Url.MaxLength} characters.");
        }

        if (!ColorPattern().IsMatch(primary))
        {
            throw new CivicException(ErrorCodes.PrimaryColorInvalid, "The primary colour must be #rrggbb.");
        }

        if (!ColorPattern().IsMatch(secondary))
        {
            throw new CivicException(ErrorCodes.SecondaryColorInvalid, "The secondary colour must be #rrggbb.");
        }

        if (!Locales.Contains(locale))
        {
            throw new CivicException(ErrorCodes.LocaleUnsupported, "The locale must be one of: " + string.Join(", ", Locales) + ".");
        }

        return new UpdateTenantBranding(name, locale,
            new Branding(primary.ToLowerInvariant(), secondary.ToLowerInvariant(), logo));
    }

    private static bool IsHttpsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    /// <summary>A path on the tenant's own site: one leading slash (two would name another host), no spaces or backslashes.</summary>
    private static bool IsSitePath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Any(c => char.IsWhiteSpace(c) || c == '\\')
        && Uri.TryCreate(url, UriKind.Relative, out _);

    public const int MaxCampaignCategories = ListLimits.TenantCategories;
    public static readonly int MaxCategoryLabelLength = TextLimits.CategoryLabel.MaxLength;

    /// <summary>Codes a tenant cannot take: the built-in categories' own names (and "tenant-defined").</summary>
    public static readonly string[] ReservedCategoryCodes =
        [.. Enum.GetNames<CampaignCategory>().Select(n => KebabCase().Replace(n, "$1-$2").ToLowerInvariant())];

    /// <summary>
    /// Checks a category a tenant declares and answers it cleaned (label trimmed): admins of the tenant
    /// only; a code of 2 to 40 lower-case letters, digits or hyphens starting with a letter, not a
    /// built-in category's name; a label of 1 to 100 characters; at most 50 categories per tenant
    /// (relabelling an existing code is always allowed).
    /// </summary>
    public static TenantCampaignCategory ValidateCampaignCategory(
        string slug, TenantCampaignCategory category, IReadOnlyCollection<TenantCampaignCategory> existing, Actor actor)
    {
        if (actor.Tenant != slug || !actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only an admin of the tenant declares its campaign categories.");
        }

        var code = category.Code ?? "";
        var label = category.Label?.Trim() ?? "";
        TextRules.Require("The category label", label, TextLimits.CategoryLabel);
        Require(CategoryCodePattern().IsMatch(code),
            "A category code is 2 to 40 lower-case letters, digits or hyphens, starting with a letter.");
        Require(!ReservedCategoryCodes.Contains(code), $"'{code}' is a built-in category.");
        Require(label.Length > 0 && label.Length <= MaxCategoryLabelLength, $"A category label is 1 to {MaxCategoryLabelLength} characters.");
        if (existing.Count >= MaxCampaignCategories && existing.All(c => c.Code != code))
        {
            throw new CivicException(ErrorCodes.LimitExceeded, $"A tenant declares at most {MaxCampaignCategories} categories.");
        }

        return new TenantCampaignCategory(code, label);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex CategoryCodePattern();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
