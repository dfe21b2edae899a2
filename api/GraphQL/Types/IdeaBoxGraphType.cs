using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class IdeaBoxGraphType : ObjectGraphType<IdeaBoxView>
{
    public IdeaBoxGraphType()
    {
        Name = "IdeaBox";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Settings.Title);
        Field<NonNullGraphType<StringGraphType>>("brief").Description("As the admin wrote it (Markdown).").Resolve(c => c.Source.Settings.Brief);
        Field<NonNullGraphType<StringGraphType>>("briefHtml").Description("Sanitised HTML, safe to insert.").Resolve(c => c.Source.BriefHtml);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("opensAt").Resolve(c => c.Source.Settings.OpensAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("closesAt").Resolve(c => c.Source.Settings.ClosesAt);
        Field<NonNullGraphType<BooleanGraphType>>("isOpen").Resolve(c => c.Source.IsOpen);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("categories").Resolve(c => c.Source.Settings.Categories.ToArray());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("districts").Resolve(c => c.Source.Settings.Districts.ToArray());
        Field<NonNullGraphType<ParticipationRuleGraphType>>("whoMayPropose").Resolve(c => c.Source.Settings.WhoMayPropose);
        Field<NonNullGraphType<ParticipationRuleGraphType>>("whoMaySupport").Resolve(c => c.Source.Settings.WhoMaySupport);
        Field<NonNullGraphType<IntGraphType>>("ideasPerMember").Resolve(c => c.Source.Settings.IdeasPerMember);
        Field<IntGraphType>("supportsPerMember").Description("Null: unlimited.").Resolve(c => c.Source.Settings.SupportsPerMember);
        Field<IntGraphType>("supportsNeeded").Description("Supports that send an idea to review by themselves; null: no threshold.").Resolve(c => c.Source.SupportsNeeded);
        Field<NonNullGraphType<IntGraphType>>("answerDeadlineDays").Resolve(c => c.Source.Settings.AnswerDeadlineDays);
        Field<NonNullGraphType<BooleanGraphType>>("supportsWithdrawable").Resolve(c => c.Source.Settings.SupportsWithdrawable);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<IntGraphType>>("reportsToHide").Description("Live reports that hide an idea or comment of the box by themselves.")
            .Resolve(c => c.Source.Settings.ReportsToHide);
    }
}
