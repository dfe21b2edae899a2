using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class GeoAreaInput
{
    public double South { get; set; }
    public double West { get; set; }
    public double North { get; set; }
    public double East { get; set; }
}

public sealed class GeoAreaInputGraphType : InputObjectGraphType<GeoAreaInput>
{
    public GeoAreaInputGraphType()
    {
        Name = "GeoAreaInput";
        Description = "A rectangle in decimal degrees (WGS 84): south < north, west < east (an area across the 180th meridian is not supported).";
        Field(x => x.South, type: typeof(NonNullGraphType<FloatGraphType>));
        Field(x => x.West, type: typeof(NonNullGraphType<FloatGraphType>));
        Field(x => x.North, type: typeof(NonNullGraphType<FloatGraphType>));
        Field(x => x.East, type: typeof(NonNullGraphType<FloatGraphType>));
    }
}
