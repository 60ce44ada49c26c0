using Sanxiang.Core.Calendar;
using Sanxiang.Core.Inspection;

namespace Sanxiang.Core.Tests.Inspection;

/// <summary>The arithmetic of the 双随机 statistics: median, nearest-rank percentile, shares with nothing to divide by, and the 20-working-day rule over a holiday.</summary>
public sealed class InspectionFiguresTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly PlanItem Food = new() { AgencyCode = "SCJG", Code = "360736-SCJG-JC-001", Name = "对餐饮服务提供者的监督检查" };
    private static readonly PlanItem Shops = new() { AgencyCode = "SCJG", Code = "360736-SCJG-JC-002", Name = "对食品销售者的监督检查" };

    [Fact]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_values()
    {
        Assert.Null(InspectionFigures.Median([]));
        Assert.Equal(7, InspectionFigures.Median([7]));
        Assert.Equal(3, InspectionFigures.Median([5, 1, 3]));
        Assert.Equal(2.5, InspectionFigures.Median([4, 1, 3, 2]));
        Assert.Equal(10, InspectionFigures.Median([10, 10, 1, 30, 10]));
    }

    [Fact]
    public void The_percentile_takes_the_value_at_the_nearest_rank()
    {
        Assert.Null(InspectionFigures.Percentile([], 90));
        Assert.Equal(4, InspectionFigures.Percentile([4], 90));
        // Ten values 1..10 (shuffled): rank ⌈0.9 × 10⌉ = 9.
        Assert.Equal(9, InspectionFigures.Percentile([10, 3, 1, 9, 2, 8, 4, 7, 5, 6], 90));
        // Eleven values: rank ⌈9.9⌉ = 10.
        Assert.Equal(10, InspectionFigures.Percentile(Enumerable.Range(1, 11), 90));
        Assert.Equal(1, InspectionFigures.Percentile([3, 1, 2], 1));
        Assert.Equal(3, InspectionFigures.Percentile([3, 1, 2], 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => InspectionFigures.Percentile([1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InspectionFigures.Percentile([1], 101));
    }

    [Fact]
    public void A_share_of_nothing_is_null_not_zero_or_an_error()
    {
        Assert.Null(InspectionFigures.Share(0, 0));
        Assert.Null(InspectionFigures.Share(3, 0));
        Assert.Equal(0.25, InspectionFigures.Share(1, 4));
        Assert.Equal(0, InspectionFigures.Share(0, 5));
        Assert.Null(new ItemFigures("SCJG", "x", "x", 1, 5, 0, 0, 0, 0).ProblemRate);
        Assert.Null(new DirectoryFigures("D", "D", 0, 0).ShareDrawn);
    }

    [Fact]
    public void Twenty_working_days_count_past_the_national_day_holiday()
    {
        // Concluded Friday 25 September 2026: three working days in September, the holiday 1–7 October, then the
        // remaining seventeen working days (the Saturday 10 October make-up day included) end on Thursday 29 October.
        Assert.Equal(D("2026-10-29"), InspectionFigures.PublishDue(Calendar, D("2026-09-25")));
    }

    [Fact]
    public void Compute_counts_items_directory_grades_and_timing()
    {
        var drawnOn = D("2026-09-01");
        var plans = new[]
        {
            new PlanRecord(Guid.NewGuid(), [Food], drawnOn,
            [
                new InspectionOutcome(1, "未发现问题", D("2026-09-25"), D("2026-10-29")), // on time: the last day
                new InspectionOutcome(2, "责令整改", D("2026-09-25"), D("2026-10-30")),   // late by one working day
                new InspectionOutcome(3, "发现问题", D("2026-09-10"), D("2026-09-11")),
                new InspectionOutcome(4, null, null, null),                                 // not yet published
            ]),
            new PlanRecord(Guid.NewGuid(), [Food, Shops], drawnOn, [new InspectionOutcome(1, "未发现问题", D("2026-09-14"), D("2026-09-21"))]),
            new PlanRecord(Guid.NewGuid(), [Shops], null, []), // committed, not drawn yet
        };
        var directory = new[]
        {
            new DirectoryRecord("餐饮服务", "A", true, true),
            new DirectoryRecord("餐饮服务", "A", true, false),
            new DirectoryRecord("餐饮服务", "D", true, true),
            new DirectoryRecord("食品销售", "B", true, false),
            new DirectoryRecord("食品销售", "B", false, true), // drawn, deregistered since
            new DirectoryRecord("成品油零售", "C", false, false),
        };

        var result = InspectionFigures.Compute(plans, directory, Calendar);

        var food = result.Items.Single(i => i.Code == Food.Code);
        Assert.Equal((2, 5, 4, 2, 3, 1), (food.Plans, food.Drawn, food.Published, food.WithProblems, food.OnTime, food.Late));
        Assert.Equal(0.5, food.ProblemRate);
        var shops = result.Items.Single(i => i.Code == Shops.Code);
        Assert.Equal((2, 1, 1, 0), (shops.Plans, shops.Drawn, shops.Published, shops.WithProblems));
        Assert.Equal(0, shops.ProblemRate);
        Assert.Equal((3, 5, 4, 2, 3, 1), (result.Total.Plans, result.Total.Drawn, result.Total.Published, result.Total.WithProblems, result.Total.OnTime, result.Total.Late));

        Assert.Equal(["餐饮服务", "食品销售", "成品油零售"], result.Industries.Select(i => i.Key));
        Assert.Equal((3, 2), (result.Industries[0].Active, result.Industries[0].Drawn));
        Assert.Equal(2 / 3.0, result.Industries[0].ShareDrawn);
        Assert.Equal((1, 1, 1.0), (result.Industries[1].Active, result.Industries[1].Drawn, result.Industries[1].ShareDrawn!.Value));
        Assert.Null(result.Industries[2].ShareDrawn); // no active target: no share

        Assert.Equal(["A", "B", "C", "D"], result.Grades.Select(g => g.Key));
        Assert.Equal([0.5, 1.0, null, 1.0], result.Grades.Select(g => g.ShareDrawn));
        Assert.Equal("信用风险低（A类）", result.Grades[0].Name);

        // Days from the draw (1 September) to publication: 10, 20, 58, 59 → median 39, 90th percentile (rank 4) 59.
        Assert.Equal(4, result.Timing.Published);
        Assert.Equal(39, result.Timing.MedianDaysDrawToPublished);
        Assert.Equal(59, result.Timing.Percentile90DaysDrawToPublished);
        // Working days from conclusion: 1, 6 (14–21 September with Sunday 20 September a make-up working day), 20, 21 → median 13.
        Assert.Equal(13, result.Timing.MedianWorkingDaysConcludedToPublished);
        Assert.Equal((3, 1), (result.Timing.OnTime, result.Timing.Late));
    }

    [Fact]
    public void Nothing_to_count_gives_zeros_and_no_rates()
    {
        var result = InspectionFigures.Compute([], [], Calendar);
        Assert.Empty(result.Items);
        Assert.Empty(result.Industries);
        Assert.Equal(4, result.Grades.Count);
        Assert.All(result.Grades, g => Assert.Null(g.ShareDrawn));
        Assert.Null(result.Total.ProblemRate);
        Assert.Equal(new TimingFigures(0, null, null, null, 0, 0), result.Timing);
    }
}
