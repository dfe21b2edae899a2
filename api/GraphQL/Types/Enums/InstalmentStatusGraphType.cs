using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

internal static class LoanEquityViews
{
    public static LoanInstalment[]? Schedule(ImmutableArray<LoanInstalment>? schedule) => schedule is { } s ? [.. s] : null;
}

public sealed class InstalmentStatusGraphType : EnumerationGraphType<InstalmentStatus>
{
    public InstalmentStatusGraphType() => Name = "InstalmentStatus";
}
