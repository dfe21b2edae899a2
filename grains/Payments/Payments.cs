using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Payments;

/// <summary>PENDING → CONFIRMED | FAILED; CONFIRMED → REFUNDED. The same status again is a no-op (webhooks repeat).</summary>
public static class PaymentTransitions
{
    public static bool CanMove(PaymentStatus from, PaymentStatus to) => (from, to) switch
    {
        (PaymentStatus.Pending, PaymentStatus.Confirmed or PaymentStatus.Failed) => true,
        (PaymentStatus.Confirmed, PaymentStatus.Refunded) => true,
        _ => false,
    };

    /// <summary>The status after a provider says <paramref name="to"/>: unchanged if already there, else the move or INVALID_TRANSITION.</summary>
    public static PaymentStatus Apply(PaymentStatus from, PaymentStatus to) =>
        from == to || CanMove(from, to)
            ? to
            : throw new CivicException(ErrorCodes.InvalidTransition, $"A {from} payment cannot become {to}.");

    /// <summary>
    /// Whether a ledger row counts towards a campaign (its raised money, contributions and backers): its payment
    /// is confirmed and it was not revoked. The SQL twin is the view <c>civic_counted_contributions</c>
    /// (db/migrations/0021_counted_contributions.sql); a test checks that both agree.
    /// </summary>
    public static bool Counts(PaymentStatus status, bool revoked) => status == PaymentStatus.Confirmed && !revoked;
}

/// <summary>
/// Asks the provider to take a contribution's money. <paramref name="PaymentToken"/> is what the backer's
/// front-end got from the provider's own form (a card, a mandate); null means the provider's default.
/// </summary>
public sealed record CreatePayment(string IdempotencyKey, string ContributionId, Money Amount, string Description, string? PaymentToken = null);

public sealed record RefundPayment(string IdempotencyKey, string ProviderReference, Money Amount);

public sealed record CreatePayout(string IdempotencyKey, string CampaignId, string BeneficiaryAccount, Money Amount);

/// <summary>
/// What a provider answered: its own reference, the status it reports now, how the backer paid, and (for a
/// payment, when the provider says) the amount it is for, which lets a charge found without its row be refunded.
/// </summary>
public sealed record PaymentResult(string ProviderReference, PaymentStatus Status, string? FailureReason, string? Method = null, Money? Amount = null);

/// <summary>The provider could not be reached or answered with an error: nothing is known about the request.</summary>
public sealed class PaymentProviderException(string message) : Exception(message);

/// <summary>
/// A payment institution. Every call carries an idempotency key: calling again with the same key
/// returns the first answer and moves no money twice, so a call that timed out can be retried.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    Task<PaymentResult> CreatePaymentAsync(CreatePayment request, CancellationToken cancellationToken = default);

    Task<PaymentResult> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default);

    Task<PaymentResult> PayoutAsync(CreatePayout request, CancellationToken cancellationToken = default);

    /// <summary>
    /// What became of the payment created under <paramref name="idempotencyKey"/>, as the provider knows it now
    /// (webhooks included); null when the provider never received a payment under that key. Moves no money: the
    /// payment sweeper asks it about contributions a fault left PENDING.
    /// </summary>
    Task<PaymentResult?> FindPaymentAsync(string idempotencyKey, CancellationToken cancellationToken = default);
}

/// <summary>
/// The sandbox provider of the embedded default and the tests: no network, no money, and test payment
/// tokens that play the cases a real provider produces:
/// <list type="bullet">
/// <item>none or <c>sbx_card</c>: a card, CONFIRMED at once;</item>
/// <item><c>sbx_card_declined</c>: FAILED (card_declined);</item>
/// <item><c>sbx_card_3ds</c>: a card needing strong authentication, PENDING until a webhook settles it;</item>
/// <item><c>sbx_transfer</c>: a bank transfer, PENDING until a webhook settles it;</item>
/// <item><c>sbx_card_slow</c>: the provider takes the money but its first answer never arrives (the caller
/// times out); asking again with the same key answers CONFIRMED;</item>
/// <item><c>sbx_provider_down</c>: every call fails with <see cref="PaymentProviderException"/>;</item>
/// <item>any other token: FAILED (invalid_payment_token).</item>
/// </list>
/// Refunds and payouts succeed (a refund of a failed payment or of more than was paid does not). Keys are idempotent; a key reused for another request is IDEMPOTENCY_KEY_REUSED.
/// </summary>
public sealed class SandboxPaymentProvider : IPaymentProvider
{
    public const string Card = "sbx_card";
    public const string DeclinedCard = "sbx_card_declined";
    public const string StrongAuthenticationCard = "sbx_card_3ds";
    public const string Transfer = "sbx_transfer";
    public const string SlowCard = "sbx_card_slow";
    public const string ProviderDown = "sbx_provider_down";

