namespace Civic.Grains.Interfaces;

/// <summary>One per campaign, keyed "tenant/id": the only writer of the campaign's totals.</summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    Task<CampaignSummary> CreateAsync(CreateCampaign command, Actor actor);

    Task<CampaignSummary> PublishAsync(Actor actor);

    /// <summary>Acknowledged only once the contribution is durably in the ledger.</summary>
    Task<PledgeReceipt> PledgeAsync(Pledge command);

    /// <summary>The campaign, or null if it was never created.</summary>
    Task<CampaignSummary?> GetAsync(Actor? viewer);
}
