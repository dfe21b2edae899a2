using Civic.Api.GraphQL.Types;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL;

/// <summary>The idea box fields of Query and Mutation (issue 11): one grain call per mutation, lists from PostgreSQL.</summary>
public static class IdeaBoxFields
{
    public static void AddIdeaBoxQueries(this ObjectGraphType query, IClusterClient cluster)
    {
        query.Field<IdeaBoxGraphType>("ideaBox")
            .Description("One idea box, public; null if there is none with this id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => cluster.IdeaBoxOrNull(c.Civic().RequireTenant().Slug, c.GetArgument<string>("id")) is { } box
                ? await box.GetAsync() : null);

        query.Field<NonNullGraphType<ConnectionType<IdeaBoxSummaryGraphType>>>("ideaBoxes")
            .Description("The tenant's idea boxes, newest first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant();
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var after = Cursors.TimeKeyFrom(c.GetArgument<string?>("after"), "box");
                var (rows, hasMore) = await Reads(c).BoxesAsync(tenant.Slug, first, after, c.CancellationToken);
                return Connections.Of(rows, r => r, r => Cursors.ForTimeKey("box", r.CreatedAt, r.Id),
                    hasMore, c.GetArgument<string?>("after") is not null);
            });

        query.Field<IdeaGraphType>("idea")
            .Description("One idea, public; null if there is none with this id. A hidden one shows its title and body only to its author and moderators (others get hidden: true and empty text).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant().Slug;
                if (cluster.IdeaOrNull(tenant, c.GetArgument<string>("id")) is not { } grain || await grain.GetAsync() is not { } idea)
                {
                    return null;
                }

                var viewer = c.Civic().Viewer();
                var listing = await Reads(c).ListingAsync(tenant, idea.Id, viewer?.UserId, c.CancellationToken);
                var view = idea with { Listing = listing };
                return listing?.HiddenReason is not null && !MaySeeHidden(viewer, idea.AuthorId)
                    ? view with { Title = "", Body = "", BodyHtml = "", Location = null } // hidden: others see only that it is
                    : view;
            });

        query.Field<NonNullGraphType<ConnectionType<IdeaGraphType>>>("ideas")
            .Description("A box's ideas (never withdrawn ones; hidden ones only for their author and moderators), filtered and searched in the tenant's language.")
            .Argument<NonNullGraphType<IdGraphType>>("boxId")
            .Argument<IdeaOrderGraphType>("order", "Defaults to MOST_SUPPORTED.")
            .Argument<StringGraphType>("seed", "RANDOM order: any text the visitor keeps while paging (at most 64 characters).")
            .Argument<StringGraphType>("category")
            .Argument<StringGraphType>("district")
            .Argument<IdeaStateGraphType>("state")
            .Argument<StringGraphType>("search", "Words to find (web search syntax: quotes, or, -word).")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant();
                var boxId = c.GetArgument<string>("boxId");
                var box = cluster.IdeaBoxOrNull(tenant.Slug, boxId);
                var terms = box is null ? null : await box.GetAsync();
                if (terms is null)
                {
                    throw new CivicException(ErrorCodes.NotFound, "No such idea box.");
                }

                var order = c.GetArgument<IdeaOrder?>("order") ?? IdeaOrder.MostSupported;
                var seed = c.GetArgument<string?>("seed") ?? "";
                TextRules.Require("The seed", seed.Length == 0 ? "-" : seed, TextLimits.IdempotencyKey);
                var filter = new IdeaFilter(
                    Checked(c.GetArgument<string?>("category"), "The category", TextLimits.Name),
                    Checked(c.GetArgument<string?>("district"), "The district", TextLimits.District),
                    c.GetArgument<IdeaState?>("state"),
                    Checked(c.GetArgument<string?>("search"), "The search", TextLimits.Title));
                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var after = Cursors.KeyFrom(c.GetArgument<string?>("after"), "idea");
                var (rows, hasMore) = await Reads(c).ListAsync(tenant.Slug, boxId, order, filter, seed, first, after, Reader(c), c.CancellationToken);
                return Connections.Of(rows, r => View(r, terms.Settings.AnswerDeadlineDays), r => Cursors.ForKey("idea", r.SortKey, r.Id),
                    hasMore, c.GetArgument<string?>("after") is not null);
            });

        query.Field<NonNullGraphType<ConnectionType<IdeaGraphType>>>("overdueIdeas")
            .Description("""
                Moderators and admins: ideas still under review after their answer was due (the box's answerDeadlineDays
                after they went under review), the longest overdue first, of one box or of all. Errors: FORBIDDEN,
                VALIDATION (cursor).
                """)
            .Argument<IdGraphType>("boxId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                var boxId = c.GetArgument<string?>("boxId");
                if (boxId is not null && !GrainKeys.IsWellFormed(boxId, IdPrefixes.IdeaBox))
                {
                    throw new CivicException(ErrorCodes.NotFound, "No such idea box.");
                }

                var first = Cursors.PageSize(c.GetArgument<int?>("first"));
                var after = Cursors.TimeKeyFrom(c.GetArgument<string?>("after"), "overdue");
                var now = c.RequestServices!.GetRequiredService<DomainClock>().GetUtcNow();
                var (rows, hasMore) = await Reads(c).OverdueAsync(actor.Tenant, boxId, now, first, after, c.CancellationToken);
                return Connections.Of(rows, r => View(r.Row, answerDeadlineDays: null) with { AnswerDueAt = r.DueAt },
                    r => Cursors.ForTimeKey("overdue", r.DueAt, r.Row.Id), hasMore, c.GetArgument<string?>("after") is not null);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdeaGraphType>>>>("similarIdeas")
            .Description("Up to 10 ideas of the box sharing words with a draft's text, best first (hidden ones only for their author and moderators): shown before a member submits.")
            .Argument<NonNullGraphType<IdGraphType>>("boxId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .ResolveAsync(async c =>
            {
                var tenant = c.Civic().RequireTenant();
                var text = c.GetArgument<string>("text");
                TextRules.Require("The text", text, TextLimits.IdeaBody);
                var boxId = c.GetArgument<string>("boxId");
                if (cluster.IdeaBoxOrNull(tenant.Slug, boxId) is null)
                {
                    return Array.Empty<IdeaView>();
                }

                return (await Reads(c).SimilarAsync(tenant.Slug, boxId, text, Reader(c), c.CancellationToken)).Select(r => View(r, answerDeadlineDays: null)).ToArray();
            });
    }

    public static void AddIdeaBoxMutations(this ObjectGraphType mutation, IClusterClient cluster, DomainClock clock)
    {
        mutation.Field<NonNullGraphType<IdeaBoxGraphType>>("createIdeaBox")
            .Description("Admins only: opens an idea box on a theme.")
            .Argument<NonNullGraphType<CreateIdeaBoxInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var i = c.GetArgument<CreateIdeaBoxInput>("input");
                TextRules.RequireCount("categories", i.Categories?.Count ?? 0, ListLimits.IdeaBoxCategories);
                TextRules.RequireCount("districts", i.Districts?.Count ?? 0, ListLimits.IdeaBoxDistricts);
                var command = new CreateIdeaBox(i.Title, i.Brief, i.OpensAt ?? clock.GetUtcNow(), i.ClosesAt,
                    [.. i.Categories ?? []], [.. i.Districts ?? []],
                    i.WhoMayPropose?.ToRule() ?? ParticipationRule.AnyMember, i.WhoMaySupport?.ToRule() ?? ParticipationRule.AnyMember,
                    i.IdeasPerMember ?? 5, i.SupportsPerMember,
                    i.Threshold is { } t ? new SupportThreshold(t.Supports, t.ShareOfResidentsBasisPoints) : null,
                    i.AnswerDeadlineDays ?? 30, i.SupportsWithdrawable ?? true, i.ReportsToHide ?? 3);
                return await cluster.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(actor.Tenant, GrainKeys.NewId(IdPrefixes.IdeaBox)))
                    .CreateAsync(command, actor);
            });

        mutation.Field<NonNullGraphType<IdeaGraphType>>("submitIdea")
            .Description("A member proposes an idea in an open box (look at similarIdeas first).")
            .Argument<NonNullGraphType<IdGraphType>>("boxId")
            .Argument<NonNullGraphType<SubmitIdeaInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.IdeaBox(actor.Tenant, c.GetArgument<string>("boxId")).SubmitAsync(Idea(c), actor);
            });

        mutation.Field<NonNullGraphType<IdeaGraphType>>("editIdea")
            .Description("The author, within 15 minutes of submitting and before any support or answer; the previous version is kept.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<SubmitIdeaInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.Idea(actor.Tenant, c.GetArgument<string>("id")).EditAsync(Idea(c), actor);
            });

        mutation.Field<NonNullGraphType<IdeaGraphType>>("withdrawIdea")
            .Description("The author withdraws an idea nobody supports, before it is accepted or rejected.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.Idea(actor.Tenant, c.GetArgument<string>("id")).WithdrawAsync(actor);
            });

        mutation.Field<NonNullGraphType<SupportResultGraphType>>("supportIdea")
            .Description("One support per member and idea (ALREADY_SUPPORTED); the support reaching the box's threshold sends the idea to review.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.Idea(actor.Tenant, c.GetArgument<string>("id")).SupportAsync(actor);
            });

        mutation.Field<NonNullGraphType<SupportResultGraphType>>("withdrawSupport")
            .Description("Withdraws the caller's support while the box is open, if the box allows it.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor();
                return await cluster.Idea(actor.Tenant, c.GetArgument<string>("id")).WithdrawSupportAsync(actor);
            });

        mutation.Field<NonNullGraphType<IdeaGraphType>>("answerIdea")
            .Description("Moderators and admins: a public answer setting UNDER_REVIEW, ACCEPTED or REJECTED (from SUBMITTED it passes through review).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IdeaStateGraphType>>("state")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                return await cluster.Idea(actor.Tenant, c.GetArgument<string>("id"))
                    .AnswerAsync(c.GetArgument<IdeaState>("state"), c.GetArgument<string>("text"), actor);
            });
    }

    /// <summary>Turning accepted ideas into projects of a vote, and the tenant's area for ideas' locations.</summary>
    public static void AddIdeaProjectMutations(this ObjectGraphType mutation, IClusterClient cluster)
    {
        mutation.Field<NonNullGraphType<IdeaGraphType>>("turnIdeaIntoProject")
            .Description("""
                Moderators and admins: an ACCEPTED idea becomes an option of a vote that has not opened (participatory
                budget), with its cost in cents and a public text, and is TURNED_INTO_PROJECT; Idea.voteOption and
                VoteOption.ideaId link both ways. title defaults to the idea's; district is needed when the vote has
                districts. Errors: FORBIDDEN, NOT_FOUND (idea or vote), INVALID_TRANSITION (not accepted), VOTE_STARTED
                (the vote opened or closed), VALIDATION (cost, title, district, text).
                """)
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IdGraphType>>("voteId")
            .Argument<NonNullGraphType<LongGraphType>>("cost", "Cents.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "The public answer that goes with the move.")
            .Argument<StringGraphType>("title")
            .Argument<StringGraphType>("district")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Moderator);
                var command = new TurnIdeaIntoProject(c.GetArgument<string>("voteId"), c.GetArgument<long>("cost"), c.GetArgument<string>("text"),
                    c.GetArgument<string?>("title"), c.GetArgument<string?>("district"));
                return await cluster.Idea(actor.Tenant, c.GetArgument<string>("id")).TurnIntoProjectAsync(command, actor);
            });

        mutation.Field<NonNullGraphType<TenantGraphType>>("setTenantArea")
            .Description("""
                Admins: the rectangle the tenant covers (null: none). An idea's location must then lie inside it
                (VALIDATION otherwise, on submitIdea and editIdea). Errors: FORBIDDEN, VALIDATION (not a rectangle of
                valid degrees with south < north and west < east).
                """)
            .Argument<GeoAreaInputGraphType>("area")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var a = c.GetArgument<GeoAreaInput?>("area");
                var info = await cluster.GetGrain<ITenantGrain>(actor.Tenant)
                    .SetAreaAsync(a is null ? null : new GeoArea(a.South, a.West, a.North, a.East), actor);
                c.RequestServices!.GetRequiredService<Civic.Api.Tenancy.TenantResolver>().Invalidate(actor.Tenant);
                return info;
            });
    }

    private static IdeaReads Reads(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<IdeaReads>();

    private static IdeaReader Reader(IResolveFieldContext c) =>
        c.Civic().Viewer() is { } viewer ? new IdeaReader(viewer.UserId, viewer.IsAtLeast(Role.Moderator)) : new IdeaReader(null, false);

    /// <summary>A hidden idea's text is for its author, moderators and admins.</summary>
    internal static bool MaySeeHidden(Actor? viewer, string authorId) =>
        viewer is not null && (viewer.UserId == authorId || viewer.IsAtLeast(Role.Moderator));

    private static SubmitIdea Idea(IResolveFieldContext c)
    {
        var i = c.GetArgument<SubmitIdeaInput>("input");
        return new SubmitIdea(i.Title, i.Body, i.Category, i.District, i.Location is { } l ? new GeoPoint(l.Latitude, l.Longitude) : null);
    }

    private static IdeaView View(IdeaRow r, int? answerDeadlineDays) => new(
        r.Id, r.BoxId, r.AuthorId, r.Title, r.Body, r.BodyHtml, r.Category, r.District, r.Location, r.State, r.Supports, r.Version,
        r.SubmittedAt, r.UnderReviewSince,
        r.UnderReviewSince is { } since && answerDeadlineDays is { } days ? since.AddDays(days) : null,
        Answers: default, // read from the idea's grain only if asked
        Listing: new IdeaListing(r.Comments, r.HiddenReason, r.SupportedByMe), Project: r.Project);

    private static string? Checked(string? value, string field, TextRule rule)
    {
        if (value is not null)
        {
            TextRules.Require(field, value, rule);
        }

        return value;
    }
}
