using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Tools.DevHost;

/// <summary>The demo tenant's open idea box: a few ideas by made-up residents, with supports and a short discussion.</summary>
public static class DemoIdeas
{
    public const string BoxTitle = "Boîte à idées : un quartier plus vert";

    /// <summary>Seeds the box once, with the tenant (a second start finds the tenant and seeds nothing).</summary>
    public static async Task SeedAsync(IGrainFactory grains, string tenant, Actor admin, DateTimeOffset now)
    {
        var box = grains.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.IdeaBox)));
        await box.CreateAsync(new CreateIdeaBox(
            BoxTitle, "Proposez vos idées pour **verdir** le quartier ; les plus soutenues iront au budget participatif.",
            now, now.AddDays(60), ["Nature", "Mobilité", "Cadre de vie"], ["Centre", "Nord", "Sud"],
            ParticipationRule.AnyMember, ParticipationRule.AnyMember, Threshold: new SupportThreshold(50, null)), admin);

        Actor Resident(string id) => new(tenant, id, Role.Member);
        var trees = await box.SubmitAsync(new SubmitIdea("Des arbres rue Pasteur",
            "Planter des platanes pour faire de l'ombre aux piétons en été.", "Nature", "Centre", null), Resident("demo-resident-1"));
        var bikes = await box.SubmitAsync(new SubmitIdea("Des arceaux à vélos devant l'école",
            "Les parents n'ont nulle part où attacher leurs vélos le matin.", "Mobilité", "Nord", null), Resident("demo-resident-2"));
        await box.SubmitAsync(new SubmitIdea("Des bancs au mail des Tilleuls",
            "Pour que les aînés puissent se reposer pendant leur promenade.", "Cadre de vie", "Sud", null), Resident("demo-resident-3"));

        foreach (var (idea, supporters) in new[] { (trees.Id, 4), (bikes.Id, 2) })
        {
            for (var i = 1; i <= supporters; i++)
            {
                await grains.GetGrain<IIdeaGrain>(GrainKeys.Compound(tenant, idea)).SupportAsync(Resident($"demo-supporter-{i}"));
            }
        }

        var thread = grains.GetGrain<ICommentThreadGrain>(CommentedItems.GrainKey(tenant, CommentedItems.Idea, trees.Id));
        var first = await thread.PostAsync(new PostComment("Oui ! La rue est une fournaise en juillet.", CommentStance.For), Resident("demo-supporter-1"));
        await thread.PostAsync(new PostComment("Attention aux racines sous le trottoir.", CommentStance.Neutral, first.Id), Resident("demo-resident-2"));
        await thread.PostAsync(new PostComment("Je préférerais des places de stationnement.", CommentStance.Against), Resident("demo-supporter-3"));
    }
}
