namespace Civic.Grains.Receipts;

/// <summary>Receipt dates are French calendar days: Europe/Paris, or UTC where the host has no time zone data.</summary>
public static class ReceiptCalendar
{
    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var paris) ? paris : TimeZoneInfo.Utc;

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
