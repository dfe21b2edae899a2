using GraphQL.Types;

namespace Civic.Api.GraphQL;

/// <summary>The schema: a singleton, built once.</summary>
public sealed class CivicSchema : Schema
{
    public CivicSchema(IServiceProvider services, CivicQuery query, CivicMutation mutation, CivicSubscription subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "Civic: civic crowdfunding and participatory votes for local governments.";
    }
}
