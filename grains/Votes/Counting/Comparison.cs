using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes.Counting;

/// <summary>
/// Equal shares with add1 followed by the comparison step (Wieliczka 2023, equalshares.net): the equal-shares
/// outcome is compared with greedy by votes (skipping what does not fit). Each voter prefers the outcome that funds
/// more of the projects they named; voters who have as many in both prefer neither. Greedy is kept only when
/// strictly more voters prefer it; a tie keeps equal shares.
/// </summary>
internal static class Comparison
{
    public static CountResult Count(Indexed e)
    {
        var mes = EqualShares.Count(e, completion: true);
        var greedy = VoteCounting.Greedy(e, skip: true, VoteRule.EqualSharesAdd1Comparison);
        var index = new Dictionary<string, int>(e.Projects.Length, StringComparer.Ordinal);
        for (var i = 0; i < e.Projects.Length; i++)
        {
            index[e.Projects[i].Id] = i;
        }

        var inMes = new bool[e.Projects.Length];
        foreach (var id in mes.Selected)
        {
            inMes[index[id]] = true;
        }

        var inGreedy = new bool[e.Projects.Length];
        foreach (var id in greedy.Selected)
        {
            inGreedy[index[id]] = true;
        }

        int prefersMes = 0, prefersGreedy = 0;
        foreach (var ballot in e.Ballots)
        {
            int m = 0, g = 0;
            foreach (var p in ballot.Distinct())
            {
                m += inMes[p] ? 1 : 0;
                g += inGreedy[p] ? 1 : 0;
            }

            prefersMes += m > g ? 1 : 0;
            prefersGreedy += g > m ? 1 : 0;
        }

        return prefersGreedy > prefersMes
            ? greedy with { EqualShares = null }
            : mes with { Rule = VoteRule.EqualSharesAdd1Comparison };
    }
}
