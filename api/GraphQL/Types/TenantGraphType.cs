using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class TenantGraphType : ObjectGraphType<TenantInfo>
{
    public TenantGraphType()
    {
        Name = "Tenant";
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Slug);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("locale").Resolve(c => c.Source.Locale);
        Field<NonNullGraphType<BrandingGraphType>>("branding").Resolve(c => c.Source.Branding);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TenantModuleGraphType>>>>("modules").Resolve(c => c.Source.Modules);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("customHosts").Resolve(c => c.Source.CustomHosts);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<GeoAreaGraphType>("area").Description("The rectangle the tenant covers, if it declared one (setTenantArea): ideas are placed inside it.").Resolve(c => c.Source.Area);
    }
}
