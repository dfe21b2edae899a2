using Civic.Grains.Interfaces;
using Civic.Grains.Tenants;

namespace Civic.Tests.Domain;

/// <summary>The branding change's rules without a cluster: who may, what is cleaned, which field gets which code first.</summary>
public class TenantBrandingRules
{
    private static readonly Actor Admin = new("lyon", "ad", Role.Admin);

    private static UpdateTenantBranding Change(string name = "Lyon", string locale = "fr", string primary = "#1D4ED8",
        string secondary = "#f59e0b", string? logo = null) => new(name, locale, new Branding(primary, secondary, logo));

    [Fact]
    public void Only_the_tenants_admins_change_it()
    {
        foreach (var actor in new[] { new Actor("lyon", "al", Role.Member), new Actor("lyon", "mo", Role.Moderator), new Actor("nantes", "ad", Role.Admin), new Actor("lyon", "op", Role.Operator) })
        {
            var refused = Assert.Throws<CivicException>(() => TenantRules.ValidateBrandingUpdate("lyon", Change(), actor));
            Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        }
    }

    [Fact]
    public void The_change_comes_back_trimmed_in_lower_case_and_an_empty_logo_is_none()
    {
        var clean = TenantRules.ValidateBrandingUpdate("lyon", Change(name: "  Ville de Lyon ", primary: "#1D4ED8", logo: "   "), Admin);
        Assert.Equal(new UpdateTenantBranding("Ville de Lyon", "fr", new Branding("#1d4ed8", "#f59e0b", null)), clean);
        Assert.Equal("/logo.svg", TenantRules.ValidateBrandingUpdate("lyon", Change(logo: " /logo.svg "), Admin).Branding.LogoUrl);
        Assert.Equal("https://a.example/l.png", TenantRules.ValidateBrandingUpdate("lyon", Change(logo: "https://a.example/l.png"), Admin).Branding.LogoUrl);
    }

    [Theory]
    [InlineData("", "fr", "#000000", "#ffffff", null, ErrorCodes.TenantNameInvalid)]
    [InlineData("Ly\0on", "fr", "#000000", "#ffffff", null, ErrorCodes.TenantNameInvalid)]
    [InlineData("Lyon", "fr", "#000000", "#ffffff", "/a b.svg", ErrorCodes.LogoUrlInvalid)]
    [InlineData("Lyon", "fr", "#000000", "#ffffff", "/\\\\host/a.svg", ErrorCodes.LogoUrlInvalid)]
    [InlineData("Lyon", "fr", "#000000", "#ffffff", "ftp://a.example/a.svg", ErrorCodes.LogoUrlInvalid)]
    [InlineData("Lyon", "fr", "000000", "#ffffff", null, ErrorCodes.PrimaryColorInvalid)]
    [InlineData("Lyon", "fr", "#000000", "#fff", null, ErrorCodes.SecondaryColorInvalid)]
    [InlineData("Lyon", "es", "#000000", "#ffffff", null, ErrorCodes.LocaleUnsupported)]
    // Several fields wrong: the first in the form's order (name, logo, colours, locale) is reported.
    [InlineData("", "es", "blue", "red", "http://a.example", ErrorCodes.TenantNameInvalid)]
    [InlineData("Lyon", "es", "blue", "red", null, ErrorCodes.PrimaryColorInvalid)]
    public void Each_field_has_its_code(string name, string locale, string primary, string secondary, string? logo, string code)
    {
        var refused = Assert.Throws<CivicException>(() => TenantRules.ValidateBrandingUpdate("lyon", Change(name, locale, primary, secondary, logo), Admin));
        Assert.Equal(code, refused.Code);
    }
}
