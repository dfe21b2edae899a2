using Civic.Grains.Interfaces;
using Civic.Tests.Infrastructure;
using static Civic.Tests.Grains.GrainTestData;

namespace Civic.Tests.Grains;

/// <summary>
/// Idea boxes and ideas on the cluster (issue 11): per-member limits held under load, supports one per member
/// through the ledger with an exact count, the threshold's move to review in the supporting call, the
/// author's edit window with kept versions, withdrawal, and moderators' answers.
/// </summary>
[Collection("cluster")]
public sealed class IdeaBoxes(ClockedClusterFixture fixture)
{
    private (IIdeaBoxGrain Box, string Tenant) NewBox(out CreateIdeaBox settings, SupportThreshold? threshold = null,
        int ideasPerMember = 5, int? supportsPerMember = null, ParticipationRule? support = null, bool withdrawable = true)
    {
        var tenant = NewTenant();
        settings = new CreateIdeaBox("Idées pour le quartier", "Proposez **vos** idées.", fixture.Now.AddSeconds(-1), fixture.Now.AddDays(30),
            ["Mobilité", "Nature"], ["Nord", "Sud"], ParticipationRule.AnyMember, support ?? ParticipationRule.AnyMember,
            ideasPerMember, supportsPerMember, threshold, AnswerDeadlineDays: 10, SupportsWithdrawable: withdrawable);
        return (fixture.Client.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(tenant, GrainKeys.NewId(IdPrefixes.IdeaBox))), tenant);
    }

    private static SubmitIdea Idea(string title = "Des arbres rue Pasteur") => new(title, "De l'ombre *en été*.", "Nature", "Nord", null);

    private IIdeaGrain GrainOf(string tenant, IdeaView idea) => fixture.Client.GetGrain<IIdeaGrain>(GrainKeys.Compound(tenant, idea.Id));

    private Task<long> LiveSupportsAsync(string tenant, string ideaId) => PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
        "select count(*) from civic_idea_supports where tenant = @t and idea_id = @i and withdrawn_at is null", ("t", tenant), ("i", ideaId));

    [Fact]
    public async Task Admins_open_boxes_members_propose_within_their_limit_and_a_withdrawn_idea_frees_its_slot()
    {
        var (box, tenant) = NewBox(out var settings, ideasPerMember: 2);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CivicException>(() => box.CreateAsync(settings, Member(tenant)))).Code);
        var created = await box.CreateAsync(settings, Admin(tenant));
        Assert.True(created.IsOpen);
        Assert.Equal("<p>Proposez <strong>vos</strong> idées.</p>", created.BriefHtml);

        var first = await box.SubmitAsync(Idea("Un"), Member(tenant));
        Assert.Equal((IdeaState.Submitted, "<p>De l'ombre <em>en été</em>.</p>"), (first.State, first.BodyHtml));
        await box.SubmitAsync(Idea("Deux"), Member(tenant));
        Assert.Equal(ErrorCodes.LimitExceeded, (await Assert.ThrowsAsync<CivicException>(() => box.SubmitAsync(Idea("Trois"), Member(tenant)))).Code);
        Assert.Equal(ErrorCodes.Validation, (await Assert.ThrowsAsync<CivicException>(() =>
            box.SubmitAsync(Idea() with { Category = "Culture" }, Member(tenant, "bob")))).Code);

        // Withdrawing one gives the slot back; a refused idea never took one.
        Assert.Equal(IdeaState.Withdrawn, (await GrainOf(tenant, first).WithdrawAsync(Member(tenant))).State);
        await box.SubmitAsync(Idea("Trois"), Member(tenant));

        // Many at once from one member: exactly the limit gets in.
        var (crowded, t2) = NewBox(out var s2, ideasPerMember: 5);
        await crowded.CreateAsync(s2, Admin(t2));
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await crowded.SubmitAsync(Idea($"Idée {i}"), Member(t2));
                return true;
            }
            catch (CivicException e) when (e.Code == ErrorCodes.LimitExceeded)
            {
                return false;
            }
        }));
        Assert.Equal(5, attempts.Count(ok => ok));
        Assert.Equal(5L, await PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
            "select count(*) from civic_ideas where tenant = @t", ("t", t2)));
    }

    [Fact]
    public async Task Two_thousand_members_supporting_at_once_some_twice_give_an_exact_count_equal_to_the_table()
    {
        var (box, tenant) = NewBox(out var settings);
        await box.CreateAsync(settings, Admin(tenant));
        var idea = GrainOf(tenant, await box.SubmitAsync(Idea(), Member(tenant, "author")));

        var members = Enumerable.Range(0, 2_000).Select(i => $"m{i}").ToArray();
        var twice = members.Where((_, i) => i % 7 == 0);
        var outcomes = await Task.WhenAll(members.Concat(twice).Select(async m =>
        {
            try
            {
                await idea.SupportAsync(Member(tenant, m));
                return "ok";
            }
            catch (CivicException e)
            {
                return e.Code;
            }
        }));

        Assert.Equal(2_000, outcomes.Count(o => o == "ok"));
        Assert.All(outcomes.Where(o => o != "ok"), o => Assert.Equal(ErrorCodes.AlreadySupported, o));
        var view = (await idea.GetAsync())!;
        Assert.Equal(2_000, view.Supports);
        Assert.Equal(2_000L, await LiveSupportsAsync(tenant, view.Id));

        // Withdrawn and given again, then the grain rebuilt from the table: the same count.
        Assert.False((await idea.WithdrawSupportAsync(Member(tenant, "m1"))).Supporting);
        Assert.Equal(1_999, (await idea.GetAsync())!.Supports);
        Assert.True((await idea.SupportAsync(Member(tenant, "m1"))).Supporting);
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(2_000, (await idea.GetAsync())!.Supports);
        Assert.Equal(2_000L, await LiveSupportsAsync(tenant, view.Id));
        Assert.Equal(2_000L, await PostgresServerFixture.ScalarAsync<long>(fixture.ConnectionString,
            "select supports::bigint from civic_ideas where tenant = @t and idea_id = @i", ("t", tenant), ("i", view.Id)));
    }

    [Fact]
    public async Task The_support_that_reaches_the_threshold_moves_the_idea_to_review_and_starts_its_deadline()
    {
        var (box, tenant) = NewBox(out var settings, threshold: new SupportThreshold(3));
        Assert.Equal(3, (await box.CreateAsync(settings, Admin(tenant))).SupportsNeeded);
        var idea = GrainOf(tenant, await box.SubmitAsync(Idea(), Member(tenant, "author")));

        Assert.Equal(IdeaState.Submitted, (await idea.SupportAsync(Member(tenant, "a"))).State);
        Assert.Equal(IdeaState.Submitted, (await idea.SupportAsync(Member(tenant, "b"))).State);
        var third = await idea.SupportAsync(Member(tenant, "c"));
        Assert.Equal((3, IdeaState.UnderReview), (third.Supports, third.State));

        var view = (await idea.GetAsync())!;
        Assert.Equal(fixture.Now, view.UnderReviewSince);
        Assert.Equal(fixture.Now.AddDays(10), view.AnswerDueAt);
        Assert.Equal("under_review", await PostgresServerFixture.ScalarAsync<string>(fixture.ConnectionString,
            "select state from civic_ideas where tenant = @t and idea_id = @i", ("t", tenant), ("i", view.Id)));

        // Withdrawing a support does not send it back; an idea with supports cannot be withdrawn.
        Assert.Equal(IdeaState.UnderReview, (await idea.WithdrawSupportAsync(Member(tenant, "c"))).State);
        Assert.Equal(ErrorCodes.InvalidTransition, (await Assert.ThrowsAsync<CivicException>(() => idea.WithdrawAsync(Member(tenant, "author")))).Code);
    }

    [Fact]
    public async Task The_author_edits_for_15_minutes_until_the_first_support_and_every_version_is_kept()
    {
        var (box, tenant) = NewBox(out var settings);
        await box.CreateAsync(settings, Admin(tenant));
        var idea = GrainOf(tenant, await box.SubmitAsync(Idea("Version 1"), Member(tenant, "author")));

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CivicException>(() => idea.EditAsync(Idea("Pirate"), Member(tenant, "other")))).Code);
        var edited = await idea.EditAsync(Idea("Version 2") with { Body = "Plus **précis**." }, Member(tenant, "author"));
        Assert.Equal((2, "Version 2", "<p>Plus <strong>précis</strong>.</p>"), (edited.Version, edited.Title, edited.BodyHtml));
        Assert.Equal("Version 1", Assert.Single(await idea.VersionsAsync()).Title);

        await idea.SupportAsync(Member(tenant, "fan"));
        Assert.Equal(ErrorCodes.InvalidTransition, (await Assert.ThrowsAsync<CivicException>(() => idea.EditAsync(Idea("Version 3"), Member(tenant, "author")))).Code);

        var late = GrainOf(tenant, await box.SubmitAsync(Idea("Tardive"), Member(tenant, "author")));
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(ErrorCodes.InvalidTransition, (await Assert.ThrowsAsync<CivicException>(() => late.EditAsync(Idea("Trop tard"), Member(tenant, "author")))).Code);
    }

    [Fact]
    public async Task Moderators_answer_publicly_and_an_answer_to_a_submitted_idea_passes_through_review()
    {
        var (box, tenant) = NewBox(out var settings);
        await box.CreateAsync(settings, Admin(tenant));
        var idea = GrainOf(tenant, await box.SubmitAsync(Idea(), Member(tenant, "author")));
        var moderator = new Actor(tenant, "mod", Role.Moderator);

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CivicException>(() =>
            idea.AnswerAsync(IdeaState.Accepted, "Oui", Member(tenant, "author")))).Code);
        var accepted = await idea.AnswerAsync(IdeaState.Accepted, "Bonne idée : nous l'étudions pour le budget 2028.", moderator);
        Assert.Equal(IdeaState.Accepted, accepted.State);
        Assert.Equal(fixture.Now, accepted.UnderReviewSince);
        var answer = Assert.Single(accepted.Answers);
        Assert.Equal(("mod", IdeaState.Accepted), (answer.By, answer.State));

        Assert.Equal(ErrorCodes.InvalidTransition, (await Assert.ThrowsAsync<CivicException>(() => idea.AnswerAsync(IdeaState.Rejected, "Non", moderator))).Code);
        Assert.Equal(ErrorCodes.InvalidTransition, (await Assert.ThrowsAsync<CivicException>(() => idea.SupportAsync(Member(tenant, "late")))).Code);

        // Answers survive the grain: they are read back from the table.
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reloaded = (await idea.GetAsync())!;
        Assert.Equal((IdeaState.Accepted, 1), (reloaded.State, reloaded.Answers.Length));
    }

    [Fact]
    public async Task Boxes_limit_supports_per_member_and_can_require_verified_residents_or_refuse_withdrawal()
    {
        var (box, tenant) = NewBox(out var settings, supportsPerMember: 2, withdrawable: false);
        await box.CreateAsync(settings, Admin(tenant));
        var ideas = new List<IIdeaGrain>();
        for (var i = 0; i < 3; i++)
        {
            ideas.Add(GrainOf(tenant, await box.SubmitAsync(Idea($"Idée {i}"), Member(tenant, $"author{i}"))));
        }

        await ideas[0].SupportAsync(Member(tenant, "fan"));
        await ideas[1].SupportAsync(Member(tenant, "fan"));
        Assert.Equal(ErrorCodes.LimitExceeded, (await Assert.ThrowsAsync<CivicException>(() => ideas[2].SupportAsync(Member(tenant, "fan")))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<CivicException>(() => ideas[0].WithdrawSupportAsync(Member(tenant, "fan")))).Code);

        var (verified, t2) = NewBox(out var s2, support: new ParticipationRule(RequireVerified: true));
        await verified.CreateAsync(s2, Admin(t2));
        var idea = GrainOf(t2, await verified.SubmitAsync(Idea(), Member(t2, "author")));
        Assert.Equal(ErrorCodes.VerificationRequired, (await Assert.ThrowsAsync<CivicException>(() => idea.SupportAsync(Member(t2, "anyone")))).Code);
        Assert.Equal(0L, await LiveSupportsAsync(t2, (await idea.GetAsync())!.Id));
    }

    [Fact]
    public async Task A_closed_box_takes_no_idea_and_no_support()
    {
        var (box, tenant) = NewBox(out var settings);
        await box.CreateAsync(settings with { ClosesAt = fixture.Now.AddHours(1) }, Admin(tenant));
        var idea = GrainOf(tenant, await box.SubmitAsync(Idea(), Member(tenant, "author")));
        fixture.AdvancePast(fixture.Now.AddHours(1));
        Assert.Equal(ErrorCodes.BoxNotOpen, (await Assert.ThrowsAsync<CivicException>(() => box.SubmitAsync(Idea(), Member(tenant, "late")))).Code);
        Assert.Equal(ErrorCodes.BoxNotOpen, (await Assert.ThrowsAsync<CivicException>(() => idea.SupportAsync(Member(tenant, "late")))).Code);
        Assert.False((await box.GetAsync())!.IsOpen);
    }
}