    private readonly ConcurrentDictionary<string, (object Request, PaymentResult Result)> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Money Amount, PaymentStatus Status)> _payments = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public string Name => "sandbox";

    public async Task<PaymentResult> CreatePaymentAsync(CreatePayment request, CancellationToken cancellationToken = default)
    {
        var token = request.PaymentToken ?? Card;
        if (token == ProviderDown)
        {
            throw new PaymentProviderException("The sandbox provider is down (sbx_provider_down).");
        }

        var firstCall = !_byKey.ContainsKey(request.IdempotencyKey);
        var result = Once(request.IdempotencyKey, request, () =>
        {
            var (status, method, failure) = token switch
            {
                Card or SlowCard => (PaymentStatus.Confirmed, "card", (string?)null),
                DeclinedCard => (PaymentStatus.Failed, "card", "card_declined"),
                StrongAuthenticationCard => (PaymentStatus.Pending, "card", null),
                Transfer => (PaymentStatus.Pending, "transfer", null),
                _ => (PaymentStatus.Failed, "unknown", "invalid_payment_token"),
            };
            var reference = $"sbx_pay_{Hash(request.IdempotencyKey)}";
            _payments[reference] = (request.Amount, status);
            return new PaymentResult(reference, status, failure, method, request.Amount);
        });

        if (token == SlowCard && firstCall)
        {
            // The money is taken, but this answer is lost: the caller only sees its own timeout.
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return result;
    }

    public Task<PaymentResult> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Once(request.IdempotencyKey, request, () =>
        {
            // A reference this process never saw (the sandbox keeps no books across restarts) is refundable, and
            // so is a pending one (the sandbox does not see the webhooks that confirm it); a failed one is not.
            var known = _payments.TryGetValue(request.ProviderReference, out var p);
            if (known && p.Status == PaymentStatus.Failed)
            {
                return new PaymentResult(request.ProviderReference, PaymentStatus.Failed, "payment_not_refundable");
            }

            if (request.Amount.Amount <= 0 || known && (request.Amount.Currency != p.Amount.Currency || request.Amount.Amount > p.Amount.Amount))
            {
                return new PaymentResult(request.ProviderReference, PaymentStatus.Failed, "invalid_amount");
            }

            _payments[request.ProviderReference] = (request.Amount, PaymentStatus.Refunded);
            return new PaymentResult($"sbx_re_{Hash(request.IdempotencyKey)}", PaymentStatus.Refunded, null);
        }));

    public Task<PaymentResult> PayoutAsync(CreatePayout request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Once(request.IdempotencyKey, request, () =>
            new PaymentResult($"sbx_po_{Hash(request.IdempotencyKey)}", PaymentStatus.Confirmed, null)));

    /// <summary>The payment under a key with its status now (settled or refunded since); null for a key never used for a payment.</summary>
    public Task<PaymentResult?> FindPaymentAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(idempotencyKey, out var known) || known.Request is not CreatePayment)
            {
                return Task.FromResult<PaymentResult?>(null);
            }

            var first = known.Result;
            var now = _payments.TryGetValue(first.ProviderReference, out var p) ? p.Status : first.Status;
            return Task.FromResult<PaymentResult?>(first with { Status = now });
        }
    }

    /// <summary>Settles a PENDING sandbox payment, as the provider's webhook would report it.</summary>
    public PaymentStatus Settle(string providerReference, bool confirm)
    {
        lock (_gate)
        {
            var p = _payments[providerReference];
            var next = PaymentTransitions.Apply(p.Status, confirm ? PaymentStatus.Confirmed : PaymentStatus.Failed);
            _payments[providerReference] = (p.Amount, next);
            return next;
        }
    }

    private PaymentResult Once(string key, object request, Func<PaymentResult> run)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CivicException(ErrorCodes.Validation, "An idempotency key is required.");
        }

        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var known))
            {
                return known.Request.Equals(request)
                    ? known.Result
                    : throw new CivicException(ErrorCodes.IdempotencyKeyReused, "The idempotency key was used for another request.");
            }

            var result = run();
            _byKey[key] = (request, result);
            return result;
        }
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
}

