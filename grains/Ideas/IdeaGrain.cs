using Civic.Grains.Faults;
using System.Collections.Immutable;
using Civic.Grains.Common;
using Civic.Grains.Interfaces;
using Civic.Grains.Ledger;
using Civic.Grains.Live;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace Civic.Grains.Ideas;

/// <summary>
/// One idea (keyed "tenant/ideaId"): its row in <c>civic_ideas</c>, its answers, and the set of members whose
/// support is live, rebuilt from <c>civic_idea_supports</c> on activation. Supports and their withdrawals go
/// through the group-commit ledger and are the only requests that interleave, at their ledger await; a
/// member with one in flight cannot start another. The support that reaches the threshold moves the idea to
/// review in the turn that counts it. The count lists sort by is written at most once a second.
/// </summary>
/// <remarks>Invariant at every await: the live set holds exactly the committed supports of this idea.</remarks>
[MayInterleave(nameof(CanInterleave))]
public sealed class IdeaGrain(IdeaStore store, LedgerWriter ledger, DomainClock time, ILogger<IdeaGrain> logger) : CivicGrain, IIdeaGrain, ILiveIdea, IIncomingGrainCallFilter
{
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(1);

    private IdeaRecord? _idea;
    private IdeaBoxTerms? _terms;
    private HashSet<string> _supporters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CensusVerification> _verified = new(StringComparer.Ordinal);
    private bool _changing;
    private int _countWritten;
    private IGrainTimer? _countTimer;

    private (string Tenant, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public static bool CanInterleave(IInvokable request) =>
        request.GetMethodName() is nameof(SupportAsync) or nameof(WithdrawSupportAsync);

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _idea = await store.IdeaAsync(Key.Tenant, Key.Id);
        if (_idea is not null)
        {
            _supporters = await store.SupportersAsync(Key.Tenant, Key.Id);
            _countWritten = -1; // the row's count may lag the table: write it at the next change
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_idea is not null && _countWritten != _supporters.Count)
        {
            await store.SetSupportsAsync(Key.Tenant, Key.Id, _supporters.Count);
        }
    }

