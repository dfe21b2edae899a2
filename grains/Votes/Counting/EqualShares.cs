using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes.Counting;

/// <summary>
/// The Method of Equal Shares with cost utilities (a voter's utility for a project they name is its cost),
/// optionally followed by the add1 completion. Exact: every share and payment is a <see cref="Rational"/>.
/// </summary>
/// <remarks>
/// <para><b>One round.</b> The budget is split equally among all ballots. A project is affordable when its
/// supporters (the ballots naming it) hold at least its cost between them. For an affordable project, rho is
/// the smallest payment such that supporters paying min(their money, rho) cover the cost exactly. The project
/// with the smallest rho per unit of cost is selected (ties: more supporters, then cheaper, then listed first),
/// its supporters pay, and the round repeats until nothing is affordable. Projects that cost nothing or that
/// nobody named are never selected.</para>
/// <para><b>add1.</b> The method is rerun with every voter's share raised by one currency unit
/// (<see cref="Election.CurrencyUnit"/>; the virtual budget grows by that times the number of ballots) until a
/// rerun's outcome costs more than the real budget (or every project with supporters is funded); the last
/// outcome within the real budget is kept. The search starts from the real budget. As in the equalshares.net
/// tool the cities used, an exhaustive outcome does not end the search (pabutools stops there): a larger share
/// may still fund a different set within the budget. This reproduces Świecie 2023 and Wieliczka 2023.</para>
/// <para><b>Speed.</b> Voters who hold the same amount of money are handled together: each round sorts the
/// distinct amounts among a project's supporters, not the supporters themselves.</para>
/// </remarks>
internal static class EqualShares
{
    public static CountResult Count(Indexed e, bool completion)
    {
        var rule = completion ? VoteRule.EqualSharesAdd1 : VoteRule.EqualShares;
        if (e.Election.Kind == BallotType.MajorityJudgment)
        {
            throw new ArgumentException("Majority judgment ballots are counted with the majority judgment rule.");
        }

        if (e.Election.Budget is not { } budget || budget <= 0)
        {
            throw new ArgumentException("Equal shares needs a positive budget.");
        }

        if (e.Election.CurrencyUnit <= 0)
        {
            throw new ArgumentException("The currency unit must be positive.");
        }

        var supporters = Supporters(e);
        var n = e.Ballots.Length;
        var outcome = Run(e, supporters, budget);
        var virtualBudget = budget;
        var steps = 0;
        if (completion && n > 0)
        {
            var step = checked(n * e.Election.CurrencyUnit);
            // Not stopped by an exhaustive outcome: a later, still affordable rerun may fund a different set
            // (Wieliczka 2023). Stops once every project with supporters is funded.
            var fundable = Enumerable.Range(0, e.Projects.Length).Count(p => Eligible(e, supporters, p));
            while (outcome.Selected.Count < fundable)
            {
                var next = Run(e, supporters, checked(virtualBudget + step));
                if (next.Allocated > budget)
                {
                    break;
                }

                virtualBudget += step;
                steps++;
                outcome = next;
            }
        }

        var scores = e.Scores();
        var ranking = outcome.Selected.Concat(Enumerable.Range(0, e.Projects.Length).Except(outcome.Selected));
        var report = new EqualSharesReport(
            outcome.Share,
            virtualBudget,
            steps,
            outcome.Paid,
            [.. outcome.Selected.Select((p, k) => new EqualSharesPayment(e.Projects[p].Id, outcome.Payers[k], outcome.Rho[k]))]);
        return VoteCounting.Result(e, rule, outcome.Selected, ranking, VoteCounting.Tallies(e, scores, outcome.Selected),
            outcome.Allocated, report);
    }

    private static int[][] Supporters(Indexed e)
    {
        var lists = new List<int>[e.Projects.Length];
        for (var p = 0; p < lists.Length; p++)
        {
            lists[p] = [];
        }

        for (var v = 0; v < e.Ballots.Length; v++)
        {
            foreach (var p in e.Ballots[v].Distinct())
            {
                lists[p].Add(v);
            }
        }

        return [.. lists.Select(l => l.ToArray())];
    }

    private static bool Eligible(Indexed e, int[][] supporters, int p) => e.Projects[p].Cost > 0 && supporters[p].Length > 0;

    /// <summary>Relative margin within which a double comparison is not trusted and the exact one decides.</summary>
    private const double Margin = 1e-9;

