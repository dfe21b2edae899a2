using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

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
