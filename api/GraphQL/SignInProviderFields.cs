using Civic.Api.GraphQL.Types;
using Civic.Api.Oidc;
using Civic.Grains.Interfaces;
using GraphQL;
using GraphQL.Types;

namespace Civic.Api.GraphQL;

/// <summary>The tenant's upstream sign-in providers (issue 10): admins configure, list and remove them.</summary>
public static class SignInProviderFields
{
    public static void AddSignInProviderMutations(this ObjectGraphType mutation, SignInProviders providers)
    {
        mutation.Field<NonNullGraphType<SignInProviderGraphType>>("configureSignInProvider")
            .Description("Admins: offers sign-in through an upstream OpenID Connect provider on the tenant's sign-in page (or replaces the one with this key). "
                + "Register Civic there with the redirect URI <tenant origin>/account/external/callback. At most 10 providers.")
            .Argument<NonNullGraphType<ConfigureSignInProviderInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                var input = c.GetArgument<ConfigureSignInProviderInput>("input");
                return await providers.ConfigureAsync(actor.Tenant, new ConfigureSignInProvider(
                    input.Key, input.DisplayName, input.Authority, input.ClientId, input.ClientSecret, [.. input.Scopes ?? []],
                    input.Claims?.Name, input.Claims?.BirthDate, input.Claims?.Residency), c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("removeSignInProvider")
            .Description("Admins: the sign-in page no longer offers the provider; false when the tenant had none with this key. Linked accounts stay.")
            .Argument<NonNullGraphType<StringGraphType>>("key")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return await providers.RemoveAsync(actor.Tenant, c.GetArgument<string>("key"), c.CancellationToken);
            });
    }

    public static void AddSignInProviderQueries(this ObjectGraphType query, SignInProviders providers)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SignInProviderGraphType>>>>("signInProviders")
            .Description("Admins: the tenant's upstream sign-in providers by key (at most 10), without their client secrets.")
            .ResolveAsync(async c =>
            {
                var actor = c.Civic().RequireActor(Role.Admin);
                return (await providers.ListAsync(actor.Tenant, c.CancellationToken)).ToArray();
            });
    }
}
