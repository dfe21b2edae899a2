using Civic.Grains.Accounts;
using Civic.Grains.Campaigns;
using Civic.Grains.Census;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Mail;
using Civic.Grains.Payments;
using Civic.Grains.Tenants;
using Civic.Database.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Civic.Silo.Hosting;

/// <summary>The one place a silo is configured: production host, embedded mode, tests and bench all call it.</summary>
public static class CivicSilo
{
    public static ISiloBuilder ConfigureCivic(this ISiloBuilder silo, string connectionString)
    {
        silo.UseCivicPostgres(connectionString);
        silo.UseCivicClusterTimings(silo.Configuration);
        silo.AddIncomingGrainCallFilter<Civic.Grains.Faults.InfrastructureFaultFilter>(); // no Npgsql exception crosses to the API
        silo.Services.AddCivicGrains(connectionString, silo.Configuration);
        silo.Services.AddSingleton<DeadSiloSessions>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<DeadSiloSessions>());
        // The ledger's writes are fenced by this silo's own row of the membership table.
        silo.Services.TryAddSingleton(services =>
        {
            var self = services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>();
            return new LedgerFence(self.ClusterId, self.SiloAddress.Endpoint.Address.ToString(), self.SiloAddress.Endpoint.Port, self.SiloAddress.Generation);
        });
        return silo;
    }

    /// <summary>
    /// Grain-side services: the ledger (group-commit writer and reader), the clock, Data Protection and the payment
    /// provider (the sandbox, unless a host registered another <see cref="IPaymentProvider"/> first).
    /// </summary>
    public static IServiceCollection AddCivicGrains(this IServiceCollection services, string connectionString, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DomainClock.Wall); // business dates; Orleans keeps TimeProvider
        // In a silo its sessions carry its name, so that the others can end them once it is declared dead (DeadSiloSessions).
        services.TryAddSingleton(provider =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (provider.GetService<Orleans.Runtime.ILocalSiloDetails>() is { } self)
            {
                builder.ConnectionStringBuilder.ApplicationName = DeadSiloSessions.ApplicationName(self.SiloAddress);
            }

            return builder.Build();
        });
        services.AddOptions<LedgerOptions>().BindConfiguration("Ledger");
        services.TryAddSingleton<LedgerWriter>();
        services.TryAddSingleton<LedgerStore>();
        services.TryAddSingleton<VoteLedgerReader>();
        services.TryAddSingleton<Civic.Grains.Votes.VoteCountRunner>();
        services.AddCivicDataProtection(configuration);
        services.TryAddSingleton<CensusStore>();
        services.AddCivicMail();
        services.TryAddSingleton<Civic.Grains.Ideas.IdeaStore>();
        services.TryAddSingleton<Civic.Grains.Comments.CommentStore>();
        services.TryAddSingleton<Civic.Grains.CampaignUpdates.CampaignUpdateStore>();
        services.TryAddSingleton<Civic.Grains.Moderation.ModerationStore>();
        services.TryAddSingleton<Civic.Grains.Live.LiveIdeaStore>();
        services.TryAddSingleton<Civic.Grains.Privacy.PersonalDataExport>();
        services.TryAddSingleton<Civic.Grains.Privacy.DataExportStore>();
        services.TryAddSingleton<AccountStore>();
        services.TryAddSingleton<AccountMail>();
        services.TryAddSingleton<InvitationStore>();
        services.TryAddSingleton<AuditStore>();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName)
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((options, configuration) =>
                options.BaseDomain ??= configuration["Tenancy:BaseDomain"]);
        services.AddOptions<PaymentOptions>().BindConfiguration("Payments")
            .Validate(o => o.ProviderTimeout > TimeSpan.Zero && o.ProviderTimeout <= WriteTimeout.Duration - TimeSpan.FromSeconds(1),
                $"Payments:ProviderTimeout must be positive and at least 1 s shorter than a pledge's response timeout ({WriteTimeout.Value})")
            .ValidateOnStart();
        services.AddOptions<QuotaOptions>().BindConfiguration("Quotas");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentProvider, SandboxPaymentProvider>());
        services.TryAddSingleton<PaymentSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<PaymentSweeper>());
        return services;
    }

    /// <summary>
    /// The outbox grains write to and the sender that empties it (section <c>Mail</c>): over SMTP when
    /// <c>Mail:Smtp:Host</c> is set, else as .eml files in <c>Mail:Directory</c> (the embedded default).
    /// </summary>
    public static IServiceCollection AddCivicMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.TryAddSingleton<MailOutbox>();
        services.TryAddSingleton<MailOutboxStore>();
        services.TryAddSingleton<MailTemplateStore>();
        services.TryAddSingleton<IMailDelivery>(provider =>
            provider.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host is { Length: > 0 }
                ? ActivatorUtilities.CreateInstance<SmtpMailDelivery>(provider)
                : ActivatorUtilities.CreateInstance<DirectoryMailDelivery>(provider));
        services.TryAddSingleton<MailSender>();
        services.TryAddSingleton<MailSenderService>();
        services.AddHostedService(provider => provider.GetRequiredService<MailSenderService>());
        services.AddHostedService<Civic.Grains.Privacy.DataExportSweeper>();
        return services;
    }
}
