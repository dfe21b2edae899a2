using Civic.Tests.Infrastructure;
using Civic.Tools.DevHost;

namespace Civic.Tests.Api;

/// <summary>
/// What <c>./civic up</c> seeds for idea boxes (issue 11): an open box on the demo tenant with ideas, supports and
/// comments, read back through the public API; a second start adds nothing.
/// </summary>
[Collection("api-clock")]
public sealed class DemoSeedIdeas(ClockedApiFixture api)
{
    [Fact]
    public async Task The_demo_tenant_has_an_open_idea_box_with_supported_and_discussed_ideas_and_a_second_start_adds_nothing()
    {
        await DemoSeed.EnsureAsync(api.Grains, api.Time);
        await DemoSeed.EnsureAsync(api.Grains, api.Time);

        using var visitor = api.Client(DemoSeed.Tenant, null);
        var boxes = (await visitor.OkAsync("{ ideaBoxes { edges { node { id title ideas } } } }"))["ideaBoxes"]!["edges"]!.AsArray();
        var box = Assert.Single(boxes)!["node"]!;
        Assert.Equal(DemoIdeas.BoxTitle, box["title"]!.GetValue<string>());
        Assert.Equal(3, box["ideas"]!.GetValue<int>());
        var id = box["id"]!.GetValue<string>();
        Assert.True((await visitor.OkAsync("query($id: ID!) { ideaBox(id: $id) { isOpen } }", new { id }))["ideaBox"]!["isOpen"]!.GetValue<bool>());

        // The list's support counts follow within a second, and at once when the ideas' grains deactivate.
        await api.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var ideas = (await visitor.OkAsync("query($box: ID!) { ideas(boxId: $box) { edges { node { title supportCount commentCount } } } }", new { box = id }))
            ["ideas"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        Assert.Equal(["Des arbres rue Pasteur", "Des arceaux à vélos devant l'école", "Des bancs au mail des Tilleuls"],
            ideas.Select(i => i["title"]!.GetValue<string>()));
        Assert.Equal([4, 2, 0], ideas.Select(i => i["supportCount"]!.GetValue<int>()));
        Assert.Equal([3, 0, 0], ideas.Select(i => i["commentCount"]!.GetValue<int>()));
    }
}
