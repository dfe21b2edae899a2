namespace Civic.Grains.Interfaces;

/// <summary>An amount in minor units (cents) of an ISO 4217 currency. Never floating point.</summary>
[GenerateSerializer, Immutable, Alias("civic.money")]
public readonly record struct Money(
    [property: Id(0)] long Amount,
    [property: Id(1)] string Currency);
