using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Civic.Api.Errors;
using Civic.Api.Hosting;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Civic.Api.RateLimiting;

/// <summary>
/// The API's rate limits (<see cref="RateLimitOptions"/>), on ASP.NET Core's rate limiter. Every request
/// to /graphql, /exports, /receipts and /webhooks takes a permit from its caller's window (the member
/// for a signed-in request, else the client address), then from its tenant's window (chained: a caller
/// refused by its own window takes nothing from its tenant's). Costly operations take one more
/// permit each from the caller's and the tenant's lower costly windows. A refusal is 429 with
/// Retry-After and a GraphQL-shaped body with the code RATE_LIMITED.
/// The limiter runs after <see cref="RequestContextMiddleware"/>, which already knows the member and
/// the tenant (tenant lookups are cached and bounded, bad tokens refused with no grain call).
/// </summary>
public sealed class CivicRateLimiter : IDisposable
{
    private const string NoLimit = "";
    private readonly RateLimitOptions _options;

    public CivicRateLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        Requests = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(CallerOf(context), context)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(TenantOf(context), context)));
        Costly = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => CostlyPartition(CallerOf(context))),
            PartitionedRateLimiter.Create<HttpContext, string>(context => CostlyPartition(TenantOf(context))));
        AccountRequests = PartitionedRateLimiter.Create<HttpContext, string>(context => AccountPartition(CallerOf(context)));
    }

    /// <summary>The account-request window (sign-up, reset and confirmation mails, invitations), per caller.</summary>
    public PartitionedRateLimiter<HttpContext> AccountRequests { get; }

    /// <summary>Takes <paramref name="permits"/> account-request permits (capped to the window's size).</summary>
    public RateLimitLease AcquireAccountRequests(HttpContext context, int permits) =>
        AccountRequests.AttemptAcquire(context, Math.Clamp(permits, 1, _options.AccountRequests.Permits));

    /// <summary>Caller and tenant windows, for every limited request (the global limiter).</summary>
    public PartitionedRateLimiter<HttpContext> Requests { get; }

    /// <summary>The costly windows, taken by costly operations on top of <see cref="Requests"/>.</summary>
    public PartitionedRateLimiter<HttpContext> Costly { get; }

    public static bool IsLimitedPath(PathString path) =>
        path.StartsWithSegments("/graphql") || path.StartsWithSegments("/webhooks") || IsCostlyPath(path)
        || path.StartsWithSegments("/connect") || path.StartsWithSegments("/account");

    /// <summary>Downloads: every export and every receipt is costly.</summary>
    public static bool IsCostlyPath(PathString path) =>
        path.StartsWithSegments("/exports") || path.StartsWithSegments("/receipts");

    /// <summary>Takes <paramref name="permits"/> costly permits (capped to the smaller window's size).</summary>
    public RateLimitLease AcquireCostly(HttpContext context, int permits) =>
        Costly.AttemptAcquire(context, Math.Clamp(permits, 1, Math.Min(_options.Costly.Permits, _options.CostlyTenant.Permits)));

    /// <summary>The refusal: 429, Retry-After in whole seconds (at least 1), a GraphQL-shaped JSON body.</summary>
    public static Task RejectAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(lease);
        context.Response.Headers.CacheControl = "no-store";
        return ErrorStatus.WriteAsync(context, ErrorCodes.RateLimited, RefusalMessage, cancellationToken);
    }

    public const string RefusalMessage = "Too many requests: slow down and try again after the number of seconds in Retry-After.";

    public static string RetryAfterSeconds(RateLimitLease lease) =>
        (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1)
            .ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Requests.Dispose();
        Costly.Dispose();
        AccountRequests.Dispose();
    }

    private RateLimitPartition<string> Partition((string Kind, string Key) who, HttpContext context)
    {
        if (!_options.Enabled || who.Key == NoLimit || !IsLimitedPath(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter(NoLimit);
        }

        var limit = who.Kind switch
        {
            "m" => _options.Member,
            "t" => _options.Tenant,
            "w" => _options.Webhooks,
            _ => _options.Anonymous,
        };
        return Window(who.Kind + ":" + who.Key, limit);
    }

    private RateLimitPartition<string> CostlyPartition((string Kind, string Key) who) =>
        !_options.Enabled || who.Key == NoLimit
            ? RateLimitPartition.GetNoLimiter(NoLimit)
            : Window("c" + who.Kind + ":" + who.Key, who.Kind == "t" ? _options.CostlyTenant : _options.Costly);

    private RateLimitPartition<string> AccountPartition((string Kind, string Key) who) =>
        !_options.Enabled || who.Key == NoLimit
            ? RateLimitPartition.GetNoLimiter(NoLimit)
            : Window("r" + who.Kind + ":" + who.Key, _options.AccountRequests);

    private static RateLimitPartition<string> Window(string key, WindowLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.Permits,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>The member of a signed-in request, else the client's address (webhooks: their own kind).</summary>
    private static (string Kind, string Key) CallerOf(HttpContext context)
    {
        if (StartupWarmup.IsWarmup(context))
        {
            return ("a", NoLimit); // the node's own start-up requests (no write, no caller behind them)
        }

        if (context.Request.Path.StartsWithSegments("/webhooks"))
        {
            return ("w", AddressOf(context.Connection.RemoteIpAddress));
        }

        var request = context.RequestServices.GetService<CivicRequest>();
        return request is { UserId: { } user, TokenTenant: { } tenant }
            ? ("m", tenant + "/" + user)
            : ("a", AddressOf(context.Connection.RemoteIpAddress));
    }

    /// <summary>The tenant the request was resolved to; none (no tenant window) when it names no existing tenant.</summary>
    private static (string Kind, string Key) TenantOf(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/webhooks") || StartupWarmup.IsWarmup(context)
            ? ("t", NoLimit)
            : ("t", context.RequestServices.GetService<CivicRequest>()?.Tenant?.Slug ?? NoLimit);

    /// <summary>IPv4 as is; IPv6 by its /64 prefix, the block one subscriber gets.</summary>
    private static string AddressOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}

public static class CivicRateLimiting
{
    public static IServiceCollection AddCivicRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(o => Valid(o.Anonymous) && Valid(o.Member) && Valid(o.Tenant) && Valid(o.Webhooks)
                    && Valid(o.Costly) && Valid(o.CostlyTenant) && Valid(o.AccountRequests),
                "Every RateLimits window needs Permits > 0 and a Window > 0.")
            .ValidateOnStart();
        services.AddSingleton<CivicRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<CivicRateLimiter>((options, limiter) =>
            {
                options.GlobalLimiter = limiter.Requests;
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = (rejected, ct) => new ValueTask(CivicRateLimiter.RejectAsync(rejected.HttpContext, rejected.Lease, ct));
            });
        return services;
    }

    /// <summary>After the request context is known: the global windows, then the costly window for downloads.</summary>
    public static IApplicationBuilder UseCivicRateLimits(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        app.UseWhen(context => CivicRateLimiter.IsCostlyPath(context.Request.Path), branch => branch.Use(async (context, next) =>
        {
            using var lease = context.RequestServices.GetRequiredService<CivicRateLimiter>().AcquireCostly(context, 1);
            if (!lease.IsAcquired)
            {
                await CivicRateLimiter.RejectAsync(context, lease, context.RequestAborted);
                return;
            }

            await next(context);
        }));
        return app;
    }

    private static bool Valid(WindowLimit limit) => limit.Permits > 0 && limit.Window > TimeSpan.Zero;
}
