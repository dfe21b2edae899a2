using System.Text.Json;
using Civic.Grains.Interfaces;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Civic.Api.Oidc;

/// <summary>The registered clients of the tenants, in OpenIddict's application store (one row per tenant and client id).</summary>
public sealed class OidcClients(IServiceScopeFactory scopes)
{
    /// <summary>The application property that names the client's tenant (the stored client id says it too).</summary>
    public const string TenantProperty = "civic_tenant";

    /// <summary>Registers a public client of <paramref name="tenant"/>, or replaces the registration of the same client id.</summary>
    public async Task<OidcClient> RegisterAsync(string tenant, OidcClient client, CancellationToken cancellationToken = default)
    {
        client = OidcClientRules.Checked(client);
        await using var scope = scopes.CreateAsyncScope();
        var manager = (CivicApplicationManager)scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = Descriptor(tenant, client);
        var existing = await manager.FindOfTenantAsync(tenant, client.ClientId, cancellationToken);
        if (existing is not null)
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
            return client;
        }

        var prefix = OidcClientRules.StoredClientId(tenant, "");
        var count = await manager.CountAsync(apps => apps.Where(a => a.ClientId!.StartsWith(prefix)), cancellationToken);
        if (count >= OidcClientRules.MaxClientsPerTenant)
        {
            throw new CivicException(ErrorCodes.LimitExceeded, $"A tenant may register at most {OidcClientRules.MaxClientsPerTenant} clients.");
        }

        await manager.CreateAsync(descriptor, cancellationToken);
        return client;
    }

    /// <summary>The tenant named by an application's properties (null for one that has none).</summary>
    public static async ValueTask<string?> TenantOfAsync(IOpenIddictApplicationManager manager, object application, CancellationToken cancellationToken)
    {
        var properties = await manager.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(TenantProperty, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static OpenIddictApplicationDescriptor Descriptor(string tenant, OidcClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = OidcClientRules.StoredClientId(tenant, client.ClientId),
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.DisplayName,
        };
        descriptor.Properties[TenantProperty] = JsonSerializer.SerializeToElement(tenant);
        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Email,
            Permissions.Prefixes.Scope + Scopes.OfflineAccess,
        ]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        return descriptor;
    }
}
