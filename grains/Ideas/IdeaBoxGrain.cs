using Civic.Grains.Faults;
using Civic.Grains.Common;
using Civic.Grains.Interfaces;
using Civic.Grains.Live;
using Microsoft.Extensions.Logging;

namespace Civic.Grains.Ideas;

/// <summary>
/// One idea box (keyed "tenant/boxId"): its settings, kept in <c>civic_idea_boxes</c>, and per member the ideas
/// (and supports, when limited) that count against the box's limits, rebuilt from the tables on activation.
/// A member's slot is taken before the first await and given back if the idea is not written, so the limit
/// holds whatever arrives at once. Its <see cref="GrainClock"/> wakes it when it opens and when it closes, so that
/// the tenant's feed tells the opening and the watchers see <c>isOpen</c> move at the dates, not at the next call.
/// </summary>
public sealed class IdeaBoxGrain(IdeaStore store, DomainClock time, ILogger<IdeaBoxGrain> logger)
    : CivicGrain, IIdeaBoxGrain, ILiveIdeaBox, IIncomingGrainCallFilter, IRemindable
{
    private const string ClockReminder = "idea-box-clock";
    private static readonly TimeSpan ResidentsFresh = TimeSpan.FromHours(1);

    private CreateIdeaBox? _settings;
    private string _briefHtml = "";
    private DateTimeOffset _createdAt;
    private Dictionary<string, int> _ideasPerAuthor = new(StringComparer.Ordinal);
    private Dictionary<string, int> _supportsPerMember = new(StringComparer.Ordinal);
    private (int? Needed, DateTimeOffset At)? _threshold;

    private (string Tenant, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    protected override async Task ActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.BoxAsync(Key.Tenant, Key.Id) is { } box)
        {
            (_settings, _briefHtml, _createdAt) = box;
            _ideasPerAuthor = await store.IdeasPerAuthorAsync(Key.Tenant, Key.Id);
            if (_settings.SupportsPerMember is not null)
            {
                _supportsPerMember = await store.SupportsPerMemberAsync(Key.Tenant, Key.Id);
            }

            var now = time.GetUtcNow();
            if (NextChange(_settings, now) is { } next)
            {
                await Clock.ScheduleAsync(next, now); // the domain clock's timer for precision; the reminder is there already
            }
        }
    }

    public async Task<IdeaBoxView> CreateAsync(CreateIdeaBox command, Actor actor)
    {
        if (!actor.IsAtLeast(Role.Admin) || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Only a tenant admin opens an idea box.");
        }

        if (_settings is not null)
        {
            throw new CivicException(ErrorCodes.AlreadyExists, "This idea box exists.");
        }

        IdeaRules.Validate(command);
        var now = time.GetUtcNow();
        var html = RichText.ToHtml(command.Brief);
        var locale = (await GrainFactory.GetGrain<ITenantGrain>(Key.Tenant).GetAsync())?.Locale ?? "fr";
        await store.InsertBoxAsync(Key.Tenant, Key.Id, command, html, actor.UserId, now, locale);
        (_settings, _briefHtml, _createdAt) = (command, html, now);
        logger.LogInformation("Idea box {Box} of {Tenant} created by {Admin}", Key.Id, Key.Tenant, actor.UserId);
        TellOpened(now);
        await Clock.ScheduleAsync(NextChange(command, now), now);
        return await ViewAsync();
    }

    /// <summary>The box opened or closed (or a 21-day step of a long wait passed): tells an opening, waits for the next date.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = time.GetUtcNow();
        if (_settings is not { } s)
        {
            await Clock.ScheduleAsync(null, now);
            return;
        }

        TellOpened(now);
        await Clock.ScheduleAsync(NextChange(s, now), now);
    }

    /// <summary>Tells the tenant's feed the box is open, dated when it opened; the feed tells each move once, so telling again is harmless.</summary>
    private void TellOpened(DateTimeOffset now)
    {
        var s = Settings;
        if (IsOpen(s, now))
        {
            var openedAt = s.OpensAt > _createdAt ? s.OpensAt : _createdAt;
            TenantFeed.Publish(GrainFactory, Key.Tenant, new FeedItem(FeedKind.IdeaBoxOpened, Key.Id, s.Title, openedAt, ModeratorsOnly: false));
        }
    }

    private static bool IsOpen(CreateIdeaBox s, DateTimeOffset now) => now >= s.OpensAt && now < s.ClosesAt;

    /// <summary>When the box next opens or closes; null once it is closed.</summary>
    private static DateTimeOffset? NextChange(CreateIdeaBox s, DateTimeOffset now) =>
        now < s.OpensAt ? s.OpensAt : now < s.ClosesAt ? s.ClosesAt : null;

    private GrainClock? _clock;

    private GrainClock Clock => _clock ??= new GrainClock(this, ClockReminder);

    public async Task<IdeaBoxView?> GetAsync() => _settings is null ? null : await ViewAsync();

    public async Task<IdeaBoxTerms> TermsAsync()
    {
        var s = Settings;
        return new IdeaBoxTerms(s.OpensAt, s.ClosesAt, s.WhoMaySupport, s.Districts, s.SupportsWithdrawable,
            s.SupportsPerMember, await SupportsNeededAsync(), s.AnswerDeadlineDays, s.Categories);
    }

    public async Task<IdeaView> SubmitAsync(SubmitIdea idea, Actor actor)
    {
        var s = Settings;
        if (!actor.IsTenantRole || actor.Tenant != Key.Tenant)
        {
            throw new CivicException(ErrorCodes.Forbidden, "Members propose ideas in their own tenant.");
        }

        var now = time.GetUtcNow();
        RequireOpen(s, now);
        IdeaRules.Validate(idea, s.Categories, s.Districts, await TenantArea.ForAsync(GrainFactory, Key.Tenant, idea));
        var held = _ideasPerAuthor.GetValueOrDefault(actor.UserId);
        if (held >= s.IdeasPerMember)
        {
            throw new CivicException(ErrorCodes.LimitExceeded, $"You have proposed {s.IdeasPerMember} ideas in this box, its limit.");
        }

        _ideasPerAuthor[actor.UserId] = held + 1; // taken before the first await
        try
        {
            if (s.WhoMayPropose.NeedsVerification)
            {
                var verification = await GrainFactory.GetGrain<ICensusGrain>(Key.Tenant).GetVerificationAsync(actor.UserId);
                IdeaRules.Admit(s.WhoMayPropose, verification, s.Districts, DateOnly.FromDateTime(now.UtcDateTime), "propose ideas");
            }

            var id = GrainKeys.NewId(IdPrefixes.Idea);
            var created = await GrainFactory.GetGrain<IIdeaGrain>(GrainKeys.Compound(Key.Tenant, id))
                .CreateAsync(new IdeaDraft(id, Key.Id, actor.UserId, idea));
            _newestIdea = created.Id;
            return created;
        }
        catch
        {
            Release(_ideasPerAuthor, actor.UserId);
            throw;
        }
    }

    public Task TakeSupportAsync(string memberId, bool take)
    {
        var limit = Settings.SupportsPerMember;
        if (!take)
        {
            Release(_supportsPerMember, memberId);
            return Task.CompletedTask;
        }

        var held = _supportsPerMember.GetValueOrDefault(memberId);
        if (limit is { } max && held >= max)
        {
            throw new CivicException(ErrorCodes.LimitExceeded, $"You support {max} ideas in this box, its limit: withdraw one first.");
        }

        _supportsPerMember[memberId] = held + 1;
        return Task.CompletedTask;
    }

    public Task IdeaWithdrawnAsync(string authorId)
    {
        Release(_ideasPerAuthor, authorId);
        return Task.CompletedTask;
    }

    private CreateIdeaBox Settings => _settings ?? throw new CivicException(ErrorCodes.NotFound, "No such idea box.");

    private async Task<IdeaBoxView> ViewAsync()
    {
        var s = Settings;
        var now = time.GetUtcNow();
        return new IdeaBoxView(Key.Id, Key.Tenant, s, _briefHtml, _createdAt, IsOpen(s, now), await SupportsNeededAsync());
    }

    /// <summary>The threshold in supports; a share of residents is counted on the roll at most hourly.</summary>
    private async Task<int?> SupportsNeededAsync()
    {
        var threshold = Settings.Threshold;
        if (threshold?.ShareOfResidentsBasisPoints is null)
        {
            return IdeaRules.SupportsNeeded(threshold, 0);
        }

        var now = time.GetUtcNow();
        if (_threshold is not { } cached || now - cached.At > ResidentsFresh)
        {
            var residents = await GrainFactory.GetGrain<ICensusGrain>(Key.Tenant).ResidentsAsync();
            _threshold = cached = (IdeaRules.SupportsNeeded(threshold, residents), now);
        }

        return cached.Needed;
    }

    private static void RequireOpen(CreateIdeaBox s, DateTimeOffset now)
    {
        if (now < s.OpensAt || now >= s.ClosesAt)
        {
            throw new CivicException(ErrorCodes.BoxNotOpen, now < s.OpensAt ? "This idea box is not open yet." : "This idea box is closed.");
        }
    }

    private static void Release(Dictionary<string, int> counts, string member)
    {
        if (counts.TryGetValue(member, out var n))
        {
            if (n <= 1)
            {
                counts.Remove(member);
            }
            else
            {
                counts[member] = n - 1;
            }
        }
    }

    private string? _newestIdea;
    private LivePublisher<IdeaBoxLive>? _live;

    /// <summary>The live figures API nodes watch (open, ideas, the newest), published after every call.</summary>
    private LivePublisher<IdeaBoxLive> Live => _live ??= new(
        () => _settings is { } s
            ? new IdeaBoxLive(Key.Id, IsOpen(s, time.GetUtcNow()), _ideasPerAuthor.Values.Sum(), _newestIdea)
            : null,
        (a, b) => a == b,
        (observer, box) => observer.IdeaBoxUpdatedAsync(Key.Tenant, box),
        (flush, due) => this.RegisterGrainTimer(flush, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)),
        time.GetUtcNow);

    public Task<IdeaBoxLive?> WatchAsync(ILiveObserver observer) => Task.FromResult(Live.Watch(observer));

    public Task UnwatchAsync(ILiveObserver observer)
    {
        Live.Unwatch(observer);
        return Task.CompletedTask;
    }

    public Task Invoke(IIncomingGrainCallContext context) => LivePublisher<IdeaBoxLive>.AfterEachCallAsync(context, () => _live);
}
