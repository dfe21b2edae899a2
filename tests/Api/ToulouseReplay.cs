using System.Collections.Concurrent;
using Civic.Grains.Pabulib;
using Civic.Grains.Votes.Counting;
using Civic.Tests.Domain.Pabulib;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Api;

/// <summary>Toulouse 2022 replayed through the GraphQL API, one member per ballot.</summary>
[Collection("api")]
public sealed class ToulouseReplay(ApiFixture api)
{
    [Fact]
    public async Task Four_thousand_five_hundred_members_give_the_recorded_counts_and_selection()
    {
        var file = PbReader.Read(PabulibFiles.PathOf("France_Toulouse_2022.pb"));
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var vote = (await admin.OkAsync("mutation($input: CreateVoteInput!) { createVote(input: $input) { id options { id externalId } } }", new
        {
            input = new
            {
                title = "Budget participatif Toulouse 2022",
                ballotType = "APPROVAL",
                minChoices = 1,
                maxChoices = 3,
                rule = "GREEDY",
                options = file.Projects.Select(p => new { title = "Projet " + p.Id, cost = (long)(p.Cost * 100), externalId = p.Id }).ToArray(),
                budget = new { amount = 800_000_000L, currency = "EUR" },
                closesAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            },
        }))["createVote"]!;
        var id = vote["id"]!.GetValue<string>();
        var optionOf = vote["options"]!.AsArray().ToDictionary(o => o!["externalId"]!.GetValue<string>(), o => o!["id"]!.GetValue<string>());

        using var gate = new SemaphoreSlim(32);
        var errors = new ConcurrentBag<string>();
        await Task.WhenAll(file.Votes.Select(async ballot =>
        {
            await gate.WaitAsync();
            try
            {
                using var member = api.Member(tenant, "toulousain-" + ballot.VoterId);
                var result = await member.SendAsync(Documents.CastBallot,
                    new { input = new { voteId = id, choices = ballot.Vote.Select(c => optionOf[c]).ToArray() } });
                if (result.Errors is not null)
                {
                    errors.Add(result.Body);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.Empty(errors);

        var closed = (await admin.OkAsync(
            "mutation($id: ID!) { closeVote(id: $id) { ballots options { externalId votes } results { selected { externalId } allocated } } }", new { id }))["closeVote"]!;
        Assert.Equal(4_532, closed["ballots"]!.GetValue<int>());
        var votes = closed["options"]!.AsArray().ToDictionary(o => o!["externalId"]!.GetValue<string>(), o => o!["votes"]!.GetValue<int>());
        foreach (var project in file.Projects)
        {
            Assert.Equal(int.Parse(file.ProjectValue(project, "votes")!), votes[project.Id]);
        }

        var pb = PbElections.From(file);
        var expected = VoteCounting.Count(pb.Election, VoteRule.Greedy);
        var selected = closed["results"]!["selected"]!.AsArray().Select(s => s!["externalId"]!.GetValue<string>()).ToArray();
        Assert.Equal(expected.Selected.ToArray(), selected);
        Assert.Equal(expected.Allocated * 100, closed["results"]!["allocated"]!.GetValue<long>());
    }
}
