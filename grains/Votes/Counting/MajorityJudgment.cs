using Civic.Grains.Interfaces;
namespace Civic.Grains.Votes.Counting;

/// <summary>
/// Majority judgment: every ballot grades projects on a scale of <see cref="Election.GradeScale"/> grades,
/// 0 the worst. A project a ballot leaves ungraded gets the worst grade from it (as Paris counts a blank).
/// </summary>
/// <remarks>
/// <para>A project's score is its majority grade: the lower median of its grades (with an even number of
/// ballots, the lower of the two middle grades).</para>
/// <para>Ranking: by majority grade; ties are broken by the usual majority-judgment procedure: remove one
/// median grade from each tied project and compare the new medians, again and again, until they differ.
/// Projects whose grades are identical are ranked by cost (cheaper first), then listed order.</para>
/// <para>Funding: down the ranking, each project is selected if it still fits the budget (skipped otherwise);
/// a project whose majority grade is the worst grade is never funded.</para>
/// </remarks>
internal static class MajorityJudgment
{
    public static CountResult Count(Indexed e)
    {
        var scale = e.Election.GradeScale;
        if (e.Election.Kind != BallotType.MajorityJudgment || scale < 2)
        {
            throw new ArgumentException("Majority judgment needs majority judgment ballots and a scale of at least two grades.");
        }

        var projects = e.Projects.Length;
        var histogram = new int[projects][];
        var graded = new int[projects];
        for (var p = 0; p < projects; p++)
        {
            histogram[p] = new int[scale];
        }

        for (var b = 0; b < e.Ballots.Length; b++)
        {
            var grades = e.Election.Ballots[b].Points;
            var row = e.Ballots[b];
            if (grades.Length != row.Length)
            {
                throw new ArgumentException($"Ballot {b + 1} needs one grade per project it names.");
            }

            for (var c = 0; c < row.Length; c++)
            {
                if (grades[c] < 0 || grades[c] >= scale)
                {
                    throw new ArgumentException($"Ballot {b + 1} has grade {grades[c]} outside 0..{scale - 1}.");
                }

                histogram[row[c]][grades[c]]++;
                graded[row[c]]++;
            }
        }

        for (var p = 0; p < projects; p++)
        {
            histogram[p][0] += e.Ballots.Length - graded[p];
        }

        var sorted = histogram.Select(Expand).ToArray();
        var scores = sorted.Select(g => g.Length == 0 ? 0L : g[(g.Length - 1) / 2]).ToArray();
        var order = Enumerable.Range(0, projects).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = CompareMajorityValues(sorted[b], sorted[a]);
            if (c == 0)
            {
                c = e.Projects[a].Cost.CompareTo(e.Projects[b].Cost);
            }

            return c != 0 ? c : a.CompareTo(b);
        });
        var (selected, allocated) = VoteCounting.Fund(e, order, p => scores[p] > 0, skip: true);
        return VoteCounting.Result(e, VoteRule.MajorityJudgment, selected, order,
            VoteCounting.Tallies(e, scores, selected, histogram), allocated, null);
    }

    /// <summary>
    /// Compares two projects' majority values: the sequences of medians met when removing the median grade
    /// one at a time. Both have one grade per ballot, so the sequences have the same length.
    /// </summary>
    public static int CompareMajorityValues(int[] a, int[] b)
    {
        var x = new MedianWalk(a);
        var y = new MedianWalk(b);
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            var c = x.Next().CompareTo(y.Next());
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int[] Expand(int[] histogram)
    {
        var grades = new int[histogram.Sum()];
        var k = 0;
        for (var g = 0; g < histogram.Length; g++)
        {
            for (var i = 0; i < histogram[g]; i++)
            {
                grades[k++] = g;
            }
        }

        return grades;
    }

    /// <summary>
    /// Walks the medians of a sorted array while removing them. The removed grades always form one
    /// contiguous block around the middle, so what remains is sorted[0..left] and sorted[right..].
    /// </summary>
    private struct MedianWalk(int[] sorted)
    {
        private int _left = int.MinValue;
        private int _right;

        public int Next()
        {
            if (_left == int.MinValue)
            {
                var middle = (sorted.Length - 1) / 2;
                _left = middle - 1;
                _right = middle + 1;
                return sorted[middle];
            }

            var remaining = _left + 1 + (sorted.Length - _right);
            var k = (remaining - 1) / 2;
            if (k == _left)
            {
                return sorted[_left--];
            }

            if (k == _left + 1)
            {
                return sorted[_right++];
            }

            throw new InvalidOperationException("Majority judgment: the median left the middle block.");
        }
    }
}
