using Civic.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Civic.Grains.Live;

/// <summary>What an idea's live figures read beside its grain: its comment count and hidden flag, kept on its row by the comment and moderation grains.</summary>
public sealed class LiveIdeaStore(NpgsqlDataSource dataSource)
{
    public async Task<(int Comments, bool Hidden)> ListingAsync(string tenant, string ideaId)
    {
        await using var command = dataSource.CreateCommand(
            "select comments, hidden_reason is not null from civic_ideas where tenant = $1 and idea_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = ideaId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetBoolean(1)) : (0, false);
    }
}

/// <summary>
/// An idea grain's live side: its publisher, and the comment count and hidden flag, read from the idea's row when
/// the first API node watches and again each time the comment thread or the moderation says they moved (only while
/// watched: nobody pays for it otherwise). The grain gives its own figures (supports, state, title).
/// </summary>
internal sealed class IdeaLiveFigures
{
    private readonly LiveIdeaStore _store;
    private readonly string _tenant;
    private readonly string _id;
    private (int Comments, bool Hidden)? _listing;

    public IdeaLiveFigures(Grain grain, string tenant, string id, Func<IdeaLive?> figures, TimeProvider time)
    {
        _store = grain.GrainContext.ActivationServices.GetRequiredService<LiveIdeaStore>();
        (_tenant, _id) = (tenant, id);
        Publisher = new LivePublisher<IdeaLive>(
            () => figures() is { } f && _listing is { } l ? f with { Comments = l.Comments, Hidden = l.Hidden } : null,
            (a, b) => a == b,
            (observer, idea) => observer.IdeaUpdatedAsync(tenant, idea),
            (flush, due) => grain.RegisterGrainTimer(flush, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)),
            time.GetUtcNow);
    }

    public LivePublisher<IdeaLive> Publisher { get; }

    public async Task<IdeaLive?> WatchAsync(ILiveObserver observer)
    {
        _listing ??= await _store.ListingAsync(_tenant, _id);
        return Publisher.Watch(observer);
    }

    public async Task ListingChangedAsync()
    {
        if (Publisher.Watchers > 0)
        {
            _listing = await _store.ListingAsync(_tenant, _id);
        }
    }
}

/// <summary>The comment thread and the moderation of an item tell its live figures that they moved (ideas only, for now).</summary>
public static class LiveItems
{
    public static void Touched(IGrainFactory grains, string tenant, string kind, string itemId)
    {
        if (kind == CommentedItems.Idea)
        {
            _ = grains.GetGrain<ILiveIdea>(GrainKeys.Compound(tenant, itemId)).ListingChangedAsync();
        }
    }
}
