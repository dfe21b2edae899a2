using System.Collections.Immutable;
using Civic.Grains.Campaigns;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Funding;

public class LoanScheduleRules
{
    private static readonly DateOnly First = new(2026, 1, 31);

    [Fact]
    public void Thousand_euros_at_3_percent_over_12_months_matches_the_hand_computation()
    {
        // r = 0.25 % a month; A = 100000·r / (1 − 1.0025^−12) = 8469.37… → 84.69 EUR.
        // Month 1: interest 1000.00 × 0.25 % = 2.50, principal 84.69 − 2.50 = 82.19, remaining 917.81.
        // Month 2: interest 917.81 × 0.25 % = 2.2945… → 2.29, principal 82.40, remaining 835.41.
        var s = LoanSchedule.Compute(100_000, 300, 12, First);

        Assert.Equal(12, s.Length);
        Assert.Equal(8_469, LoanSchedule.Annuity(100_000, 300, 12));
        Assert.Equal(new LoanInstalment(1, First, 8_219, 250, 8_469, 91_781), s[0]);
        Assert.Equal(new LoanInstalment(2, new DateOnly(2026, 2, 28), 8_240, 229, 8_469, 83_541), s[1]);
        Assert.All(s.Take(11), i => Assert.Equal(8_469, i.Total));
        Assert.Equal(new LoanInstalment(12, new DateOnly(2026, 12, 31), 8_452, 21, 8_473, 0), s[^1]);
        Assert.Equal(1_632, s.Sum(i => i.Interest));
        Assert.Equal(100_000, s.Sum(i => i.Principal));
    }

    [Fact]
    public void Zero_percent_splits_the_principal_and_puts_the_remainder_last()
    {
        var s = LoanSchedule.Compute(100_000, 0, 12, First);
        Assert.All(s.Take(11), i => Assert.Equal((8_333, 0L), (i.Total, i.Interest)));
        Assert.Equal(8_337, s[^1].Total);
        Assert.Equal(100_000, s.Sum(i => i.Total));
        Assert.Equal(0, s[^1].RemainingPrincipal);
    }

    [Theory]
    [InlineData(200_000, 450, 36)]
    [InlineData(1, 300, 12)]
    [InlineData(99_999_999, 999, 240)]
    [InlineData(500_000, 1, 1)]
    public void Principal_parts_always_sum_to_the_principal(long principal, int rate, int term)
    {
        var s = LoanSchedule.Compute(principal, rate, term, First);
        Assert.Equal(principal, s.Sum(i => i.Principal));
        Assert.All(s, i => Assert.Equal(i.Principal + i.Interest, i.Total));
        Assert.All(s, i => Assert.True(i.Principal >= 0 && i.Interest >= 0));
        Assert.Equal(0, s[^1].RemainingPrincipal);
    }

