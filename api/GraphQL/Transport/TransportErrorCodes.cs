namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// <c>extensions.code</c> values the transport itself produces. Errors from parsing, validation
/// and execution keep the codes GraphQL.NET gives them (<c>SYNTAX_ERROR</c>, <c>FIELDS_ON_CORRECT_TYPE</c>...).
/// </summary>
public static class TransportErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string InvalidJson = "INVALID_JSON";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string SubscriptionOverHttp = "SUBSCRIPTION_NOT_SUPPORTED";
    public const string AliasLimit = "MAX_ALIASES_EXCEEDED";
    public const string Internal = "INTERNAL";
}
