using System.Collections.Immutable;

namespace Civic.Grains.Pabulib;

/// <summary>
/// One Pabulib <c>.pb</c> file as written: META key/value pairs in file order, the PROJECTS and VOTES tables
/// with every column kept (columns the parser does not interpret are carried verbatim in <c>Extra</c>).
/// </summary>
/// <param name="ProjectExtraColumns">PROJECTS columns other than <c>project_id</c> and <c>cost</c>, in file order.</param>
/// <param name="VoteExtraColumns">VOTES columns other than <c>voter_id</c>, <c>vote</c> and <c>points</c>, in file order.</param>
/// <param name="HasPoints">Whether VOTES has a <c>points</c> column.</param>
public sealed record PbFile(
    ImmutableArray<KeyValuePair<string, string>> Meta,
    ImmutableArray<string> ProjectExtraColumns,
    ImmutableArray<PbProject> Projects,
    ImmutableArray<string> VoteExtraColumns,
    bool HasPoints,
    ImmutableArray<PbVote> Votes)
{
    /// <summary>A META value, or null when the file has no such key.</summary>
    public string? MetaValue(string key)
    {
        foreach (var pair in Meta)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>A project's value in an extra column (<c>votes</c>, <c>score</c>, <c>selected</c>, <c>name</c>, ...), or null without that column.</summary>
    public string? ProjectValue(PbProject project, string column)
    {
        var i = ProjectExtraColumns.IndexOf(column, StringComparer.OrdinalIgnoreCase);
        return i < 0 ? null : project.Extra[i];
    }

    /// <summary>A vote's value in an extra column (<c>age</c>, <c>district</c>, ...), or null without that column.</summary>
    public string? VoteValue(PbVote vote, string column)
    {
        var i = VoteExtraColumns.IndexOf(column, StringComparer.OrdinalIgnoreCase);
        return i < 0 ? null : vote.Extra[i];
    }
}

/// <summary>A PROJECTS row: the id, the exact cost as written (<c>4000.0</c> is 4000), the other columns' values.</summary>
public sealed record PbProject(string Id, decimal Cost, ImmutableArray<string> Extra);

/// <summary>A VOTES row: the voter id, project ids (most preferred first for ordinal), points (empty without a points column), the other columns' values.</summary>
public sealed record PbVote(string VoterId, ImmutableArray<string> Vote, ImmutableArray<int> Points, ImmutableArray<string> Extra);
