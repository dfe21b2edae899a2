using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// A loan campaign's terms. The annual rate is in basis points (1 bp = 0.01 %, so 3 % is 300):
/// an integer, so the schedule is computed in exact rational arithmetic. 0 is allowed.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.loan-terms")]
public sealed record LoanTerms(
    [property: Id(0)] int AnnualRateBasisPoints,
    [property: Id(1)] int TermMonths,
    [property: Id(2)] DateOnly FirstRepaymentOn);

/// <summary>One line of a repayment schedule; amounts in cents, <see cref="Total"/> = principal + interest.</summary>
[GenerateSerializer, Immutable, Alias("civic.loan-instalment")]
public sealed record LoanInstalment(
    [property: Id(0)] int Number,
    [property: Id(1)] DateOnly DueOn,
    [property: Id(2)] long Principal,
    [property: Id(3)] long Interest,
    [property: Id(4)] long Total,
    [property: Id(5)] long RemainingPrincipal);

/// <summary>
/// Per-lender, per-project caps in cents across all of one lender's contributions (French IFP
/// rules): 2,000 EUR for an interest-bearing loan, 5,000 EUR for an interest-free one.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.loan-caps")]
public sealed record LoanCapSettings(
    [property: Id(0)] long InterestBearingCap,
    [property: Id(1)] long InterestFreeCap)
{
    public static LoanCapSettings Default { get; } = new(200_000, 500_000);
}

/// <summary>A repayment made by the borrower to one lender; <see cref="Id"/> makes recording it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("civic.loan-repayment")]
public sealed record LoanRepayment(
    [property: Id(0)] string Id,
    [property: Id(1)] long Amount,
    [property: Id(2)] DateOnly PaidOn);

public enum InstalmentStatus
{
    /// <summary>Not yet due and nothing paid on it.</summary>
    Upcoming = 0,

    /// <summary>Due on or before the as-of date and not fully paid.</summary>
    Due = 1,

    /// <summary>Something paid, not all, and not yet due.</summary>
    PartlyPaid = 2,
    Paid = 3,
}

[GenerateSerializer, Immutable, Alias("civic.loan-instalment-position")]
public sealed record LoanInstalmentPosition(
    [property: Id(0)] LoanInstalment Instalment,
    [property: Id(1)] long Paid,
    [property: Id(2)] InstalmentStatus Status);

/// <summary>Where one lender's loan stands on a date: what was paid, what is due, what remains.</summary>
[GenerateSerializer, Immutable, Alias("civic.loan-position")]
public sealed record LoanPosition(
    [property: Id(0)] DateOnly AsOf,
    [property: Id(1)] ImmutableArray<LoanInstalmentPosition> Instalments,
    [property: Id(2)] long TotalOwed,
    [property: Id(3)] long Paid,
    [property: Id(4)] long DueNow,
    [property: Id(5)] long Outstanding,
    [property: Id(6)] DateOnly? NextDueOn);
