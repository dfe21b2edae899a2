using System.Collections.Immutable;

namespace Civic.Grains.Interfaces;

/// <summary>One page of a keyset-paginated list; <see cref="EndCursor"/> is opaque to callers.</summary>
[GenerateSerializer, Immutable, Alias("civic.page`1")]
public sealed record Page<T>(
    [property: Id(0)] ImmutableArray<T> Items,
    [property: Id(1)] bool HasNextPage,
    [property: Id(2)] int TotalCount);
