using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

public sealed class GeoPointInput
{
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}

public sealed class GeoPointInputGraphType : InputObjectGraphType<GeoPointInput>
{
    public GeoPointInputGraphType()
    {
        Name = "GeoPointInput";
        Description = "Decimal degrees (WGS 84).";
        Field(x => x.Latitude, type: typeof(NonNullGraphType<FloatGraphType>));
        Field(x => x.Longitude, type: typeof(NonNullGraphType<FloatGraphType>));
    }
}
