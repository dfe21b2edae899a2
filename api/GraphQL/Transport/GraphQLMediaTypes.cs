using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Civic.Api.GraphQL.Transport;

/// <summary>
/// Media types of the GraphQL-over-HTTP specification and the choice of the response type from
/// the <c>Accept</c> header.
/// </summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type for an <c>Accept</c> header, or <see langword="null"/> when
    /// the client accepts neither JSON type (406).
    /// </summary>
    /// <remarks>
    /// <c>application/graphql-response+json</c> is used only when the client names it and ranks it
    /// at least as high as <c>application/json</c>. A missing header, <c>*/*</c> and
    /// <c>application/*</c> get <c>application/json</c>, as the specification (and the
    /// graphql-http audits 47DE and 80D8) ask, so that legacy clients keep their 200 statuses.
    /// </remarks>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return Json;
        }

        var graphQL = Rank(ranges, "application", "graphql-response+json");
        var json = Rank(ranges, "application", "json");

        if (graphQL.Explicit && graphQL.Quality > 0 && graphQL.Quality >= json.Quality)
        {
            return GraphQLResponseJson;
        }

        if (json.Quality > 0)
        {
            return Json;
        }

        return graphQL.Quality > 0 ? GraphQLResponseJson : null;
    }

    /// <summary>The quality the most specific matching range gives to <c>type/subType</c>.</summary>
    private static (double Quality, bool Explicit) Rank(IList<MediaTypeHeaderValue> ranges, string type, string subType)
    {
        var bestSpecificity = -1;
        var quality = 0d;
        foreach (var range in ranges)
        {
            if (!AllowsUtf8(range))
            {
                continue;
            }

            var rangeType = range.Type.Value ?? string.Empty;
            var rangeSubType = range.SubType.Value ?? string.Empty;
            int specificity;
            if (rangeType == "*" && rangeSubType == "*")
            {
                specificity = 0;
            }
            else if (rangeType.Equals(type, StringComparison.OrdinalIgnoreCase) && rangeSubType == "*")
            {
                specificity = 1;
            }
            else if (rangeType.Equals(type, StringComparison.OrdinalIgnoreCase)
                && rangeSubType.Equals(subType, StringComparison.OrdinalIgnoreCase))
            {
                specificity = 2;
            }
            else
            {
                continue;
            }

            if (specificity > bestSpecificity)
            {
                bestSpecificity = specificity;
                quality = range.Quality ?? 1d;
            }
        }

        return (quality, bestSpecificity == 2);
    }

    private static bool AllowsUtf8(MediaTypeHeaderValue range)
    {
        var charset = range.Charset.Value;
        return string.IsNullOrEmpty(charset)
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a request <c>Content-Type</c> is JSON in UTF-8 (the only body the endpoint reads).</summary>
    public static bool IsJsonRequest(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        return mediaType.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) && AllowsUtf8(mediaType);
    }
}
