using Microsoft.Extensions.DependencyInjection;

namespace Civic.Silo.Hosting;

/// <summary>The one place a silo is configured: production host, embedded mode, tests and bench all call it.</summary>
public static class CivicSilo
{
    public static ISiloBuilder ConfigureCivic(this ISiloBuilder silo, string connectionString)
    {
        silo.UseCivicPostgres(connectionString);
        silo.Services.AddCivicGrains(connectionString);
        return silo;
    }

    /// <summary>Grain-side services (ledger writer, TimeProvider...). Filled in by the domain work.</summary>
    public static IServiceCollection AddCivicGrains(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
