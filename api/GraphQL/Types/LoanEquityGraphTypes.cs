using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class LoanTermsGraphType : ObjectGraphType<LoanTerms>
{
    public LoanTermsGraphType()
    {
        Name = "LoanTerms";
        Field<NonNullGraphType<IntGraphType>>("annualRateBasisPoints").Description("1 bp = 0.01 %; 0: interest-free.")
            .Resolve(c => c.Source.AnnualRateBasisPoints);
        Field<NonNullGraphType<IntGraphType>>("termMonths").Resolve(c => c.Source.TermMonths);
        Field<NonNullGraphType<DateOnlyGraphType>>("firstRepaymentOn").Resolve(c => c.Source.FirstRepaymentOn);
    }
}

/// <summary>An equity offer with the shares still for sale.</summary>
public sealed record EquityOfferView(EquityOffer Offer, long SharesRemaining);

public sealed class EquityOfferGraphType : ObjectGraphType<EquityOfferView>
{
    public EquityOfferGraphType()
    {
        Name = "EquityOffer";
        Field<NonNullGraphType<MoneyGraphType>>("sharePrice").Resolve(c => new Money(c.Source.Offer.SharePrice, c.Source.Offer.Currency));
        Field<NonNullGraphType<LongGraphType>>("sharesOffered").Resolve(c => c.Source.Offer.SharesOffered);
        Field<NonNullGraphType<LongGraphType>>("sharesRemaining")
            .Description("Shares still for sale: reserved and sold ones do not count, revoked ones return.")
            .Resolve(c => c.Source.SharesRemaining);
        Field<NonNullGraphType<MoneyGraphType>>("minRaise").Resolve(c => new Money(c.Source.Offer.MinRaise, c.Source.Offer.Currency));
        Field<NonNullGraphType<MoneyGraphType>>("maxRaise").Resolve(c => new Money(c.Source.Offer.MaxRaise, c.Source.Offer.Currency));
        Field<NonNullGraphType<StringGraphType>>("kiis").Description("The Key Investment Information Sheet attached to the offer.")
            .Resolve(c => c.Source.Offer.KiisDocumentRef);
    }
}

public sealed class LoanInstalmentGraphType : ObjectGraphType<LoanInstalment>
{
    public LoanInstalmentGraphType()
    {
        Name = "LoanInstalment";
        Field<NonNullGraphType<IntGraphType>>("number").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<DateOnlyGraphType>>("dueOn").Resolve(c => c.Source.DueOn);
        Field<NonNullGraphType<LongGraphType>>("principal").Description("Cents.").Resolve(c => c.Source.Principal);
        Field<NonNullGraphType<LongGraphType>>("interest").Description("Cents.").Resolve(c => c.Source.Interest);
        Field<NonNullGraphType<LongGraphType>>("total").Description("Cents: principal + interest.").Resolve(c => c.Source.Total);
        Field<NonNullGraphType<LongGraphType>>("remainingPrincipal").Description("Cents, after this instalment.")
            .Resolve(c => c.Source.RemainingPrincipal);
    }
}

public sealed class LoanTermsInput
{
    public int AnnualRateBasisPoints { get; set; }
    public int TermMonths { get; set; }
    public DateOnly FirstRepaymentOn { get; set; }
}

