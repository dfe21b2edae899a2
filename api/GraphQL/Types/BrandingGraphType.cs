using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class BrandingGraphType : ObjectGraphType<Branding>
{
    public BrandingGraphType()
    {
        Name = "Branding";
        Field<NonNullGraphType<StringGraphType>>("primaryColor").Resolve(c => c.Source.PrimaryColor);
        Field<NonNullGraphType<StringGraphType>>("secondaryColor").Resolve(c => c.Source.SecondaryColor);
        Field<StringGraphType>("logoUrl").Resolve(c => c.Source.LogoUrl);
    }
}
