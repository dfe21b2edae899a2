using Civic.Api.Tenancy;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class MatchCallGraphType : ObjectGraphType<MatchCall>
{
    public MatchCallGraphType(IClusterClient cluster)
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
            .ResolveAsync(async c => await cluster.GetGrain<IMatchPoolGrain>(
                MatchPools.Key(c.Civic().RequireTenant().Slug, c.Source.Id)).GetStatusAsync());
    }
}
