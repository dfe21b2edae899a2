using System.Collections.Concurrent;
using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Faults;

/// <summary>
/// Rows the database refuses (a real trigger, a NUL PostgreSQL cannot store) fail alone: every other row of
/// their batch still commits and is acknowledged, and nothing refused is counted.
/// </summary>
[Collection("api")]
public sealed class LedgerRowIsolation(ApiFixture api)
{
    private const string Marker = "refuse";

    [Fact]
    public async Task Rows_a_trigger_refuses_fail_alone_and_the_rest_of_their_batch_commits()
    {
        var writer = api.Services.GetRequiredService<LedgerWriter>();
        var tenant = await api.NewTenantAsync();
        var campaign = GrainKeys.NewId(IdPrefixes.Campaign);
        var vote = GrainKeys.NewId(IdPrefixes.Vote);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await InstallTriggersAsync(suffix, refusedVote: "none");
        try
        {
            var now = DateTimeOffset.UtcNow;
            // Queued without awaiting, so the writers take them in shared batches.
            var entries = new List<(LedgerEntry Entry, bool Refused)>();
            for (var i = 0; i < 300; i++)
            {
                var refused = i % 10 == 3;
                var key = refused ? $"{Marker}-{i}" : $"k{i}";
                entries.Add((new ContributionEntry(tenant, campaign, i, GrainKeys.NewId(IdPrefixes.Contribution), $"m{i}", 100, "EUR", key, now), refused));
                entries.Add((new BallotEntry(tenant, vote, i, GrainKeys.NewId(IdPrefixes.Ballot), $"voter-{i}", ["p1"], now, [], null,
                    refused ? $"{Marker}-{i}" : $"ref-{i}", false), refused));
            }

            // Rows PostgreSQL itself cannot store (a NUL, a lone surrogate), as if a validator had let them through.
            entries.Add((new ContributionEntry(tenant, campaign, 1_000, GrainKeys.NewId(IdPrefixes.Contribution), "nul", 100, "EUR", "k\0nul", now), true));
            entries.Add((new ContributionEntry(tenant, campaign, 1_001, GrainKeys.NewId(IdPrefixes.Contribution), "surrogate", 100, "EUR", "k\ud800", now), true));

            var outcomes = await Task.WhenAll(entries.Select(e => writer.AppendAsync(e.Entry)));

            for (var i = 0; i < entries.Count; i++)
            {
                Assert.Equal(entries[i].Refused ? CommitOutcome.Rejected : CommitOutcome.Committed, outcomes[i]);
            }

            Assert.Equal(270L, await CountAsync("select count(*) from civic_contributions where tenant = @t", tenant));
            Assert.Equal(270L, await CountAsync("select count(*) from civic_ballots where tenant = @t", tenant));
            Assert.Equal(0L, await CountAsync($"select count(*) from civic_contributions where tenant = @t and (idempotency_key like '{Marker}%' or member_id in ('nul', 'surrogate'))", tenant));
            Assert.Equal(0L, await CountAsync($"select count(*) from civic_ballots where tenant = @t and voter_ref like '{Marker}%'", tenant));

            // A payment move the database cannot store fails alone too; the honest move beside it commits.
            var rows = entries.Where(e => !e.Refused).Select(e => e.Entry).OfType<ContributionEntry>().Take(2).ToArray();
            var moves = await Task.WhenAll(
                writer.AppendAsync(new PaymentEntry(tenant, rows[0].ContributionId, PaymentStatus.Confirmed, "sandbox", "ref\0bad", "card", null, now)),
                writer.AppendAsync(new PaymentEntry(tenant, rows[1].ContributionId, PaymentStatus.Confirmed, "sandbox", "ref-ok", "card", null, now)));
            Assert.Equal([CommitOutcome.Rejected, CommitOutcome.Committed], moves);
            Assert.Equal(1L, await CountAsync("select count(*) from civic_contributions where tenant = @t and payment_status = 'confirmed'", tenant));
        }
        finally
        {
            await DropTriggersAsync(suffix);
        }
    }