/// <summary>An event a provider posted, once its signature is verified; <see cref="ContributionId"/> is the
/// contribution id Civic gave the provider as the payment's key, when the provider sends it back.</summary>
public sealed record PaymentWebhookEvent(
    string Id, string Type, string ProviderReference, PaymentStatus Status, DateTimeOffset SignedAt,
    string? ContributionId = null, string? FailureReason = null);

public enum WebhookVerdict
{
    Valid = 0,
    MalformedHeader = 1,
    BadSignature = 2,

    /// <summary>Signed too long ago or too far in the future: a possible replay.</summary>
    OutsideTolerance = 3,
    MalformedBody = 4,
}

public readonly record struct WebhookCheck(WebhookVerdict Verdict, PaymentWebhookEvent? Event);

/// <summary>
/// Webhook signatures: header <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c> over the UTF-8 bytes of
/// <c>"{t}.{body}"</c> with the provider's shared secret, compared in constant time. A timestamp more
/// than <see cref="Tolerance"/> away from now is refused, so a captured request cannot be replayed
/// later; within the window, replays are caught by the event id (the grain keeps the ids it has
/// applied: applying an event is idempotent). The body is JSON:
/// <c>{"id","type","reference"}</c> with type payment.confirmed | payment.failed | payment.refunded, and
/// optionally <c>"contribution"</c> (the key Civic gave the payment) and <c>"reason"</c> (why it failed).
/// </summary>
public sealed class WebhookVerifier(byte[] secret, TimeSpan tolerance)
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public TimeSpan Tolerance => tolerance;

    /// <summary>The header for <paramref name="body"/> as these exact bytes.</summary>
    public static string Sign(byte[] secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>The header for <paramref name="body"/> sent as UTF-8.</summary>
    public static string Sign(byte[] secret, DateTimeOffset at, string body) => Sign(secret, at, Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// Checks <paramref name="body"/> as the bytes received, never decoded first: decoding would turn an
    /// invalid sequence into U+FFFD and let a signature over the decoded text pass for bytes nobody signed.
    /// </summary>
    public WebhookCheck Verify(string? header, ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        if (!TryParseHeader(header, out var t, out var given))
        {
            return new(WebhookVerdict.MalformedHeader, null);
        }

        var expected = Mac(secret, t, body.Span);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return new(WebhookVerdict.BadSignature, null);
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(t);
        if ((now - signedAt).Duration() > tolerance)
        {
            return new(WebhookVerdict.OutsideTolerance, null);
        }

        var e = Parse(body, signedAt);
        return e is null ? new(WebhookVerdict.MalformedBody, null) : new(WebhookVerdict.Valid, e);
    }

    /// <summary>HMAC-SHA256 over the ASCII "{t}." followed by the body's bytes as they are.</summary>
    private static byte[] Mac(byte[] secret, long t, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.ASCII.GetBytes(t.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParseHeader(string? header, out long t, out byte[] mac)
    {
        t = 0;
        mac = [];
        if (string.IsNullOrEmpty(header) || header.Length > 512)
        {
            return false;
        }

        string? ts = null, v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim().Split('=', 2);
            if (kv.Length == 2 && kv[0] == "t") { ts = kv[1]; }
            else if (kv.Length == 2 && kv[0] == "v1") { v1 = kv[1]; }
        }

        if (ts is null || v1 is not { Length: 64 } || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out t)
            || t > 253_402_300_799)
        {
            return false;
        }

        try
        {
            mac = Convert.FromHexString(v1);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The event in a body of JSON, else null. The reader checks the structure; a string holding bytes that
    /// are not UTF-8 fails when it is read (InvalidOperationException), and the body is malformed too.
    /// </summary>
    private static PaymentWebhookEvent? Parse(ReadOnlyMemory<byte> body, DateTimeOffset signedAt)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("reference", out var reference) || reference.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            PaymentStatus? status = type.GetString() switch
            {
                "payment.confirmed" => PaymentStatus.Confirmed,
                "payment.failed" => PaymentStatus.Failed,
                "payment.refunded" => PaymentStatus.Refunded,
                _ => null,
            };
            return status is { } s && TextRules.IsValid(id.GetString(), TextLimits.WebhookField)
                && TextRules.IsValid(reference.GetString(), TextLimits.WebhookField)
                ? new PaymentWebhookEvent(id.GetString()!, type.GetString()!, reference.GetString()!, s, signedAt,
                    OptionalString(root, "contribution", TextLimits.WebhookField), OptionalString(root, "reason", TextLimits.WebhookReason))
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? OptionalString(JsonElement root, string name, TextRule rule) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } s
            && TextRules.IsValid(s, rule)
            ? s
            : null;
}
