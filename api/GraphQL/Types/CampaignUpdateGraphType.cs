using Civic.Api.Reads;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Api.GraphQL.Types;

/// <summary>A campaign owner's update to its backers, as the campaign page shows it.</summary>
public sealed class CampaignUpdateGraphType : ObjectGraphType<CampaignUpdateRow>
{
    public CampaignUpdateGraphType()
    {
        Name = "CampaignUpdate";
        Description = "News of a campaign from its owner: postCampaignUpdate writes it and tells every backer by a notification.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Update.Id);
        Field<NonNullGraphType<IdGraphType>>("campaignId").Resolve(c => c.Source.Update.CampaignId);
        Field<NonNullGraphType<StringGraphType>>("authorId").Description("The campaign's owner who posted it.").Resolve(c => c.Source.Update.AuthorId);
        Field<StringGraphType>("authorName").Description("The author's display name (null for a member without an account).").Resolve(c => c.Source.AuthorName);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Update.Title);
        Field<NonNullGraphType<StringGraphType>>("body").Description("As written (Markdown).").Resolve(c => c.Source.Update.Body);
        Field<NonNullGraphType<StringGraphType>>("bodyHtml").Description("Sanitised HTML, safe to insert.").Resolve(c => c.Source.Update.BodyHtml);
        Field<NonNullGraphType<IntGraphType>>("version").Description("1, then one more per edit.").Resolve(c => c.Source.Update.Version);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("postedAt").Resolve(c => c.Source.Update.PostedAt);
        Field<DateTimeOffsetGraphType>("editedAt").Description("The last edit; null if never edited.").Resolve(c => c.Source.Update.EditedAt);
        Field<NonNullGraphType<BooleanGraphType>>("deleted").Description("Deleted by its author or a moderator: no longer on the campaign's page.")
            .Resolve(c => c.Source.Update.Deleted);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignUpdateVersionGraphType>>>>("versions")
            .Description("Every earlier title and text, oldest first.")
            .ResolveAsync(async c => (await c.RequestServices!.GetRequiredService<CampaignUpdateReads>()
                .VersionsAsync(c.Civic().RequireTenant().Slug, c.Source.Update.Id, c.CancellationToken)).ToArray());
    }
}

public sealed class CampaignUpdateVersionGraphType : ObjectGraphType<CampaignUpdateVersion>
{
    public CampaignUpdateVersionGraphType()
    {
        Name = "CampaignUpdateVersion";
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("replacedAt").Resolve(c => c.Source.ReplacedAt);
    }
}
