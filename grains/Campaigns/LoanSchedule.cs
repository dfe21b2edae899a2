using System.Collections.Immutable;
using System.Numerics;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Campaigns;

/// <summary>
/// Constant-instalment (annuity) repayment schedules, exact to the cent.
/// </summary>
/// <remarks>
/// <para>The annual rate is an integer number of basis points <c>b</c>; the monthly rate is the exact
/// rational <c>r = b / 120,000</c> (annual / 12, no compounding conversion). The instalment
/// <c>A = P·r / (1 − (1 + r)^−n)</c> is computed as a rational over <see cref="BigInteger"/> and rounded
/// half up to the cent once. Each month's interest is <c>remaining · r</c> rounded half up to the cent;
/// the principal part is <c>A − interest</c>. The last instalment repays exactly the remaining principal
/// plus its interest, so it absorbs every rounding difference. At 0 %, the principal part is
/// <c>P / n</c> rounded down, the remainder going into the last instalment.</para>
/// <para>Due dates are <c>first.AddMonths(k)</c> for k = 0..n−1, always counted from the first date, so
/// a schedule starting on the 31st falls on the last day of shorter months and returns to the 31st.</para>
/// </remarks>
public static class LoanSchedule
{
    public const int MaxTermMonths = 600;
    public const int MaxRateBasisPoints = 10_000;
    private const long MonthlyDenominator = 120_000;

    public static ImmutableArray<LoanInstalment> Compute(long principal, LoanTerms terms) =>
        Compute(principal, terms.AnnualRateBasisPoints, terms.TermMonths, terms.FirstRepaymentOn);

    public static ImmutableArray<LoanInstalment> Compute(long principal, int annualRateBasisPoints, int termMonths, DateOnly firstRepaymentOn)
    {
        Validate(principal, annualRateBasisPoints, termMonths);
        var n = termMonths;
        var b = annualRateBasisPoints;
        var instalment = b == 0 ? principal / n : Annuity(principal, b, n);

        var lines = ImmutableArray.CreateBuilder<LoanInstalment>(n);
        var remaining = principal;
        for (var k = 1; k <= n; k++)
        {
            var interest = RoundHalfUp(new BigInteger(remaining) * b, MonthlyDenominator);
            var principalPart = k == n ? remaining : Math.Min(remaining, instalment - interest);
            remaining -= principalPart;
            lines.Add(new LoanInstalment(k, firstRepaymentOn.AddMonths(k - 1), principalPart, interest,
                principalPart + interest, remaining));
        }

        return lines.MoveToImmutable();
    }

    /// <summary>The constant instalment, in cents, rounded half up: P·b·(D+b)^n / (D·((D+b)^n − D^n)) with D = 120,000.</summary>
    public static long Annuity(long principal, int annualRateBasisPoints, int termMonths)
    {
        Validate(principal, annualRateBasisPoints, termMonths);
        if (annualRateBasisPoints == 0)
        {
            return principal / termMonths;
        }

        var d = new BigInteger(MonthlyDenominator);
        var grow = BigInteger.Pow(d + annualRateBasisPoints, termMonths);
        var numerator = principal * new BigInteger(annualRateBasisPoints) * grow;
        var denominator = d * (grow - BigInteger.Pow(d, termMonths));
        return RoundHalfUp(numerator, denominator);
    }

    private static void Validate(long principal, int rate, int term)
    {
        if (principal <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "The principal must be a positive amount in cents.");
        }

        if (rate is < 0 or > MaxRateBasisPoints)
        {
            throw new CivicException(ErrorCodes.Validation, $"The annual rate must be 0 to {MaxRateBasisPoints} basis points.");
        }

        if (term is < 1 or > MaxTermMonths)
        {
            throw new CivicException(ErrorCodes.Validation, $"The term must be 1 to {MaxTermMonths} months.");
        }
    }

    /// <summary>Round half up of a non-negative rational.</summary>
    private static long RoundHalfUp(BigInteger numerator, BigInteger denominator) =>
        (long)((2 * numerator + denominator) / (2 * denominator));
}