    private static Outcome Run(Indexed e, int[][] supporters, long total)
    {
        var n = e.Ballots.Length;
        var share = n == 0 ? Rational.Zero : new Rational(total, n);

        // Voters are grouped by how much money they hold: classOf[v] indexes values (exact) and approx (their doubles).
        var values = new List<Rational> { share };
        var approx = new List<double> { share.ToDouble() };
        var interned = new Dictionary<Rational, int> { [share] = 0 };
        var classOf = new int[n];
        var counts = new int[16];
        var touched = new List<int>();
        var candidates = new List<(int Project, double Rho)>();

        var remaining = Enumerable.Range(0, e.Projects.Length).Where(p => Eligible(e, supporters, p)).ToList();
        var selected = new List<int>();
        var rhos = new List<Rational>();
        var payers = new List<int>();
        long allocated = 0;
        while (true)
        {
            // Each project is screened in doubles; only near-ties (affordability at the margin, the best rho per unit
            // of cost) are settled exactly, so exact arithmetic runs a few times per round, not once per project.
            candidates.Clear();
            for (var r = remaining.Count - 1; r >= 0; r--)
            {
                var p = remaining[r];
                var cost = e.Projects[p].Cost;
                Touch(supporters[p], classOf, values.Count, ref counts, touched);
                var heldApprox = 0.0;
                foreach (var c in touched)
                {
                    heldApprox += approx[c] * counts[c];
                }

                var affordable = heldApprox >= cost * (1 + Margin)
                    || heldApprox > cost * (1 - Margin) && Held(touched, values, counts) >= cost;
                if (!affordable)
                {
                    // Money only ever decreases: a project its supporters cannot afford now never becomes affordable.
                    Reset(counts, touched);
                    remaining.RemoveAt(r);
                    continue;
                }

                touched.Sort((a, b) => approx[a].CompareTo(approx[b]));
                candidates.Add((p, MaxPaymentApprox(cost, supporters[p].Length, touched, approx, counts)));
                Reset(counts, touched);
            }

            if (candidates.Count == 0)
            {
                break;
            }

            var bestRatio = candidates.Min(c => c.Rho / e.Projects[c.Project].Cost);
            var best = -1;
            var bestRho = Rational.Zero;
            foreach (var (p, rhoApprox) in candidates)
            {
                if (rhoApprox / e.Projects[p].Cost > bestRatio * (1 + Margin))
                {
                    continue;
                }

                var cost = e.Projects[p].Cost;
                Touch(supporters[p], classOf, values.Count, ref counts, touched);
                touched.Sort((a, b) => values[a].CompareTo(values[b]));
                var rho = MaxPayment(cost, supporters[p].Length, touched, values, counts);
                Reset(counts, touched);
                if (best < 0 || Better(e, supporters, p, rho, best, bestRho))
                {
                    best = p;
                    bestRho = rho;
                }
            }

            selected.Add(best);
            rhos.Add(bestRho);
            allocated += e.Projects[best].Cost;
            remaining.Remove(best);

            var moved = new Dictionary<int, int>();
            var paying = 0;
            foreach (var v in supporters[best])
            {
                var from = classOf[v];
                if (values[from].Sign > 0)
                {
                    paying++;
                }

                if (!moved.TryGetValue(from, out var to))
                {
                    var left = values[from] > bestRho ? values[from] - bestRho : Rational.Zero;
                    if (!interned.TryGetValue(left, out to))
                    {
                        to = values.Count;
                        values.Add(left);
                        approx.Add(left.ToDouble());
                        interned.Add(left, to);
                    }

                    moved.Add(from, to);
                }

                classOf[v] = to;
            }

            payers.Add(paying);
        }

        ImmutableArray<Rational> paid = [.. classOf.Select(c => share - values[c])];
        return new Outcome(share, selected, rhos, payers, allocated, paid);
    }

    /// <summary>Counts a project's supporters per money class into <paramref name="counts"/>; <paramref name="touched"/> lists the classes seen.</summary>
    private static void Touch(int[] supporters, int[] classOf, int classes, ref int[] counts, List<int> touched)
    {
        if (counts.Length < classes)
        {
            Array.Resize(ref counts, classes * 2);
        }

        touched.Clear();
        foreach (var v in supporters)
        {
            if (counts[classOf[v]]++ == 0)
            {
                touched.Add(classOf[v]);
            }
        }
    }

    private static Rational Held(List<int> touched, List<Rational> values, int[] counts)
    {
        var held = Rational.Zero;
        foreach (var c in touched)
        {
            held += values[c] * counts[c];
        }

        return held;
    }

    /// <summary><see cref="MaxPayment"/> in doubles, for screening.</summary>
    private static double MaxPaymentApprox(long cost, int supporterCount, List<int> ascending, List<double> approx, int[] counts)
    {
        double owed = cost;
        long payingAll = 0;
        var rho = 0.0;
        foreach (var c in ascending)
        {
            rho = owed / (supporterCount - payingAll);
            if (rho <= approx[c])
            {
                return rho;
            }

            owed -= approx[c] * counts[c];
            payingAll += counts[c];
        }

        // At the margin of affordability the doubles may not close: the exact count decides (rho is then the richest share).
        return rho;
    }

    /// <summary>
    /// The smallest rho with sum over supporters of min(money, rho) = cost. Classes are visited by money,
    /// ascending: a class whose money is below the payment still owed per remaining supporter pays all it has.
    /// </summary>
    private static Rational MaxPayment(long cost, int supporterCount, List<int> ascending, List<Rational> values, int[] counts)
    {
        Rational owed = cost;
        long payingAll = 0;
        var rho = Rational.Zero;
        foreach (var c in ascending)
        {
            rho = owed / (supporterCount - payingAll);
            if (rho <= values[c])
            {
                return rho;
            }

            owed -= values[c] * counts[c];
            payingAll += counts[c];
        }

        // Unreachable for an affordable project: the richest class always covers what is owed.
        throw new InvalidOperationException("Equal shares: an affordable project found no payment.");
    }

    /// <summary>Smaller rho per unit of cost wins; then more supporters, cheaper, listed first.</summary>
    private static bool Better(Indexed e, int[][] supporters, int p, Rational rho, int q, Rational qRho)
    {
        var c = (rho * e.Projects[q].Cost).CompareTo(qRho * e.Projects[p].Cost);
        if (c != 0)
        {
            return c < 0;
        }

        c = supporters[q].Length.CompareTo(supporters[p].Length);
        if (c != 0)
        {
            return c < 0;
        }

        c = e.Projects[p].Cost.CompareTo(e.Projects[q].Cost);
        return c != 0 ? c < 0 : p < q;
    }

    private static void Reset(int[] counts, List<int> touched)
    {
        foreach (var c in touched)
        {
            counts[c] = 0;
        }
    }

    private sealed record Outcome(
        Rational Share,
        List<int> Selected,
        List<Rational> Rho,
        List<int> Payers,
        long Allocated,
        ImmutableArray<Rational> Paid);
}
