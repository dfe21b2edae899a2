using Civic.Api.GraphQL.Loaders;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MatchCallGraphType : ObjectGraphType<MatchCall>
{
    public MatchCallGraphType()
    {
        Name = "MatchCall";
        Description = "A matchfunding call (\"Culture 2027\"): its own pool and rules; campaigns join one when they are created.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Currency);
        Field<NonNullGraphType<MatchSettingsGraphType>>("settings").Resolve(c => c.Source.Settings);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("openedAt").Resolve(c => c.Source.OpenedAt);
        Field<MatchPoolGraphType>("pool")
            .Description("The call's pool, live.")
            .Resolve(c => c.RequestServices!.GetRequiredService<CampaignLoaders>().Pools.Load(c.Source.Id));
    }
}
