using System.Collections.Immutable;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Votes.Counting;

namespace Civic.Grains.Votes;

/// <summary>The vote's rules as plain functions: creation, ballot forms, status by the clock, live scores, the count.</summary>
public static class VoteRules
{
    public const int MaxOptions = ListLimits.VoteOptions;
    public const int MaxGrades = 10;

    /// <summary>Amounts in a vote are cents: equal shares' add1 raises each share by one currency unit (100 cents).</summary>
    public const long CentsPerCurrencyUnit = 100;

    /// <summary>
    /// What a creation leaves out (null): at least 1 choice; at most 1 for a choose-1 ballot, else every option;
    /// opening now; counted by the majority judgment rule for majority-judgment ballots, else greedily; no points,
    /// grades or least spend (0); no second district; an ordinal ballot ranks exactly its max choices;
    /// no minimum age, and a minimum age requires verified residency (the age comes from the census).
    /// </summary>
    public static CreateVote WithDefaults(CreateVote c, DateTimeOffset now) => c with
    {
        MinChoices = c.MinChoices ?? 1,
        MaxChoices = c.MaxChoices ?? (c.BallotType == BallotType.ChooseOne ? 1 : c.Options.IsDefault ? 0 : c.Options.Length),
        OpensAt = c.OpensAt ?? now,
        Rule = c.Rule ?? (c.BallotType == BallotType.MajorityJudgment ? VoteRule.MajorityJudgment : VoteRule.Greedy),
        MaxPointsPerProject = c.MaxPointsPerProject ?? 0,
        MaxTotalPoints = c.MaxTotalPoints ?? 0,
        GradeScale = c.GradeScale ?? 0,
        MinimumSpendPercent = c.MinimumSpendPercent ?? 0,
        AllowSecondDistrict = c.AllowSecondDistrict ?? false,
        ExactRanks = c.ExactRanks ?? true,
        MinimumAge = c.MinimumAge ?? 0,
        RequireVerified = (c.RequireVerified ?? false) || (c.MinimumAge ?? 0) > 0,
    };

    /// <summary>Whether an import closes and counts the vote at once: only when asked (by default it stays open).</summary>
    public static bool ClosesAfterImport(ImportPabulib c) => c.Close ?? false;

