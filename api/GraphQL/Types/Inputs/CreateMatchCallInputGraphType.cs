using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class CreateMatchCallInput
{
    public string Name { get; set; } = "";
    public string Currency { get; set; } = "";
    public MatchSettingsInput? Settings { get; set; }
}

public sealed class CreateMatchCallInputGraphType : InputObjectGraphType<CreateMatchCallInput>
{
    public CreateMatchCallInputGraphType()
    {
        Name = "CreateMatchCallInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Currency, type: typeof(NonNullGraphType<StringGraphType>));
        Field(x => x.Settings, type: typeof(MatchSettingsInputGraphType)).Description("The call's rules, fixed once it opens; omitted fields take the defaults.");
    }
}
