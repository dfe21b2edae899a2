using System.Net;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

[Collection("api")]
public sealed class CampaignApi(ApiFixture api)
{
    private async Task<(string Tenant, string CampaignId)> LiveCampaignAsync(long goal = 100_000)
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var created = await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal));
        var id = created["createCampaign"]!["id"]!.GetValue<string>();
        Assert.Equal("DRAFT", created["createCampaign"]!["status"]!.GetValue<string>());
        var published = await admin.OkAsync(Documents.PublishCampaign, new { id });
        Assert.Equal("LIVE", published["publishCampaign"]!["status"]!.GetValue<string>());
        return (tenant, id);
    }

    [Fact]
    public async Task Pledges_are_counted_in_the_campaign_totals()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");

        var first = await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 2_500, idempotencyKey = "a-1" } });
        Assert.Equal(2_500, first["pledge"]!["raised"]!["amount"]!.GetValue<long>());
        Assert.False(first["pledge"]!["replayed"]!.GetValue<bool>());
        await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 1_000, idempotencyKey = "a-2" } });
        await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 500, idempotencyKey = "b-1" } });

        var campaign = (await bob.OkAsync(Documents.Campaign, new { id }))["campaign"]!;
        Assert.Equal(4_000, campaign["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal("EUR", campaign["raised"]!["currency"]!.GetValue<string>());
        Assert.Equal(2, campaign["backers"]!.GetValue<int>());
        Assert.Equal(3, campaign["contributions"]!.GetValue<int>());
        Assert.Equal(4_000L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where campaign_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_records_nothing_new()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant);
        var input = new { input = new { campaignId = id, amount = 700, idempotencyKey = "same" } };

        var first = (await alice.OkAsync(Documents.Pledge, input))["pledge"]!;
        var again = (await alice.OkAsync(Documents.Pledge, input))["pledge"]!;

        Assert.True(again["replayed"]!.GetValue<bool>());
        Assert.Equal(first["contribution"]!["id"]!.GetValue<string>(), again["contribution"]!["id"]!.GetValue<string>());
        Assert.Equal(700, again["raised"]!["amount"]!.GetValue<long>());

        var reused = await alice.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 800, idempotencyKey = "same" } });
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.FirstCode);
    }

    [Fact]
    public async Task Drafts_are_hidden_from_members_and_cannot_be_pledged()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        using var alice = api.Member(tenant);

        var seen = await alice.OkAsync(Documents.Campaign, new { id });
        Assert.Null(seen["campaign"]);
        var pledge = await alice.SendAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 500, idempotencyKey = "k" } });
        Assert.Equal("NOT_FOUND", pledge.FirstCode);
    }

    [Fact]
    public async Task Campaigns_and_votes_months_ahead_open_and_schedule_their_end()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var far = DateTimeOffset.UtcNow.AddDays(215);
        var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(endsAt: far)))["createCampaign"]!["id"]!.GetValue<string>();
        var published = await admin.OkAsync(Documents.PublishCampaign, new { id });
        Assert.Equal("LIVE", published["publishCampaign"]!["status"]!.GetValue<string>());

        var vote = await admin.OkAsync(Documents.CreateVote, Documents.NewVote(closesAt: far));
        Assert.Equal("OPEN", vote["createVote"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_cannot_publish()
    {
        var tenant = await api.NewTenantAsync();
        using var alice = api.Member(tenant);
        var id = (await alice.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();

        var result = await alice.SendAsync(Documents.PublishCampaign, new { id });
        Assert.Equal("FORBIDDEN", result.FirstCode);
    }

    [Fact]
    public async Task Campaigns_list_pages_with_opaque_cursors()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
            await admin.OkAsync(Documents.PublishCampaign, new { id });
            ids.Add(id);
        }

        using var anonymous = api.Client(tenant, token: null);
        const string page = "query($after: String) { campaigns(first: 2, after: $after) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }";
        var first = (await anonymous.OkAsync(page, new { after = (string?)null }))["campaigns"]!;
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.Equal(2, first["edges"]!.AsArray().Count);
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var second = (await anonymous.OkAsync(page, new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))["campaigns"]!;
        Assert.Single(second["edges"]!.AsArray());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var listed = first["edges"]!.AsArray().Concat(second["edges"]!.AsArray()).Select(e => e!["node"]!["id"]!.GetValue<string>());
        Assert.Equal(ids.OrderBy(x => x), listed.OrderBy(x => x));
    }

    [Fact]
    public async Task My_contributions_lists_only_my_own_newest_first()
    {
        var (tenant, id) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        using var bob = api.Member(tenant, "bob");
        for (var i = 1; i <= 3; i++)
        {
            await alice.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 100 * i, idempotencyKey = $"a{i}" } });
        }

        await bob.OkAsync(Documents.Pledge, new { input = new { campaignId = id, amount = 999, idempotencyKey = "b" } });

        const string mine = "query($after: String) { myContributions(first: 2, after: $after) { edges { node { campaignId amount { amount } } } pageInfo { hasNextPage endCursor } } }";
        var page1 = (await alice.OkAsync(mine, new { after = (string?)null }))["myContributions"]!;
        var page2 = (await alice.OkAsync(mine, new { after = page1["pageInfo"]!["endCursor"]!.GetValue<string>() }))["myContributions"]!;
        var amounts = page1["edges"]!.AsArray().Concat(page2["edges"]!.AsArray())
            .Select(e => e!["node"]!["amount"]!["amount"]!.GetValue<long>()).ToList();

        Assert.Equal([300L, 200L, 100L], amounts);
        Assert.False(page2["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Tenant_query_returns_the_current_tenant()
    {
        var tenant = await api.NewTenantAsync();
        using var anonymous = api.Client(tenant, token: null);
        var data = await anonymous.OkAsync("{ tenant { slug name locale branding { primaryColor } modules } }");
        Assert.Equal(tenant, data["tenant"]!["slug"]!.GetValue<string>());
        Assert.Equal("fr", data["tenant"]!["locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operators_create_tenants_and_nobody_else()
    {
        var slug = "op" + Guid.NewGuid().ToString("N")[..8];
        const string create = "mutation($input: CreateTenantInput!) { createTenant(input: $input) { slug name } }";
        var input = new { input = new { slug, name = "Ville d'essai", locale = "fr" } };

        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        Assert.Equal("FORBIDDEN", (await admin.SendAsync(create, input)).FirstCode);

        using var op = api.Client(null, api.Tokens.Issue("platform", "root", Civic.Grains.Interfaces.Role.Operator));
        var created = await op.OkAsync(create, input);
        Assert.Equal(slug, created["createTenant"]!["slug"]!.GetValue<string>());
        Assert.Equal("ALREADY_EXISTS", (await op.SendAsync(create, input)).FirstCode);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Contains("\"ready\"", body);
        Assert.Contains("\"warmedUp\":true", body); // the start-up warm-up ran before the host's start returned
    }
}