public sealed class LoanTermsInputGraphType : InputObjectGraphType<LoanTermsInput>
{
    public LoanTermsInputGraphType()
    {
        Name = "LoanTermsInput";
        Field(x => x.AnnualRateBasisPoints, type: typeof(NonNullGraphType<IntGraphType>)).Description("1 bp = 0.01 % (3 % is 300); 0 allowed.");
        Field(x => x.TermMonths, type: typeof(NonNullGraphType<IntGraphType>));
        Field(x => x.FirstRepaymentOn, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("After the campaign's end.");
    }
}

public sealed class EquityOfferInput
{
    public long SharePrice { get; set; }
    public long MinRaise { get; set; }
    public long MaxRaise { get; set; }
    public long SharesOffered { get; set; }
    public string Kiis { get; set; } = "";
}

public sealed class EquityOfferInputGraphType : InputObjectGraphType<EquityOfferInput>
{
    public EquityOfferInputGraphType()
    {
        Name = "EquityOfferInput";
        Field(x => x.SharePrice, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents, in the goal's currency (EUR).");
        Field(x => x.MinRaise, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents; must equal the goal.");
        Field(x => x.MaxRaise, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents; at most 5,000,000 EUR.");
        Field(x => x.SharesOffered, type: typeof(NonNullGraphType<LongGraphType>));
        Field(x => x.Kiis, type: typeof(NonNullGraphType<StringGraphType>)).Description("A reference to the Key Investment Information Sheet.");
    }
}

public sealed class InvestInput
{
    public string CampaignId { get; set; } = "";
    public long Shares { get; set; }
    public bool RiskAcknowledged { get; set; }
    public bool Sophisticated { get; set; }
    public bool KnowledgeTestPassed { get; set; }
    public long? DeclaredNetWorth { get; set; }
    public string IdempotencyKey { get; set; } = "";
}

public sealed class InvestInputGraphType : InputObjectGraphType<InvestInput>
{
    public InvestInputGraphType()
    {
        Name = "InvestInput";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Shares, type: typeof(NonNullGraphType<LongGraphType>)).Description("Whole shares; the amount is shares × share price.");
        Field(x => x.RiskAcknowledged, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Required above max(1,000 EUR, 5 % of declared net worth) for non-sophisticated investors.");
        Field(x => x.Sophisticated, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Investor profile, declared for now: will come from a verified investor profile.");
        Field(x => x.KnowledgeTestPassed, type: typeof(BooleanGraphType)).DefaultValue(false)
            .Description("Investor profile, declared for now: will come from a verified investor profile.");
        Field(x => x.DeclaredNetWorth, type: typeof(LongGraphType))
            .Description("EUR cents; investor profile, declared for now: will come from a verified investor profile.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>));
    }
}

internal static class LoanEquityViews
{
    public static LoanInstalment[]? Schedule(ImmutableArray<LoanInstalment>? schedule) => schedule is { } s ? [.. s] : null;
}

public sealed class InstalmentStatusGraphType : EnumerationGraphType<InstalmentStatus>
{
    public InstalmentStatusGraphType() => Name = "InstalmentStatus";
}

public sealed class LoanInstalmentPositionGraphType : ObjectGraphType<LoanInstalmentPosition>
{
    public LoanInstalmentPositionGraphType()
    {
        Name = "LoanInstalmentPosition";
        Field<NonNullGraphType<LoanInstalmentGraphType>>("instalment").Resolve(c => c.Source.Instalment);
        Field<NonNullGraphType<LongGraphType>>("paid").Description("Cents paid on this instalment.").Resolve(c => c.Source.Paid);
        Field<NonNullGraphType<InstalmentStatusGraphType>>("status").Resolve(c => c.Source.Status);
    }
}

public sealed class LoanPositionGraphType : ObjectGraphType<LoanPosition>
{
    public LoanPositionGraphType()
    {
        Name = "LoanPosition";
        Field<NonNullGraphType<DateOnlyGraphType>>("asOf").Resolve(c => c.Source.AsOf);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LoanInstalmentPositionGraphType>>>>("instalments")
            .Description("Repayments fill instalments in due order, oldest first.")
            .Resolve(c => c.Source.Instalments.ToArray());
        Field<NonNullGraphType<LongGraphType>>("totalOwed").Description("Cents.").Resolve(c => c.Source.TotalOwed);
        Field<NonNullGraphType<LongGraphType>>("paid").Description("Cents.").Resolve(c => c.Source.Paid);
        Field<NonNullGraphType<LongGraphType>>("dueNow").Description("Cents due and unpaid as of asOf.").Resolve(c => c.Source.DueNow);
        Field<NonNullGraphType<LongGraphType>>("outstanding").Description("Cents.").Resolve(c => c.Source.Outstanding);
        Field<DateOnlyGraphType>("nextDueOn").Resolve(c => c.Source.NextDueOn);
    }
}