    public static void ValidateCreate(CreateVote c, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAtLeast(Role.Admin))
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin can create a vote.");
        }

        TextRules.Require("The title", c.Title, TextLimits.Title);
        Require(!c.Options.IsDefault && c.Options.Length is >= 1 and <= MaxOptions, $"A vote has 1 to {MaxOptions} options.");
        foreach (var o in c.Options)
        {
            TextRules.Require("An option's title", o.Title, TextLimits.OptionTitle);
            TextRules.Optional("An option's externalId", o.ExternalId, TextLimits.ExternalId);
            TextRules.Optional("An option's district", o.District, TextLimits.District);
        }

        Require(c.Options.All(o => o.Cost is >= 0 and <= Campaigns.CampaignRules.MaxAmount * 100),
            "Option costs must be zero or positive amounts in cents.");
        Require(c.Options.Where(o => o.ExternalId is not null).Select(o => o.ExternalId).Distinct().Count()
            == c.Options.Count(o => o.ExternalId is not null), "Option external ids must be unique.");
        var options = c.Options.Length;
        switch (c.BallotType)
        {
            case BallotType.ChooseOne:
                Require(c.MinChoices == 1 && c.MaxChoices == 1, "A choose-1 ballot has exactly one choice.");
                break;
            case BallotType.Approval:
            case BallotType.Cumulative:
                Require(c.MinChoices >= 1 && c.MinChoices <= c.MaxChoices && c.MaxChoices <= options,
                    "Needs 1 <= min choices <= max choices <= number of options.");
                if (c.BallotType == BallotType.Cumulative)
                {
                    Require(c.MaxPointsPerProject >= 1 && c.MaxTotalPoints >= c.MaxPointsPerProject,
                        "A cumulative ballot needs 1 <= max points per project <= max total points.");
                }

                break;
            case BallotType.Knapsack:
                Require(c.Budget is not null || !c.Districts.IsDefaultOrEmpty, "A knapsack ballot needs a budget.");
                Require(c.MinimumSpendPercent is >= 0 and <= 100, "The minimum share of the budget is a percentage.");
                break;
            case BallotType.Ordinal:
                Require(c.MaxChoices >= 1 && c.MaxChoices <= options, "An ordinal ballot ranks 1 to (number of options) projects.");
                break;
            case BallotType.MajorityJudgment:
                Require(c.GradeScale is >= 2 and <= MaxGrades, $"Majority judgment uses 2 to {MaxGrades} grades.");
                break;
            default:
                throw new CivicException(ErrorCodes.Validation, $"Ballot type {c.BallotType} is not supported.");
        }

        Require((c.Rule == VoteRule.MajorityJudgment) == (c.BallotType == BallotType.MajorityJudgment),
            "Majority judgment ballots are counted by the majority judgment rule, and only they are.");
        Require(c.Rule is not (VoteRule.EqualShares or VoteRule.EqualSharesAdd1 or VoteRule.EqualSharesAdd1Comparison)
            || c.BallotType is BallotType.ChooseOne or BallotType.Approval or BallotType.Knapsack,
            "Equal shares counts choose-1, approval and knapsack ballots.");
        Require(c.Rule is not (VoteRule.EqualShares or VoteRule.EqualSharesAdd1 or VoteRule.EqualSharesAdd1Comparison) || c.Budget is not null || !c.Districts.IsDefaultOrEmpty,
            "Equal shares needs a budget.");

        Require(c.ExclusiveSets.IsDefaultOrEmpty || c.Rule == VoteRule.GreedyExclusive,
            "Mutually exclusive projects are only for the greedy-exclusive rule.");
        ValidateExclusiveSets(c.ExclusiveSets, [.. c.Options.Select(o => o.District)]);
        Require(c.MinProjectScore is null or >= 0, "The minimum project score is zero or more.");
        Require(c.MinProjectScore is null or 0 || c.Rule == VoteRule.GreedyThreshold,
            "A minimum project score is only for the greedy-threshold rule.");

        if (c.Budget is { } budget)
        {
            Require(budget.Amount > 0, "The budget must be positive.");
            Require(Currencies.IsValid(budget.Currency), "The budget currency must be an ISO 4217 code.");
        }

        var districts = c.Districts.IsDefault ? [] : c.Districts;
        TextRules.RequireCount("districts", districts.Length, ListLimits.VoteDistricts);
        if (districts.Length > 0)
        {
            foreach (var d in districts)
            {
                TextRules.Require("A district's name", d.Name, TextLimits.District);
            }

            Require(districts.All(d => d.Budget > 0), "Every district needs a name and a positive budget.");
            Require(districts.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count() == districts.Length, "District names must be unique.");
            Require(c.Options.All(o => o.District is not null && districts.Any(d => d.Name == o.District)),
                "With districts, every option belongs to one of them.");
        }
        else
        {
            Require(c.Options.All(o => o.District is null), "Options name districts the vote does not have.");
            Require(c.AllowSecondDistrict != true, "A second district needs districts.");
        }

        Require(c.MinimumAge is null or (>= 0 and <= VoteEligibility.MaxMinimumAge), $"The minimum age is 0 (none) to {VoteEligibility.MaxMinimumAge}.");
        Require(c.ClosesAt > c.OpensAt, "The vote must close after it opens.");
        Require(c.ClosesAt > now, "The vote must close in the future.");
    }

    /// <summary>
    /// Greedy-exclusive's sets: at most <see cref="ListLimits.VoteExclusiveSets"/>, each of 2 or more distinct option
    /// ids of the vote (p1 is the first option given, p2 the second, ...), all in one district.
    /// </summary>
    /// <param name="districts">Each option's district, in the options' order.</param>
    public static void ValidateExclusiveSets(ImmutableArray<ImmutableArray<string>> sets, IReadOnlyList<string?> districts)
    {
        var all = sets.IsDefault ? [] : sets;
        TextRules.RequireCount("exclusive sets", all.Length, ListLimits.VoteExclusiveSets);
        foreach (var set in all)
        {
            var members = set.IsDefault ? [] : set;
            TextRules.RequireCount("projects of an exclusive set", members.Length, ListLimits.VoteOptions);
            var indexes = new HashSet<int>();
            foreach (var id in members)
            {
                TextRules.Require("An exclusive set's option id", id, TextLimits.Id);
                Require(OptionIndex(id, districts.Count) is { } i && indexes.Add(i),
                    $"An exclusive set names '{TextRules.Truncate(id, 40)}', which is not an option of the vote or is named twice.");
            }

            Require(indexes.Count >= 2, "An exclusive set names at least two options.");
            Require(indexes.Select(i => districts[i]).Distinct().Count() == 1, "An exclusive set's options are in one district.");
        }
    }

    /// <summary>
    /// Exclusive sets change how a vote is counted, never which ballots are valid: they may be set on a draft vote counted
    /// greedily (greedy or greedy-exclusive), and on an imported greedy-exclusive vote until it closes (its ballots came
    /// from the file, with the rule the file declares).
    /// </summary>
    public static void RequireExclusiveSetsChangeable(VoteState s, DateTimeOffset now)
    {
        var status = StatusAt(s, now);
        if (status == VoteStatus.Closed || s.Status == VoteStatus.Closed)
        {
            throw new CivicException(ErrorCodes.VoteClosed, "The vote is closed: its count no longer changes.");
        }

        Require(s.ExclusiveSetsPending || status == VoteStatus.Draft,
            "Exclusive projects are set while the vote is a draft (or on an imported greedy-exclusive vote until it closes).");
        Require(s.ExclusiveSetsPending || s.Rule is VoteRule.Greedy or VoteRule.GreedyExclusive,
            "Exclusive projects are for votes counted greedily (GREEDY or GREEDY_EXCLUSIVE).");
    }

    /// <summary>The index of option id "p{n}" among <paramref name="count"/> options, or null.</summary>
    private static int? OptionIndex(string id, int count) =>
        id.Length > 1 && id[0] == 'p' && id[1] != '0' && int.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= count ? n - 1 : null;

    /// <summary>
    /// The shape of a ballot before it is checked against the vote: bounded lists of choices and points, and
    /// texts PostgreSQL can hold (the validator then refuses unknown options).
    /// </summary>
    public static void ValidateBallotInput(ImmutableArray<string> choices, ImmutableArray<int> points, string? district)
    {
        TextRules.RequireCount("choices", choices.IsDefault ? 0 : choices.Length, ListLimits.BallotChoices);
        TextRules.RequireCount("points", points.IsDefault ? 0 : points.Length, ListLimits.BallotChoices);
        foreach (var choice in choices.IsDefault ? [] : choices)
        {
            TextRules.Require("A choice", choice, TextLimits.Id);
        }

        TextRules.Optional("The district", district, TextLimits.District);
    }

    public static VoteStatus StatusAt(VoteState s, DateTimeOffset now) => s.Status switch
    {
        VoteStatus.Draft when now >= s.ClosesAt => VoteStatus.Closed,
        VoteStatus.Draft when now >= s.OpensAt => VoteStatus.Open,
        VoteStatus.Open when now >= s.ClosesAt => VoteStatus.Closed,
        _ => s.Status,
    };

    /// <summary>The budget counted for a district (or the whole vote when it has none).</summary>
    public static long? BudgetOf(VoteState s, string? district) =>
        district is null ? s.Budget : s.Districts.First(d => d.Name == district).Budget;

    /// <summary>The options a ballot in this district may name: the district's own, or all of them.</summary>
    public static IEnumerable<(VoteOptionConfig Option, int Index)> OptionsOf(VoteState s, string? district) =>
        s.Options.Select((o, i) => (o, i)).Where(p => district is null || p.o.District == district);

    /// <summary>Checks a ballot for a district (null without districts); indexes refer to <see cref="VoteState.Options"/>.</summary>
    public static BallotValidator ValidatorFor(VoteState s, string? district)
    {
        var budget = BudgetOf(s, district);
        var rules = s.BallotType switch
        {
            BallotType.ChooseOne => new BallotRules(BallotType.ChooseOne, 1, 1),
            BallotType.Approval => new BallotRules(BallotType.Approval, s.MinChoices, s.MaxChoices),
            BallotType.Knapsack => BallotRules.Knapsack(budget ?? 0, s.MinimumSpendPercent),
            BallotType.Cumulative => new BallotRules(BallotType.Cumulative, s.MinChoices, s.MaxChoices,
                MaxPointsPerProject: s.MaxPointsPerProject, MaxTotalPoints: s.MaxTotalPoints),
            BallotType.Ordinal => new BallotRules(BallotType.Ordinal, Ranks: s.MaxChoices, ExactRanks: s.ExactRanks),
            BallotType.MajorityJudgment => new BallotRules(BallotType.MajorityJudgment, GradeScale: s.GradeScale),
            _ => throw new CivicException(ErrorCodes.Validation, $"Ballot type {s.BallotType} is not supported."),
        };
        return new BallotValidator(rules, OptionsOf(s, district).Select(p => new CountProject(p.Option.Id, p.Option.Cost)));
    }

    /// <summary>What each choice of a valid ballot adds to its option's live score.</summary>
    public static long[] LiveScores(VoteState s, IReadOnlyList<int> points)
    {
        var count = points.Count;
        var scores = new long[count];
        for (var i = 0; i < count; i++)
        {
            scores[i] = s.BallotType switch
            {
                BallotType.Cumulative => points[i],
                BallotType.Ordinal => s.MaxChoices - i,
                BallotType.MajorityJudgment => 0, // a median, known only at the count
                _ => 1,
            };
        }

        return scores;
    }

    /// <summary>Counts the ledger's ballots by the vote's rule, per district where there are districts.</summary>
    public static VoteResults Count(VoteState s, IReadOnlyList<BallotEntry> ballots, DateTimeOffset now)
    {
        var districts = s.HasDistricts ? s.Districts.Select(d => (string?)d.Name).ToList() : [null];
        var projects = new Dictionary<string, ProjectResult>(StringComparer.Ordinal);
        var selected = ImmutableArray.CreateBuilder<string>();
        var perDistrict = ImmutableArray.CreateBuilder<DistrictResults>();
        long allocated = 0;
        EqualSharesSummary? equalShares = null;
        foreach (var district in districts)
        {
            var options = OptionsOf(s, district).Select(p => p.Option).ToList();
            var cast = ballots.Where(b => b.District == district).ToList();
            var election = new Election(
                [.. options.Select(o => new CountProject(o.Id, o.Cost))],
                [.. cast.Select(b => new CountBallot(b.Choices, b.Points.IsDefault ? [] : b.Points))],
                BudgetOf(s, district),
                s.BallotType,
                s.BallotType == BallotType.Ordinal ? s.MaxChoices : null,
                s.GradeScale,
                CentsPerCurrencyUnit,
                s.MinProjectScore,
                [.. s.ExclusiveSets.Select(set => set.ToImmutableArray())]);
            var result = VoteCounting.Count(election, s.Rule);
            foreach (var p in result.Projects)
            {
                projects[p.Id] = new ProjectResult(p.Id, p.Score, p.Ballots, p.Selected, p.GradeCounts.IsDefault ? [] : p.GradeCounts);
            }

            selected.AddRange(result.Selected);
            allocated += result.Allocated;
            var summary = result.EqualShares is { } es ? Summarise(es) : null;
            equalShares ??= summary;
            if (district is not null)
            {
                perDistrict.Add(new DistrictResults(district, BudgetOf(s, district) ?? 0, result.Selected,
                    result.Allocated, result.LeftOver, cast.Count, summary));
            }
        }

        var budget = s.HasDistricts ? s.Districts.Sum(d => d.Budget) : s.Budget ?? 0;
        return new VoteResults(
            selected.ToImmutable(), allocated, budget > 0 ? budget - allocated : 0, now, s.Rule,
            [.. s.Options.Select(o => projects[o.Id])],
            s.HasDistricts ? null : equalShares,
            perDistrict.ToImmutable());
    }

    private static EqualSharesSummary Summarise(EqualSharesReport report)
    {
        var paid = report.PaidByVoter;
        var min = paid.IsEmpty ? Rational.Zero : paid.Aggregate((a, b) => a < b ? a : b);
        var max = paid.IsEmpty ? Rational.Zero : paid.Aggregate((a, b) => a > b ? a : b);
        return new EqualSharesSummary(
            report.ShareEach.ToDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            report.VirtualBudget,
            report.CompletionSteps,
            [.. report.Payments.Select(p => new EqualSharesProjectPayment(p.Id, p.Payers,
                p.MaxPayment.ToDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            min.ToDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            max.ToDecimal(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            paid.Count(p => p > Rational.Zero));
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}
