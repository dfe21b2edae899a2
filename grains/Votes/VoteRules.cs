using System.Collections.Immutable;
using Civic.Grains.Interfaces;

namespace Civic.Grains.Votes;

/// <summary>The vote's rules as plain functions: creation, ballot validity, status by the clock, counting.</summary>
public static class VoteRules
{
    public const int MaxOptions = 1000;

    public static void ValidateCreate(CreateVote c, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAtLeast(Role.Admin) || actor.Role == Role.Operator)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin can create a vote.");
        }

        Require(!string.IsNullOrWhiteSpace(c.Title) && c.Title.Length <= 200, "The title must be 1 to 200 characters.");
        Require(c.Options.Length is >= 1 and <= MaxOptions, $"A vote has 1 to {MaxOptions} options.");
        Require(c.Options.All(o => !string.IsNullOrWhiteSpace(o.Title) && o.Title.Length <= 300),
            "Every option needs a title of 1 to 300 characters.");
        Require(c.Options.All(o => o.Cost is >= 0 and <= Campaigns.CampaignRules.MaxAmount * 100),
            "Option costs must be zero or positive amounts in cents.");
        switch (c.BallotType)
        {
            case BallotType.ChooseOne:
                Require(c.MinChoices == 1 && c.MaxChoices == 1, "A choose-1 ballot has exactly one choice.");
                break;
            case BallotType.Approval:
                Require(c.MinChoices >= 1 && c.MinChoices <= c.MaxChoices && c.MaxChoices <= c.Options.Length,
                    "Approval needs 1 <= min choices <= max choices <= number of options.");
                break;
            default:
                throw new CivicException(ErrorCodes.Validation, $"Ballot type {c.BallotType} is not supported.");
        }

        if (c.Budget is { } budget)
        {
            Require(budget.Amount > 0, "The budget must be positive.");
            Require(Currencies.IsValid(budget.Currency), "The budget currency must be an ISO 4217 code.");
        }

        Require(c.ClosesAt > c.OpensAt, "The vote must close after it opens.");
        Require(c.ClosesAt > now, "The vote must close in the future.");
    }

    public static VoteStatus StatusAt(VoteState s, DateTimeOffset now) => s.Status switch
    {
        VoteStatus.Draft when now >= s.ClosesAt => VoteStatus.Closed,
        VoteStatus.Draft when now >= s.OpensAt => VoteStatus.Open,
        VoteStatus.Open when now >= s.ClosesAt => VoteStatus.Closed,
        _ => s.Status,
    };

    /// <summary>Checks a ballot and returns the indexes of the chosen options.</summary>
    public static ImmutableArray<int> ValidateBallot(VoteState s, IReadOnlyList<string> choices)
    {
        if (choices.Count < s.MinChoices)
        {
            throw new CivicException(ErrorCodes.BallotTooFew,
                $"Choose at least {s.MinChoices} option{(s.MinChoices == 1 ? "" : "s")}.");
        }

        if (choices.Count > s.MaxChoices)
        {
            throw new CivicException(ErrorCodes.BallotTooMany,
                $"Choose at most {s.MaxChoices} option{(s.MaxChoices == 1 ? "" : "s")}.");
        }

        var indexes = ImmutableArray.CreateBuilder<int>(choices.Count);
        foreach (var choice in choices)
        {
            var index = s.Options.FindIndex(o => o.Id == choice);
            if (index < 0)
            {
                throw new CivicException(ErrorCodes.BallotUnknownProject, $"'{Truncate(choice)}' is not an option of this vote.");
            }

            if (indexes.Contains(index))
            {
                throw new CivicException(ErrorCodes.BallotDuplicateChoice, $"'{choice}' is chosen twice.");
            }

            indexes.Add(index);
        }

        return indexes.MoveToImmutable();
    }

    /// <summary>
    /// Without a budget every option with votes is listed by count. With a budget, options are taken by
    /// count, descending, each selected if it still fits (greedy); ties go to the cheaper option, then to
    /// the option listed first.
    /// </summary>
    public static (ImmutableArray<string> Selected, long Allocated) Select(IReadOnlyList<VoteOptionConfig> options, IReadOnlyList<int> counts, long? budget)
    {
        var order = Enumerable.Range(0, options.Count)
            .OrderByDescending(i => counts[i])
            .ThenBy(i => options[i].Cost)
            .ThenBy(i => i);
        var selected = ImmutableArray.CreateBuilder<string>();
        long allocated = 0;
        foreach (var i in order)
        {
            if (counts[i] == 0)
            {
                break;
            }

            if (budget is { } limit && allocated + options[i].Cost > limit)
            {
                continue;
            }

            allocated += options[i].Cost;
            selected.Add(options[i].Id);
        }

        return (selected.ToImmutable(), allocated);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CivicException(ErrorCodes.Validation, message);
        }
    }
}
