namespace Civic.Grains.Matchfunding;

/// <summary>
/// Who may use a pool at once: any number of matches (each holds its money in one turn, then waits for its
/// group commit), or one other write alone (a top-up rebuilds the pool, a return closes a project: neither may
/// run while a hold is on its way to the database). Lives on the grain's scheduler, so it needs no lock.
/// </summary>
internal sealed class MatchTurns
{
    private int _matches;
    private Task _alone = Task.CompletedTask;
    private TaskCompletionSource? _drained;

    /// <summary>A match's turn: waits while a write that runs alone is waiting or running.</summary>
    public async Task<Turn> MatchAsync()
    {
        while (!_alone.IsCompleted)
        {
            await _alone;
        }

        _matches++;
        return new Turn(this, null);
    }

    /// <summary>A turn alone: stops new matches from starting, then waits for those in flight to finish.</summary>
    public async Task<Turn> AloneAsync()
    {
        while (!_alone.IsCompleted)
        {
            await _alone;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _alone = done.Task;
        while (_matches > 0)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _drained.Task;
        }

        return new Turn(this, done);
    }

    private void Leave(TaskCompletionSource? alone)
    {
        if (alone is not null)
        {
            alone.TrySetResult();
        }
        else if (--_matches == 0)
        {
            _drained?.TrySetResult();
        }
    }

    public readonly struct Turn(MatchTurns turns, TaskCompletionSource? alone) : IDisposable
    {
        public void Dispose() => turns.Leave(alone);
    }
}
