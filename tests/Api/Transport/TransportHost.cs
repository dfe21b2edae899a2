using System.Net;
using Civic.Api.GraphQL.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Civic.Tests.Api.Transport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, serving <see cref="TestSchema"/> through
/// <see cref="GraphQLHttpEndpoint"/>, and a real <see cref="HttpClient"/> for it.
/// </summary>
public sealed class TransportHost : IAsyncDisposable
{
    /// <summary>Limits small enough that tests can cross them with short documents.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestLimits = new Dictionary<string, string?>
    {
        ["GraphQL:MaxDepth"] = "5",
        ["GraphQL:MaxComplexity"] = "60",
        ["GraphQL:MaxAliases"] = "3",
        ["GraphQL:MaxBodyBytes"] = "4096",
    };

    private readonly WebApplication _app;

    private TransportHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
        Client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    public static async Task<TransportHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(TransportHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestLimits);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddGraphQLTransport(builder.Configuration);
        TestSchema.Register(builder.Services);

        var app = builder.Build();
        app.MapGraphQLHttp();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new TransportHost(app, new Uri(new Uri(address), "/graphql"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed class TransportHostFixture : IAsyncLifetime
{
    public TransportHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TransportHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
