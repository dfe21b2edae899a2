using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.Authentication;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Who a WebSocket connection's operations run as: the init's token and tenant, applied to a fresh service scope as an
/// HTTP request with that token would be (authentication, then <see cref="RequestContextMiddleware"/>).
/// </summary>
internal sealed class GraphQLWebSocketAuthentication(HttpContext upgrade, IServiceScopeFactory scopes)
{
    /// <summary>The init's <c>Authorization</c> (with its <c>Bearer </c> prefix), null without a token.</summary>
    public string? Authorization { get; set; }

    /// <summary>The init's <c>tenant</c>, else the upgrade's X-Civic-Tenant header, else the host decides.</summary>
    public string? Tenant { get; set; }

    /// <summary>A fresh scope whose <see cref="CivicRequest"/> is filled as an HTTP request with the init's token would fill it.</summary>
    public async Task<(IServiceScope Scope, CivicRequest Request, string? Refused)> AuthenticateAsync(HttpContext? into = null)
    {
        var scope = scopes.CreateScope();
        var context = into ?? new DefaultHttpContext();
        context.RequestServices = scope.ServiceProvider;
        var request = upgrade.Request;
        context.Request.Method = HttpMethods.Post;
        context.Request.Scheme = request.Scheme;
        context.Request.Host = request.Host;
        context.Request.PathBase = request.PathBase;
        context.Request.Path = request.Path;
        context.Connection.RemoteIpAddress = upgrade.Connection.RemoteIpAddress;
        var tenant = Tenant ?? request.Headers[TenantResolver.Header].ToString();
        if (!string.IsNullOrEmpty(tenant))
        {
            context.Request.Headers[TenantResolver.Header] = tenant;
        }

        if (Authorization is not null)
        {
            context.Request.Headers.Authorization = Authorization;
        }

        var auth = await context.AuthenticateAsync();
        context.Features.Set<IAuthenticateResultFeature>(new AuthenticateResultFeature(auth));
        if (auth.Succeeded)
        {
            context.User = auth.Principal;
        }

        var civic = scope.ServiceProvider.GetRequiredService<CivicRequest>();
        var passed = false;
        var middleware = new RequestContextMiddleware(_ =>
        {
            passed = true;
            return Task.CompletedTask;
        });
        await middleware.InvokeAsync(context, civic, scope.ServiceProvider.GetRequiredService<TenantResolver>(),
            scope.ServiceProvider.GetRequiredService<ILogger<RequestContextMiddleware>>());
        var refused = passed ? null
            : context.Response.StatusCode == StatusCodes.Status401Unauthorized ? ErrorCodes.Unauthenticated : ErrorCodes.Unavailable;
        return (scope, civic, refused);
    }

    /// <summary>When the init's token expires (null without a token): the authentication's expiry, else the token's exp claim.</summary>
    public static DateTimeOffset? TokenExpiry(HttpContext init)
    {
        var auth = init.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
        if (auth is not { Succeeded: true })
        {
            return null;
        }

        if (auth.Properties?.ExpiresUtc is { } expires)
        {
            return expires;
        }

        return long.TryParse(auth.Principal.FindFirst("exp")?.Value, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private sealed class AuthenticateResultFeature(AuthenticateResult result) : IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;
    }
}
