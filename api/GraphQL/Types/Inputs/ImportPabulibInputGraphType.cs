using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class ImportPabulibInput
{
    public string? Content { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    public bool? Close { get; set; }
}

public sealed class ImportPabulibInputGraphType : InputObjectGraphType<ImportPabulibInput>
{
    public ImportPabulibInputGraphType()
    {
        Name = "ImportPabulibInput";
        Field(x => x.Content, type: typeof(StringGraphType)).Description("The .pb file's text (within GraphQL:MaxBodyBytes).");
        Field(x => x.Url, type: typeof(StringGraphType)).Description("Or a file:// URL (or path) under the server's Civic:ImportDirectory.");
        Field(x => x.Title, type: typeof(StringGraphType)).Description("Defaults to the file's description.");
        Field(x => x.Close, type: typeof(BooleanGraphType)).Description("Close the vote and count it right after the import.");
    }
}
