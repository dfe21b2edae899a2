using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;

namespace Civic.Grains.Campaigns.Financing;

/// <summary>Loans: each lender is capped per project across all their contributions (IFP rules).</summary>
public sealed class LoanMode(LoanTerms terms) : IFinancingMode
{
    private readonly LoanBook _loans = new(LoanCapSettings.Default, terms.AnnualRateBasisPoints > 0);

    public void Reserve(Contribution c) => _loans.Reserve(c.ContributionId, c.MemberId, c.Amount);

    public void Confirm(Contribution c) => _loans.Commit(c.ContributionId);

    public void Release(Contribution c) => _loans.Release(c.ContributionId);

    public void Return(Contribution c) => _loans.Return(c.MemberId, c.Amount);

    public void Restore(CampaignBook book, IReadOnlyList<ContributionEntry> rows)
    {
        foreach (var (lender, totals) in book.BackerAmounts)
        {
            _loans.Restore(lender, totals.Amount);
        }

        foreach (var row in rows.Where(r => r.Payment == PaymentStatus.Pending))
        {
            _loans.Reserve(row.ContributionId, row.MemberId, row.Amount);
        }
    }
}
