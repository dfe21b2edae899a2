using Civic.Grains.Interfaces;

namespace Civic.Api.Tenancy;

/// <summary>
/// Who is asking and for which tenant, resolved once per HTTP request from the host or the
/// X-Civic-Tenant header and the bearer token. Resolvers read it; inputs never override it.
/// </summary>
public sealed class CivicRequest
{
    public string? TenantSlug { get; set; }

    public TenantInfo? Tenant { get; set; }

    public string? UserId { get; set; }

    public Role? Role { get; set; }

    /// <summary>The member's home district (token claim), for votes with districts.</summary>
    public string? District { get; set; }

    /// <summary>The tenant the token was issued for.</summary>
    public string? TokenTenant { get; set; }

    public TenantInfo RequireTenant()
    {
        if (TenantSlug is null)
        {
            throw new CivicException(ErrorCodes.TenantRequired,
                "Say which tenant: use the tenant's host name or the X-Civic-Tenant header.");
        }

        if (Tenant is null)
        {
            // Echo only what could be a slug: the header is the caller's text, of any length.
            throw new CivicException(ErrorCodes.NotFound,
                Grains.Interfaces.TenantSlug.IsValid(TenantSlug) ? $"There is no tenant '{TenantSlug}'." : "There is no such tenant.");
        }

        if (!Tenant.Enabled)
        {
            throw new CivicException(ErrorCodes.TenantDisabled, "This tenant is disabled.");
        }

        return Tenant;
    }

    /// <summary>
    /// The signed-in user acting in the current tenant, with at least <paramref name="minimum"/>. A token
    /// of another tenant, or of the platform operator (no tenant role), is refused with FORBIDDEN.
    /// </summary>
    public Actor RequireActor(Role minimum = Grains.Interfaces.Role.Member)
    {
        var tenant = RequireTenant();
        var actor = ActorOrNull() ?? throw new CivicException(ErrorCodes.Unauthenticated, "Sign in to do this.");
        if (TokenTenant != tenant.Slug)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Your token was issued for another tenant.");
        }

        if (!actor.IsTenantRole)
        {
            throw new CivicException(ErrorCodes.Forbidden, "The platform operator is no member of this tenant.");
        }

        if (!actor.IsAtLeast(minimum))
        {
            throw new CivicException(ErrorCodes.Forbidden, $"This needs the {minimum.ToString().ToLowerInvariant()} role.");
        }

        return actor;
    }

    /// <summary>The platform operator, for platform operations only (creating tenants); it acts in no tenant.</summary>
    public Actor RequireOperator()
    {
        if (UserId is null || Role is null)
        {
            throw new CivicException(ErrorCodes.Unauthenticated, "Sign in to do this.");
        }

        if (Role != Grains.Interfaces.Role.Operator)
        {
            throw new CivicException(ErrorCodes.Forbidden, "This needs the operator role.");
        }

        return new Actor(TenantSlug ?? TokenTenant ?? "*", UserId, Grains.Interfaces.Role.Operator);
    }

    /// <summary>The viewer for reads: null (anonymous) when signed out, signed in for another tenant, or the platform operator.</summary>
    public Actor? Viewer()
    {
        var actor = ActorOrNull();
        return actor is { IsTenantRole: true } && TokenTenant == TenantSlug ? actor : null;
    }

    private Actor? ActorOrNull() =>
        UserId is not null && Role is { } role && TenantSlug is not null ? new Actor(TenantSlug, UserId, role, District) : null;
}
