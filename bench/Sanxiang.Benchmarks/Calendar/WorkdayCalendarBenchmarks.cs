using BenchmarkDotNet.Attributes;
using Sanxiang.Core.Calendar;

namespace Sanxiang.Benchmarks.Calendar;

/// <summary>
/// The PUB-5 deadline (7 / 20 working days) and day classification, which run for every published decision and every
/// overdue check on the supervision dashboard.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WorkdayCalendarBenchmarks
{
    private readonly WorkdayCalendar _calendar = WorkdayCalendar.Official;

    // Before National Day, before Spring Festival, an ordinary Friday.
    [Params("2026-09-30", "2026-02-13", "2026-11-27")]
    public string Start { get; set; } = "2026-09-30";

    private DateOnly _start;

    [GlobalSetup]
    public void Setup() => _start = DateOnly.ParseExact(Start, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Benchmark]
    public DateOnly AddWorkdays_7() => _calendar.AddWorkdays(_start, 7);

    [Benchmark]
    public DateOnly AddWorkdays_20() => _calendar.AddWorkdays(_start, 20);

    /// <summary>For comparison: walking day by day with <see cref="WorkdayCalendar.IsWorkday"/>.</summary>
    [Benchmark]
    public DateOnly AddWorkdays_20_DayByDayWalk()
    {
        var date = _start;
        for (var left = 20; left > 0;)
        {
            date = date.AddDays(1);
            if (_calendar.IsWorkday(date))
            {
                left--;
            }
        }

        return date;
    }

    [Benchmark]
    public bool IsWorkday() => _calendar.IsWorkday(_start);

    [Benchmark]
    public DayInfo Classify() => _calendar.Classify(_start);
}
