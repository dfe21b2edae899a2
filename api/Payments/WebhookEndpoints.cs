using System.Text.RegularExpressions;
using Civic.Api.Errors;
using Civic.Api.Hosting;
using Civic.Grains.Interfaces;

namespace Civic.Api.Payments;

/// <summary>
/// <c>POST /webhooks/payments/{provider}</c>: a payment provider reports on a payment. The body is read
/// as sent (the signature covers its exact bytes) and handed with the <c>Civic-Signature</c> header to the
/// silo, where the provider's secret lives. Answers JSON <c>{"code","message","duplicate","status"}</c>
/// with the status <see cref="ErrorStatus"/> gives the code; 2xx tells the provider to stop resending.
/// </summary>
public static partial class WebhookEndpoints
{
    public const string SignatureHeader = "Civic-Signature";
    public const int MaxBodyBytes = 64 * 1024;

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex ProviderName();

    public static IEndpointRouteBuilder MapCivicWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/payments/{provider}", async (string provider, HttpRequest request, IClusterClient cluster, CancellationToken ct) =>
        {
            if (!ProviderName().IsMatch(provider))
            {
                return Answer(new WebhookOutcome(ErrorCodes.UnknownProvider, "No payment provider of that name takes webhooks here."));
            }

            if (await RequestBodies.ReadBoundedAsync(request, MaxBodyBytes, ct) is not { } bytes)
            {
                return Answer(new WebhookOutcome(ErrorCodes.TooLarge, $"Webhook bodies are at most {MaxBodyBytes} bytes."));
            }

            try
            {
                var outcome = await cluster.GetGrain<IPaymentWebhookGrain>(0)
                    .HandleAsync(provider, request.Headers[SignatureHeader].FirstOrDefault(), bytes.ToArray());
                return Answer(outcome);
            }
            catch (CivicException ex)
            {
                return Answer(new WebhookOutcome(ex.Code, ex.Message));
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return Answer(new WebhookOutcome(ErrorCodes.Unavailable, "Try again later."));
            }
        });
        return app;
    }

    private static IResult Answer(WebhookOutcome outcome) => Results.Json(
        new { code = outcome.Code, message = outcome.Message, duplicate = outcome.Duplicate, status = outcome.Status?.ToString().ToUpperInvariant() },
        ErrorStatus.Json,
        statusCode: ErrorStatus.For(outcome.Code));
}
