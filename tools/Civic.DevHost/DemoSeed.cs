using Civic.Api.Oidc;
using Civic.Grains.Interfaces;

namespace Civic.Tools.DevHost;

/// <summary>The demo tenant of the embedded default: one live donation campaign, one open vote, an open idea box and a small census.</summary>
public static class DemoSeed
{
    public const string Tenant = "demo";

    /// <summary>
    /// The demo census (document number, birth date, district): made-up numbers a newcomer types into
    /// verifyResidency or hands a polling officer. Printed at start-up; never a real person's data.
    /// </summary>
    public static readonly (string Number, string BirthDate, string District)[] Census =
    [
        ("DEMO-0001", "1990-04-12", "Centre"),
        ("DEMO-0002", "1985-09-30", "Centre"),
        ("DEMO-0003", "2001-01-15", "Nord"),
        ("DEMO-0004", "1962-07-08", "Nord"),
        ("DEMO-0005", "2011-03-21", "Sud"), // under 16 for years to come: shows TOO_YOUNG
    ];
    /// <summary>The public OpenID Connect client of the web front-end, registered for the demo tenant.</summary>
    public const string WebClientId = "civic-web";

    /// <summary>Registers (again, so a changed port is taken) the web front-end's client on the demo tenant.</summary>
    public static Task<OidcClient> EnsureWebClientAsync(OidcClients clients, int httpPort)
    {
        var origin = $"http://127.0.0.1:{httpPort}";
        return clients.RegisterAsync(Tenant, new OidcClient(
            WebClientId, "Civic (web)", [origin + "/auth/callback", origin + "/"], [origin + "/"]));
    }

    public static async Task EnsureAsync(IGrainFactory grains, TimeProvider time)
    {
        var tenant = grains.GetGrain<ITenantGrain>(Tenant);
        if (await tenant.GetAsync() is null)
        {
            await SeedTenantAsync(grains, tenant, time);
        }

        // Added to every run's tenant, also to one seeded before the census existed: re-uploading changes nothing.
        var csv = string.Concat(Census.Select(e => $"{e.Number},{e.BirthDate},{e.District}\n"));
        await grains.GetGrain<ICensusGrain>(Tenant).UploadAsync(csv, replace: false, new Actor(Tenant, "admin-1", Role.Admin));
    }

    private static async Task SeedTenantAsync(IGrainFactory grains, ITenantGrain tenant, TimeProvider time)
    {

        var now = time.GetUtcNow();
        var @operator = new Actor(Tenant, "operator", Role.Operator);
        var admin = new Actor(Tenant, "admin-1", Role.Admin);
        await tenant.CreateAsync(new CreateTenant(
            "Ville de Démo", "fr", new Branding("#1d4ed8", "#f59e0b", null),
            [TenantModule.Crowdfunding, TenantModule.Votes, TenantModule.IdeaBoxes], []), @operator);

        var campaign = grains.GetGrain<ICampaignGrain>(GrainKeys.Compound(Tenant, GrainKeys.NewId(IdPrefixes.Campaign)));
        await campaign.CreateAsync(new CreateCampaign(
            "Un jardin partagé pour le quartier",
            "Des bacs, des outils et des semences pour un jardin ouvert à tous.",
            FinancingMode.Donation, FundingRule.AllOrNothing,
            new Money(500_000, "EUR"), now, now.AddDays(30), 500, 100_000), admin);
        await campaign.PublishAsync(admin);

        var vote = grains.GetGrain<IVoteGrain>(GrainKeys.Compound(Tenant, GrainKeys.NewId(IdPrefixes.Vote)));
        await vote.CreateAsync(new CreateVote(
            "Budget participatif 2027", BallotType.Approval, 1, 3,
            [
                new VoteOptionInput("Pistes cyclables rue Pasteur", 12_000_000),
                new VoteOptionInput("Aire de jeux du parc des Anges", 8_000_000),
                new VoteOptionInput("Fontaines à eau potable", 3_000_000),
                new VoteOptionInput("Jardin partagé des Maraîchers", 5_000_000),
                new VoteOptionInput("Éclairage du chemin piéton", 4_000_000),
            ],
            new Money(20_000_000, "EUR"), now, now.AddDays(14)), admin);

        await DemoIdeas.SeedAsync(grains, Tenant, admin, now);
    }
}
