using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class VoteDistrictInputModel
{
    public string Name { get; set; } = "";
    public long Budget { get; set; }
}

public sealed class VoteDistrictInputGraphType : InputObjectGraphType<VoteDistrictInputModel>
{
    public VoteDistrictInputGraphType()
    {
        Name = "VoteDistrictInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Budget, type: typeof(NonNullGraphType<LongGraphType>)).Description("Cents.");
    }
}
