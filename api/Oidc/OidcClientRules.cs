using System.Collections.Immutable;
using System.Net;
using Civic.Grains.Interfaces;

namespace Civic.Api.Oidc;

/// <summary>A public client of a tenant (a browser or mobile front-end): Authorization Code with PKCE, no secret.</summary>
public sealed record OidcClient(
    string ClientId,
    string DisplayName,
    ImmutableArray<string> RedirectUris,
    ImmutableArray<string> PostLogoutRedirectUris);

/// <summary>What a client registration may hold: bounded lists, and only absolute redirect URIs that cannot leak a code.</summary>
public static class OidcClientRules
{
    public const int MaxRedirectUris = 10;
    public const int MaxClientsPerTenant = 20;
    public static readonly TextRule ClientIdRule = TextRule.Key(64);
    public static readonly TextRule DisplayNameRule = TextRule.Line(100);
    public static readonly TextRule UriRule = TextRule.Line(2_000);

    /// <summary>The application's client_id in the store: the tenant, a colon, the client id its front-end sends.</summary>
    public static string StoredClientId(string tenant, string clientId) => tenant + ":" + clientId;

    /// <summary>Checks and normalises a registration; throws VALIDATION with the field at fault.</summary>
    public static OidcClient Checked(OidcClient client)
    {
        TextRules.Require("clientId", client.ClientId, ClientIdRule);
        if (client.ClientId.Contains(':', StringComparison.Ordinal))
        {
            throw new CivicException(ErrorCodes.Validation, "clientId may not contain ':'.");
        }

        TextRules.Require("displayName", client.DisplayName, DisplayNameRule);
        if (client.RedirectUris.IsDefaultOrEmpty)
        {
            throw new CivicException(ErrorCodes.Validation, "redirectUris needs at least one URI.");
        }

        return client with
        {
            DisplayName = client.DisplayName.Trim(),
            RedirectUris = CheckedUris("redirectUris", client.RedirectUris),
            PostLogoutRedirectUris = CheckedUris("postLogoutRedirectUris", client.PostLogoutRedirectUris.IsDefault ? [] : client.PostLogoutRedirectUris),
        };
    }

    private static ImmutableArray<string> CheckedUris(string field, ImmutableArray<string> uris)
    {
        TextRules.RequireCount(field, uris.Length, MaxRedirectUris);
        var checkedUris = ImmutableArray.CreateBuilder<string>(uris.Length);
        foreach (var text in uris)
        {
            TextRules.Require(field, text, UriRule);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new CivicException(ErrorCodes.Validation, $"{field}: '{TextRules.Truncate(text, 100)}' is not an absolute URI without fragment or user info.");
            }

            var secure = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));
            if (!secure)
            {
                throw new CivicException(ErrorCodes.Validation, $"{field}: '{TextRules.Truncate(text, 100)}' must use https (http only on a loopback address).");
            }

            if (!checkedUris.Contains(uri.AbsoluteUri))
            {
                checkedUris.Add(uri.AbsoluteUri);
            }
        }

        return checkedUris.ToImmutable();
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
