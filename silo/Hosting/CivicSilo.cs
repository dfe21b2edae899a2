using Civic.Grains.Accounts;
using Civic.Grains.Campaigns;
using Civic.Grains.Census;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Payments;
using Civic.Grains.Tenants;
using Civic.Database.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

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

    /// <summary>
    /// Grain-side services: the ledger (group-commit writer and reader), the clock, Data Protection and the payment
    /// provider (the sandbox, unless a host registered another <see cref="IPaymentProvider"/> first).
    /// </summary>
    public static IServiceCollection AddCivicGrains(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DomainClock.Wall); // business dates; Orleans keeps TimeProvider
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddOptions<LedgerOptions>().BindConfiguration("Ledger");
        services.TryAddSingleton<LedgerWriter>();
        services.TryAddSingleton<LedgerStore>();
        services.AddCivicDataProtection();
        services.TryAddSingleton<CensusStore>();
        services.TryAddSingleton<Civic.Grains.Mail.MailOutbox>();
        services.TryAddSingleton<AccountStore>();
        services.TryAddSingleton<AccountMail>();
        services.TryAddSingleton<InvitationStore>();
        services.TryAddSingleton<AuditStore>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName)
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((options, configuration) =>
                options.BaseDomain ??= configuration["Tenancy:BaseDomain"]);
        services.AddOptions<PaymentOptions>().BindConfiguration("Payments");
        services.AddOptions<QuotaOptions>().BindConfiguration("Quotas");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentProvider, SandboxPaymentProvider>());
        return services;
    }
}
