using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Civic.Grains.Campaigns;
using Civic.Grains.Payments;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>
/// Payment webhooks sent as an attacker would: forged, tampered, replayed, oversized, and bodies whose
/// bytes a decode/re-encode would change. The signature covers the bytes received, nothing else.
/// </summary>
[Collection("api")]
public sealed class WebhookHostile(ApiFixture api)
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(ApiFixture.WebhookSecret);

    /// <summary>A tenant with a live campaign and one PENDING contribution (a bank transfer), whose webhook would confirm it.</summary>
    private async Task<(string Tenant, string Contribution)> PendingAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id });
        using var alice = api.Member(tenant, "alice");
        var pledge = await alice.OkAsync(Documents.Pledge, new
        {
            input = new { campaignId = id, amount = 2_500, idempotencyKey = "w1", paymentToken = SandboxPaymentProvider.Transfer },
        });
        return (tenant, pledge["pledge"]!["contribution"]!["id"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, string Code)> PostAsync(byte[] body, string? signature, string provider = "sandbox")
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/payments/{provider}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Civic-Signature", signature);
        }

        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, json["code"]!.GetValue<string>());
    }

    private static byte[] Event(string contribution, string id, string extra = "") =>
        Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","type":"payment.confirmed","reference":"sbx_ref_unknown","contribution":"{{contribution}}"{{extra}}}""");

    private static string Sign(byte[] body, DateTimeOffset? at = null) => WebhookVerifier.Sign(Secret, at ?? DateTimeOffset.UtcNow, body);

    /// <summary>A body with an invalid UTF-8 byte inside a string: decoding turns it into U+FFFD.</summary>
    private static byte[] InvalidUtf8(string contribution, string id)
    {
        var head = Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","type":"payment.confirmed","reference":"sbx_ref_unknown","contribution":"{{contribution}}","reason":"x""");
        return [.. head, 0xC3, 0x28, .. "\"}"u8];
    }

    public static TheoryData<string> Forgeries => new()
    {
        "no signature header",
        "empty signature header",
        "signed with another secret",
        "body changed after signing",
        "signature of the decoded text of invalid UTF-8",
        "signature of the decoded text of an overlong encoding",
        "timestamp changed after signing",
        "v1 not hex",
        "v1 too short",
        "no timestamp",
        "timestamp not a number",
        "timestamp beyond year 9999",
        "signature header of 4 KB",
        "two v1 values, the last one wrong",
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_signature_is_refused_with_401_and_changes_nothing(string forgery)
    {
        var (tenant, contribution) = await PendingAsync();
        var body = Event(contribution, "evt_" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;
        var good = Sign(body, now);
        var t = now.ToUnixTimeSeconds();
        var v1 = good[(good.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        (byte[] Body, string? Signature) sent = forgery switch
        {
            "no signature header" => (body, null),
            "empty signature header" => (body, ""),
            "signed with another secret" => (body, WebhookVerifier.Sign("another-secret"u8.ToArray(), now, body)),
            "body changed after signing" => (Event(contribution, "evt_other"), good),
            "signature of the decoded text of invalid UTF-8" => DecodedSignature(InvalidUtf8(contribution, "evt_bad_utf8"), now),
            "signature of the decoded text of an overlong encoding" => DecodedSignature(
                [.. Event(contribution, "evt_overlong", ",\"reason\":\"")[..^1], 0xC0, 0xAF, .. "\"}"u8], now),
            "timestamp changed after signing" => (body, $"t={t - 1},v1={v1}"),
            "v1 not hex" => (body, $"t={t},v1={new string('z', 64)}"),
            "v1 too short" => (body, $"t={t},v1={v1[..32]}"),
            "no timestamp" => (body, $"v1={v1}"),
            "timestamp not a number" => (body, $"t=soon,v1={v1}"),
            "timestamp beyond year 9999" => (body, $"t=999999999999,v1={v1}"),
            "signature header of 4 KB" => (body, good + "," + new string('a', 4096)),
            "two v1 values, the last one wrong" => (body, $"{good},v1={new string('0', 64)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        Assert.Equal((HttpStatusCode.Unauthorized, "BAD_SIGNATURE"), await PostAsync(sent.Body, sent.Signature));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), forgery);
    }

    /// <summary>What a verifier that decodes first would accept: the body as sent, signed over its decoded text.</summary>
    private static (byte[] Body, string Signature) DecodedSignature(byte[] raw, DateTimeOffset at) =>
        (raw, WebhookVerifier.Sign(Secret, at, Encoding.UTF8.GetString(raw)));

    public static TheoryData<string, int, string> RawBodies => new()
    {
        // Bytes that decode/re-encode keeps: the signature over them is good and the event applies.
        { "escaped characters in the event id", 200, "APPLIED" },
        { "escaped non-ASCII in the event id", 400, "MALFORMED_EVENT" }, // event ids are keys: ASCII only
        { "trailing whitespace and a newline", 200, "APPLIED" },
        { "decomposed (non-NFC) text in the reason", 200, "APPLIED" },
        // Bytes that are not strict UTF-8 JSON: the signature over the raw bytes is good, the body is refused.
        { "invalid UTF-8 inside a string", 400, "MALFORMED_EVENT" },
        { "overlong encoding of a slash", 400, "MALFORMED_EVENT" },
        { "UTF-8 byte order mark", 400, "MALFORMED_EVENT" },
        { "encoded lone surrogate", 400, "MALFORMED_EVENT" },
        { "NUL byte after the JSON", 400, "MALFORMED_EVENT" },
    };

    [Theory]
    [MemberData(nameof(RawBodies))]
    public async Task A_body_signed_over_its_raw_bytes_is_judged_on_those_bytes(string shape, int status, string code)
    {
        var (tenant, contribution) = await PendingAsync();
        var id = "evt_" + Guid.NewGuid().ToString("N");
        byte[] body = shape switch
        {
            "escaped characters in the event id" => Event(contribution, id + "\\u005f\\u0031"),
            "escaped non-ASCII in the event id" => Event(contribution, id + "\\u00e9"),
            "trailing whitespace and a newline" => [.. Event(contribution, id), .. " \t\r\n"u8],
            "decomposed (non-NFC) text in the reason" => Event(contribution, id, ",\"reason\":\"Cafe\u0301\""),
            "invalid UTF-8 inside a string" => InvalidUtf8(contribution, id),
            "overlong encoding of a slash" => [.. Event(contribution, id, ",\"reason\":\"")[..^1], 0xC0, 0xAF, .. "\"}"u8],
            "UTF-8 byte order mark" => [0xEF, 0xBB, 0xBF, .. Event(contribution, id)],
            "encoded lone surrogate" => [.. Event(contribution, id, ",\"reason\":\"")[..^1], 0xED, 0xA0, 0x80, .. "\"}"u8],
            "NUL byte after the JSON" => [.. Event(contribution, id), 0x00],
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        Assert.Equal(((HttpStatusCode)status, code), await PostAsync(body, Sign(body)));
        if (status == 200)
        {
            Assert.Equal("confirmed", await StatusAsync(contribution));
        }
        else
        {
            before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), shape);
            Assert.Equal("pending", await StatusAsync(contribution));
        }
    }

    [Fact]
    public async Task A_replayed_event_is_acknowledged_once_and_applied_once()
    {
        var (tenant, contribution) = await PendingAsync();
        var body = Event(contribution, "evt_" + Guid.NewGuid().ToString("N"));
        var signature = Sign(body);
        Assert.Equal((HttpStatusCode.OK, "APPLIED"), await PostAsync(body, signature));
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        Assert.Equal((HttpStatusCode.OK, "DUPLICATE"), await PostAsync(body, signature));
        Assert.Equal((HttpStatusCode.OK, "DUPLICATE"), await PostAsync(body, Sign(body)));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "a replay");
    }

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "signed 10 minutes ago", 400, "STALE_EVENT" },
        { "signed 10 minutes ahead", 400, "STALE_EVENT" },
        { "a body over 64 KB", 413, "TOO_LARGE" },
        { "a provider that takes no webhooks", 404, "UNKNOWN_PROVIDER" },
        { "a provider name that is not a name", 404, "UNKNOWN_PROVIDER" },
        { "an unknown contribution", 404, "UNKNOWN_PAYMENT" },
        { "an unknown event type", 400, "MALFORMED_EVENT" },
        { "a JSON array", 400, "MALFORMED_EVENT" },
        { "an empty body", 400, "MALFORMED_EVENT" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_stale_oversized_or_unknown_webhook_is_refused_and_changes_nothing(string shape, int status, string code)
    {
        var (tenant, contribution) = await PendingAsync();
        var body = Event(contribution, "evt_" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;
        (byte[] Body, string Signature, string Provider) sent = shape switch
        {
            "signed 10 minutes ago" => (body, Sign(body, now.AddMinutes(-10)), "sandbox"),
            "signed 10 minutes ahead" => (body, Sign(body, now.AddMinutes(10)), "sandbox"),
            "a body over 64 KB" => (Big(body), Sign(Big(body)), "sandbox"),
            "a provider that takes no webhooks" => (body, Sign(body), "acme"),
            "a provider name that is not a name" => (body, Sign(body), "Sand%20Box"),
            "an unknown contribution" => (Event("ct_nobody", "evt_nobody"), Sign(Event("ct_nobody", "evt_nobody")), "sandbox"),
            "an unknown event type" => (Retyped(body), Sign(Retyped(body)), "sandbox"),
            "a JSON array" => ("[]"u8.ToArray(), Sign("[]"u8.ToArray()), "sandbox"),
            "an empty body" => (Array.Empty<byte>(), Sign(Array.Empty<byte>()), "sandbox"),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);

        Assert.Equal(((HttpStatusCode)status, code), await PostAsync(sent.Body, sent.Signature, sent.Provider));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), shape);
        Assert.Equal("pending", await StatusAsync(contribution));

        static byte[] Big(byte[] body) => [.. Encoding.ASCII.GetBytes(new string(' ', 70_000)), .. body];
        static byte[] Retyped(byte[] body) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("payment.confirmed", "payment.stolen"));
    }

    private Task<string> StatusAsync(string contribution) => Infrastructure.PostgresServerFixture.ScalarAsync<string>(
        api.ConnectionString, "select payment_status from civic_contributions where contribution_id = @id", ("id", contribution));
}
