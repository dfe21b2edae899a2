using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteOptionInputModel
{
    public string Title { get; set; } = "";
    public long Cost { get; set; }
    public string? District { get; set; }
    public string? ExternalId { get; set; }
}

public sealed class VoteOptionInputGraphType : InputObjectGraphType<VoteOptionInputModel>
{
    public VoteOptionInputGraphType()
    {
        Name = "VoteOptionInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Cost, type: typeof(LongGraphType)).DefaultValue(0L).Description("Cents.");
        Field(x => x.District, type: typeof(StringGraphType)).Description("Required when the vote has districts.");
        Field(x => x.ExternalId, type: typeof(StringGraphType)).Description("An id of your own (e.g. from another system).");
    }
}
