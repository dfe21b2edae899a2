using System.Net;
using System.Text;
using Civic.Api.Errors;
using Civic.Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Xunit;
using static Civic.Tests.Api.Transport.TransportResponse;

namespace Civic.Tests.Api.Transport;

/// <summary>
/// JSON responses write non-ASCII text as UTF-8 (<c>partagé</c>, never <c>partag\u00E9</c>), while
/// HTML-significant characters stay escaped. Read on the raw bytes: a JSON parser would hide the difference.
/// </summary>
public sealed class JsonWritesUtf8(TransportHostFixture fixture) : IClassFixture<TransportHostFixture>
{
    private const string Title = "Un jardin partagé";

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task GraphQL_results_carry_non_ASCII_text_unescaped(string accept)
    {
        var response = await PostQueryAsync(fixture.Host, "query Hi($name: String) { hello(name: $name) }", new { name = Title }, accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("\"Hello, Un jardin partagé!\"", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00E9", response.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GraphQL_results_still_escape_markup()
    {
        var response = await PostQueryAsync(fixture.Host, "query Hi($name: String) { hello(name: $name) }", new { name = "<b>é</b>" });

        Assert.Contains("\"Hello, \\u003Cb\\u003Eé\\u003C/b\\u003E!\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_writer_carries_non_ASCII_text_unescaped_with_the_status_of_its_code()
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await ErrorStatus.WriteAsync(context, ErrorCodes.NotFound, $"{Title}: introuvable.");

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal("""{"errors":[{"message":"Un jardin partagé: introuvable.","extensions":{"code":"NOT_FOUND"}}]}""",
            Encoding.UTF8.GetString(body.ToArray()));
    }
}
