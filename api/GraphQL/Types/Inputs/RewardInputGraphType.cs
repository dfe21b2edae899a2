using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class RewardInput
{
    public string Title { get; set; } = "";
    public long MinAmount { get; set; }
    public int? Stock { get; set; }
}

public sealed class RewardInputGraphType : InputObjectGraphType<RewardInput>
{
    public RewardInputGraphType()
    {
        Name = "RewardInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.MinAmount, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents: the least donation that earns it.");
        Field(x => x.Stock, type: typeof(IntGraphType)).Description("Units offered; omit or null for unlimited.");
    }
}
