namespace Civic.Grains;

public static class GrainClock
{
    /// <summary>
    /// Orleans timers and reminders take due times below about 49 days; a later date is reached in
    /// steps: the grain wakes, finds nothing due yet and schedules the next step.
    /// </summary>
    public static readonly TimeSpan LongestStep = TimeSpan.FromDays(21);

    public static TimeSpan DueTime(DateTimeOffset next, DateTimeOffset now)
    {
        var due = next - now;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestStep ? LongestStep : due;
    }
}
