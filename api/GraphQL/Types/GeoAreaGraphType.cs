using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class GeoAreaGraphType : ObjectGraphType<GeoArea>
{
    public GeoAreaGraphType()
    {
        Name = "GeoArea";
        Description = "A rectangle in decimal degrees (WGS 84): south and north latitudes, west and east longitudes.";
        Field<NonNullGraphType<FloatGraphType>>("south").Resolve(c => c.Source.South);
        Field<NonNullGraphType<FloatGraphType>>("west").Resolve(c => c.Source.West);
        Field<NonNullGraphType<FloatGraphType>>("north").Resolve(c => c.Source.North);
        Field<NonNullGraphType<FloatGraphType>>("east").Resolve(c => c.Source.East);
    }
}
