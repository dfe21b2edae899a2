using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>
/// updateTenantBranding through GraphQL (issue 13): an admin of the tenant changes its name, logo, colours and locale,
/// the very next tenant query answers them and they survive the grain's deactivation; anyone else is refused, each
/// invalid field has its own code, and a refused change leaves everything as it was.
/// </summary>
[Collection("api")]
public sealed class TenantBrandingApi(ApiFixture api)
{
    private const string Update = """
        mutation($input: UpdateTenantBrandingInput!) {
          updateTenantBranding(input: $input) { name locale branding { primaryColor secondaryColor logoUrl } }
        }
        """;

    private const string Tenant = "{ tenant { name locale branding { primaryColor secondaryColor logoUrl } } }";

    private static object Input(
        string name = "Ville de Lumière", string locale = "en", string primaryColor = "#0F766E",
        string secondaryColor = "#FDE68A", string? logoUrl = "https://cdn.example.org/logo.svg") =>
        new { input = new { name, locale, primaryColor, secondaryColor, logoUrl } };

    [Fact]
    public async Task An_admin_changes_the_branding_and_the_next_tenant_query_answers_it()
    {
        var slug = await api.NewTenantAsync();
        using var admin = api.Admin(slug);
        using var anonymous = api.Client(slug, token: null);

        // Read once first, so this API node holds the tenant in its cache: the change must get past it.
        Assert.Equal("Test city " + slug, (await anonymous.OkAsync(Tenant))["tenant"]!["name"]!.GetValue<string>());

        var answered = (await admin.OkAsync(Update, Input(name: "  Ville de Lumière  ")))["updateTenantBranding"]!;
        Assert.Equal("Ville de Lumière", answered["name"]!.GetValue<string>());
        Assert.Equal("#0f766e", answered["branding"]!["primaryColor"]!.GetValue<string>());

        var seen = (await anonymous.OkAsync(Tenant))["tenant"]!;
        Assert.Equal("Ville de Lumière", seen["name"]!.GetValue<string>());
        Assert.Equal("en", seen["locale"]!.GetValue<string>());
        Assert.Equal("#0f766e", seen["branding"]!["primaryColor"]!.GetValue<string>());
        Assert.Equal("#fde68a", seen["branding"]!["secondaryColor"]!.GetValue<string>());
        Assert.Equal("https://cdn.example.org/logo.svg", seen["branding"]!["logoUrl"]!.GetValue<string>());

        // A path on the site is a logo too; an empty logo removes it.
        await admin.OkAsync(Update, Input(logoUrl: "/media/logo.png"));
        Assert.Equal("/media/logo.png", (await anonymous.OkAsync(Tenant))["tenant"]!["branding"]!["logoUrl"]!.GetValue<string>());
        await admin.OkAsync(Update, Input(name: "Ville de Lumière", locale: "fr", primaryColor: "#7c2d12", logoUrl: ""));
        var cleared = (await anonymous.OkAsync(Tenant))["tenant"]!;
        Assert.Null(cleared["branding"]!["logoUrl"]);
        Assert.Equal("#7c2d12", cleared["branding"]!["primaryColor"]!.GetValue<string>());
        Assert.Equal("fr", cleared["locale"]!.GetValue<string>());

        // Durable: the tenant grain, deactivated and loaded again from PostgreSQL, holds the change.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = (await api.Grains.GetGrain<ITenantGrain>(slug).GetAsync())!;
        Assert.Equal(("Ville de Lumière", "fr", new Branding("#7c2d12", "#fde68a", null)), (stored.Name, stored.Locale, stored.Branding));
    }

    [Fact]
    public async Task Members_moderators_anonymous_callers_and_another_tenants_admin_are_refused_and_nothing_changes()
    {
        var slug = await api.NewTenantAsync();
        var other = await api.NewTenantAsync();
        using var member = api.Member(slug, "alice");
        using var moderator = api.Client(slug, api.Tokens.Issue(slug, "mod", Role.Moderator));
        using var anonymous = api.Client(slug, token: null);
        using var otherAdmin = api.Client(slug, api.Tokens.Issue(other, "admin", Role.Admin));
        var before = (await anonymous.OkAsync(Tenant))["tenant"]!.ToJsonString();

        Assert.Equal("FORBIDDEN", (await member.SendAsync(Update, Input())).FirstCode);
        Assert.Equal("FORBIDDEN", (await moderator.SendAsync(Update, Input())).FirstCode);
        Assert.Equal("FORBIDDEN", (await otherAdmin.SendAsync(Update, Input())).FirstCode);
        Assert.Equal("UNAUTHENTICATED", (await anonymous.SendAsync(Update, Input())).FirstCode);

        Assert.Equal(before, (await anonymous.OkAsync(Tenant))["tenant"]!.ToJsonString());
        var stored = (await api.Grains.GetGrain<ITenantGrain>(slug).GetAsync())!;
        Assert.Equal(("Test city " + slug, "fr", "#000000"), (stored.Name, stored.Locale, stored.Branding.PrimaryColor));
        Assert.Equal("Test city " + other, (await api.Grains.GetGrain<ITenantGrain>(other).GetAsync())!.Name);
    }

    [Theory]
    [InlineData("TENANT_NAME_INVALID", "name", "   ")]
    [InlineData("TENANT_NAME_INVALID", "name", "Ville\nde Lumière")]
    [InlineData("TENANT_NAME_INVALID", "name", "long")]
    [InlineData("LOGO_URL_INVALID", "logoUrl", "http://cdn.example.org/logo.svg")]
    [InlineData("LOGO_URL_INVALID", "logoUrl", "//evil.example/logo.svg")]
    [InlineData("LOGO_URL_INVALID", "logoUrl", "javascript:alert(1)")]
    [InlineData("LOGO_URL_INVALID", "logoUrl", "long")]
    [InlineData("PRIMARY_COLOR_INVALID", "primaryColor", "#0f766")]
    [InlineData("PRIMARY_COLOR_INVALID", "primaryColor", "teal")]
    [InlineData("SECONDARY_COLOR_INVALID", "secondaryColor", "#fde68g")]
    [InlineData("LOCALE_UNSUPPORTED", "locale", "de")]
    public async Task Each_invalid_field_has_its_code_and_nothing_changes(string code, string field, string value)
    {
        var input = field switch
        {
            "name" => Input(name: value == "long" ? new string('a', 201) : value),
            "logoUrl" => Input(logoUrl: value == "long" ? "https://cdn.example.org/" + new string('a', 2048) : value),
            "primaryColor" => Input(primaryColor: value),
            "secondaryColor" => Input(secondaryColor: value),
            _ => Input(locale: value),
        };

        var slug = await api.NewTenantAsync();
        using var admin = api.Admin(slug);
        using var anonymous = api.Client(slug, token: null);
        var before = (await anonymous.OkAsync(Tenant))["tenant"]!.ToJsonString();

        var refused = await admin.SendAsync(Update, input);
        Assert.Equal(code, refused.FirstCode);
        Assert.Null(refused.Json?["data"]?["updateTenantBranding"]);

        Assert.Equal(before, (await anonymous.OkAsync(Tenant))["tenant"]!.ToJsonString());
        var stored = (await api.Grains.GetGrain<ITenantGrain>(slug).GetAsync())!;
        Assert.Equal(("Test city " + slug, "fr", new Branding("#000000", "#ffffff", null)), (stored.Name, stored.Locale, stored.Branding));
    }
}
