using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>Who the request's token says is asking, in this tenant.</summary>
public sealed record ViewerView(string Id, Role Role, string Tenant, string? District = null);

/// <summary>
/// The signed-in viewer, for pages to choose what to show (the API still decides every act by the token). The
/// display name comes from the viewer's account; a development token's user has none.
/// </summary>
public sealed class ViewerGraphType : ObjectGraphType<ViewerView>
{
    public ViewerGraphType(IClusterClient cluster)
    {
        Name = "Viewer";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The token's subject: the id other fields name as authorId.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<RoleGraphType>>("role").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<StringGraphType>>("tenant").Description("The tenant's slug.").Resolve(c => c.Source.Tenant);
        Field<StringGraphType>("displayName").Description("The account's display name; null for a user without an account here (a development token's).")
            .ResolveAsync(async c => (await cluster.GetGrain<IAccountsGrain>(c.Source.Tenant).IdentityAsync(c.Source.Id))?.DisplayName);
        Field<StringGraphType>("district")
            .Description("""
                The district the viewer votes in, as the token says (from their verified residency): a ballot of a vote with
                districts is for it unless they choose a second one; null when it is not known (verify residency first).
                """)
            .Resolve(c => c.Source.District);
    }
}
