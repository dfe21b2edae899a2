namespace Civic.Grains.Interfaces;
internal static class Placeholder { }
