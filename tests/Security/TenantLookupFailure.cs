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
    public Task A_tenant_lookup_the_cluster_cannot_answer_is_503_UNAVAILABLE(string by, string value) =>
        LookUpAsync(by, value, new TimeoutException("No silo answered."));

    /// <summary>Whatever a dead or degraded cluster throws at the lookup (the cache of the tenant expired meanwhile).</summary>
    [Theory]
    [InlineData("silo unavailable")]
    [InlineData("message rejected")]
    [InlineData("no gateway")]
    [InlineData("client not connected")]
    [InlineData("database down behind the grain")]
    [InlineData("outcome unknown")]
    public Task Whatever_the_cluster_client_throws_at_the_tenant_lookup_is_503_UNAVAILABLE(string fault) =>
        LookUpAsync("header", "lyon", fault switch
        {
            "silo unavailable" => new SiloUnavailableException("The target silo became unavailable."),
            "message rejected" => Civic.Tests.Faults.InfrastructureFaultCodes.Runtime<OrleansMessageRejectionException>("Forwarding failed."),
            "no gateway" => Civic.Tests.Faults.InfrastructureFaultCodes.Runtime<ClientNotAvailableException>("No gateway."),
            "client not connected" => new InvalidOperationException("The client is not connected to the cluster."),
            "database down behind the grain" => new Npgsql.NpgsqlException("Failed to connect"),
            _ => new Civic.Grains.Interfaces.CivicException(Civic.Grains.Interfaces.ErrorCodes.OutcomeUnknown, "unknown"),
        });

    private static async Task LookUpAsync(string by, string value, Exception fault)
    {
        var cluster = DispatchProxy.Create<IClusterClient, Unreachable>();
        ((Unreachable)(object)cluster).Fault = () => fault;
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
        public Func<Exception> Fault { get; set; } = () => new TimeoutException("No silo answered.");

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is not { Name: "GetGrain", ReturnType.IsInterface: true })
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            var grain = DispatchProxy.Create(targetMethod.ReturnType, typeof(TimesOut));
            ((TimesOut)grain).Fault = Fault;
            return grain;
        }
    }

    public class TimesOut : DispatchProxy
    {
        public Func<Exception> Fault { get; set; } = () => new TimeoutException("No silo answered.");

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw Fault();
    }
}
