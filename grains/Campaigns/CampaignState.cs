using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>What the campaign grain persists: its configuration, its status and a totals snapshot.</summary>
[GenerateSerializer, Alias("civic.campaign-state")]
public sealed class CampaignState
{
    [Id(0)] public string Tenant { get; set; } = "";
    [Id(1)] public string Id { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string Description { get; set; } = "";
    [Id(4)] public FinancingMode Mode { get; set; }
    [Id(5)] public FundingRule Rule { get; set; }
    [Id(6)] public long Goal { get; set; }
    [Id(7)] public string Currency { get; set; } = "EUR";
    [Id(8)] public DateTimeOffset StartsAt { get; set; }
    [Id(9)] public DateTimeOffset EndsAt { get; set; }
    [Id(10)] public long MinContribution { get; set; }
    [Id(11)] public long MaxContribution { get; set; }
    [Id(12)] public string OwnerId { get; set; } = "";
    [Id(13)] public DateTimeOffset CreatedAt { get; set; }
    [Id(14)] public CampaignStatus Status { get; set; }
    [Id(15)] public List<CampaignTransition> History { get; set; } = [];
    [Id(16)] public CampaignTotals Snapshot { get; set; } = new();
    [Id(17)] public CampaignCategoryRef? Category { get; set; }
    [Id(18)] public List<Reward> Rewards { get; set; } = [];
    [Id(19)] public LoanTerms? Loan { get; set; }
    [Id(20)] public EquityOffer? Equity { get; set; }

    /// <summary>The campaign opted in to matchfunding at creation (donations only).</summary>
    [Id(21)] public bool Matchfunding { get; set; }

    /// <summary>A donation campaign for aid to people in difficulty: its receipts for individuals carry 75%.</summary>
    [Id(22)] public bool AidToPeopleInDifficulty { get; set; }

    /// <summary>The payout being made or made (fixed before the provider is asked, so a retry asks the same).</summary>
    [Id(30)] public long? PayoutAmount { get; set; }

    [Id(31)] public string? PayoutReference { get; set; }

    /// <summary>Confirmed contributions whose money must go back (revocations, payments confirmed after the payout).</summary>
    [Id(32)] public List<string> OwedRefunds { get; set; } = [];

    /// <summary>The matchfunding call the campaign joined at creation; null: the tenant's default pool.</summary>
    [Id(24)] public string? MatchCall { get; set; }

    /// <summary>Committed contributions whose match the pool has not answered yet; retried until it does.</summary>
    [Id(25)] public List<PendingMatch> PendingMatches { get; set; } = [];
}

/// <summary>A committed contribution still waiting for its pool's answer (the pool keys matches by contribution id).</summary>
[GenerateSerializer, Immutable, Alias("civic.pending-match")]
public sealed record PendingMatch(
    [property: Id(0)] string ContributionId,
    [property: Id(1)] string Backer,
    [property: Id(2)] long Amount);

[GenerateSerializer, Immutable, Alias("civic.campaign-transition")]
public sealed record CampaignTransition(
    [property: Id(0)] CampaignStatus From,
    [property: Id(1)] CampaignStatus To,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Reason);

/// <summary>
/// Totals of every ledger row with a sequence number up to <see cref="Watermark"/>; rows above it
/// are replayed from the ledger on activation. The amounts per backer are not here: a campaign of a
/// million backers would write them all with every snapshot. They are summed from the ledger when the
/// campaign activates (<c>LedgerStore.BackersUpToAsync</c>) and kept in memory by <see cref="CampaignBook"/>.
/// </summary>
[GenerateSerializer, Alias("civic.campaign-totals")]
public sealed class CampaignTotals
{
    [Id(0)] public long Watermark { get; set; }
    [Id(1)] public long Raised { get; set; }
    [Id(2)] public int Contributions { get; set; }

    // Id 3 held the amounts per backer until 2026-12-06; left unused, so that older snapshots still read.

    /// <summary>Committed units per reward id (rows with a reward only).</summary>
    [Id(4)] public Dictionary<string, int> Rewards { get; set; } = new(StringComparer.Ordinal);

    public CampaignTotals Clone() => new()
    {
        Watermark = Watermark,
        Raised = Raised,
        Contributions = Contributions,
        Rewards = new Dictionary<string, int>(Rewards, StringComparer.Ordinal),
    };

    public void Add(long amount, string? rewardId = null)
    {
        if (rewardId is not null)
        {
            Rewards[rewardId] = Rewards.GetValueOrDefault(rewardId) + 1;
        }

        Raised += amount;
        Contributions++;
    }

    public void Subtract(long amount, string? rewardId = null)
    {
        if (rewardId is not null)
        {
            if (Rewards[rewardId] == 1)
            {
                Rewards.Remove(rewardId);
            }
            else
            {
                Rewards[rewardId]--;
            }
        }

        Raised -= amount;
        Contributions--;
    }
}

[GenerateSerializer, Immutable, Alias("civic.backer-totals")]
public readonly record struct BackerTotals(
    [property: Id(0)] long Amount,
    [property: Id(1)] int Count);
