using Civic.Grains.Interfaces;
using Civic.Grains.Payments;
using Civic.Tests.Api;
using Civic.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Tests.Faults;

/// <summary>
/// What the payment sweeper settles on its own, without any client retry: a payment the provider settled whose
/// word never reached Civic (it is counted exactly once), and a charge made before its row whose row never came
/// (a silo died between the two, or the database refused the row): its money goes back, so no charge is kept
/// without its row.
/// </summary>
[Collection("api-clock")]
public sealed class PendingPaymentSweep(ClockedApiFixture api)
{
    private const string Pledge = """
        mutation($input: PledgeInput!) {
          pledge(input: $input) { contribution { id status } status raised { amount } replayed }
        }
        """;

    private SandboxPaymentProvider Sandbox => api.Services.GetServices<IPaymentProvider>().OfType<SandboxPaymentProvider>().Single();

    [Fact]
    public async Task A_payment_the_provider_settled_without_a_word_to_civic_is_settled_by_the_server_and_counted_once()
    {
        var (tenant, campaign) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var key = "sweep-" + Guid.NewGuid().ToString("N")[..8];

        // A card needing strong authentication: PENDING; the backer passes it, the provider confirms, and its webhook is lost.
        var first = (await alice.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 4_200, idempotencyKey = key, paymentToken = SandboxPaymentProvider.StrongAuthenticationCard } }))["pledge"]!;
        Assert.Equal(("PENDING", 0L), (first["status"]!.GetValue<string>(), first["raised"]!["amount"]!.GetValue<long>()));
        var contribution = first["contribution"]!["id"]!.GetValue<string>();
        Assert.Equal("pending", await StatusAsync(contribution));
        var reference = await PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
            "select payment_reference from civic_contributions where contribution_id = @id", ("id", contribution));
        Assert.Equal(PaymentStatus.Confirmed, Sandbox.Settle(reference, confirm: true));

        // No client retry: the clock moves on and the sweeper, on its own schedule, settles the payment.
        await api.EventuallyAsync(() => StatusAsync(contribution), s => s == "confirmed", "the sweeper to confirm the pending payment");

        var summary = (await alice.OkAsync(Documents.Campaign, new { id = campaign }))["campaign"]!;
        Assert.Equal(4_200, summary["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(1, summary["contributions"]!.GetValue<int>());
        Assert.Equal(4_200L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where campaign_id = @c", ("c", campaign)));

        // A late retry of the same key replays the settled contribution; nothing is counted twice.
        var late = (await alice.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 4_200, idempotencyKey = key, paymentToken = SandboxPaymentProvider.StrongAuthenticationCard } }))["pledge"]!;
        Assert.True(late["replayed"]!.GetValue<bool>());
        Assert.Equal(("CONFIRMED", contribution), (late["status"]!.GetValue<string>(), late["contribution"]!["id"]!.GetValue<string>()));
        Assert.Equal(4_200, late["raised"]!["amount"]!.GetValue<long>());
        Assert.Equal(1L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @c", ("c", campaign)));
    }

    [Fact]
    public async Task A_charge_whose_row_the_database_refuses_is_given_back_and_the_retry_counts_once()
    {
        var (tenant, campaign) = await LiveCampaignAsync();
        using var alice = api.Member(tenant, "alice");
        var key = "refused-" + Guid.NewGuid().ToString("N")[..8];
        var suffix = Guid.NewGuid().ToString("N")[..8];

        // The provider takes the money (sandbox card), then the database refuses the contribution's one row.
        await ExecuteAsync($"""
            create function refuse_row_{suffix}() returns trigger language plpgsql as $$
            begin
                if new.idempotency_key = '{key}' then raise exception 'row refused for the test'; end if;
                return new;
            end $$;
            create trigger refuse_row_{suffix} before insert on civic_contributions for each row execute function refuse_row_{suffix}();
            """);
        try
        {
            var refused = await alice.SendAsync(Pledge, new { input = new { campaignId = campaign, amount = 4_200, idempotencyKey = key } });
            Assert.Equal(ErrorCodes.Rejected, refused.FirstCode);
        }
        finally
        {
            await ExecuteAsync($"drop trigger refuse_row_{suffix} on civic_contributions; drop function refuse_row_{suffix}();");
        }

        // The charge was made under an id of the campaign's recorded key block, and was refunded at once.
        var charged = await ChargesUnderBlocksAsync(campaign);
        var only = Assert.Single(charged);
        Assert.Equal((PaymentStatus.Refunded, 4_200L), (only.Status, only.Amount!.Value.Amount));
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @c", ("c", campaign)));

        // The client sends it again: a new contribution, charged and counted once.
        var retry = (await alice.OkAsync(Pledge, new { input = new { campaignId = campaign, amount = 4_200, idempotencyKey = key } }))["pledge"]!;
        Assert.Equal(("CONFIRMED", 4_200L), (retry["status"]!.GetValue<string>(), retry["raised"]!["amount"]!.GetValue<long>()));
        Assert.NotEqual(only.Id, retry["contribution"]!["id"]!.GetValue<string>());
        Assert.Equal(4_200L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select coalesce(sum(amount), 0)::bigint from civic_counted_contributions where campaign_id = @c", ("c", campaign)));
    }

    [Fact]
    public async Task A_charge_made_before_a_crash_that_lost_its_row_is_found_by_the_sweeper_and_refunded()
    {
        var (tenant, campaign) = await LiveCampaignAsync();

        // What a silo that died between the charge and the row leaves: a recorded key block (written before any
        // charge under it), a payment at the provider under one of its ids, and no contribution row.
        var block = GrainKeys.NewBlock(IdPrefixes.Contribution);
        await PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, """
            insert into civic_payment_key_blocks (block_id, tenant, campaign_id, size, opened_at) values (@b, @t, @c, 16, @at)
            """, ("b", block), ("t", tenant), ("c", campaign), ("at", api.Now));
        var lost = GrainKeys.InBlock(block, 3);
        var charge = await Sandbox.CreatePaymentAsync(new CreatePayment(lost, lost, new Money(3_100, "EUR"), "lost in a crash"));
        Assert.Equal(PaymentStatus.Confirmed, charge.Status);

        // Nobody retries: once the block is old enough, the sweeper asks the provider about its ids and gives the money back.
        await api.EventuallyAsync(async () => (await Sandbox.FindPaymentAsync(lost))!.Status, s => s == PaymentStatus.Refunded,
            "the sweeper to refund the charge that has no row");
        await api.EventuallyAsync(() => PostgresServerFixture.ScalarAsync<bool>(api.ConnectionString,
            "select swept_at is not null from civic_payment_key_blocks where block_id = @b", ("b", block)), swept => swept, "the block to be marked swept");
        Assert.Equal(0L, await PostgresServerFixture.ScalarAsync<long>(api.ConnectionString,
            "select count(*) from civic_contributions where campaign_id = @c", ("c", campaign)));
    }

    private async Task<(string Tenant, string Campaign)> LiveCampaignAsync()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = api.Admin(tenant);
        var campaign = (await admin.OkAsync(Documents.CreateCampaign, Documents.NewCampaign(goal: 1_000_000, endsAt: api.Now.AddDays(30))))["createCampaign"]!["id"]!.GetValue<string>();
        await admin.OkAsync(Documents.PublishCampaign, new { id = campaign });
        return (tenant, campaign);
    }

    /// <summary>Every payment the provider holds under an id of the campaign's recorded key blocks.</summary>
    private async Task<List<(string Id, PaymentStatus Status, Money? Amount)>> ChargesUnderBlocksAsync(string campaign)
    {
        var blocks = await PostgresServerFixture.ScalarAsync<string[]>(api.ConnectionString,
            "select coalesce(array_agg(block_id || ':' || size), '{}') from civic_payment_key_blocks where campaign_id = @c", ("c", campaign));
        var charges = new List<(string, PaymentStatus, Money?)>();
        foreach (var block in blocks)
        {
            var (id, size) = (block[..block.IndexOf(':')], int.Parse(block[(block.IndexOf(':') + 1)..]));
            for (var i = 0; i < size; i++)
            {
                if (await Sandbox.FindPaymentAsync(GrainKeys.InBlock(id, i)) is { } found)
                {
                    charges.Add((GrainKeys.InBlock(id, i), found.Status, found.Amount));
                }
            }
        }

        return charges;
    }

    private Task<string> StatusAsync(string contribution) => PostgresServerFixture.ScalarAsync<string>(api.ConnectionString,
        "select payment_status from civic_contributions where contribution_id = @id", ("id", contribution));

    private Task ExecuteAsync(string sql) => PostgresServerFixture.ScalarAsync<object?>(api.ConnectionString, sql);
}
