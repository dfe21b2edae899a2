using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class GeoPointGraphType : ObjectGraphType<GeoPoint>
{
    public GeoPointGraphType()
    {
        Name = "GeoPoint";
        Field<NonNullGraphType<FloatGraphType>>("latitude").Resolve(c => c.Source.Latitude);
        Field<NonNullGraphType<FloatGraphType>>("longitude").Resolve(c => c.Source.Longitude);
    }
}
