using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Xunit;

namespace Civic.Tests.Web;

/// <summary>
/// Civic in one process as <c>./civic up</c> runs it, serving the built site (web/dist) at <c>/</c>, with
/// <c>Tenancy:DefaultTenant</c> set so that 127.0.0.1 is <see cref="Tenant"/>'s site, as it is the demo tenant's there.
/// </summary>
public class WebFixture : ApiFixture, IAsyncLifetime
{
    public const string TenantName = "Ville de Valbonne-sur-Test";
    public const string PrimaryColor = "#7c2d12";

    public string Tenant { get; } = "web" + Guid.NewGuid().ToString("N")[..8];

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides =>
    [
        new("Tenancy:DefaultTenant", Tenant),
        new("Web:Root", WebBuild.Dist),
    ];

    public new async Task InitializeAsync()
    {
        await WebBuild.EnsureAsync();
        await base.InitializeAsync();
        await Grains.GetGrain<ITenantGrain>(Tenant).CreateAsync(
            new CreateTenant(TenantName, "fr", new Branding(PrimaryColor, "#fde68a", null), [TenantModule.Crowdfunding, TenantModule.Votes, TenantModule.IdeaBoxes], []),
            new Actor(Tenant, "operator", Role.Operator));
    }
}

/// <summary>A host whose Web:Root names a folder without a build.</summary>
public sealed class UnbuiltWebFixture : ApiFixture
{
    public string Empty { get; } = Directory.CreateTempSubdirectory("civic-web-unbuilt-").FullName;

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides => [new("Web:Root", Empty)];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Empty, recursive: true);
    }
}

[CollectionDefinition("web")]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
}
