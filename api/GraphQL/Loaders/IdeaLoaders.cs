using Civic.Api.Reads;
using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;

namespace Civic.Api.GraphQL.Loaders;

/// <summary>
/// The per-request loaders of idea boxes: the viewer's own vote on each comment of a page, and the idea each option
/// of a vote came from. A page costs one query for each, never one per row.
/// </summary>
public sealed class IdeaLoaders
{
    private readonly CivicRequest _request;

    public IdeaLoaders(CivicRequest request, CommentReads comments, IdeaReads ideas)
    {
        _request = request;
        MyVotes = new BatchLoader<string, CommentVote?>(
            async (ids, ct) => _request.Viewer() is { } viewer
                ? await comments.VotesOfAsync(Tenant, viewer.UserId, [.. ids], ct)
                : new Dictionary<string, CommentVote?>(),
            null, StringComparer.Ordinal);
        IdeaOfOption = new BatchLoader<(string Idea, string Option), string?>(
            async (keys, ct) => await ideas.IdeasOfOptionsAsync(Tenant, [.. keys], ct), null);
    }

    /// <summary>The signed-in viewer's vote, by comment id (null: none, or anonymous).</summary>
    public BatchLoader<string, CommentVote?> MyVotes { get; }

    /// <summary>
    /// The idea a vote's option was made from, by (the option's external id, the option's id): the idea when its link
    /// names this option, else null.
    /// </summary>
    public BatchLoader<(string Idea, string Option), string?> IdeaOfOption { get; }

    private string Tenant => _request.RequireTenant().Slug;
}