    [Fact]
    public async Task Honest_pledges_and_ballots_sent_with_refused_ones_in_two_tenants_all_succeed()
    {
        var paris = await api.NewTenantAsync();
        var lyon = await api.NewTenantAsync();
        var (parisCampaign, parisVote) = await CampaignAndVoteAsync(paris);
        var (lyonCampaign, lyonVote) = await CampaignAndVoteAsync(lyon);
        using var parisAdmin = api.Admin(paris);
        var refusedVote = (await parisAdmin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await InstallTriggersAsync(suffix, refusedVote);
        var honestRaised = new ConcurrentDictionary<string, long>();
        var failures = new ConcurrentBag<string>();
        var members = Enumerable.Range(0, 60).SelectMany(i => new[] { (paris, i), (lyon, i) })
            .Select(m => (Tenant: m.Item1, Index: m.i, Client: api.Member(m.Item1, $"member-{m.i}")))
            .ToArray();
        try
        {
            using var gate = new SemaphoreSlim(48);
            await Task.WhenAll(members.SelectMany(m =>
            {
                var (campaign, vote) = m.Tenant == paris ? (parisCampaign, parisVote) : (lyonCampaign, lyonVote);
                var amount = 100 + m.Index;
                var refusedKey = m.Index % 3 == 0;
                return new Func<Task>[]
                {
                    async () =>
                    {
                        var key = refusedKey ? $"{Marker}-{m.Index}" : $"h-{m.Index}";
                        var result = await m.Client.SendAsync(Documents.Pledge, new { input = new { campaignId = campaign, amount, idempotencyKey = key } });
                        if (refusedKey)
                        {
                            Expect(failures, result, "REJECTED", $"refused pledge {m.Tenant}/{m.Index}");
                        }
                        else if (Expect(failures, result, null, $"honest pledge {m.Tenant}/{m.Index}"))
                        {
                            honestRaised.AddOrUpdate(campaign, amount, (_, v) => v + amount);
                        }
                    },
                    async () => Expect(failures, await m.Client.SendAsync(Documents.CastBallot, new { input = new { voteId = vote, choices = new[] { "p1", "p2" } } }),
                        null, $"honest ballot {m.Tenant}/{m.Index}"),
                    async () =>
                    {
                        if (m.Tenant == paris)
                        {
                            Expect(failures, await m.Client.SendAsync(Documents.CastBallot, new { input = new { voteId = refusedVote, choices = new[] { "p3" } } }),
                                "REJECTED", $"refused ballot {m.Index}");
                        }
                    },
                };
            }).OrderBy(_ => Random.Shared.Next()).Select(async send =>
            {
                await gate.WaitAsync();
                try
                {
                    await send();
                }
                finally
                {
                    gate.Release();
                }
            }));

            Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
            foreach (var (tenant, campaign, vote) in new[] { (paris, parisCampaign, parisVote), (lyon, lyonCampaign, lyonVote) })
            {
                using var reader = api.Member(tenant, "reader");
                var summary = (await reader.OkAsync(Documents.Campaign, new { id = campaign }))["campaign"]!;
                var expected = honestRaised[campaign];
                Assert.Equal(expected, summary["raised"]!["amount"]!.GetValue<long>());
                Assert.Equal(40, summary["contributions"]!.GetValue<int>());
                Assert.Equal(expected, await CountAsync("select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where tenant = @t", tenant));
                Assert.Equal(0L, await CountAsync($"select count(*) from civic_contributions where tenant = @t and idempotency_key like '{Marker}%'", tenant));
                Assert.Equal(60, (await reader.OkAsync(Documents.Vote, new { id = vote }))["vote"]!["ballots"]!.GetValue<int>());
            }

            Assert.Equal(0L, await CountAsync("select count(*) from civic_ballots where vote_id = @t", refusedVote));
            Assert.Equal(0, (await parisAdmin.OkAsync(Documents.Vote, new { id = refusedVote }))["vote"]!["ballots"]!.GetValue<int>());
        }
        finally
        {
            await DropTriggersAsync(suffix);
        }

        // Nothing was held for the refused writes: once the database takes them, the same requests succeed.
        var again = members.First(m => m.Tenant == paris && m.Index == 0).Client;
        var retried = (await again.OkAsync(Documents.Pledge, new { input = new { campaignId = parisCampaign, amount = 100, idempotencyKey = $"{Marker}-0" } }))["pledge"]!;
        Assert.False(retried["replayed"]!.GetValue<bool>());
        await again.OkAsync(Documents.CastBallot, new { input = new { voteId = refusedVote, choices = new[] { "p3" } } });
        foreach (var m in members)
        {
            m.Client.Dispose();
        }
    }

    private static bool Expect(ConcurrentBag<string> failures, GraphQLResult result, string? code, string what)
    {
        if (result.Status != System.Net.HttpStatusCode.OK || result.FirstCode != code)
        {
            failures.Add($"{what}: expected {code ?? "success"}, got {(int)result.Status} {result.FirstCode}: {result.Body}");
            return false;
        }

        return true;
    }

    private async Task<(string Campaign, string Vote)> CampaignAndVoteAsync(string tenant)
    {
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 10_000_000)))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        var vote = (await admin.OkAsync(Documents.CreateVote, Documents.NewVote()))["createVote"]!["id"]!.GetValue<string>();
        return (campaign, vote);
    }

    private Task InstallTriggersAsync(string suffix, string refusedVote) => ExecuteAsync($"""
        create function refuse_contribution_{suffix}() returns trigger language plpgsql as $$
        begin
            if new.idempotency_key like '{Marker}%' then raise exception 'contribution refused for the test'; end if;
            return new;
        end $$;
        create function refuse_ballot_{suffix}() returns trigger language plpgsql as $$
        begin
            if new.voter_ref like '{Marker}%' or new.vote_id = '{refusedVote}' then raise exception 'ballot refused for the test'; end if;
            return new;
        end $$;
        create trigger refuse_marked_{suffix} before insert on civic_contributions for each row execute function refuse_contribution_{suffix}();
        create trigger refuse_marked_{suffix} before insert on civic_ballots for each row execute function refuse_ballot_{suffix}();
        """);

    private Task DropTriggersAsync(string suffix) => ExecuteAsync($"""
        drop trigger refuse_marked_{suffix} on civic_contributions;
        drop trigger refuse_marked_{suffix} on civic_ballots;
        drop function refuse_contribution_{suffix}();
        drop function refuse_ballot_{suffix}();
        """);

    private Task<long> CountAsync(string sql, string tenant) =>
        PostgresServerFixture.ScalarAsync<long>(api.ConnectionString, sql, ("t", tenant));

    private Task ExecuteAsync(string sql) => PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, sql);
}