    public async Task<IdeaView> CreateAsync(IdeaDraft draft)
    {
        if (_idea is not null)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, "This idea exists.");
        }

        var idea = new IdeaRecord
        {
            Tenant = Key.Tenant,
            Id = Key.Id,
            BoxId = draft.BoxId,
            AuthorId = draft.AuthorId,
            Text = draft.Idea,
            BodyHtml = RichText.ToHtml(draft.Idea.Body),
            State = IdeaState.Submitted,
            SubmittedAt = time.GetUtcNow(),
        };
        await store.InsertIdeaAsync(idea);
        _idea = idea;
        _countWritten = 0;
        logger.LogInformation("Idea {Idea} submitted in box {Box} of {Tenant}", idea.Id, idea.BoxId, idea.Tenant);
        return await ViewAsync();
    }

    public async Task<IdeaView?> GetAsync() => _idea is null ? null : await ViewAsync();

    public async Task<SupportResult> SupportAsync(Actor actor)
    {
        var idea = Idea;
        var terms = await TermsAsync();
        var now = time.GetUtcNow();
        RequireMember(actor);
        RequireOpen(terms, now);
        if (idea.State is not (IdeaState.Submitted or IdeaState.UnderReview) || _changing)
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "This idea no longer takes supports.");
        }

        if (_supporters.Contains(actor.UserId) || _inFlight.Contains(actor.UserId))
        {
            throw new CivicException(ErrorCodes.AlreadySupported, "You already support this idea.");
        }

        _inFlight.Add(actor.UserId); // held from here to the end: one request per member at a time
        try
        {
            await AdmitAsync(terms, actor.UserId, now);
            var box = GrainFactory.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(Key.Tenant, idea.BoxId));
            if (terms.SupportsPerMember is not null)
            {
                await box.TakeSupportAsync(actor.UserId, take: true);
            }

            CommitOutcome outcome;
            try
            {
                outcome = await ledger.AppendAsync(new SupportEntry(Key.Tenant, idea.BoxId, idea.Id, actor.UserId, now));
            }
            catch (LedgerUnavailableException ex)
            {
                // The row may be in the table: the member's slot stays taken; activation will count it if it is.
                throw ex.ToCivicError("The support");
            }

            if (outcome == CommitOutcome.Rejected)
            {
                await GiveBackAsync(box, terms, actor.UserId);
                throw new CivicException(ErrorCodes.Rejected, "The support was refused by the database.");
            }

            // Committed, or a live row another activation wrote: either way the member supports the idea.
            _supporters.Add(actor.UserId);
            if (IdeaRules.ReachesThreshold(idea.State, _supporters.Count, terms.SupportsNeeded))
            {
                idea.State = IdeaState.UnderReview; // in the turn that counted the support
                idea.UnderReviewSince = now;
                logger.LogInformation("Idea {Idea} of {Tenant} reached {Needed} supports: under review", idea.Id, idea.Tenant, terms.SupportsNeeded);
                await store.SetStateAsync(idea, _supporters.Count, answer: null);
                _countWritten = _supporters.Count;
            }
            else
            {
                ScheduleCount();
            }

            return new SupportResult(idea.Id, _supporters.Count, idea.State, true);
        }
        finally
        {
            _inFlight.Remove(actor.UserId);
        }
    }

    public async Task<SupportResult> WithdrawSupportAsync(Actor actor)
    {
        var idea = Idea;
        var terms = await TermsAsync();
        var now = time.GetUtcNow();
        RequireMember(actor);
        RequireOpen(terms, now);
        if (!terms.SupportsWithdrawable)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Supports in this box cannot be withdrawn.");
        }

        if (_inFlight.Contains(actor.UserId))
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "Your support is still being recorded: try again in a moment.");
        }

        if (!_supporters.Contains(actor.UserId))
        {
            return new SupportResult(idea.Id, _supporters.Count, idea.State, false);
        }

        _inFlight.Add(actor.UserId);
        try
        {
            CommitOutcome outcome;
            try
            {
                outcome = await ledger.AppendAsync(new SupportEntry(Key.Tenant, idea.BoxId, idea.Id, actor.UserId, now, Withdraw: true));
            }
            catch (LedgerUnavailableException ex)
            {
                throw ex.ToCivicError("The withdrawal");
            }

            if (outcome == CommitOutcome.Rejected)
            {
                throw new CivicException(ErrorCodes.Rejected, "The withdrawal was refused by the database.");
            }

            // Committed, or no live row was left to withdraw: either way the member no longer supports it.
            _supporters.Remove(actor.UserId);
            if (terms.SupportsPerMember is not null)
            {
                await GrainFactory.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(Key.Tenant, idea.BoxId)).TakeSupportAsync(actor.UserId, take: false);
            }

            ScheduleCount();
            return new SupportResult(idea.Id, _supporters.Count, idea.State, false);
        }
        finally
        {
            _inFlight.Remove(actor.UserId);
        }
    }

    public async Task<IdeaView> EditAsync(SubmitIdea text, Actor actor)
    {
        var idea = Idea;
        RequireAuthor(idea, actor);
        var terms = await TermsAsync();
        var now = time.GetUtcNow();
        if (!IdeaRules.CanEdit(idea.State, idea.SubmittedAt, now, _supporters.Count + _inFlight.Count, idea.Answers.Count > 0))
        {
            throw new CivicException(ErrorCodes.InvalidTransition,
                "An idea can be edited for 15 minutes after it is submitted, and only until its first support or answer.");
        }

        IdeaRules.Validate(text, terms.Categories, terms.Districts, await TenantArea.ForAsync(GrainFactory, Key.Tenant, text));
        var previous = (idea.Text, idea.BodyHtml, idea.Version);
        var html = RichText.ToHtml(text.Body);
        _changing = true;
        try
        {
            idea.Text = text;
            idea.BodyHtml = html;
            idea.Version = previous.Version + 1;
            await store.EditIdeaAsync(idea, previous.Text, previous.Version, now);
        }
        catch
        {
            (idea.Text, idea.BodyHtml, idea.Version) = previous;
            throw;
        }
        finally
        {
            _changing = false;
        }

        return await ViewAsync();
    }

    public async Task<IdeaView> WithdrawAsync(Actor actor)
    {
        var idea = Idea;
        RequireAuthor(idea, actor);
        if (!IdeaRules.CanWithdraw(idea.State, _supporters.Count + _inFlight.Count))
        {
            throw new CivicException(ErrorCodes.InvalidTransition, "Only an idea nobody supports, not yet accepted or rejected, can be withdrawn.");
        }

        await SetStateAsync(idea, IdeaState.Withdrawn, answer: null);
        await GrainFactory.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(Key.Tenant, idea.BoxId)).IdeaWithdrawnAsync(idea.AuthorId);
        return await ViewAsync();
    }

    public async Task<IdeaView> AnswerAsync(IdeaState state, string text, Actor actor)
    {
        var idea = Idea;
        if (!actor.IsAtLeast(Role.Moderator) || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only moderators and admins answer ideas.");
        }

        TextRules.Require("The answer", text, TextLimits.Reason);
        var path = IdeaRules.IsAnswer(state) ? IdeaRules.PathTo(idea.State, state) : [];
        if (path.IsEmpty)
        {
            throw new CivicException(ErrorCodes.InvalidTransition,
                $"An idea {IdeaStates.ToSql(idea.State)} cannot be answered with {IdeaStates.ToSql(state)}.");
        }

        var now = time.GetUtcNow();
        await SetStateAsync(idea, state, new IdeaAnswer(now, actor.UserId, state, text), underReviewAt: path[0] == IdeaState.UnderReview ? now : null);
        return await ViewAsync();
    }

    public async Task<IdeaView> TurnIntoProjectAsync(TurnIdeaIntoProject command, Actor actor)
    {
        var idea = Idea;
        if (!actor.IsAtLeast(Role.Moderator) || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only moderators and admins turn ideas into projects.");
        }

        TextRules.Require("The answer", command.Text, TextLimits.Reason);
        if (IdeaRules.PathTo(idea.State, IdeaState.TurnedIntoProject).IsEmpty)
        {
            throw new CivicException(ErrorCodes.InvalidTransition,
                $"Only an accepted idea becomes a project; this one is {IdeaStates.ToSql(idea.State)}.");
        }

        if (!GrainKeys.IsWellFormed(command.VoteId, IdPrefixes.Vote))
        {
            throw new CivicException(ErrorCodes.NotFound, "No such vote.");
        }

        // The option carries the idea's id: asked again (this write failed after the vote's), the vote answers the same option.
        var option = await GrainFactory.GetGrain<IVoteGrain>(GrainKeys.Compound(Key.Tenant, command.VoteId))
            .AddOptionAsync(new VoteOptionInput(command.Title ?? idea.Text.Title, command.Cost, command.District, ExternalId: idea.Id), actor);
        var now = time.GetUtcNow();
        idea.Project = new IdeaProject(command.VoteId, option.Id, option.Cost);
        try
        {
            await SetStateAsync(idea, IdeaState.TurnedIntoProject, new IdeaAnswer(now, actor.UserId, IdeaState.TurnedIntoProject, command.Text));
        }
        catch
        {
            idea.Project = null;
            throw;
        }

        logger.LogInformation("Idea {Idea} of {Tenant} became option {Option} of vote {Vote}", idea.Id, idea.Tenant, option.Id, command.VoteId);
        return await ViewAsync();
    }

    public Task<ImmutableArray<SubmitIdea>> VersionsAsync()
    {
        _ = Idea;
        return store.VersionsAsync(Key.Tenant, Key.Id);
    }

    private IdeaRecord Idea => _idea ?? throw new CivicException(ErrorCodes.NotFound, "No such idea.");

    /// <summary>Writes a new state (and its answer), then applies it; supports wait for no state, but none starts while it is written.</summary>
    private async Task SetStateAsync(IdeaRecord idea, IdeaState state, IdeaAnswer? answer, DateTimeOffset? underReviewAt = null)
    {
        var before = (idea.State, idea.UnderReviewSince);
        _changing = true;
        try
        {
            idea.State = state;
            idea.UnderReviewSince ??= underReviewAt;
            await store.SetStateAsync(idea, _supporters.Count, answer);
            _countWritten = _supporters.Count;
            if (answer is not null)
            {
                idea.Answers.Add(answer);
            }
        }
        catch
        {
            (idea.State, idea.UnderReviewSince) = before;
            throw;
        }
        finally
        {
            _changing = false;
        }
    }

    private async Task<IdeaBoxTerms> TermsAsync() =>
        _terms ??= await GrainFactory.GetGrain<IIdeaBoxGrain>(GrainKeys.Compound(Key.Tenant, Idea.BoxId)).TermsAsync();

    private async Task AdmitAsync(IdeaBoxTerms terms, string memberId, DateTimeOffset now)
    {
        if (!terms.WhoMaySupport.NeedsVerification)
        {
            return;
        }

        if (!_verified.TryGetValue(memberId, out var verification))
        {
            verification = await GrainFactory.GetGrain<ICensusGrain>(Key.Tenant).GetVerificationAsync(memberId);
            if (verification.Verified)
            {
                _verified[memberId] = verification;
            }
        }

        IdeaRules.Admit(terms.WhoMaySupport, verification, terms.Districts, DateOnly.FromDateTime(now.UtcDateTime), "support ideas");
    }

    private async Task GiveBackAsync(IIdeaBoxGrain box, IdeaBoxTerms terms, string memberId)
    {
        if (terms.SupportsPerMember is not null)
        {
            await box.TakeSupportAsync(memberId, take: false);
        }
    }

    /// <summary>The count lists sort by, written a second after a change at most once a second.</summary>
    private void ScheduleCount()
    {
        _countTimer ??= this.RegisterGrainTimer(async _ =>
        {
            var count = _supporters.Count;
            if (count != _countWritten && _idea is not null)
            {
                await store.SetSupportsAsync(Key.Tenant, Key.Id, count);
                _countWritten = count;
            }
        }, (object?)null, new GrainTimerCreationOptions(CountEvery, CountEvery) { Interleave = false });
    }

    private async Task<IdeaView> ViewAsync()
    {
        var idea = Idea;
        var terms = await TermsAsync();
        return new IdeaView(idea.Id, idea.BoxId, idea.AuthorId, idea.Text.Title, idea.Text.Body, idea.BodyHtml, idea.Text.Category,
            idea.Text.District, idea.Text.Location, idea.State, _supporters.Count, idea.Version, idea.SubmittedAt, idea.UnderReviewSince,
            idea.UnderReviewSince is { } since ? IdeaRules.AnswerDue(since, terms.AnswerDeadlineDays) : null, [.. idea.Answers], Project: idea.Project);
    }

    private void RequireMember(Actor actor)
    {
        if (!actor.IsTenantRole || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members support ideas in their own tenant.");
        }
    }

    private void RequireAuthor(IdeaRecord idea, Actor actor)
    {
        if (actor.Tenant != Key.Tenant || actor.UserId != idea.AuthorId)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only the idea's author may do this.");
        }
    }

    private static void RequireOpen(IdeaBoxTerms terms, DateTimeOffset now)
    {
        if (now < terms.OpensAt || now >= terms.ClosesAt)
        {
            throw new CivicException(ErrorCodes.BoxNotOpen, now < terms.OpensAt ? "This idea box is not open yet." : "This idea box is closed.");
        }
    }

    private IdeaLiveFigures? _live;

    /// <summary>The live figures API nodes watch (supports, state; comments and hidden read beside), published after every call.</summary>
    private IdeaLiveFigures Live => _live ??= new(this, Key.Tenant, Key.Id, () => _idea is { } i
        ? new IdeaLive(i.Id, i.BoxId, i.AuthorId, i.Text.Title, i.State, _supporters.Count, 0, false)
        : null, time);

    public Task<IdeaLive?> WatchAsync(ILiveObserver observer) => Live.WatchAsync(observer);

    public Task UnwatchAsync(ILiveObserver observer)
    {
        Live.Publisher.Unwatch(observer);
        return Task.CompletedTask;
    }

    public Task ListingChangedAsync() => Live.ListingChangedAsync();

    public Task Invoke(IIncomingGrainCallContext context) => LivePublisher<IdeaLive>.AfterEachCallAsync(context, () => _live?.Publisher);
}
