using System.Text;
using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;
using Civic.Grains.Payments;

namespace Civic.Tests.Domain.Funding;

public class PaymentRules
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec_test_secret");
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private const string Body = """{"id":"evt_1","type":"payment.confirmed","reference":"sbx_pay_1"}""";

    [Theory]
    [InlineData(PaymentStatus.Pending, PaymentStatus.Confirmed, true)]
    [InlineData(PaymentStatus.Pending, PaymentStatus.Failed, true)]
    [InlineData(PaymentStatus.Confirmed, PaymentStatus.Refunded, true)]
    [InlineData(PaymentStatus.Failed, PaymentStatus.Confirmed, false)]
    [InlineData(PaymentStatus.Pending, PaymentStatus.Refunded, false)]
    [InlineData(PaymentStatus.Refunded, PaymentStatus.Confirmed, false)]
    public void Payment_status_moves(PaymentStatus from, PaymentStatus to, bool allowed) =>
        Assert.Equal(allowed, PaymentTransitions.CanMove(from, to));

    [Fact]
    public void A_repeated_status_is_a_no_op_and_a_wrong_one_is_refused()
    {
        Assert.Equal(PaymentStatus.Confirmed, PaymentTransitions.Apply(PaymentStatus.Confirmed, PaymentStatus.Confirmed));
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CivicException>(() => PaymentTransitions.Apply(PaymentStatus.Failed, PaymentStatus.Confirmed)).Code);
        Assert.False(PaymentTransitions.Counts(PaymentStatus.Pending, revoked: false));
        Assert.True(PaymentTransitions.Counts(PaymentStatus.Confirmed, revoked: false));
        Assert.False(PaymentTransitions.Counts(PaymentStatus.Confirmed, revoked: true));
    }

    [Fact]
    public void Verifies_a_good_signature_and_parses_the_event()
    {
        var check = new WebhookVerifier(Secret, WebhookVerifier.DefaultTolerance).Verify(WebhookVerifier.Sign(Secret, Now, Body), Utf8(Body), Now.AddMinutes(4));
        Assert.Equal(WebhookVerdict.Valid, check.Verdict);
        Assert.Equal(new PaymentWebhookEvent("evt_1", "payment.confirmed", "sbx_pay_1", PaymentStatus.Confirmed, Now), check.Event);
    }

    [Fact]
    public void Refuses_a_tampered_body_a_wrong_secret_and_a_malformed_header()
    {
        var verifier = new WebhookVerifier(Secret, WebhookVerifier.DefaultTolerance);
        var header = WebhookVerifier.Sign(Secret, Now, Body);
        Assert.Equal(WebhookVerdict.BadSignature, verifier.Verify(header, Utf8(Body.Replace("confirmed", "failed")), Now).Verdict);
        Assert.Equal(WebhookVerdict.BadSignature, verifier.Verify(WebhookVerifier.Sign("other"u8.ToArray(), Now, Body), Utf8(Body), Now).Verdict);
        Assert.Equal(WebhookVerdict.MalformedHeader, verifier.Verify("t=abc,v1=00", Utf8(Body), Now).Verdict);
        Assert.Equal(WebhookVerdict.MalformedHeader, verifier.Verify(null, Utf8(Body), Now).Verdict);
    }

    [Fact]
    public void Refuses_a_replay_outside_the_tolerance_window()
    {
        var verifier = new WebhookVerifier(Secret, TimeSpan.FromMinutes(5));
        var header = WebhookVerifier.Sign(Secret, Now, Body);
        Assert.Equal(WebhookVerdict.Valid, verifier.Verify(header, Utf8(Body), Now.AddMinutes(5)).Verdict);
        Assert.Equal(WebhookVerdict.OutsideTolerance, verifier.Verify(header, Utf8(Body), Now.AddMinutes(5).AddSeconds(1)).Verdict);
        Assert.Equal(WebhookVerdict.OutsideTolerance, verifier.Verify(header, Utf8(Body), Now.AddMinutes(-6)).Verdict);
    }

    [Fact]
    public void A_signed_body_of_an_unknown_type_is_malformed()
    {
        const string body = """{"id":"evt_2","type":"payment.exploded","reference":"r"}""";
        var verifier = new WebhookVerifier(Secret, WebhookVerifier.DefaultTolerance);
        Assert.Equal(WebhookVerdict.MalformedBody, verifier.Verify(WebhookVerifier.Sign(Secret, Now, body), Utf8(body), Now).Verdict);
        Assert.Equal(WebhookVerdict.MalformedBody, verifier.Verify(WebhookVerifier.Sign(Secret, Now, "not json"), Utf8("not json"), Now).Verdict);
    }

    [Theory]
    [InlineData(null, PaymentStatus.Confirmed, "card", null)]
    [InlineData(SandboxPaymentProvider.Card, PaymentStatus.Confirmed, "card", null)]
    [InlineData(SandboxPaymentProvider.DeclinedCard, PaymentStatus.Failed, "card", "card_declined")]
    [InlineData(SandboxPaymentProvider.StrongAuthenticationCard, PaymentStatus.Pending, "card", null)]
    [InlineData(SandboxPaymentProvider.Transfer, PaymentStatus.Pending, "transfer", null)]
    [InlineData("tok_from_elsewhere", PaymentStatus.Failed, "unknown", "invalid_payment_token")]
    public async Task Sandbox_decides_by_the_test_payment_token(string? token, PaymentStatus expected, string method, string? reason)
    {
        var result = await new SandboxPaymentProvider().CreatePaymentAsync(new CreatePayment("k1", "c1", new Money(1_000, "EUR"), "gift", token));
        Assert.Equal((expected, method, reason), (result.Status, result.Method, result.FailureReason));
    }

    [Fact]
    public async Task Sandbox_keys_are_idempotent_and_a_reused_key_is_refused()
    {
        var sandbox = new SandboxPaymentProvider();
        var failed = await sandbox.CreatePaymentAsync(new CreatePayment("k1", "c1", new Money(1_000, "EUR"), "gift", SandboxPaymentProvider.DeclinedCard));
        var again = await sandbox.CreatePaymentAsync(new CreatePayment("k1", "c1", new Money(1_000, "EUR"), "gift", SandboxPaymentProvider.DeclinedCard));
        Assert.Equal(failed, again);
        var error = await Assert.ThrowsAsync<CivicException>(() => sandbox.CreatePaymentAsync(new CreatePayment("k1", "c1", new Money(2_000, "EUR"), "gift")));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, error.Code);
    }

    [Fact]
    public async Task Sandbox_slow_card_takes_the_money_but_answers_only_when_asked_again()
    {
        var sandbox = new SandboxPaymentProvider();
        var request = new CreatePayment("k1", "c1", new Money(1_000, "EUR"), "gift", SandboxPaymentProvider.SlowCard);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sandbox.CreatePaymentAsync(request, timeout.Token));
        Assert.Equal(PaymentStatus.Confirmed, (await sandbox.CreatePaymentAsync(request)).Status);
        await Assert.ThrowsAsync<PaymentProviderException>(() =>
            sandbox.CreatePaymentAsync(new CreatePayment("k2", "c2", new Money(1_000, "EUR"), "gift", SandboxPaymentProvider.ProviderDown)));
    }

    [Fact]
    public async Task Sandbox_refunds_paid_money_only_and_settles_pending_payments()
    {
        var sandbox = new SandboxPaymentProvider();
        var declined = await sandbox.CreatePaymentAsync(new CreatePayment("k0", "c0", new Money(1_002, "EUR"), "gift", SandboxPaymentProvider.DeclinedCard));
        Assert.Equal(PaymentStatus.Failed, (await sandbox.RefundAsync(new RefundPayment("r1", declined.ProviderReference, new Money(1_002, "EUR")))).Status);
        var pending = await sandbox.CreatePaymentAsync(new CreatePayment("k1", "c1", new Money(1_002, "EUR"), "gift", SandboxPaymentProvider.Transfer));
        Assert.Equal(PaymentStatus.Confirmed, sandbox.Settle(pending.ProviderReference, confirm: true));
        Assert.Equal(PaymentStatus.Failed, (await sandbox.RefundAsync(new RefundPayment("r2", pending.ProviderReference, new Money(1_003, "EUR")))).Status);
        Assert.Equal(PaymentStatus.Refunded, (await sandbox.RefundAsync(new RefundPayment("r3", pending.ProviderReference, new Money(1_002, "EUR")))).Status);
        Assert.Equal(PaymentStatus.Confirmed, (await sandbox.PayoutAsync(new CreatePayout("p1", "cp_1", "FR76...", new Money(5_000, "EUR")))).Status);
    }
}
