using System.Net;
using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;
using Civic.Grains.Tenants;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Security;

/// <summary>
/// Floods (issue 8, finding 7): what a member, a moderator or a tenant's admins create is bounded by the
/// quotas of <see cref="QuotaOptions"/> (defaults here), refused past them with QUOTA_EXCEEDED and nothing
/// written, exactly at the bound even under concurrency; the catalog holds excerpts, not full descriptions.
/// </summary>
[Collection("api")]
public sealed class QuotaHostile(ApiFixture api)
{
    private static readonly QuotaOptions Defaults = new();

    private const string CreateCall = "mutation($input: CreateMatchCallInput!) { createMatchCall(input: $input) { id } }";
    private const string DefineCategory = "mutation($code: String!, $label: String!) { defineCampaignCategory(code: $code, label: $label) { customCategory } }";
    private const string CampaignsList = "query($first: Int) { campaigns(first: $first) { totalCount edges { node { id description } } } }";
    private const string CampaignDescription = "query($id: ID!) { campaign(id: $id) { id description } }";

    private static readonly string LongDescription = string.Join(' ', Enumerable.Repeat("Des bacs, des outils et un composteur pour le quartier.", 350));

    private static object Draft(string title = "Jardin partagé", string? description = null) => new
    {
        input = new
        {
            title,
            description = description ?? "Des bacs et des outils",
            rule = "ALL_OR_NOTHING",
            goal = new { amount = 100_000, currency = "EUR" },
            endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"),
            minContribution = 100,
            maxContribution = 100_000,
        },
    };

    private GraphQLClient As(string tenant, string user, Role role) => api.Client(tenant, api.Tokens.Issue(tenant, user, role));

    private static async Task<string> CreateAsync(GraphQLClient owner, string? description = null) =>
        (await owner.OkAsync(Documents.CreateCampaign, Draft(description: description)))["createCampaign"]!["id"]!.GetValue<string>();

    private static void AssertRefused(GraphQLResult result, string code, string? quota = null)
    {
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(code, result.FirstCode);
        if (quota is not null)
        {
            Assert.Contains("Quotas:" + quota, result.Errors![0]!["message"]!.GetValue<string>());
        }
    }

    /// <summary>The campaigns the tenant's catalog lists (drafts included), as the grain holds them.</summary>
    private async Task<IReadOnlyList<CatalogListing>> CatalogAsync(string tenant) =>
        (await api.Grains.GetGrain<ITenantGrain>(tenant).ListAsync(CatalogKind.Campaign, 1_000, null, new Actor(tenant, "admin", Role.Admin))).Items;

    private async Task<int> OwnedAsync(string tenant, string owner) => (await CatalogAsync(tenant)).Count(l => l.Campaign!.OwnerId == owner);

    /// <summary>Member and moderator alike: the (quota + 1)-th undecided campaign is refused and writes nothing; another member still creates.</summary>
    [Theory]
    [InlineData(Role.Member)]
    [InlineData(Role.Moderator)]
    public async Task The_draft_past_the_open_campaigns_quota_is_refused_and_writes_nothing(Role role)
    {
        var tenant = await api.NewTenantAsync();
        using var owner = As(tenant, "flooder", role);
        for (var i = 0; i < Defaults.OpenCampaignsPerMember; i++)
        {
            await CreateAsync(owner);
        }

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRefused(await owner.SendAsync(Documents.CreateCampaign, Draft()), ErrorCodes.QuotaExceeded, nameof(QuotaOptions.OpenCampaignsPerMember));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "a refused draft writes nothing");
        Assert.Equal(Defaults.OpenCampaignsPerMember, await OwnedAsync(tenant, "flooder"));

