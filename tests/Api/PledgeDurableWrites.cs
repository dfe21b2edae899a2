using System.Net;
using Civic.Grains.Payments;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Api;

/// <summary>
/// What a pledge writes to PostgreSQL, row by row (an AFTER trigger logs every write of the test's contributions,
/// in the writing transaction, so only committed writes are seen): a payment the provider settles at once is one
/// insert already CONFIRMED or FAILED, never a PENDING row and then its update; only a payment settled later (a
/// card needing strong authentication) is written again, when its answer comes. The ids it is charged under cost
/// one key-block row for many pledges.
/// </summary>
[Collection("api")]
public sealed class PledgeDurableWrites(ApiFixture api)
{
    private const string Pledge = """
        mutation($input: PledgeInput!) { pledge(input: $input) { contribution { id } status } }
        """;

    [Fact]
    public async Task A_pledge_the_provider_settles_at_once_is_one_insert_already_settled_and_never_updated()
    {
        var (tenant, campaign) = await LiveCampaignAsync();
        var prefix = "w" + Guid.NewGuid().ToString("N")[..8];
        await using var log = await WriteLog.StartAsync(api.ConnectionString, prefix);

        var statuses = new List<string>();
        foreach (var (member, token) in new[] { ("alice", SandboxPaymentProvider.Card), ("bob", null), ("carol", SandboxPaymentProvider.Card), ("dan", SandboxPaymentProvider.DeclinedCard) })
        {
            using var client = api.Member(tenant, member);
            var pledge = (await client.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = $"{prefix}-{member}", paymentToken = token } }))["pledge"]!;
            statuses.Add(pledge["status"]!.GetValue<string>());
        }

        Assert.Equal(["CONFIRMED", "CONFIRMED", "CONFIRMED", "FAILED"], statuses);
        Assert.Equal(
            [$"INSERT {prefix}-alice confirmed", $"INSERT {prefix}-bob confirmed", $"INSERT {prefix}-carol confirmed", $"INSERT {prefix}-dan failed"],
            await log.WritesAsync());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_payment_key_blocks where campaign_id = @c", ("c", campaign)));
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @c and (payment_provider is distinct from 'sandbox' or payment_reference is null or settled_at is null)",
            ("c", campaign)));
    }

    [Fact]
    public async Task A_payment_settled_later_is_written_pending_and_then_once_more_with_its_answer()
    {
        var (tenant, campaign) = await LiveCampaignAsync();
        var prefix = "w" + Guid.NewGuid().ToString("N")[..8];
        await using var log = await WriteLog.StartAsync(api.ConnectionString, prefix);
        using var alice = api.Member(tenant, "alice");

        var pledge = (await alice.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 2_500, idempotencyKey = $"{prefix}-alice", paymentToken = SandboxPaymentProvider.StrongAuthenticationCard } }))["pledge"]!;
        Assert.Equal("PENDING", pledge["status"]!.GetValue<string>());
        var contribution = pledge["contribution"]!["id"]!.GetValue<string>();
        var (status, _) = await PaymentsApi.PostWebhookAsync(api, PaymentsApi.Event("evt_" + prefix, "payment.confirmed", contribution));
        Assert.Equal(HttpStatusCode.OK, status);

        Assert.Equal([$"INSERT {prefix}-alice pending", $"UPDATE {prefix}-alice confirmed"], await log.WritesAsync());
    }

    private async Task<(string Tenant, string Campaign)> LiveCampaignAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000_000, endsAt: api.Now.AddDays(30))))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        return (tenant, campaign);
    }

    /// <summary>An AFTER INSERT OR UPDATE trigger on civic_contributions logging the rows whose idempotency key starts with a prefix.</summary>
    private sealed class WriteLog(string connectionString, string prefix) : IAsyncDisposable
    {
        public static async Task<WriteLog> StartAsync(string connectionString, string prefix)
        {
            await PostgresServerFixture.ScalarAsync<object?>(connectionString, $"""
                create table log_{prefix} (n bigint generated always as identity, line text not null);
                create function log_{prefix}() returns trigger language plpgsql as $$
                begin
                    if new.idempotency_key like '{prefix}-%' then
                        insert into log_{prefix} (line) values (tg_op || ' ' || new.idempotency_key || ' ' || new.payment_status);
                    end if;
                    return new;
                end $$;
                create trigger log_{prefix} after insert or update on civic_contributions for each row execute function log_{prefix}();
                """);
            return new WriteLog(connectionString, prefix);
        }

        public async Task<string[]> WritesAsync() => await PostgresServerFixture.ScalarAsync<string[]>(connectionString,
            $"select coalesce(array_agg(line order by n), '{{}}') from log_{prefix}");

        public async ValueTask DisposeAsync() => await PostgresServerFixture.ScalarAsync<object?>(connectionString,
            $"drop trigger log_{prefix} on civic_contributions; drop function log_{prefix}(); drop table log_{prefix};");
    }
}
