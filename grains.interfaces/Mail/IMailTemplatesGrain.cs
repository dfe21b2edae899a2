using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>
/// The mail templates of one tenant (keyed by the tenant's slug): Civic's own per kind and locale (fr, en),
/// and the ones the tenant's admins wrote in their place. Only the tenant's admins change or read them.
/// </summary>
public interface IMailTemplatesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces Civic's template of <see cref="SetMailTemplate.Kind"/> in <see cref="SetMailTemplate.Locale"/>.
    /// VALIDATION for an unknown kind or locale, a text over its bounds, an unknown placeholder, or a template
    /// without the kind's required placeholders ({{link}}). Answers the template as it now reads.
    /// </summary>
    Task<MailTemplate> SetAsync(SetMailTemplate command, Actor actor);

    /// <summary>Goes back to Civic's own template of the kind in the locale (nothing to reset changes nothing).</summary>
    Task<MailTemplate> ResetAsync(string kind, string locale, Actor actor);

    /// <summary>Every kind in every locale, the tenant's own where it wrote one, else Civic's.</summary>
    Task<ImmutableArray<MailTemplate>> ListAsync(Actor actor);
}

/// <summary>A template as an admin writes it: the HTML part is made from <see cref="Text"/>.</summary>
[GenerateSerializer, Immutable, Alias("civic.set-mail-template")]
public sealed record SetMailTemplate(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Locale,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Text);

/// <summary>
/// One template: <see cref="Custom"/> when the tenant wrote it (then <see cref="UpdatedAt"/> and <see cref="UpdatedBy"/>
/// say when and who), Civic's own otherwise. <see cref="Placeholders"/> are those the kind knows, <see cref="Required"/>
/// those its text must hold.
/// </summary>
[GenerateSerializer, Immutable, Alias("civic.mail-template")]
public sealed record MailTemplate(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Locale,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Text,
    [property: Id(4)] bool Custom,
    [property: Id(5)] ImmutableArray<string> Placeholders,
    [property: Id(6)] ImmutableArray<string> Required,
    [property: Id(7)] DateTimeOffset? UpdatedAt,
    [property: Id(8)] string? UpdatedBy);
