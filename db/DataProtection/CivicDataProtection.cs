using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Database.DataProtection;

/// <summary>
/// ASP.NET Core Data Protection as every Civic process uses it (secrets at rest in silos, the sign-in cookie,
/// antiforgery and the OpenID Connect keys in API nodes): one application name and the key ring in PostgreSQL
/// (<see cref="PostgresXmlRepository"/> over the registered <see cref="NpgsqlDataSource"/>), so every node shares it.
/// </summary>
public static class CivicDataProtection
{
    /// <summary>Data Protection's application name: the same on every node, so they all share one key ring.</summary>
    public const string ApplicationName = "civic";

    /// <summary>Registers Data Protection once; a second call (the embedded mode runs silo and API in one process) adds nothing.</summary>
    public static IServiceCollection AddCivicDataProtection(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(Marker)))
        {
            return services;
        }

        services.AddSingleton<Marker>();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(dataSource));
        return services;
    }

    private sealed class Marker;
}
