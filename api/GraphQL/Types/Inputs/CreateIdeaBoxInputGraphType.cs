using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CreateIdeaBoxInput
{
    public string Title { get; set; } = "";
    public string Brief { get; set; } = "";
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public List<string>? Categories { get; set; }
    public List<string>? Districts { get; set; }
    public ParticipationRuleInput? WhoMayPropose { get; set; }
    public ParticipationRuleInput? WhoMaySupport { get; set; }
    public int? IdeasPerMember { get; set; }
    public int? SupportsPerMember { get; set; }
    public SupportThresholdInput? Threshold { get; set; }
    public int? AnswerDeadlineDays { get; set; }
    public bool? SupportsWithdrawable { get; set; }
    public int? ReportsToHide { get; set; }
}

public sealed class CreateIdeaBoxInputGraphType : InputObjectGraphType<CreateIdeaBoxInput>
{
    public CreateIdeaBoxInputGraphType()
    {
        Name = "CreateIdeaBoxInput";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Brief, type: typeof(NonNullGraphType<StringGraphType>)).Description("Markdown (a safe subset is kept).");
        Field(x => x.OpensAt, type: typeof(DateTimeOffsetGraphType)).Description("Defaults to now.");
        Field(x => x.ClosesAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(x => x.Categories, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>)).Description("When given, every idea takes one.");
        Field(x => x.Districts, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>));
        Field(x => x.WhoMayPropose, type: typeof(ParticipationRuleInputGraphType));
        Field(x => x.WhoMaySupport, type: typeof(ParticipationRuleInputGraphType));
        Field(x => x.IdeasPerMember, type: typeof(IntGraphType)).Description("Defaults to 5.");
        Field(x => x.SupportsPerMember, type: typeof(IntGraphType)).Description("Defaults to unlimited.");
        Field(x => x.Threshold, type: typeof(SupportThresholdInputGraphType)).Description("Defaults to none.");
        Field(x => x.AnswerDeadlineDays, type: typeof(IntGraphType)).Description("Days to answer an idea under review; defaults to 30.");
        Field(x => x.SupportsWithdrawable, type: typeof(BooleanGraphType)).Description("Members may withdraw a support while the box is open; defaults to true.");
        Field(x => x.ReportsToHide, type: typeof(IntGraphType)).Description("Reports that hide content by themselves; defaults to 3.");
    }
}
