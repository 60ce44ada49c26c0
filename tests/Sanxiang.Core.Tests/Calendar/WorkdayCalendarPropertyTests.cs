using CsCheck;
using Sanxiang.Core.Calendar;

namespace Sanxiang.Core.Tests.Calendar;

public sealed class WorkdayCalendarPropertyTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    // Start dates 2019-01-01..2026-06-30 and n <= 60: every result stays within the loaded years.
    private static readonly Gen<DateOnly> Start =
        Gen.Int[new DateOnly(2019, 1, 1).DayNumber, new DateOnly(2026, 6, 30).DayNumber].Select(DateOnly.FromDayNumber);

    private static readonly Gen<int> Days = Gen.Int[1, 60];

    [Fact]
    public void AddWorkdays_lands_on_a_workday_after_start_with_exactly_n_workdays_in_between()
    {
        Gen.Select(Start, Days).Sample(t =>
        {
            var (start, n) = t;
            var result = Calendar.AddWorkdays(start, n);
            Assert.True(result > start);
            Assert.True(Calendar.IsWorkday(result));
            var count = 0;
            for (var d = start.AddDays(1); d <= result; d = d.AddDays(1))
            {
                count += Calendar.IsWorkday(d) ? 1 : 0;
            }

            Assert.Equal(n, count);
        });
    }

    [Fact]
    public void AddWorkdays_composes()
    {
        Gen.Select(Start, Days, Days).Sample(t =>
        {
            var (start, a, b) = t;
            Assert.Equal(Calendar.AddWorkdays(start, a + b), Calendar.AddWorkdays(Calendar.AddWorkdays(start, a), b));
        });
    }

    [Fact]
    public void PeriodEnd_is_the_first_workday_on_or_after_start_plus_days()
    {
        Gen.Select(Start, Gen.Int[1, 120]).Sample(t =>
        {
            var (start, n) = t;
            var end = Calendar.PeriodEnd(start, n);
            Assert.True(end >= start.AddDays(n));
            Assert.True(Calendar.IsWorkday(end));
            for (var d = start.AddDays(n); d < end; d = d.AddDays(1))
            {
                Assert.False(Calendar.IsWorkday(d));
            }
        });
    }

    [Fact]
    public void Classify_follows_the_lists_then_the_weekday()
    {
        var off = Calendar.Years.SelectMany(y => y.Off).ToDictionary(d => d.Date);
        var work = Calendar.Years.SelectMany(y => y.Work).ToDictionary(d => d.Date);
        Gen.Int[new DateOnly(2019, 1, 1).DayNumber, new DateOnly(2026, 12, 31).DayNumber].Select(DateOnly.FromDayNumber).Sample(date =>
        {
            var expected = off.ContainsKey(date) ? DayKind.Restday
                : work.ContainsKey(date) ? DayKind.Workday
                : date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Restday
                : DayKind.Workday;
            var info = Calendar.Classify(date);
            Assert.Equal(expected, info.Kind);
            Assert.StartsWith(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), info.Reason, StringComparison.Ordinal);
        });
    }
}
