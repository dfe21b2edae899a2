using System.Globalization;
using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class TaxReceiptFormGraphType : EnumerationGraphType<TaxReceiptForm>
{
    public TaxReceiptFormGraphType() => Name = "TaxReceiptForm";
}

public sealed class ReceiptBeneficiaryGraphType : ObjectGraphType<ReceiptBeneficiary>
{
    public ReceiptBeneficiaryGraphType()
    {
        Name = "ReceiptBeneficiary";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The campaign owner's member id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("address").Resolve(c => c.Source.Address);
        Field<StringGraphType>("siren").Resolve(c => c.Source.Siren);
        Field<StringGraphType>("rna").Resolve(c => c.Source.Rna);
        Field<NonNullGraphType<StringGraphType>>("purpose").Resolve(c => c.Source.Purpose);
    }
}

public sealed class BeneficiaryStatusGraphType : EnumerationGraphType<BeneficiaryStatus>
{
    public BeneficiaryStatusGraphType() => Name = "BeneficiaryStatus";
}

public sealed class ReceiptBeneficiaryRegistrationGraphType : ObjectGraphType<BeneficiaryRegistration>
{
    public ReceiptBeneficiaryRegistrationGraphType()
    {
        Name = "ReceiptBeneficiaryRegistration";
        Description = "A member's receipt identity and its review: receipts are issued under it only once APPROVED by a tenant admin.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The campaign owner's member id.").Resolve(c => c.Source.Identity.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Identity.Name);
        Field<NonNullGraphType<StringGraphType>>("address").Resolve(c => c.Source.Identity.Address);
        Field<StringGraphType>("siren").Resolve(c => c.Source.Identity.Siren);
        Field<StringGraphType>("rna").Resolve(c => c.Source.Identity.Rna);
        Field<NonNullGraphType<StringGraphType>>("purpose").Resolve(c => c.Source.Identity.Purpose);
        Field<NonNullGraphType<BeneficiaryStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("revision").Description("Grows with every change of the identity; a review names the revision it approves.").Resolve(c => c.Source.Revision);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("submittedAt").Resolve(c => c.Source.SubmittedAt);
        Field<StringGraphType>("reviewedBy").Description("The admin who approved or rejected this revision.").Resolve(c => c.Source.ReviewedBy);
        Field<DateTimeOffsetGraphType>("reviewedAt").Resolve(c => c.Source.ReviewedAt);
        Field<StringGraphType>("reviewReason").Resolve(c => c.Source.ReviewReason);
    }
}

public sealed class ReceiptDonorGraphType : ObjectGraphType<ReceiptDonor>
{
    public ReceiptDonorGraphType()
    {
        Name = "ReceiptDonor";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("address").Resolve(c => c.Source.Address);
        Field<StringGraphType>("companySiren").Resolve(c => c.Source.CompanySiren);
    }
}

public sealed class TaxReceiptGraphType : ObjectGraphType<TaxReceipt>
{
    public TaxReceiptGraphType()
    {
        Name = "TaxReceipt";
        Description = "A Cerfa 11580 (person) or 16216 (company) receipt; download it at /receipts/{number}.html.";
        Field<NonNullGraphType<StringGraphType>>("number").Description("\"{year}-{sequence}\", gap-free per beneficiary and year.").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<TaxReceiptFormGraphType>>("form").Resolve(c => c.Source.Form);
        Field<NonNullGraphType<IdGraphType>>("contributionId").Resolve(c => c.Source.DonationId);
        Field<NonNullGraphType<ReceiptBeneficiaryGraphType>>("beneficiary").Resolve(c => c.Source.Beneficiary);
        Field<NonNullGraphType<ReceiptDonorGraphType>>("donor").Resolve(c => c.Source.Donor);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("amountInWords").Resolve(c => c.Source.AmountInWords);
        Field<NonNullGraphType<StringGraphType>>("donatedOn").Description("yyyy-MM-dd, Paris time.")
            .Resolve(c => c.Source.DonatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("issuedOn").Description("yyyy-MM-dd, Paris time.")
            .Resolve(c => c.Source.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field<NonNullGraphType<IntGraphType>>("taxReductionPercent").Resolve(c => c.Source.TaxReductionPercent);
    }
}

public sealed class DonorInput
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string? CompanySiren { get; set; }
}

public sealed class DonorInputGraphType : InputObjectGraphType<DonorInput>
{
    public DonorInputGraphType()
    {
        Name = "DonorInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Address, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.CompanySiren, type: typeof(StringGraphType)).Description("A company's SIREN: the receipt is then a Cerfa 16216.");
    }
}

public sealed class BeneficiaryInput
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string? Siren { get; set; }
    public string? Rna { get; set; }
    public string Purpose { get; set; } = "";
}

public sealed class BeneficiaryInputGraphType : InputObjectGraphType<BeneficiaryInput>
{
    public BeneficiaryInputGraphType()
    {
        Name = "BeneficiaryInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Address, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Siren, type: typeof(StringGraphType)).Description("9 digits; a SIREN or an RNA is required.");
        Field(x => x.Rna, type: typeof(StringGraphType)).Description("W and 9 characters.");
        Field(x => x.Purpose, type: typeof(NonNullGraphType<StringGraphType>)).Description("The object printed on receipts.");
    }
}

public sealed class ModeAmountGraphType : ObjectGraphType<ModeAmount>
{
    public ModeAmountGraphType()
    {
        Name = "ModeAmount";
        Field<NonNullGraphType<FinancingModeGraphType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}

public sealed class CategoryAmountGraphType : ObjectGraphType<CategoryAmount>
{
    public CategoryAmountGraphType()
    {
        Name = "CategoryAmount";
        Field<CampaignCategoryGraphType>("category").Description("Null for campaigns without a category.").Resolve(c => c.Source.Category);
        Field<StringGraphType>("custom").Description("The tenant-defined category's slug.").Resolve(c => c.Source.Custom);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => c.Source.Amount);
    }
}

public sealed class StatusCountGraphType : ObjectGraphType<StatusCount>
{
    public StatusCountGraphType()
    {
        Name = "StatusCount";
        Field<NonNullGraphType<CampaignStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(c => c.Source.Count);
    }
}

public sealed class TransparencyGraphType : ObjectGraphType<TransparencyFigures>
{
    public TransparencyGraphType()
    {
        Name = "Transparency";
        Description = "The tenant's public figures: ledger sums by mode and category, distinct backers, public campaigns by status. No personal data.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModeAmountGraphType>>>>("raisedByMode").Resolve(c => c.Source.RaisedByMode);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryAmountGraphType>>>>("raisedByCategory").Resolve(c => c.Source.RaisedByCategory);
        Field<NonNullGraphType<IntGraphType>>("backers").Description("Distinct members who contributed, across all campaigns.").Resolve(c => c.Source.Backers);
        Field<NonNullGraphType<IntGraphType>>("contributions").Resolve(c => c.Source.Contributions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusCountGraphType>>>>("campaignsByStatus").Resolve(c => c.Source.CampaignsByStatus);
        Field<NonNullGraphType<MoneyGraphType>>("matchfundingSpent").Description("What the tenant's match pools added to citizens' donations, returned matches excluded (EUR).").Resolve(c => c.Source.MatchfundingSpent);
    }
}
