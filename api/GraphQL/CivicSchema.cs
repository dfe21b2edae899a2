using GraphQL.Types;

namespace Civic.Api.GraphQL;

/// <summary>The schema: a singleton, built once.</summary>
public sealed class CivicSchema : Schema
{
    public CivicSchema(IServiceProvider services, CivicQuery query, CivicMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "Civic: civic crowdfunding and participatory votes for local governments.";
    }
}
