using Civic.Api.Auth;
using Civic.Api.Errors;
using Civic.Api.GraphQL;
using Civic.Api.GraphQL.Loaders;
using Civic.Api.GraphQL.Transport;
using Civic.Api.Exports;
using Civic.Api.Health;
using Civic.Api.Oidc;
using Civic.Api.Payments;
using Civic.Api.RateLimiting;
using Civic.Api.Reads;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Execution;
using Civic.Api.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Civic.Api.Hosting;

/// <summary>
/// The API's services and pipeline. The API node (<c>api</c>, a cluster client) and the embedded
/// single-process mode (<c>silo embedded</c>) both call these, so they serve the same thing.
/// </summary>
public static class CivicApi
{
    public static IServiceCollection AddCivicApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DomainClock.Wall); // business dates; Orleans keeps TimeProvider
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<ContributionReads>();
        services.AddSingleton<TransparencyReads>();
        services.AddSingleton<TaxReceiptReads>();
        services.AddSingleton<MatchCallReads>();
        services.AddSingleton<IdeaReads>();
        services.AddSingleton<CommentReads>();
        services.AddSingleton<CampaignUpdateReads>();
        services.AddSingleton<ModerationReads>();
        services.AddSingleton<NotificationMarks>();
        services.AddSingleton<ModerationHistoryReads>();
        services.AddSingleton<SiloDeathWatch>(); // hot writes stranded on a dead silo answer at its declaration
        services.AddHostedService(provider => provider.GetRequiredService<SiloDeathWatch>());
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection("Tenancy"));
        services.AddSingleton<TenantResolver>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection("Civic"));
        services.AddSingleton<ImportFiles>();
        services.AddScoped<CivicRequest>();
        services.AddScoped<CampaignLoaders>();
        services.AddScoped<IdeaLoaders>();
        services.AddCivicAuth(configuration, environment);
        services.AddCivicTelemetry(configuration, "api");
        services.AddCivicOidc(configuration, environment);
        services.AddGraphQLTransport(configuration);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = ErrorStatus.Encoder);
        services.AddCivicProxies(configuration);
        services.AddCivicRateLimits(configuration);
        services.AddCivicWebSite(configuration);
        services.AddGraphQL(graphql => graphql
            .AddSchema<CivicSchema>()
            .AddGraphTypes(typeof(CivicSchema).Assembly)
            .AddExecutionStrategy<SubscriptionExecutionStrategy>(GraphQLParser.AST.OperationType.Subscription)
            .ConfigureExecution<CostlyOperationLimit>());
        services.AddCivicLive(configuration);
        services.AddSingleton<StartupWarmup>();
        services.AddHostedService(provider => provider.GetRequiredService<StartupWarmup>());
        return services;
    }

    public static WebApplication MapCivicApi(this WebApplication app)
    {
        app.UseCivicProxies();
        app.UseWebSockets();
        app.UseCivicGraphiQL();
        app.UseCivicOidcTenant();
        app.UseAuthentication();
        app.UseCivicTelemetry(app.Configuration);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/graphql") || context.Request.Path.StartsWithSegments("/exports")
                || context.Request.Path.StartsWithSegments("/receipts"),
            branch => branch.UseMiddleware<RequestContextMiddleware>());
        app.UseCivicRateLimits();
        app.MapGraphQLHttp("/graphql");
        app.MapCivicHealth();
        app.MapCivicExports();
        app.MapCivicReceipts();
        app.MapCivicPersonalData();
        app.MapCivicWebhooks();
        app.MapCivicOidc();
        app.MapCivicWebSite();
        return app;
    }
}
