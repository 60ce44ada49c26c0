namespace Sanxiang.Core;

/// <summary>
/// Legal dates (decision date, deadline) are calendar dates in China Standard Time (UTC+8, no daylight saving);
/// instants are UTC. This is the one place that converts between them.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Start of the legal day in UTC (00:00 China Standard Time).</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}
