namespace Civic.Grains;
internal static class Placeholder { }
