using Civic.Grains.Interfaces;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// An admin rebrands the tenant from /staff/branding in a real Chromium (web/e2e/branding.mjs): the preview follows the
/// form as they type, a refused logo is marked on its field, Save changes the site at once, and the reloaded home page
/// shows the new name and colour; axe-core on every page. A tenant of its own, on its own host name, so that the other
/// journeys' tenant keeps its name.
/// </summary>
[Collection("web")]
public sealed class BrandingJourney(WebFixture fixture, ITestOutputHelper output)
{
    private const string OldName = "Ville de Brandebourg (test)";
    private const string NewName = "Ville de Lumière (test)";
    private const string NewPrimary = "#0f766e";

    [Fact]
    public async Task An_admin_changes_the_name_and_colour_saves_and_the_reloaded_home_page_shows_them()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var slug = "brand" + suffix;
        var host = $"brand-{suffix}.localhost";
        await fixture.Grains.GetGrain<ITenantGrain>(slug).CreateAsync(
            new CreateTenant(OldName, "fr", new Branding("#7c2d12", "#fde68a", null), [TenantModule.Crowdfunding, TenantModule.Votes], [host]),
            new Actor(slug, "operator", Role.Operator));

        var checks = await Journey.RunAsync("e2e/branding.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            origin = $"http://{host}:{fixture.BaseAddress.Port}",
            adminToken = fixture.Tokens.Issue(slug, "admin-" + suffix, Role.Admin),
            newName = NewName,
            newPrimary = NewPrimary,
        }), output, minPages: 4);

        var opened = checks["opensTheBrandingPage"]!;
        Assert.Equal(OldName, opened["name"]!.GetValue<string>());
        Assert.Equal(OldName, opened["site"]!.GetValue<string>());

        // The preview took the typed name and colour; the site itself kept its own until Save.
        var typed = checks["previewFollowsTyping"]!;
        Assert.Equal("b-primary", typed["focused"]!.GetValue<string>());
        Assert.Equal(NewName, typed["previewName"]!.GetValue<string>());
        Assert.Equal(NewPrimary, typed["previewPrimary"]!.GetValue<string>());
        Assert.Equal("rgb(15, 118, 110)", typed["previewHeader"]!.GetValue<string>());
        Assert.Equal("#7c2d12", typed["siteStill"]!.GetValue<string>());

        var refused = checks["refusedLogoIsMarkedOnItsField"]!;
        Assert.StartsWith("Le logo doit être une adresse https", refused["error"]!.GetValue<string>());
        Assert.Equal("true", refused["invalid"]!.GetValue<string>());
        Assert.Contains("b-logoUrl-error", refused["describedBy"]!.GetValue<string>());
        Assert.Equal("b-logoUrl", refused["focused"]!.GetValue<string>());

        var saved = checks["saveChangesTheSite"]!;
        Assert.StartsWith("Identité visuelle enregistrée", saved["saved"]!.GetValue<string>());
        Assert.Equal(NewName, saved["site"]!.GetValue<string>());
        Assert.Equal(NewPrimary, saved["primary"]!.GetValue<string>());

        var home = checks["reloadedHomeShowsTheNewName"]!;
        Assert.Contains(NewName, home["heading"]!.GetValue<string>());
        Assert.Equal(NewName, home["site"]!.GetValue<string>());
        Assert.Equal(NewPrimary, home["primary"]!.GetValue<string>());
        Assert.Equal("rgb(15, 118, 110)", home["header"]!.GetValue<string>());

        // The server holds what the page showed, and the refused logo was never written.
        var stored = (await fixture.Grains.GetGrain<ITenantGrain>(slug).GetAsync())!;
        Assert.Equal((NewName, "fr", new Branding(NewPrimary, "#fde68a", null)), (stored.Name, stored.Locale, stored.Branding));
    }
}
