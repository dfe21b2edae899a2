using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

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
