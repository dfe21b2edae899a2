using System.Reflection;
using System.Text.Json;
using Civic.Api.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Civic.Tests.Security;

/// <summary>
/// When the cluster cannot answer which tenant a request is for (a silo busy, restarting or gone), the
/// request is answered 503 UNAVAILABLE with a JSON body and Retry-After, never an empty 500.
/// </summary>
public sealed class TenantLookupFailure
{
    [Theory]
    [InlineData("header", "lyon")]
    [InlineData("host", "participez.lyon.example")]
    public async Task A_tenant_lookup_the_cluster_cannot_answer_is_503_UNAVAILABLE(string by, string value)
    {
        var cluster = DispatchProxy.Create<IClusterClient, Unreachable>();
        var resolver = new TenantResolver(cluster, Options.Create(new TenancyOptions()), TimeProvider.System);
        var reached = false;
        var middleware = new RequestContextMiddleware(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        if (by == "header")
        {
            context.Request.Headers[TenantResolver.Header] = value;
        }
        else
        {
            context.Request.Host = new HostString(value);
        }

        await middleware.InvokeAsync(context, new CivicRequest(), resolver, Microsoft.Extensions.Logging.Abstractions.NullLogger<RequestContextMiddleware>.Instance);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        using var body = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal("UNAVAILABLE", body.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    /// <summary>A cluster client whose every grain call times out, as when no silo answers.</summary>
    public class Unreachable : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: "GetGrain", ReturnType.IsInterface: true }
                ? DispatchProxy.Create(targetMethod.ReturnType, typeof(TimesOut))
                : throw new NotSupportedException(targetMethod?.Name);
    }

    public class TimesOut : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new TimeoutException("No silo answered.");
    }
}
