namespace Civic.Api.RateLimiting;

/// <summary>
/// Configuration section "RateLimits": fixed windows per API node (each node counts on its own). The
/// defaults leave a vote day and the benchmark (256 members of one tenant pledging as fast as they can,
/// about 900 requests a second on two cores) well inside them, and still stop one client or one
/// tenant from taking a node for itself.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Off: no request is ever refused with 429 (for a load test of the node itself).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests without a bearer token, per client address (IPv6: per /64).</summary>
    public WindowLimit Anonymous { get; set; } = new(2_000, TimeSpan.FromSeconds(10));

    /// <summary>Requests with a bearer token, per member (token tenant and subject).</summary>
    public WindowLimit Member { get; set; } = new(600, TimeSpan.FromSeconds(10));

    /// <summary>
    /// All requests for one tenant, whoever sends them: 20,000 a second, above what one node serves warm
    /// (about 16,000 pledges a second measured end to end), so only a flood trips it, never a vote day.
    /// </summary>
    public WindowLimit Tenant { get; set; } = new(200_000, TimeSpan.FromSeconds(10));

    /// <summary>Payment webhooks, per client address.</summary>
    public WindowLimit Webhooks { get; set; } = new(1_000, TimeSpan.FromSeconds(10));

    /// <summary>
    /// Costly operations per caller (member, or address when anonymous), on top of the above: the
    /// importPabulib, recordPaperBallots and requestTaxReceipt mutations (one permit per such field),
    /// every download under /exports and /receipts.
    /// </summary>
    public WindowLimit Costly { get; set; } = new(60, TimeSpan.FromMinutes(1));

    /// <summary>Costly operations per tenant, whoever sends them.</summary>
    public WindowLimit CostlyTenant { get; set; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Account requests that send mail or create an account, per caller (member, or address when anonymous), on
    /// top of the above: register, resendConfirmation, requestPasswordReset, changeEmail, the invitations and
    /// acceptInvitation (one permit per such field). Each address's mails are also bounded per hour by the grains.
    /// </summary>
    public WindowLimit AccountRequests { get; set; } = new(30, TimeSpan.FromMinutes(10));
}

/// <summary>At most <see cref="Permits"/> requests in each <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public WindowLimit()
    {
    }

    public WindowLimit(int permits, TimeSpan window)
    {
        Permits = permits;
        Window = window;
    }

    public int Permits { get; set; }

    public TimeSpan Window { get; set; }
}
