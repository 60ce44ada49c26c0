using Sanxiang.Core.Calendar;
using static Sanxiang.Core.Tests.Calendar.Dates;

namespace Sanxiang.Core.Tests.Calendar;

/// <summary>Classification against the State Council notices in cn-holiday-calendar.json.</summary>
public sealed class WorkdayCalendarTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    [Fact]
    public void Official_has_2019_to_2026_in_order_each_with_gov_cn_sources()
    {
        Assert.Equal(Enumerable.Range(2019, 8), Calendar.Years.Select(y => y.Year));
        Assert.All(Calendar.Years, y =>
        {
            Assert.NotEmpty(y.Sources);
            Assert.All(y.Sources, s => Assert.Matches(@"^https?://www\.gov\.cn/zhengce/", s));
        });
        Assert.Equal(
            "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
            Assert.Single(Calendar.Years.Single(y => y.Year == 2026).Sources));
    }

    [Fact]
    public void Official_is_parsed_once()
    {
        Assert.Same(WorkdayCalendar.Official, WorkdayCalendar.Official);
    }

    [Theory]
    [InlineData("2026-02-14", "2026-02-14 是春节调休上班日（星期六）")]
    [InlineData("2026-02-28", "2026-02-28 是春节调休上班日（星期六）")]
    [InlineData("2026-01-04", "2026-01-04 是元旦调休上班日（星期日）")]
    [InlineData("2026-05-09", "2026-05-09 是劳动节调休上班日（星期六）")]
    [InlineData("2026-09-20", "2026-09-20 是国庆节调休上班日（星期日）")]
    [InlineData("2026-10-10", "2026-10-10 是国庆节调休上班日（星期六）")]
    [InlineData("2024-02-04", "2024-02-04 是春节调休上班日（星期日）")]
    [InlineData("2019-10-12", "2019-10-12 是国庆节调休上班日（星期六）")]
    [InlineData("2018-12-29", null)] // listed under 2019, but 2018 is not loaded: see Classify_2018_12_30_throws
    public void Adjusted_weekend_days_are_workdays(string date, string? reason)
    {
        if (reason is null)
        {
            Assert.Throws<CalendarYearMissingException>(() => Calendar.Classify(D(date)));
            return;
        }

        var day = D(date);
        Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, "the test date itself must be a weekend day");
        var info = Calendar.Classify(day);
        Assert.Equal(new DayInfo(day, DayKind.Workday, reason), info);
        Assert.True(Calendar.IsWorkday(day));
    }

    [Fact]
    public void Spring_festival_2026_is_15_to_23_February_and_its_adjusted_days_are_the_two_saturdays_around_it()
    {
        var year = Calendar.Years.Single(y => y.Year == 2026);
        var springWork = year.Work.Where(d => d.Name == "春节").Select(d => d.Date).ToArray();
        Assert.Equal([D("2026-02-14"), D("2026-02-28")], springWork);
        Assert.All(springWork, d => Assert.True(Calendar.IsWorkday(d)));

        for (var d = D("2026-02-15"); d <= D("2026-02-23"); d = d.AddDays(1))
        {
            Assert.Equal(new DayInfo(d, DayKind.Restday, $"{d:yyyy-MM-dd} 是春节法定假日"), Calendar.Classify(d));
        }

        Assert.True(Calendar.IsWorkday(D("2026-02-13"))); // Friday before
        Assert.True(Calendar.IsWorkday(D("2026-02-24"))); // Tuesday after
        Assert.False(Calendar.IsWorkday(D("2026-03-01"))); // ordinary Sunday after the working Saturday
    }

    [Fact]
    public void National_day_2025_is_1_to_8_October()
    {
        for (var d = D("2025-10-01"); d <= D("2025-10-08"); d = d.AddDays(1))
        {
            var info = Calendar.Classify(d);
            Assert.Equal(DayKind.Restday, info.Kind);
            Assert.Equal($"{d:yyyy-MM-dd} 是国庆节、中秋节法定假日", info.Reason);
        }

        Assert.True(Calendar.IsWorkday(D("2025-09-30")));
        Assert.True(Calendar.IsWorkday(D("2025-10-09")));
        Assert.True(Calendar.IsWorkday(D("2025-09-28"))); // Sunday, adjusted
        Assert.True(Calendar.IsWorkday(D("2025-10-11"))); // Saturday, adjusted
    }

    [Fact]
    public void Statutory_holiday_reason_names_the_holiday()
    {
        Assert.Equal(new DayInfo(D("2026-10-01"), DayKind.Restday, "2026-10-01 是国庆节法定假日"), Calendar.Classify(D("2026-10-01")));
        Assert.Equal(new DayInfo(D("2024-06-10"), DayKind.Restday, "2024-06-10 是端午节法定假日"), Calendar.Classify(D("2024-06-10")));
    }

    [Fact]
    public void Ordinary_weekend_and_weekday()
    {
        Assert.Equal(new DayInfo(D("2026-11-28"), DayKind.Restday, "2026-11-28 是星期六，休息日"), Calendar.Classify(D("2026-11-28")));
        Assert.Equal(new DayInfo(D("2026-11-29"), DayKind.Restday, "2026-11-29 是星期日，休息日"), Calendar.Classify(D("2026-11-29")));
        Assert.Equal(new DayInfo(D("2026-11-27"), DayKind.Workday, "2026-11-27 是星期五，工作日"), Calendar.Classify(D("2026-11-27")));
        Assert.Equal(new DayInfo(D("2026-11-30"), DayKind.Workday, "2026-11-30 是星期一，工作日"), Calendar.Classify(D("2026-11-30")));
    }

    [Fact]
    public void Covid_extension_2020_cancelled_the_working_saturday_and_work_resumed_on_monday_3_february()
    {
        // 国务院办公厅 2020-01-27: Spring Festival holiday extended to 2 February (Sunday); normal work from 3 February.
        for (var d = D("2020-01-24"); d <= D("2020-02-02"); d = d.AddDays(1))
        {
            Assert.False(Calendar.IsWorkday(d), $"{d} should be a rest day");
        }

        Assert.Equal(new DayInfo(D("2020-02-03"), DayKind.Workday, "2020-02-03 是星期一，工作日"), Calendar.Classify(D("2020-02-03")));
        Assert.True(Calendar.IsWorkday(D("2020-01-19"))); // Sunday, adjusted
    }

    [Fact]
    public void Holiday_of_a_neighbouring_year_applies_once_its_own_year_is_loaded()
    {
        // 2022-12-31 (Saturday) is listed under 2023 as 元旦; 2022 is loaded, so the 2023 entry is used.
        Assert.Equal(new DayInfo(D("2022-12-31"), DayKind.Restday, "2022-12-31 是元旦法定假日"), Calendar.Classify(D("2022-12-31")));

        // 2018 is not loaded; adding it makes the 2019 notice's 2018 entries count.
        var with2018 = Calendar.WithYears([new CalendarYear(2018, ["https://example.test/2018"], [], [])]);
        Assert.Equal(new DayInfo(D("2018-12-30"), DayKind.Restday, "2018-12-30 是元旦法定假日"), with2018.Classify(D("2018-12-30")));
        Assert.Equal(DayKind.Restday, with2018.Classify(D("2018-12-31")).Kind); // Monday
        Assert.Equal(new DayInfo(D("2018-12-29"), DayKind.Workday, "2018-12-29 是元旦调休上班日（星期六）"), with2018.Classify(D("2018-12-29")));
        Assert.Equal(DayKind.Workday, with2018.Classify(D("2018-12-28")).Kind);
    }

    [Fact]
    public void Classify_2018_12_30_throws_because_2018_is_not_a_loaded_year()
    {
        // Documented choice: the 2019 notice lists 2018-12-30 as a holiday, but the rest of 2018 is unknown to the
        // calendar, and a year must be loaded as a whole before any of its dates is classified.
        var e = Assert.Throws<CalendarYearMissingException>(() => Calendar.Classify(D("2018-12-30")));
        Assert.Equal(2018, e.Year);
        Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkday(D("2018-12-31")));
    }

    [Fact]
    public void Year_2027_is_missing_and_the_message_names_it()
    {
        var e = Assert.Throws<CalendarYearMissingException>(() => Calendar.Classify(D("2027-01-04")));
        Assert.Equal(2027, e.Year);
        Assert.Contains("2027 年", e.Message, StringComparison.Ordinal);
        Assert.Contains("sanxiang workdays import", e.Message, StringComparison.Ordinal);
        Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkday(D("2027-06-01")));
        Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkday(DateOnly.MinValue));
        Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkday(DateOnly.MaxValue));
    }

    [Theory]
    [InlineData(2019, 250)]
    [InlineData(2020, 249)] // 251 planned; the COVID extension took 31 January (Friday) and 1 February (working Saturday)
    [InlineData(2021, 250)]
    [InlineData(2022, 249)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)] // 13 statutory holidays from 2025 (除夕 and 2 May added)
    [InlineData(2026, 248)]
    public void Working_days_per_year(int year, int expected)
    {
        var count = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            count += Calendar.IsWorkday(d) ? 1 : 0;
        }

        Assert.Equal(expected, count);
    }

    [Fact]
    public void Classify_and_IsWorkday_agree_on_every_known_day()
    {
        for (var d = D("2019-01-01"); d <= D("2026-12-31"); d = d.AddDays(1))
        {
            Assert.Equal(Calendar.Classify(d).Kind == DayKind.Workday, Calendar.IsWorkday(d));
        }
    }

    [Fact]
    public void WithYears_replaces_the_same_year_and_leaves_the_original_alone()
    {
        var year2026 = Calendar.Years.Single(y => y.Year == 2026);
        var changed = year2026 with { Off = [.. year2026.Off, new CalendarDay(D("2026-11-27"), "测试假日")] };
        var calendar = Calendar.WithYears([changed]);

        Assert.Equal(Calendar.Years.Count, calendar.Years.Count);
        Assert.Equal(DayKind.Restday, calendar.Classify(D("2026-11-27")).Kind);
        Assert.Equal(DayKind.Workday, Calendar.Classify(D("2026-11-27")).Kind);
    }

    [Fact]
    public void WithYears_adds_a_new_year()
    {
        var year2027 = new CalendarYear(2027, ["https://example.test/2027"], [new CalendarDay(D("2027-01-01"), "元旦")], []);
        var calendar = Calendar.WithYears([year2027]);

        Assert.Equal(Enumerable.Range(2019, 9), calendar.Years.Select(y => y.Year));
        Assert.Equal("2027-01-01 是元旦法定假日", calendar.Classify(D("2027-01-01")).Reason);
        Assert.Equal(D("2027-01-04"), calendar.AddWorkdays(D("2026-12-31"), 1));
    }

    [Fact]
    public void WithYears_rejects_inconsistent_years()
    {
        var weekdayWork = new CalendarYear(2027, ["https://example.test"], [], [new CalendarDay(D("2027-01-05"), "元旦")]);
        var e = Assert.Throws<ArgumentException>(() => Calendar.WithYears([weekdayWork]));
        Assert.Contains("2027-01-05", e.Message, StringComparison.Ordinal);

        // 2018-12-29 is a working day in the 2019 notice; a 2018 that calls it a holiday contradicts it.
        var contradicting = new CalendarYear(2018, ["https://example.test"], [new CalendarDay(D("2018-12-29"), "元旦")], []);
        e = Assert.Throws<ArgumentException>(() => Calendar.WithYears([contradicting]));
        Assert.Contains("2018-12-29", e.Message, StringComparison.Ordinal);

        var noSources = new CalendarYear(2027, [], [], []);
        Assert.Throws<ArgumentException>(() => Calendar.WithYears([noSources]));

        var twice = new CalendarYear(2027, ["https://example.test"], [], []);
        Assert.Throws<ArgumentException>(() => Calendar.WithYears([twice, twice]));
    }

    [Fact]
    public void Empty_calendar_knows_no_year()
    {
        var empty = WorkdayCalendar.FromYears([]);
        Assert.Empty(empty.Years);
        Assert.Equal(2026, Assert.Throws<CalendarYearMissingException>(() => empty.Classify(D("2026-01-05"))).Year);
        Assert.Throws<CalendarYearMissingException>(() => empty.AddWorkdays(D("2026-01-05"), 1));
    }
}
