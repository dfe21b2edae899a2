using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

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
