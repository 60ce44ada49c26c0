using Sanxiang.Core.Calendar;
using static Sanxiang.Core.Tests.Calendar.Dates;

namespace Sanxiang.Core.Tests.Calendar;

/// <summary>
/// PUB-5 publication deadlines (7 / 20 working days, decision day not counted) and Art. 85 periods of the
/// Administrative Penalty Law. Every expected date was counted by hand from the notices and cross-checked with an
/// independent Python count over cn-holiday-calendar.json.
/// </summary>
public sealed class DueDateTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    [Theory]
    // 2026-09-30 (Wed): 10-01..07 National Day; 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat adjusted (3), 10-12..15 (4-7).
    [InlineData("2026-09-30", 7, "2026-10-15")]
    // ... 10-16 (8), 10-19..23 (9-13), 10-26..30 (14-18), 11-02 (19), 11-03 (20).
    [InlineData("2026-09-30", 20, "2026-11-03")]
    // 2026-02-13 (Fri): 02-14 Sat adjusted (1), 02-15..23 Spring Festival, 02-24..27 (2-5), 02-28 Sat adjusted (6), 03-02 (7).
    [InlineData("2026-02-13", 7, "2026-03-02")]
    // 2026-04-30 (Thu): 05-01..05 Labour Day, 05-06..08 (1-3), 05-09 Sat adjusted (4), 05-11..13 (5-7).
    [InlineData("2026-04-30", 7, "2026-05-13")]
    [InlineData("2026-04-30", 20, "2026-06-01")]
    // 2025-09-30 (Tue): 10-01..08 National Day and Mid-Autumn; 10-09 (1), 10-10 (2), 10-11 Sat adjusted (3), 10-13..16 (4-7).
    [InlineData("2025-09-30", 7, "2025-10-16")]
    // 2020-01-23: Spring Festival extended to 02-02; 02-03..07 (1-5), 02-10..11 (6-7).
    [InlineData("2020-01-23", 7, "2020-02-11")]
    // A decision made on a rest day: the count still starts the next day.
    [InlineData("2026-10-03", 1, "2026-10-08")]
    // Adjusted weekend days count as working days.
    [InlineData("2024-02-02", 1, "2024-02-04")]
    [InlineData("2019-10-11", 1, "2019-10-12")]
    [InlineData("2019-09-27", 1, "2019-09-29")]
    // Ordinary week.
    [InlineData("2026-11-27", 1, "2026-11-30")]
    [InlineData("2026-11-23", 7, "2026-12-02")]
    // Across a year boundary inside the loaded years: 2025-12-31 (Wed) -> 2026-01-01..03 元旦, 01-04 Sun adjusted (1), 01-05 (2).
    [InlineData("2025-12-31", 2, "2026-01-05")]
    // Start the day before the first loaded year: only days walked over need to be known.
    [InlineData("2018-12-31", 1, "2019-01-02")]
    public void AddWorkdays_official_examples(string start, int days, string expected)
    {
        Assert.Equal(D(expected), Calendar.AddWorkdays(D(start), days));
    }

    [Fact]
    public void AddWorkdays_to_the_last_working_day_of_the_last_loaded_year_works_and_one_more_throws()
    {
        Assert.Equal(D("2026-12-31"), Calendar.AddWorkdays(D("2026-12-25"), 4));
        var e = Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkdays(D("2026-12-25"), 7));
        Assert.Equal(2027, e.Year);
        Assert.Contains("2027", e.Message, StringComparison.Ordinal);
        Assert.Equal(2027, Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkdays(D("2026-12-31"), 1)).Year);
        Assert.Equal(2027, Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkdays(D("2019-01-01"), int.MaxValue)).Year);
    }

    [Fact]
    public void AddWorkdays_that_would_walk_through_a_gap_throws_for_the_gap_year()
    {
        var years = WorkdayCalendar.Official.Years.Where(y => y.Year != 2022);
        var gapped = WorkdayCalendar.FromYears(years);
        Assert.Equal(2022, Assert.Throws<CalendarYearMissingException>(() => gapped.AddWorkdays(D("2021-12-28"), 7)).Year);
        Assert.Equal(2022, Assert.Throws<CalendarYearMissingException>(() => gapped.AddWorkdays(D("2021-12-31"), 1)).Year);
        Assert.Equal(D("2021-12-31"), gapped.AddWorkdays(D("2021-12-30"), 1));
        Assert.Equal(D("2023-01-04"), gapped.AddWorkdays(D("2022-12-31"), 2)); // starts after the gap
    }

    [Fact]
    public void AddWorkdays_starting_in_an_unknown_year_throws()
    {
        Assert.Equal(2018, Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkdays(D("2018-12-20"), 7)).Year);
        Assert.Equal(2030, Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkdays(D("2030-03-01"), 7)).Year);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AddWorkdays_needs_at_least_one_day(int days)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkdays(D("2026-05-06"), days));
        Assert.Equal("days", e.ParamName);
    }

    [Theory]
    // A 7-day period from 2026-09-24 would end on 10-01 (National Day): it ends on the next working day, 10-08.
    [InlineData("2026-09-24", 7, "2026-10-08")]
    // Art. 67: a fine is paid within 15 days of service. Served 2026-09-16 -> 10-01 -> 10-08.
    [InlineData("2026-09-16", 15, "2026-10-08")]
    // Ends on 02-21 (Sat, Spring Festival) -> Tue 02-24.
    [InlineData("2026-02-06", 15, "2026-02-24")]
    // Ends on an ordinary Saturday -> Monday.
    [InlineData("2026-11-13", 15, "2026-11-30")]
    // Ends on an adjusted working Saturday: stays.
    [InlineData("2026-02-13", 1, "2026-02-14")]
    // Ends on a working day: stays.
    [InlineData("2026-11-12", 15, "2026-11-27")]
    [InlineData("2026-12-01", 26, "2026-12-28")]
    [InlineData("2025-09-23", 15, "2025-10-09")]
    public void PeriodEnd_examples(string start, int calendarDays, string expected)
    {
        Assert.Equal(D(expected), Calendar.PeriodEnd(D(start), calendarDays));
    }

    [Fact]
    public void PeriodEnd_counts_calendar_days_through_holidays_and_only_moves_the_last_day()
    {
        // 10 calendar days from 2026-09-28 is 10-08, a working day: the holiday inside the period is counted.
        Assert.Equal(D("2026-10-08"), Calendar.PeriodEnd(D("2026-09-28"), 10));
    }

    [Fact]
    public void PeriodEnd_whose_last_day_is_in_an_unknown_year_throws()
    {
        Assert.Equal(2027, Assert.Throws<CalendarYearMissingException>(() => Calendar.PeriodEnd(D("2026-12-20"), 15)).Year);
        // Only the last day (and any rest days after it) must be known, not the days in between.
        Assert.Equal(D("2019-01-02"), Calendar.PeriodEnd(D("2018-12-01"), 32));
    }

    [Fact]
    public void PeriodEnd_needs_at_least_one_day()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.PeriodEnd(D("2026-05-06"), 0));
    }
}
