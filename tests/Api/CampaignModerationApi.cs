using System.Text.Json.Nodes;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>The moderation lifecycle through GraphQL: owners submit, moderators decide, everyone's step is recorded.</summary>
[Collection("api")]
public sealed class CampaignModerationApi(ApiFixture api)
{
    private const string Fields = "id status category customCategory history { from to by reason }";

    private const string Submit = $$"""mutation($id: ID!) { submitCampaign(id: $id) { {{Fields}} } }""";
    private const string RequestChanges = $$"""mutation($id: ID!, $reason: String!) { requestCampaignChanges(id: $id, reason: $reason) { {{Fields}} } }""";
    private const string Approve = $$"""mutation($id: ID!, $note: String) { approveCampaign(id: $id, note: $note) { {{Fields}} } }""";
    private const string Reject = $$"""mutation($id: ID!, $reason: String!) { rejectCampaign(id: $id, reason: $reason) { {{Fields}} } }""";
    private const string Get = $$"""query($id: ID!) { campaign(id: $id) { {{Fields}} } }""";

    private GraphQLClient Moderator(string tenant, string user = "mod") =>
        api.Client(tenant, api.Tokens.Issue(tenant, user, Role.Moderator));

    private static object NewCampaign(string category = "ECOLOGICAL_TRANSITION") => new
    {
        input = new
        {
            title = "Vergers partagés",
            category,
            goal = new { amount = 50_000, currency = "EUR" },
            endsAt = DateTimeOffset.UtcNow.AddDays(20).ToString("O"),
        },
    };

    private static string Status(JsonNode data, string field) => data[field]!["status"]!.GetValue<string>();

    [Fact]
    public async Task Draft_goes_through_changes_and_approval_to_live_with_every_step_recorded()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        using var mod = Moderator(tenant);
        var created = (await owner.OkAsync($$"""mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { {{Fields}} } }""", NewCampaign()))["createCampaign"]!;
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("ECOLOGICAL_TRANSITION", created["category"]!.GetValue<string>());

        Assert.Equal("SUBMITTED", Status(await owner.OkAsync(Submit, new { id }), "submitCampaign"));
        Assert.Equal("CHANGES_REQUESTED", Status(await mod.OkAsync(RequestChanges, new { id, reason = "Précisez le budget" }), "requestCampaignChanges"));
        Assert.Equal("SUBMITTED", Status(await owner.OkAsync(Submit, new { id }), "submitCampaign"));
        var approved = (await mod.OkAsync(Approve, new { id, note = "Merci" }))["approveCampaign"]!;

        Assert.Equal("LIVE", approved["status"]!.GetValue<string>());
        var steps = approved["history"]!.AsArray().Select(h => $"{h!["from"]}>{h["to"]}:{h["by"]}:{h["reason"]}").ToList();
        Assert.Equal(
        [
            "DRAFT>DRAFT:owner:created",
            "DRAFT>SUBMITTED:owner:",
            "SUBMITTED>CHANGES_REQUESTED:mod:Précisez le budget",
            "CHANGES_REQUESTED>SUBMITTED:owner:",
            "SUBMITTED>APPROVED:mod:Merci",
            "APPROVED>LIVE:system:start date reached",
        ], steps);
    }

    [Fact]
    public async Task A_rejected_campaign_keeps_its_reason_and_moves_no_further()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        using var mod = Moderator(tenant);
        var id = (await owner.OkAsync(Documents.CreateCampaign, NewCampaign("SOCIAL")))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Submit, new { id });

        Assert.Equal("VALIDATION", (await mod.SendAsync(Reject, new { id, reason = "  " })).FirstCode);
        var rejected = (await mod.OkAsync(Reject, new { id, reason = "Hors du territoire" }))["rejectCampaign"]!;

        Assert.Equal("REJECTED", rejected["status"]!.GetValue<string>());
        Assert.Equal("Hors du territoire", rejected["history"]!.AsArray().Last()!["reason"]!.GetValue<string>());
        Assert.Equal("INVALID_TRANSITION", (await owner.SendAsync(Submit, new { id })).FirstCode);
        Assert.Equal("INVALID_TRANSITION", (await mod.SendAsync(Approve, new { id, note = (string?)null })).FirstCode);
    }

    [Fact]
    public async Task Only_the_owner_submits_and_only_moderators_decide()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        using var other = api.Member(tenant, "other");
        using var mod = Moderator(tenant);
        var id = (await owner.OkAsync(Documents.CreateCampaign, NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();

        Assert.Equal("NOT_FOUND", (await other.SendAsync(Submit, new { id })).FirstCode);
        Assert.Equal("FORBIDDEN", (await mod.SendAsync(Submit, new { id })).FirstCode);
        Assert.Equal("INVALID_TRANSITION", (await mod.SendAsync(Approve, new { id, note = (string?)null })).FirstCode);
        await owner.OkAsync(Submit, new { id });

        Assert.Equal("FORBIDDEN", (await owner.SendAsync(Approve, new { id, note = (string?)null })).FirstCode);
        Assert.Equal("FORBIDDEN", (await other.SendAsync(Reject, new { id, reason = "non" })).FirstCode);

        // A moderator does not moderate their own project.
        using var modOwner = Moderator(tenant, "mod-owner");
        var own = (await modOwner.OkAsync(Documents.CreateCampaign, NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await modOwner.OkAsync(Submit, new { id = own });
        Assert.Equal("FORBIDDEN", (await modOwner.SendAsync(Approve, new { id = own, note = (string?)null })).FirstCode);
    }

    [Fact]
    public async Task History_is_shown_to_the_owner_and_moderators_only()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        using var mod = Moderator(tenant);
        using var admin = api.Admin(tenant);
        using var other = api.Member(tenant, "other");
        using var anonymous = api.Client(tenant, token: null);
        var id = (await owner.OkAsync(Documents.CreateCampaign, NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Submit, new { id });
        await mod.OkAsync(Approve, new { id, note = (string?)null });

        foreach (var allowed in new[] { owner, mod, admin })
        {
            var history = (await allowed.OkAsync(Get, new { id }))["campaign"]!["history"]!.AsArray();
            Assert.Equal(4, history.Count);
        }

        foreach (var stranger in new[] { other, anonymous })
        {
            var campaign = (await stranger.OkAsync(Get, new { id }))["campaign"]!;
            Assert.Equal("LIVE", campaign["status"]!.GetValue<string>());
            Assert.Null(campaign["history"]);
        }
    }

    [Fact]
    public async Task Moderators_see_submitted_campaigns_in_the_list_and_members_do_not()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        using var mod = Moderator(tenant);
        using var other = api.Member(tenant, "other");
        var id = (await owner.OkAsync(Documents.CreateCampaign, NewCampaign()))["createCampaign"]!["id"]!.GetValue<string>();
        await owner.OkAsync(Submit, new { id });

        const string list = "{ campaigns(first: 10) { edges { node { id status } } } }";
        var seen = (await mod.OkAsync(list))["campaigns"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Contains(seen, n => n["id"]!.GetValue<string>() == id && n["status"]!.GetValue<string>() == "SUBMITTED");
        Assert.Empty((await other.OkAsync(list))["campaigns"]!["edges"]!.AsArray());
    }

    [Fact]
    public async Task Categories_are_checked_on_creation()
    {
        var tenant = await api.NewTenantAsync();
        using var owner = api.Member(tenant, "owner");
        var result = await owner.SendAsync(Documents.CreateCampaign, NewCampaign("TENANT_DEFINED"));
        Assert.Equal("VALIDATION", result.FirstCode);
    }
}
