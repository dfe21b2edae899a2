using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class PostCampaignUpdateInput
{
    public string CampaignId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
}

public sealed class PostCampaignUpdateInputGraphType : InputObjectGraphType<PostCampaignUpdateInput>
{
    public PostCampaignUpdateInputGraphType()
    {
        Name = "PostCampaignUpdateInput";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>)).Description("One line, 1 to 150 characters.");
        Field(x => x.Body, type: typeof(NonNullGraphType<StringGraphType>)).Description("Markdown, 1 to 10,000 characters (a safe subset is kept).");
    }
}

public sealed class EditCampaignUpdateInput
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
}

public sealed class EditCampaignUpdateInputGraphType : InputObjectGraphType<EditCampaignUpdateInput>
{
    public EditCampaignUpdateInputGraphType()
    {
        Name = "EditCampaignUpdateInput";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The update to rewrite.");
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>)).Description("One line, 1 to 150 characters.");
        Field(x => x.Body, type: typeof(NonNullGraphType<StringGraphType>)).Description("Markdown, 1 to 10,000 characters (a safe subset is kept).");
    }
}