        using var other = api.Member(tenant, "neighbour");
        await CreateAsync(other);
        Assert.Equal(1, await OwnedAsync(tenant, "neighbour"));
    }

    /// <summary>Whatever the draft carries (a 20 KB story, a tenant category, rewards), past the quota nothing is kept of it.</summary>
    [Theory]
    [InlineData("long-description")]
    [InlineData("rewards")]
    [InlineData("loan")]
    public async Task Every_kind_of_draft_past_the_quota_is_refused_the_same(string kind)
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "flooder");
        for (var i = 0; i < Defaults.OpenCampaignsPerMember; i++)
        {
            await CreateAsync(owner);
        }

        object input = kind switch
        {
            "long-description" => Draft(description: LongDescription),
            "rewards" => new
            {
                input = new
                {
                    title = "Avec contreparties", description = "x", rule = "KEEP_IT_ALL", goal = new { amount = 100_000, currency = "EUR" },
                    endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"), minContribution = 100, maxContribution = 100_000,
                    rewards = new[] { new { title = "Un sac", minAmount = 1_000, stock = 10 } },
                },
            },
            _ => new
            {
                input = new
                {
                    title = "Prêt", description = "x", mode = "LOAN", rule = "ALL_OR_NOTHING", goal = new { amount = 100_000, currency = "EUR" },
                    endsAt = DateTimeOffset.UtcNow.AddDays(10).ToString("O"), minContribution = 100, maxContribution = 100_000,
                    loanTerms = new { annualRateBasisPoints = 300, termMonths = 12, firstRepaymentOn = DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd") },
                },
            },
        };
        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRefused(await owner.SendAsync(Documents.CreateCampaign, input), ErrorCodes.QuotaExceeded, nameof(QuotaOptions.OpenCampaignsPerMember));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), $"a refused {kind} draft writes nothing");
    }

    /// <summary>A decision frees the slot (approved: published; rejected: for good); submitting or sending back for changes does not.</summary>
    [Theory]
    [InlineData("approve", true)]
    [InlineData("reject", true)]
    [InlineData("submit", false)]
    [InlineData("request-changes", false)]
    public async Task A_decided_draft_frees_its_slot_an_undecided_one_keeps_it(string step, bool frees)
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        using var moderator = As(tenant, "mod", Role.Moderator);
        var ids = new List<string>();
        for (var i = 0; i < Defaults.OpenCampaignsPerMember; i++)
        {
            ids.Add(await CreateAsync(owner));
        }

        var id = ids[0];
        await owner.OkAsync(Documents.SubmitCampaign, new { id });
        switch (step)
        {
            case "approve":
                Assert.Equal("LIVE", (await moderator.OkAsync(Documents.ApproveCampaign, new { id }))["approveCampaign"]!["status"]!.GetValue<string>());
                break;
            case "reject":
                Assert.Equal("REJECTED", (await moderator.OkAsync(Documents.RejectCampaign, new { id, reason = "Hors sujet" }))["rejectCampaign"]!["status"]!.GetValue<string>());
                break;
            case "request-changes":
                await moderator.OkAsync(Documents.RequestCampaignChanges, new { id, reason = "Précisez" });
                break;
        }

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        var next = await owner.SendAsync(Documents.CreateCampaign, Draft());
        if (frees)
        {
            Assert.Null(next.Errors);
            Assert.Equal(Defaults.OpenCampaignsPerMember + 1, await OwnedAsync(tenant, "owner"));
        }
        else
        {
            AssertRefused(next, ErrorCodes.QuotaExceeded, nameof(QuotaOptions.OpenCampaignsPerMember));
            before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), $"after '{step}' the slot is still taken");
        }
    }

    /// <summary>Freed slots do not make creation unlimited: at most 30 campaigns per member in 30 days.</summary>
    [Fact]
    public async Task Publishing_drafts_does_not_lift_the_30_day_creation_quota()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "prolific");
        using var moderator = As(tenant, "mod", Role.Moderator);
        for (var i = 0; i < Defaults.CampaignsPerMemberPer30Days; i++)
        {
            var id = await CreateAsync(owner);
            await owner.OkAsync(Documents.SubmitCampaign, new { id });
            await moderator.OkAsync(Documents.RejectCampaign, new { id, reason = "Doublon" });
        }

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRefused(await owner.SendAsync(Documents.CreateCampaign, Draft()), ErrorCodes.QuotaExceeded, nameof(QuotaOptions.CampaignsPerMemberPer30Days));
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "the 31st campaign in 30 days writes nothing");
    }

    /// <summary>50 drafts at once from one member: exactly the quota is accepted, the rest refused, the catalog holds the accepted ones.</summary>
    [Fact]
    public async Task The_quota_holds_under_concurrent_creations_by_one_member()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "racer");
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => owner.SendAsync(Documents.CreateCampaign, Draft())));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(Defaults.OpenCampaignsPerMember, results.Count(r => r.Errors is null));
        Assert.Equal(50 - Defaults.OpenCampaignsPerMember, results.Count(r => r.FirstCode == ErrorCodes.QuotaExceeded));
        Assert.Equal(Defaults.OpenCampaignsPerMember, await OwnedAsync(tenant, "racer"));
        Assert.Equal(Defaults.OpenCampaignsPerMember, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from orleans_storage where grainidextensionstring like @t", ("t", tenant + "/cp%")));
    }

    /// <summary>Several members racing at once: each gets exactly its own quota, none takes another's slots.</summary>
    [Fact]
    public async Task The_quota_holds_per_member_when_several_members_race()
    {
        var tenant = await api.NewTenantAsync();
        var members = Enumerable.Range(0, 4).Select(i => api.Member(tenant, $"m{i}")).ToList();
        try
        {
            var results = await Task.WhenAll(members.SelectMany(m => Enumerable.Range(0, 14).Select(_ => m.SendAsync(Documents.CreateCampaign, Draft()))));
            Assert.Equal(4 * Defaults.OpenCampaignsPerMember, results.Count(r => r.Errors is null));
            Assert.Equal(4 * (14 - Defaults.OpenCampaignsPerMember), results.Count(r => r.FirstCode == ErrorCodes.QuotaExceeded));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(Defaults.OpenCampaignsPerMember, await OwnedAsync(tenant, $"m{i}"));
            }
        }
        finally
        {
            members.ForEach(m => m.Dispose());
        }
    }

    /// <summary>Admins own the tenant's campaigns: the per-member quotas do not bind them (the tenant's do).</summary>
    [Fact]
    public async Task An_admin_is_not_bound_by_the_member_quota()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        for (var i = 0; i <= Defaults.OpenCampaignsPerMember; i++)
        {
            await CreateAsync(admin);
        }

        Assert.Equal(Defaults.OpenCampaignsPerMember + 1, await OwnedAsync(tenant, "admin"));
    }

    /// <summary>Votes (created or imported) and matchfunding calls: tenant-level caps, exact under concurrency, nothing written past them.</summary>
    [Theory]
    [InlineData("vote")]
    [InlineData("match-call")]
    public async Task Admin_creations_stop_at_the_tenant_cap(string what)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var (document, bound, quota) = what == "vote"
            ? (Documents.CreateVote, Defaults.VotesPerTenantPer30Days, nameof(QuotaOptions.VotesPerTenantPer30Days))
            : (CreateCall, Defaults.MatchCallsPerTenant, nameof(QuotaOptions.MatchCallsPerTenant));
        object Input(int i) => what == "vote" ? Documents.NewVote() : new { input = new { name = $"Appel {i}", currency = "EUR" } };

        var gate = new SemaphoreSlim(8);
        var results = await Task.WhenAll(Enumerable.Range(0, bound + 5).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await admin.SendAsync(document, Input(i));
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.Equal(bound, results.Count(r => r.Errors is null));
        Assert.All(results.Where(r => r.Errors is not null), r => AssertRefused(r, ErrorCodes.QuotaExceeded, quota));

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRefused(await admin.SendAsync(document, Input(0)), ErrorCodes.QuotaExceeded, quota);
        if (what == "vote")
        {
            var import = await admin.SendAsync(
                "mutation($input: ImportPabulibInput!) { importPabulib(input: $input) { id } }",
                new { input = new { url = "France_Toulouse_2022.pb" } });
            AssertRefused(import, ErrorCodes.QuotaExceeded, quota);
        }

        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), $"a {what} past the tenant cap writes nothing");
    }

    /// <summary>The tenant's own categories: at most 50, the 51st refused and nothing written (relabelling stays possible).</summary>
    [Fact]
    public async Task The_51st_tenant_category_is_refused()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        for (var i = 0; i < TenantRules.MaxCampaignCategories; i++)
        {
            await admin.OkAsync(DefineCategory, new { code = $"cat-{i}", label = $"Catégorie {i}" });
        }

        var before = await TenantSnapshot.TakeAsync(api.ConnectionString, tenant);
        AssertRefused(await admin.SendAsync(DefineCategory, new { code = "one-more", label = "De trop" }), ErrorCodes.LimitExceeded);
        before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, tenant), "the 51st category writes nothing");
        await admin.OkAsync(DefineCategory, new { code = "cat-0", label = "Renommée" });
    }

    /// <summary>The catalog holds what lists show: 10 drafts of 20 KB leave the tenant grain's state small, its listings carry excerpts.</summary>
    [Fact]
    public async Task The_catalog_keeps_excerpts_not_full_descriptions()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "writer");
        Assert.True(LongDescription.Length > 19_000);
        for (var i = 0; i < Defaults.OpenCampaignsPerMember; i++)
        {
            await CreateAsync(owner, LongDescription);
        }

        var listings = await CatalogAsync(tenant);
        Assert.Equal(Defaults.OpenCampaignsPerMember, listings.Count);
        Assert.All(listings, l =>
        {
            Assert.True(l.Campaign!.Description.Length <= CatalogExcerpt.MaxLength, $"a listing holds {l.Campaign.Description.Length} characters of description");
            Assert.StartsWith("Des bacs, des outils", l.Campaign.Description);
            Assert.EndsWith("…", l.Campaign.Description);
        });

        var stateBytes = await PostgresServerFixture.ScalarAsync<int>(api.ConnectionString,
            "select coalesce(max(length(payloadbinary)), 0) from orleans_storage where grainidextensionstring = @t",
            ("t", tenant));
        Assert.True(stateBytes < 40_000, $"the tenant grain's state is {stateBytes} bytes for {listings.Count} drafts of {LongDescription.Length} characters");
    }

    /// <summary>Lists show the excerpt; the campaign's own page the full text (read from its grain).</summary>
    [Fact]
    public async Task Lists_show_the_excerpt_a_single_read_the_full_description()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "writer");
        using var moderator = As(tenant, "mod", Role.Moderator);
        var id = await CreateAsync(owner, LongDescription);

        var listed = (await moderator.OkAsync(CampaignsList, new { first = 10 }))["campaigns"]!["edges"]!.AsArray().Single()!["node"]!;
        Assert.True(listed["description"]!.GetValue<string>().Length <= CatalogExcerpt.MaxLength);
        var single = (await owner.OkAsync(CampaignDescription, new { id }))["campaign"]!;
        Assert.Equal(LongDescription, single["description"]!.GetValue<string>());
    }

    [Fact]
    public void An_excerpt_is_bounded_ends_on_a_word_and_never_splits_a_surrogate_pair()
    {
        Assert.Equal("court", CatalogExcerpt.Of("court"));
        Assert.Equal("", CatalogExcerpt.Of(null));
        var words = CatalogExcerpt.Of(LongDescription);
        Assert.True(words.Length <= CatalogExcerpt.MaxLength);
        Assert.EndsWith("…", words);
        Assert.False(words[^2] == ' ');
        var emoji = CatalogExcerpt.Of(string.Concat(Enumerable.Repeat("😀", 300)));
        Assert.True(emoji.Length <= CatalogExcerpt.MaxLength);
        Assert.False(char.IsHighSurrogate(emoji[^2]), "the excerpt ends on half a character");
        Assert.Equal(emoji.Length - 1, emoji[..^1].Length);
        Assert.All(emoji[..^1].Chunk(2), pair => Assert.True(char.IsSurrogatePair(pair[0], pair[1])));
    }

    [Fact]
    public void Campaigns_older_than_30_days_no_longer_count_against_the_creation_quota()
    {
        var now = DateTimeOffset.UtcNow;
        var quotas = new QuotaOptions { CampaignsPerMemberPer30Days = 2, OpenCampaignsPerMember = 10 };
        var member = new Actor("t", "m", Role.Member);
        CatalogListing Listed(string id, DateTimeOffset at) => new(CatalogKind.Campaign, id, at, true,
            new CampaignSummary(id, "t", "", CampaignStatus.Live, FinancingMode.Donation, FundingRule.KeepItAll, new Money(1, "EUR"),
                new Money(0, "EUR"), 0, 0, at, at.AddDays(10), 1, 2, "m", at), null);

        CreationQuotas.Check(new Creation(CreationKind.Campaign, "c3", member),
            [Listed("c1", now.AddDays(-31)), Listed("c2", now.AddDays(-1))], [], 0, quotas, now);
        var refused = Assert.Throws<CivicException>(() => CreationQuotas.Check(new Creation(CreationKind.Campaign, "c3", member),
            [Listed("c1", now.AddDays(-29)), Listed("c2", now.AddDays(-1))], [], 0, quotas, now));
        Assert.Equal(ErrorCodes.QuotaExceeded, refused.Code);

        // Slots in flight count like listed ones, for their owner only.
        var pending = new PendingCreation(CreationKind.Campaign, "c9", "m", true, now);
        Assert.Throws<CivicException>(() => CreationQuotas.Check(new Creation(CreationKind.Campaign, "c3", member),
            [Listed("c2", now.AddDays(-1))], [pending], 0, quotas, now));
        CreationQuotas.Check(new Creation(CreationKind.Campaign, "c3", new Actor("t", "other", Role.Member)),
            [Listed("c2", now.AddDays(-1))], [pending], 0, quotas, now);
    }
}
