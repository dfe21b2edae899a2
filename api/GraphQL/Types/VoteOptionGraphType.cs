using Civic.Grains.Interfaces;
using Civic.Api.GraphQL.Loaders;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL.Types;

/// <summary>
/// An option as its vote (<see cref="VoteId"/>) shows it: with its counts only when the vote shows them
/// (<see cref="VoteTallies.Shown(VoteSummary)"/>).
/// </summary>
public sealed record VoteOptionView(VoteOption Option, bool CountsShown, string VoteId)
{
    public static VoteOptionView Of(VoteOption option, VoteSummary vote) => new(option, VoteTallies.Shown(vote), vote.Id);

    public static IEnumerable<VoteOptionView> Of(VoteSummary vote) => vote.Options.Select(o => Of(o, vote));

    /// <summary>Options of a counted vote (its results, its live tallies once allowed): counts shown.</summary>
    public static IEnumerable<VoteOptionView> Counted(IEnumerable<VoteOption> options, string voteId) =>
        options.Select(o => new VoteOptionView(o, CountsShown: true, voteId));
}

public sealed class VoteOptionGraphType : ObjectGraphType<VoteOptionView>
{
    private const string Hidden = " Null until the vote is closed, unless it shows live tallies (Vote.liveTallies); the same for every caller, as voteUpdated's tallies.";

    public VoteOptionGraphType()
    {
        Name = "VoteOption";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Option.Id);
        Field<NonNullGraphType<IdGraphType>>("voteId").Description("The vote it is a project of.").Resolve(c => c.Source.VoteId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Option.Title);
        Field<NonNullGraphType<LongGraphType>>("cost").Description("Cents.").Resolve(c => c.Source.Option.Cost);
        Field<IntGraphType>("votes").Description("Ballots naming (or grading) this option." + Hidden)
            .Resolve(c => c.Source.CountsShown ? c.Source.Option.Votes : null);
        Field<LongGraphType>("score").Description("Its score by the ballot type: ballots, points or rank points; the median grade once a majority-judgment vote is closed." + Hidden)
            .Resolve(c => c.Source.CountsShown ? c.Source.Option.Score : null);
        Field<StringGraphType>("district").Resolve(c => c.Source.Option.District);
        Field<StringGraphType>("externalId").Description("The id the project had in an imported file, or the id of the idea it was made from.").Resolve(c => c.Source.Option.ExternalId);
        Field<IdGraphType>("ideaId")
            .Description("The idea this option was made from (turnIdeaIntoProject: its externalId, confirmed by the idea's link to this option), null for others; the idea's voteOption links back.")
            .Resolve(c => c.Source.Option.ExternalId is { } external && GrainKeys.IsWellFormed(external, IdPrefixes.Idea)
                ? c.RequestServices!.GetRequiredService<IdeaLoaders>().IdeaOfOption.Load((external, c.Source.Option.Id))
                : Pending<string?>.Known(null));
        Field<NonNullGraphType<ConnectionType<CommentGraphType>>>("comments")
            .Description("The comments on this project (their replies under each), 20 a page by default: commentVoteOption writes them once the vote is open.")
            .Argument<CommentOrderGraphType>("order", "Defaults to NEWEST.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await CommentPages.PageAsync(c, CommentedItems.VoteOption,
                CommentedItems.VoteOptionId(c.Source.VoteId, c.Source.Option.Id), parentId: null));
    }
}
