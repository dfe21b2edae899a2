using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MoneyInput
{
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
}

public sealed class MoneyInputGraphType : InputObjectGraphType<MoneyInput>
{
    public MoneyInputGraphType()
    {
        Name = "MoneyInput";
        Field(x => x.Amount, type: typeof(NonNullGraphType<LongGraphType>)).Description("Minor units (cents).");
        Field(x => x.Currency, type: typeof(NonNullGraphType<StringGraphType>)).Description("ISO 4217 code, e.g. EUR.");
    }
}