/// <summary>
/// Every lender's loans to one project, committed and reserved, so the per-lender cap holds across
/// all of a lender's contributions, counting those still waiting for the ledger or the provider.
/// </summary>
/// <remarks>The cap is the interest-bearing one when the campaign's rate is above 0, else the interest-free one.</remarks>
public sealed class LoanBook
{
    private readonly Dictionary<string, long> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Lender, long Amount)> _reserved = new(StringComparer.Ordinal);

    public LoanBook(LoanCapSettings caps, bool interestBearing)
    {
        if (caps.InterestBearingCap <= 0 || caps.InterestFreeCap <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "Loan caps must be positive.");
        }

        Cap = interestBearing ? caps.InterestBearingCap : caps.InterestFreeCap;
    }

    /// <summary>Cents one lender may lend this project in all.</summary>
    public long Cap { get; }

    public long Committed(string lenderId) => _committed.GetValueOrDefault(lenderId);

    public long Reserved(string lenderId) => _reserved.Values.Where(r => r.Lender == lenderId).Sum(r => r.Amount);

    /// <summary>What the lender may still lend: the cap less committed and reserved loans.</summary>
    public long Headroom(string lenderId) => Cap - Committed(lenderId) - Reserved(lenderId);

    /// <summary>Holds <paramref name="amount"/> for the lender, or throws LENDER_CAP_EXCEEDED.</summary>
    public void Reserve(string reservationId, string lenderId, long amount)
    {
        if (amount <= 0)
        {
            throw new CivicException(ErrorCodes.Validation, "A loan must be a positive amount in cents.");
        }

        if (_reserved.ContainsKey(reservationId))
        {
            throw new InvalidOperationException($"Reservation {reservationId} already exists.");
        }

        var headroom = Headroom(lenderId);
        if (amount > headroom)
        {
            throw new CivicException(ErrorCodes.LenderCapExceeded,
                $"A lender may lend at most {Cap} cents to this project; {Math.Max(0, headroom)} cents remain.");
        }

        _reserved.Add(reservationId, (lenderId, amount));
    }

    public void Commit(string reservationId)
    {
        if (!_reserved.Remove(reservationId, out var r))
        {
            throw new InvalidOperationException($"Reservation {reservationId} is not pending.");
        }

        _committed[r.Lender] = Committed(r.Lender) + r.Amount;
    }

    public void Release(string reservationId)
    {
        if (!_reserved.Remove(reservationId))
        {
            throw new InvalidOperationException($"Reservation {reservationId} is not pending.");
        }
    }

    /// <summary>A committed loan no longer counts (refunded): the lender's headroom comes back.</summary>
    public void Return(string lenderId, long amount)
    {
        var left = Committed(lenderId) - amount;
        if (left < 0)
        {
            throw new InvalidOperationException($"Lender {lenderId} has less than {amount} cents committed.");
        }

        _committed[lenderId] = left;
    }

    /// <summary>Restores a committed loan (from the ledger on activation), without the cap check.</summary>
    public void Restore(string lenderId, long amount) => _committed[lenderId] = Committed(lenderId) + amount;
}

/// <summary>
/// One lender's repayments against their schedule. Repayments fill instalments in due order, oldest
/// first; a repayment id already applied is ignored (idempotent); paying more than is still owed is
/// refused.
/// </summary>
public static class LoanLedger
{
    public static LoanPosition Position(ImmutableArray<LoanInstalment> schedule, IEnumerable<LoanRepayment> repayments, DateOnly asOf)
    {
        var paidIn = 0L;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in repayments)
        {
            if (r.Amount <= 0)
            {
                throw new CivicException(ErrorCodes.Validation, "A repayment must be a positive amount in cents.");
            }

            if (seen.Add(r.Id))
            {
                paidIn += r.Amount;
            }
        }

        var totalOwed = schedule.Sum(i => i.Total);
        if (paidIn > totalOwed)
        {
            throw new CivicException(ErrorCodes.AmountTooHigh,
                $"Repayments of {paidIn} cents exceed the {totalOwed} cents owed.");
        }

        var lines = ImmutableArray.CreateBuilder<LoanInstalmentPosition>(schedule.Length);
        var left = paidIn;
        var dueNow = 0L;
        DateOnly? next = null;
        foreach (var i in schedule)
        {
            var paid = Math.Min(left, i.Total);
            left -= paid;
            var status = paid == i.Total ? InstalmentStatus.Paid
                : i.DueOn <= asOf ? InstalmentStatus.Due
                : paid > 0 ? InstalmentStatus.PartlyPaid
                : InstalmentStatus.Upcoming;
            if (status == InstalmentStatus.Due)
            {
                dueNow += i.Total - paid;
            }

            if (status != InstalmentStatus.Paid && next is null)
            {
                next = i.DueOn;
            }

            lines.Add(new LoanInstalmentPosition(i, paid, status));
        }

        return new LoanPosition(asOf, lines.MoveToImmutable(), totalOwed, paidIn, dueNow, totalOwed - paidIn, next);
    }

    /// <summary>
    /// The repayments with <paramref name="repayment"/> added; the same repayment again changes nothing, the
    /// same id with other details is IDEMPOTENCY_KEY_REUSED; paying more than is owed is AMOUNT_TOO_HIGH.
    /// </summary>
    public static ImmutableArray<LoanRepayment> Record(ImmutableArray<LoanInstalment> schedule, ImmutableArray<LoanRepayment> recorded, LoanRepayment repayment)
    {
        var known = recorded.FirstOrDefault(r => r.Id == repayment.Id);
        if (known is not null)
        {
            return known == repayment
                ? recorded
                : throw new CivicException(ErrorCodes.IdempotencyKeyReused, $"Repayment {repayment.Id} was recorded with other details.");
        }

        var next = recorded.Add(repayment);
        _ = Position(schedule, next, repayment.PaidOn);
        return next;
    }
}
