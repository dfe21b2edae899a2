using System.Net;
using Civic.Grains.Interfaces;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using CsCheck;

namespace Civic.Tests.Security;

/// <summary>
/// Random texts (NUL, lone surrogates, 4-byte characters, keys, long runs) sent through the real pledge and
/// ballot paths, over GraphQL and straight to the grains: never a 5xx, INTERNAL or UNAVAILABLE, never a
/// partial write; a refused request leaves the tenant's rows and the totals as they were.
/// </summary>
[Collection("api")]
public sealed class LedgerBoundaryProperties(ApiFixture api)
{
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.Char.Array[0, 24].Select(a => new string(a)),
        Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['0', '9'], Gen.Const('-'), Gen.Const(':')).Array[1, 16].Select(a => new string(a)),
        Gen.OneOf(Gen.Const("\0"), Gen.Const("\ud800"), Gen.Const("\udc01"), Gen.Const("😀"), Gen.Const("\n"), Gen.Const(" "),
                Gen.Const("k"), Gen.Const("p1"), Gen.Const("é"), Gen.Const("\u0085"))
            .Array[1, 12].Select(parts => string.Concat(parts)),
        Gen.Int[120, 300].Select(n => new string('k', n)));

    [Fact]
    public async Task Random_pledge_keys_and_ballot_choices_over_graphql_never_fail_the_server_nor_write_partly()
    {
        var scene = await HostileScene.CreateAsync(api);
        var accepted = 0;
        var n = 0;
        await Texts.SampleAsync(async text =>
        {
            var member = $"prop-{Interlocked.Increment(ref n)}";
            using var client = api.Member(scene.Tenant, member);
            foreach (var document in new[]
            {
                $"mutation {{ pledge(input: {{campaignId: \"{scene.Campaign}\", amount: 100, idempotencyKey: {HostileScene.Literal(text)}}}) {{ replayed }} }}",
                $"mutation {{ castBallot(input: {{voteId: \"{scene.Vote}\", choices: [{HostileScene.Literal(text)}]}}) {{ ballots }} }}",
            })
            {
                var before = await scene.StateAsync();
                var result = await HostileScene.SendAsync(client, document);
                Assert.True(result.Status == HttpStatusCode.OK, $"{(int)result.Status} for {Escaped(text)}: {result.Body}");
                Assert.DoesNotContain("   at ", result.Body);
                if (result.Errors is null)
                {
                    accepted++;
                    continue;
                }

                Assert.True(result.FirstCode is not (null or ErrorCodes.Internal or ErrorCodes.Unavailable or ErrorCodes.Rejected),
                    $"{result.FirstCode} for {Escaped(text)}: {result.Body}");
                var after = await scene.StateAsync();
                before.Rows.AssertSameAs(after.Rows, $"refused {Escaped(text)}");
                Assert.Equal(before.Totals, after.Totals);
            }
        }, iter: 60, threads: 1);

        // What was accepted is exactly what the ledger holds, and what the grains count.
        using var admin = api.Admin(scene.Tenant);
        var campaign = (await admin.OkAsync(Documents.Campaign, new { id = scene.Campaign }))["campaign"]!;
        var vote = (await admin.OkAsync(Documents.Vote, new { id = scene.Vote }))["vote"]!;
        var rows = await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where tenant = @t", ("t", scene.Tenant))
            + await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_ballots where tenant = @t", ("t", scene.Tenant));
        Assert.Equal(accepted + 2, rows); // + the scene's own pledge and ballot
        Assert.Equal(campaign["contributions"]!.GetValue<int>() + vote["ballots"]!.GetValue<int>(), (int)rows);
        Assert.Equal(await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where tenant = @t", ("t", scene.Tenant)),
            campaign["raised"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Random_texts_straight_to_the_grains_answer_only_civic_errors()
    {
        var scene = await HostileScene.CreateAsync(api);
        var campaign = api.Grains.GetGrain<ICampaignGrain>(GrainKeys.Compound(scene.Tenant, scene.Campaign));
        var vote = api.Grains.GetGrain<IVoteGrain>(GrainKeys.Compound(scene.Tenant, scene.Vote));
        var n = 0;
        await Gen.Select(Texts, Texts).SampleAsync(async (key, token) =>
        {
            var backer = new Actor(scene.Tenant, $"grain-{Interlocked.Increment(ref n)}", Role.Member);
            var before = await TenantSnapshot.TakeAsync(api.ConnectionString, scene.Tenant);
            var refused = 0;
            foreach (var call in new Func<Task>[]
            {
                () => campaign.PledgeAsync(new Pledge(backer, 100, key, RewardId: token, PaymentToken: token)),
                () => vote.CastBallotAsync(new CastBallot(backer, [key], [], token)),
                () => vote.RecordPaperBallotsAsync([new PaperBallot(key, [token], [], null)], new Actor(scene.Tenant, "admin", Role.Admin)),
            })
            {
                try
                {
                    await call();
                }
                catch (CivicException ex)
                {
                    Assert.True(ex.Code is not (ErrorCodes.Internal or ErrorCodes.Unavailable or ErrorCodes.Rejected), $"{ex.Code}: {ex.Message}");
                    refused++;
                }
            }

            if (refused == 3)
            {
                before.AssertSameAs(await TenantSnapshot.TakeAsync(api.ConnectionString, scene.Tenant), $"refused {Escaped(key)} / {Escaped(token)}");
            }
        }, iter: 60, threads: 1);
    }

    private static string Escaped(string text) =>
        text.Length > 40 ? $"{text.Length} chars" : string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
