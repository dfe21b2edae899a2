namespace Civic.Grains;

/// <summary>
/// Wakes a grain at its next date (a campaign's start or end, a vote's opening or closing): a grain
/// timer for precision while the grain is active, and a reminder so the date is reached even if
/// nobody calls the grain. One per grain; the grain calls <see cref="ScheduleAsync"/> after each change.
/// </summary>
public sealed class GrainClock(Grain grain, string reminderName, Func<Task> tick)
{
    /// <summary>
    /// Orleans timers and reminders take due times below about 49 days; a later date is reached in
    /// steps: the grain wakes, finds nothing due yet and schedules the next step.
    /// </summary>
    public static readonly TimeSpan LongestStep = TimeSpan.FromDays(21);

    private IGrainTimer? _timer;

    public static TimeSpan DueTime(DateTimeOffset next, DateTimeOffset now)
    {
        var due = next - now;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestStep ? LongestStep : due;
    }

    /// <summary>Wakes the grain at <paramref name="next"/>, or never again when it is null.</summary>
    public async Task ScheduleAsync(DateTimeOffset? next, DateTimeOffset now)
    {
        _timer?.Dispose();
        _timer = null;
        if (next is null)
        {
            if (await grain.GetReminder(reminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }

            return;
        }

        var due = DueTime(next.Value, now);
        _timer = grain.RegisterGrainTimer(tick, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        await grain.RegisterOrUpdateReminder(reminderName, due, TimeSpan.FromMinutes(1));
    }
}