    [Theory]
    [InlineData(0, 300, 12)]
    [InlineData(1_000, -1, 12)]
    [InlineData(1_000, 300, 0)]
    [InlineData(1_000, 10_001, 12)]
    public void Rejects_bad_terms(long principal, int rate, int term) =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<CivicException>(() => LoanSchedule.Compute(principal, rate, term, First)).Code);

    [Fact]
    public void Caps_default_to_2000_and_5000_euros()
    {
        Assert.Equal(200_000, new LoanBook(LoanCapSettings.Default, interestBearing: true).Cap);
        Assert.Equal(500_000, new LoanBook(LoanCapSettings.Default, interestBearing: false).Cap);
    }

    [Fact]
    public void The_cap_counts_every_contribution_of_the_lender_including_reserved_ones()
    {
        var book = new LoanBook(LoanCapSettings.Default, interestBearing: true);
        book.Reserve("r1", "lea", 150_000);
        book.Commit("r1");
        book.Reserve("r2", "lea", 40_000);
        var error = Assert.Throws<CivicException>(() => book.Reserve("r3", "lea", 10_001));
        Assert.Equal(ErrorCodes.LenderCapExceeded, error.Code);
        book.Reserve("r3", "lea", 10_000);
        Assert.Equal(0, book.Headroom("lea"));
        book.Reserve("r4", "tom", 200_000);
        book.Release("r2");
        Assert.Equal(40_000, book.Headroom("lea"));
    }

    [Fact]
    public void Interest_free_cap_is_5000_euros()
    {
        var book = new LoanBook(LoanCapSettings.Default, interestBearing: false);
        book.Reserve("r1", "lea", 500_000);
        Assert.Equal(ErrorCodes.LenderCapExceeded, Assert.Throws<CivicException>(() => book.Reserve("r2", "lea", 1)).Code);
    }

    [Fact]
    public void Interleaved_loans_never_take_a_lender_over_the_cap()
    {
        var book = new LoanBook(LoanCapSettings.Default, interestBearing: true);
        var random = new Random(7);
        var pending = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            var op = random.Next(3);
            if (op == 0 || pending.Count == 0)
            {
                try
                {
                    book.Reserve($"r{i}", "lea", random.Next(1, 60_000));
                    pending.Add($"r{i}");
                }
                catch (CivicException e) when (e.Code == ErrorCodes.LenderCapExceeded)
                {
                }
            }
            else
            {
                var id = pending[random.Next(pending.Count)];
                pending.Remove(id);
                if (op == 1) { book.Commit(id); } else { book.Release(id); }
            }

            Assert.True(book.Committed("lea") + book.Reserved("lea") <= 200_000);
        }

        Assert.True(book.Committed("lea") > 0);
    }

    [Fact]
    public void Ledger_applies_repayments_oldest_instalment_first()
    {
        var s = LoanSchedule.Compute(100_000, 300, 12, First);
        var repayments = ImmutableArray.Create(new LoanRepayment("p1", 8_469, First), new LoanRepayment("p2", 5_000, new DateOnly(2026, 3, 1)));
        var p = LoanLedger.Position(s, repayments, new DateOnly(2026, 3, 1));

        Assert.Equal(101_632, p.TotalOwed);
        Assert.Equal(13_469, p.Paid);
        Assert.Equal(101_632 - 13_469, p.Outstanding);
        Assert.Equal(InstalmentStatus.Paid, p.Instalments[0].Status);
        Assert.Equal((5_000L, InstalmentStatus.Due), (p.Instalments[1].Paid, p.Instalments[1].Status));
        Assert.Equal(InstalmentStatus.Upcoming, p.Instalments[2].Status);
        Assert.Equal(3_469, p.DueNow);
        Assert.Equal(new DateOnly(2026, 2, 28), p.NextDueOn);
    }

    [Fact]
    public void Recording_is_idempotent_and_refuses_overpayment()
    {
        var s = LoanSchedule.Compute(10_000, 0, 2, First);
        var r = LoanLedger.Record(s, [], new LoanRepayment("p1", 5_000, First));
        r = LoanLedger.Record(s, r, new LoanRepayment("p1", 5_000, First));
        Assert.Single(r);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused,
            Assert.Throws<CivicException>(() => LoanLedger.Record(s, r, new LoanRepayment("p1", 4_000, First))).Code);
        Assert.Equal(ErrorCodes.AmountTooHigh,
            Assert.Throws<CivicException>(() => LoanLedger.Record(s, r, new LoanRepayment("p2", 5_001, First))).Code);
        r = LoanLedger.Record(s, r, new LoanRepayment("p2", 5_000, First));
        var p = LoanLedger.Position(s, r, First);
        Assert.Equal((0L, (DateOnly?)null), (p.Outstanding, p.NextDueOn));
        Assert.All(p.Instalments, i => Assert.Equal(InstalmentStatus.Paid, i.Status));
    }

    [Fact]
    public void A_part_payment_before_the_due_date_is_partly_paid()
    {
        var s = LoanSchedule.Compute(10_000, 0, 2, First);
        var p = LoanLedger.Position(s, [new LoanRepayment("p1", 1_000, First.AddDays(-10))], First.AddDays(-10));
        Assert.Equal((InstalmentStatus.PartlyPaid, 0L), (p.Instalments[0].Status, p.DueNow));
    }
}
