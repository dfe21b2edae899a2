using Civic.Api.Auth;
using Civic.Api.Errors;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.Authentication;

namespace Civic.Api.Tenancy;

/// <summary>
/// Fills <see cref="CivicRequest"/> from the host or header and the bearer token. A bearer token
/// that is present but does not validate ends the request with 401: never silently anonymous. When the
/// cluster cannot say which tenant this is (a silo busy or down, whatever the cluster client throws), the answer is
/// 503 UNAVAILABLE with Retry-After.
/// </summary>
public sealed class RequestContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CivicRequest request, TenantResolver tenants, ILogger<RequestContextMiddleware> logger)
    {
        var auth = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
        var hasBearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (hasBearer && auth is not { Succeeded: true })
        {
            await RejectAsync(context, ErrorCodes.Unauthenticated,
                "The bearer token is invalid or expired.");
            return;
        }

        if (auth is { Succeeded: true, Principal: { } user })
        {
            var userId = user.FindFirst(JwtSettings.SubjectClaim)?.Value;
            var tokenTenant = user.FindFirst(JwtSettings.TenantClaim)?.Value;
            if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(tokenTenant)
                || !DevTokens.TryParseRole(user.FindFirst(JwtSettings.RoleClaim)?.Value, out var role))
            {
                await RejectAsync(context, ErrorCodes.Unauthenticated,
                    "The bearer token lacks the sub, tenant or role claim.");
                return;
            }

            request.UserId = userId;
            request.TokenTenant = tokenTenant;
            request.Role = role;
            request.District = user.FindFirst(JwtSettings.DistrictClaim)?.Value;
        }

        try
        {
            request.TenantSlug = await tenants.SlugForAsync(context.Request);
            if (request.TenantSlug is not null)
            {
                request.Tenant = await tenants.TenantAsync(request.TenantSlug);
            }
        }
        catch (CivicException ex) when (ex.Code is not (ErrorCodes.Unavailable or ErrorCodes.OutcomeUnknown))
        {
            await RejectAsync(context, ex.Code, ex.Message);
            return;
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The cluster is busy or unreachable (a timeout, a silo gone, no gateway, a rejected message, PostgreSQL
            // down behind the tenant grain...): a clear "try again", never an empty 500. The lookup records nothing,
            // so it is UNAVAILABLE whatever the request was. What is not a known fault is still logged as a bug.
            if (InfrastructureFaults.IsFault(ex) || ex is CivicException)
            {
                logger.LogWarning(ex, "Tenant lookup failed on an infrastructure fault");
            }
            else
            {
                logger.LogError(ex, "Tenant lookup failed");
            }

            context.Response.Headers.RetryAfter = "1";
            await RejectAsync(context, ErrorCodes.Unavailable,
                "The service is busy or restarting: try again in a moment.");
            return;
        }

        // Every log line of the request carries its tenant (with the JSON console formatter and scopes on, beside the
        // trace id ASP.NET Core adds); never the member: logs hold no personal data.
        using (logger.BeginScope(new TenantScope(request.TenantSlug)))
        {
            await next(context);
        }
    }

    /// <summary>The request's tenant as a logging scope: one "Tenant" value (structured formatters write it as a field).</summary>
    private sealed class TenantScope(string? tenant) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("Tenant", tenant) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "Tenant:" + tenant;
    }

    private static Task RejectAsync(HttpContext context, string code, string message)
    {
        if (code == ErrorCodes.Unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        return ErrorStatus.WriteAsync(context, code, message, context.RequestAborted);
    }
}
