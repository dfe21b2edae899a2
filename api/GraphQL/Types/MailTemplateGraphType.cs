using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MailTemplateGraphType : ObjectGraphType<MailTemplate>
{
    public MailTemplateGraphType()
    {
        Name = "MailTemplate";
        Description = "The template of one kind of mail in one locale: the tenant's own when custom, Civic's otherwise. The HTML part is made from the text.";
        Field<NonNullGraphType<StringGraphType>>("kind").Description("confirm-email, already-registered, reset-password, unlock-account, confirm-email-change, invitation, export-ready.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("locale").Description("fr or en.").Resolve(c => c.Source.Locale);
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => c.Source.Subject);
        Field<NonNullGraphType<StringGraphType>>("text").Description("Plain text with placeholders such as {{link}}, {{name}}, {{tenant}}.").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<BooleanGraphType>>("custom").Description("True when the tenant wrote it; resetMailTemplate goes back to Civic's.").Resolve(c => c.Source.Custom);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("placeholders").Description("The placeholders this kind knows (names without braces).").Resolve(c => c.Source.Placeholders);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("required").Description("The placeholders its text must hold.").Resolve(c => c.Source.Required);
        Field<DateTimeOffsetGraphType>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field<StringGraphType>("updatedBy").Description("The admin who wrote it; null for Civic's.").Resolve(c => c.Source.UpdatedBy);
    }
}
