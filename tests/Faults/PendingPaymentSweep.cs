using Civic.Tests.Api;
using Civic.Tests.Infrastructure;

namespace Civic.Tests.Faults;

/// <summary>
/// A card payment the provider confirmed, whose confirming write the database refused (as during a PostgreSQL
/// restart), is left PENDING; the server settles it itself (the payment sweeper asks the provider again under
/// the payment's key), without any client retry, and counts it exactly once.
/// </summary>
[Collection("api-clock")]
public sealed class PendingPaymentSweep(ClockedApiFixture api)
{
    private const string Pledge = """
        mutation($input: PledgeInput!) {
          pledge(input: $input) { contribution { id status } status raised { amount } replayed }
        }
        """;

    [Fact]
    public async Task A_payment_left_pending_by_a_failed_confirming_write_is_settled_by_the_server_and_counted_once()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000_000, endsAt: api.Now.AddDays(30))))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        using var alice = api.Member(tenant, "alice");
        var key = "sweep-" + Guid.NewGuid().ToString("N")[..8];
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // The provider takes the money (sandbox card), but the write that records its confirmation fails.
        await ExecuteAsync($"""
            create function refuse_confirm_{suffix}() returns trigger language plpgsql as $$
            begin
                if new.idempotency_key = '{key}' and new.payment_status = 'confirmed' then raise exception 'confirmation lost for the test'; end if;
                return new;
            end $$;
            create trigger refuse_confirm_{suffix} before update on civic_contributions for each row execute function refuse_confirm_{suffix}();
            """);
        string contribution;
        try
        {
            var first = (await alice.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 4_200, idempotencyKey = key } }))["pledge"]!;
            Assert.Equal("PENDING", first["status"]!.GetValue<string>());
            Assert.Equal(0, first["raised"]!["amount"]!.GetValue<long>());
            contribution = first["contribution"]!["id"]!.GetValue<string>();
            Assert.Equal("pending", await StatusAsync(contribution));
        }
        finally
        {
            await ExecuteAsync($"drop trigger refuse_confirm_{suffix} on civic_contributions; drop function refuse_confirm_{suffix}();");
        }

        // No client retry: the clock moves on and the sweeper, on its own schedule, settles the payment.
        await api.EventuallyAsync(() => StatusAsync(contribution), s => s == "confirmed", "the sweeper to confirm the pending payment");

        var summary = (await alice.OkAsync(Documents.Campaign, new { id = campaign }))["campaign"]!;
        Assert.Equal(4_200, summary["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(1, summary["contributions"]!.GetValue<int>());
        Assert.Equal(4_200L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where campaign_id = @c", ("c", campaign)));

        // A late retry of the same key replays the settled contribution; nothing is counted twice.
        var late = (await alice.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 4_200, idempotencyKey = key } }))["pledge"]!;
        Assert.True(late["replayed"]!.GetValue<bool>());
        Assert.Equal(("CONFIRMED", contribution), (late["status"]!.GetValue<string>(), late["contribution"]!["id"]!.GetValue<string>()));
        Assert.Equal(4_200, late["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @c", ("c", campaign)));
    }

    private Task<string> StatusAsync(string contribution) => PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
        "select payment_status from civic_contributions where contribution_id = @id", ("id", contribution));

    private Task ExecuteAsync(string sql) => PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, sql);
}
