using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CommentStanceGraphType : EnumerationGraphType<CommentStance>
{
    public CommentStanceGraphType()
    {
        Name = "CommentStance";
        Description = "What a comment says of its item: FOR, NEUTRAL or AGAINST.";
    }
}

public sealed class CommentVoteGraphType : EnumerationGraphType<CommentVote>
{
    public CommentVoteGraphType()
    {
        Name = "CommentVote";
        Description = "UP or DOWN: one vote per member and comment.";
    }
}

public sealed class CommentOrderGraphType : EnumerationGraphType<CommentOrder>
{
    public CommentOrderGraphType()
    {
        Name = "CommentOrder";
        Description = "NEWEST first, or BEST: score (ups minus downs) first, then newest.";
    }
}
