using System.Globalization;

namespace Civic.Tools.DevHost.Chaos;

/// <summary>
/// What an operator is promised besides "nothing lost": pledges flow again within 5 s of a silo's death (on the
/// survivors), a cluster whose silos all restart together serves again within 30 s (never the stall of a membership
/// write conflict), and no client ever sees a 500 or <c>INTERNAL</c> for a fault of the infrastructure. The time bounds
/// are multiplied by a slack (the suite's short run shares the machine with other tests).
/// </summary>
public static class ChaosBounds
{
    public static readonly TimeSpan SiloKillRecovery = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan AllSilosRestartRecovery = TimeSpan.FromSeconds(30);

    /// <summary>Each broken bound, said for the operator; empty when all hold.</summary>
    public static List<string> Check(IEnumerable<ChaosFault> faults, IReadOnlyDictionary<string, int> failures, double slack)
    {
        var broken = new List<string>();
        foreach (var fault in faults)
        {
            var limit = fault.Kind switch
            {
                "silo-kill" => SiloKillRecovery,
                "all-silos-restart" => AllSilosRestartRecovery,
                _ => (TimeSpan?)null,
            };
            if (limit is { } l && (fault.Recovery is not { } r || r > l.TotalSeconds * slack))
            {
                var took = fault.Recovery is { } t ? string.Create(CultureInfo.InvariantCulture, $"recovered in {t:0.0} s") : "never recovered";
                broken.Add(string.Create(CultureInfo.InvariantCulture, $"{fault.Kind} {took}, more than {l.TotalSeconds * slack:0.#} s"));
            }
        }

        // Failures are keyed "STATUS CODE" (ChaosLoad): a 500 of any kind, or a GraphQL INTERNAL.
        foreach (var (what, count) in failures)
        {
            if (what.StartsWith("500 ", StringComparison.Ordinal) || what.EndsWith(" INTERNAL", StringComparison.Ordinal))
            {
                broken.Add($"{count} failed attempts answered {what}");
            }
        }

        return broken;
    }
}
