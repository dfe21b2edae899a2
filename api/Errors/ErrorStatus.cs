using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Civic.Grains.Interfaces;

namespace Civic.Api.Errors;

/// <summary>
/// The one map from an <see cref="ErrorCodes"/> code to an HTTP status, and the one writer of the JSON
/// error body <c>{"errors":[{"message","extensions":{"code"}}]}</c>. Exports, receipts, webhooks, the
/// request middleware, the rate limiter and the GraphQL transport's own refusals all take their status
/// from here; a code not listed is 400. Inside GraphQL execution a domain error stays a GraphQL error
/// (200, or 400 before execution under <c>application/graphql-response+json</c>), except the codes of
/// <see cref="HoldsOverGraphQL"/>, which keep their status whatever the media type.
/// </summary>
public static class ErrorStatus
{
    private static readonly FrozenDictionary<string, int> Statuses = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ErrorCodes.Applied] = StatusCodes.Status200OK,
        [ErrorCodes.Duplicate] = StatusCodes.Status200OK,
        [ErrorCodes.Unauthenticated] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.BadSignature] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.Forbidden] = StatusCodes.Status403Forbidden,
        [ErrorCodes.TenantDisabled] = StatusCodes.Status403Forbidden,
        [ErrorCodes.NotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.UnknownProvider] = StatusCodes.Status404NotFound,
        [ErrorCodes.UnknownPayment] = StatusCodes.Status404NotFound,
        [ErrorCodes.MethodNotAllowed] = StatusCodes.Status405MethodNotAllowed,
        [ErrorCodes.NotAcceptable] = StatusCodes.Status406NotAcceptable,
        [ErrorCodes.VoteNotClosed] = StatusCodes.Status409Conflict,
        [ErrorCodes.InvalidTransition] = StatusCodes.Status409Conflict,
        [ErrorCodes.CensusEntryTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.LastAdmin] = StatusCodes.Status409Conflict,
        [ErrorCodes.TokenUsed] = StatusCodes.Status410Gone,
        [ErrorCodes.TokenExpired] = StatusCodes.Status410Gone,
        [ErrorCodes.InvalidCredentials] = StatusCodes.Status403Forbidden,
        [ErrorCodes.AccountLocked] = StatusCodes.Status423Locked,
        [ErrorCodes.PayloadTooLarge] = StatusCodes.Status413PayloadTooLarge,
        [ErrorCodes.TooLarge] = StatusCodes.Status413PayloadTooLarge,
        [ErrorCodes.UnsupportedMediaType] = StatusCodes.Status415UnsupportedMediaType,
        [ErrorCodes.RateLimited] = StatusCodes.Status429TooManyRequests,
        [ErrorCodes.VerificationLocked] = StatusCodes.Status429TooManyRequests,
        [ErrorCodes.Unavailable] = StatusCodes.Status503ServiceUnavailable,
        [ErrorCodes.OutcomeUnknown] = StatusCodes.Status503ServiceUnavailable,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Non-ASCII text is written as UTF-8 (<c>partagé</c>, not <c>partag\u00E9</c>). Every BMP letter is
    /// allowed; the encoder still escapes HTML-significant characters (<c>&lt; &gt; &amp; ' "</c>) and
    /// controls, so a body sniffed as HTML by a careless client still carries no markup. Chosen over
    /// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, which would write those raw.
    /// </summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>The options every JSON body of the API is written with (errors, exports, webhooks).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Encoder = Encoder };

    /// <summary>The HTTP status for a code; 400 for a code not listed.</summary>
    public static int For(string code) =>
        Statuses.TryGetValue(code, out var status) ? status : StatusCodes.Status400BadRequest;

    /// <summary>
    /// Codes about the transport, not the document: a GraphQL request refused with one before execution
    /// gets its status under either response media type (RATE_LIMITED is 429 with <c>application/json</c> too).
    /// </summary>
    public static bool HoldsOverGraphQL(string code) => code == ErrorCodes.RateLimited;

    /// <summary>Writes the error body with the code's status (set any header such as Retry-After before).</summary>
    public static Task WriteAsync(HttpContext context, string code, string message, CancellationToken cancellationToken = default)
    {
        var response = context.Response;
        response.StatusCode = For(code);
        response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(response.Body, Body(code, message), Json, cancellationToken);
    }

    private static object Body(string code, string message) =>
        new { errors = new[] { new { message, extensions = new { code } } } };
}
