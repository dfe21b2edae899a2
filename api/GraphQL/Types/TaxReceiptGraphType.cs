using System.Globalization;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

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
