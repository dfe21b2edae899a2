using Civic.Api.Reads;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ModerationActEntryGraphType : ObjectGraphType<ModerationActRow>
{
    public ModerationActEntryGraphType()
    {
        Name = "ModerationActEntry";
        Description = "One recorded moderation act.";
        Field<NonNullGraphType<StringGraphType>>("act").Description("auto_hide, hide, restore or dismiss.").Resolve(c => c.Source.Act);
        Field<NonNullGraphType<StringGraphType>>("byId").Description("The moderator, or system for a hide by the reports themselves.").Resolve(c => c.Source.ById);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
    }
}

public sealed class OverdueIdeaGraphType : ObjectGraphType<OverdueIdeaRow>
{
    public OverdueIdeaGraphType()
    {
        Name = "OverdueIdea";
        Description = "An idea under review whose answer is past due.";
        Field<NonNullGraphType<IdGraphType>>("ideaId").Resolve(c => c.Source.IdeaId);
        Field<NonNullGraphType<IdGraphType>>("boxId").Resolve(c => c.Source.BoxId);
        Field<NonNullGraphType<StringGraphType>>("boxTitle").Resolve(c => c.Source.BoxTitle);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("underReviewSince").Resolve(c => c.Source.UnderReviewSince);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("answerDueAt").Resolve(c => c.Source.AnswerDueAt);
    }
}
