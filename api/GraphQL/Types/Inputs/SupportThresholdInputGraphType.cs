using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class SupportThresholdInput
{
    public int? Supports { get; set; }
    public int? ShareOfResidentsBasisPoints { get; set; }
}

public sealed class SupportThresholdInputGraphType : InputObjectGraphType<SupportThresholdInput>
{
    public SupportThresholdInputGraphType()
    {
        Name = "SupportThresholdInput";
        Description = "Supports that send an idea to review by themselves: a number, or a share of the census' residents (one of the two).";
        Field(x => x.Supports, type: typeof(IntGraphType));
        Field(x => x.ShareOfResidentsBasisPoints, type: typeof(IntGraphType)).Description("100 = 1% (Madrid's threshold).");
    }
}
