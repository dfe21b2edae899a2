using Civic.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Civic.Grains;

/// <summary>
/// Wakes a grain at its next date (a campaign's start or end, a vote's opening or closing): a timer of
/// the <see cref="DomainClock"/> for precision while the grain is active, and a reminder so the date is
/// reached even if nobody calls the grain. Both wake it through its <see cref="IRemindable.ReceiveReminder"/>. One per grain; the grain calls <see cref="ScheduleAsync"/> after each change.
/// </summary>
/// <remarks>
/// The date is measured on the domain clock, not on the <see cref="TimeProvider"/> Orleans takes from DI
/// for its grain timers, membership and timeouts, so a test that advances a fake domain clock makes the
/// date come at once and leaves Orleans alone. The domain timer fires off the grain's turn, so it calls
/// the grain through its own reference (<see cref="IRemindable.ReceiveReminder"/>, as the reminder
/// does): the tick is a request like any other, never interleaved with one. The timer ends with the
/// activation; the reminder stays as the durable fallback.
/// </remarks>
public sealed class GrainClock(Grain grain, string reminderName)
{
    /// <summary>
    /// Orleans timers and reminders take due times below about 49 days; a later date is reached in
    /// steps: the grain wakes, finds nothing due yet and schedules the next step.
    /// </summary>
    public static readonly TimeSpan LongestStep = TimeSpan.FromDays(21);

    private ITimer? _alarm;
    private bool _endsWithActivation;

    public static TimeSpan DueTime(DateTimeOffset next, DateTimeOffset now)
    {
        var due = next - now;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestStep ? LongestStep : due;
    }

    /// <summary>Wakes the grain at <paramref name="next"/>, or never again when it is null.</summary>
    public async Task ScheduleAsync(DateTimeOffset? next, DateTimeOffset now)
    {
        _alarm?.Dispose();
        _alarm = null;
        if (next is null)
        {
            if (await grain.GetReminder(reminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }

            return;
        }

        var due = DueTime(next.Value, now);
        _alarm = Alarm(due);
        await grain.RegisterOrUpdateReminder(reminderName, due, TimeSpan.FromMinutes(1));
    }

    private ITimer Alarm(TimeSpan due)
    {
        if (!_endsWithActivation)
        {
            _endsWithActivation = true;
            _ = grain.GrainContext.Deactivated.ContinueWith(
                _ => _alarm?.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // The callback holds the grain's reference, not the activation, and the request's context does
        // not flow into it (Orleans' own timers do the same).
        var self = grain.AsReference<IRemindable>();
        var name = reminderName;
        var clock = grain.GrainContext.ActivationServices.GetRequiredService<DomainClock>();
        using var flow = ExecutionContext.IsFlowSuppressed() ? (AsyncFlowControl?)null : ExecutionContext.SuppressFlow();
        return clock.CreateTimer(_ => Wake(self, name, clock), null, due, Timeout.InfiniteTimeSpan);
    }

    private static void Wake(IRemindable self, string name, DomainClock clock)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        // A failed wake-up is not lost: the reminder comes, and the next call to the grain reschedules.
        _ = self.ReceiveReminder(name, new TickStatus(at, TimeSpan.FromMinutes(1), at)).ContinueWith(
            t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
