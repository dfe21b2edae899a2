using System.Net;
using Civic.Grains.Pabulib;
using Civic.Tests.Api;
using Npgsql;

namespace Civic.Tests.Security;

/// <summary>
/// The published ballots (/exports/votes/{id}/ballots.pb) tell nothing about who cast which (issue 8,
/// finding 6): not the casting order, not the pseudonyms the ballots table stores, and not the same
/// pseudonyms from one vote to the next.
/// </summary>
[Collection("api")]
public sealed class BallotExportSecrecy(ApiFixture api)
{
    private const int Voters = 12;

    [Fact]
    public async Task Exported_ballots_are_ordered_by_a_pseudonym_of_that_export_not_by_casting_order()
    {
        var tenant = await api.NewTenantAsync();
        var (voteId, cast) = await CastAndCloseAsync(tenant);

        var exported = await ExportAsync(tenant, voteId);
        Assert.Equal(Voters, exported.Votes.Length);
        Assert.Equal(cast.Order(), exported.Votes.Select(Choices).Order());             // every ballot, unchanged
        Assert.NotEqual(cast, exported.Votes.Select(Choices).ToList());                  // but not in casting order
        Assert.Equal(exported.Votes.Select(v => v.VoterId).Order(StringComparer.Ordinal), exported.Votes.Select(v => v.VoterId));

        var stored = await StoredVoterIdsAsync(tenant, voteId);
        Assert.Equal(2 * Voters, stored.Count);
        foreach (var pseudonym in exported.Votes.Select(v => v.VoterId))
        {
            Assert.DoesNotContain(stored, s => s.Contains(pseudonym, StringComparison.OrdinalIgnoreCase));
        }

        // The same file every time: a pseudonym is a function of the export key and the voter.
        Assert.Equal(exported.Votes.Select(v => v.VoterId), (await ExportAsync(tenant, voteId)).Votes.Select(v => v.VoterId));
    }

    [Fact]
    public async Task Two_votes_with_the_same_voters_export_unrelated_pseudonyms()
    {
        var tenant = await api.NewTenantAsync();
        var (first, _) = await CastAndCloseAsync(tenant);
        var (second, _) = await CastAndCloseAsync(tenant);

        var a = (await ExportAsync(tenant, first)).Votes.Select(v => v.VoterId).ToHashSet();
        var b = (await ExportAsync(tenant, second)).Votes.Select(v => v.VoterId).ToHashSet();
        Assert.Equal(Voters, a.Count);
        Assert.Equal(Voters, b.Count);
        Assert.Empty(a.Intersect(b));
    }

    /// <summary>A vote where voter i casts the i-th distinct ballot, in that order, then closed.</summary>
    private async Task<(string VoteId, List<string> Cast)> CastAndCloseAsync(string tenant)
    {
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!;
        var id = vote["id"]!.GetValue<string>();
        var options = vote["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToArray();
        var ballots = options.Select(o => new[] { o })
            .Concat(options.SelectMany((o, i) => options.Skip(i + 1).Select(p => new[] { o, p })))
            .Take(Voters)
            .ToList();
        var cast = new List<string>();
        for (var i = 0; i < Voters; i++)
        {
            using var voter = api.Member(tenant, $"voter{i:D2}");
            await voter.OkAsync(Documents.CastBallot, new { input = new { voteId = id, choices = ballots[i] } });
            cast.Add(string.Join(",", ballots[i].Order(StringComparer.Ordinal)));
        }

        await admin.OkAsync(Documents.CloseVote, new { id });
        return (id, cast);
    }

    private async Task<PbFile> ExportAsync(string tenant, string voteId)
    {
        using var anonymous = api.Client(tenant, token: null);
        var response = await anonymous.Http.GetAsync($"/exports/votes/{voteId}/ballots.pb");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PbReader.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Choices(PbVote vote) => string.Join(",", vote.Vote.Order(StringComparer.Ordinal));

    private async Task<List<string>> StoredVoterIdsAsync(string tenant, string voteId)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select voter_key, voter_ref from civic_ballots where tenant = $1 and vote_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = voteId });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
            ids.Add(reader.GetString(1));
        }

        return ids;
    }
}
