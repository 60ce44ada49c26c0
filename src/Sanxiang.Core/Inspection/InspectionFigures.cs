using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Inspection;

/// <summary>One drawn target of a plan as the statistics count it: its published result (null: not yet), concluded and published days.</summary>
public sealed record InspectionOutcome(int Order, string? Result, DateOnly? ConcludedOn, DateOnly? PublishedOn);

/// <summary>A committed or drawn plan with the items it counts for (already narrowed to an agency when the statistics are), its draw day and its outcomes.</summary>
public sealed record PlanRecord(Guid PlanId, IReadOnlyList<PlanItem> Items, DateOnly? DrawnOn, IReadOnlyList<InspectionOutcome> Outcomes);

/// <summary>A target of the directory: its industry and grade, whether it is active, whether it was drawn in the period.</summary>
public sealed record DirectoryRecord(string Industry, string Grade, bool Active, bool Drawn);

/// <summary>Per random-inspection item: plans, targets drawn, results published, with problems, published on time and late.</summary>
public sealed record ItemFigures(string AgencyCode, string Code, string Name, int Plans, int Drawn, int Published, int WithProblems, int OnTime, int Late)
{
    /// <summary>问题发现率: results other than 未发现问题 over the published results; null when none is published.</summary>
    public double? ProblemRate => InspectionFigures.Share(WithProblems, Published);
}

/// <summary>Per industry or per grade of the directory: active targets, targets drawn, and the share drawn.</summary>
public sealed record DirectoryFigures(string Key, string Name, int Active, int Drawn)
{
    /// <summary>抽中比例: drawn over active targets; null when the directory has none.</summary>
    public double? ShareDrawn => InspectionFigures.Share(Drawn, Active);
}

/// <summary>How long results took: calendar days from the draw to the published result, working days from conclusion to publication.</summary>
public sealed record TimingFigures(int Published, double? MedianDaysDrawToPublished, int? Percentile90DaysDrawToPublished,
    double? MedianWorkingDaysConcludedToPublished, int OnTime, int Late);

public sealed record InspectionFiguresResult(IReadOnlyList<ItemFigures> Items, ItemFigures Total, IReadOnlyList<DirectoryFigures> Industries,
    IReadOnlyList<DirectoryFigures> Grades, TimingFigures Timing);

/// <summary>
/// The arithmetic of the 双随机 statistics (PLT-2): coverage per item and industry, the share of each grade drawn (which
/// shows the weights at work), the problem rate, and how soon results are published — within
/// <see cref="PublishWorkingDays"/> working days of the inspection's conclusion.
/// </summary>
public static class InspectionFigures
{
    /// <summary>检查结果应当自检查结束之日起 20 个工作日内公示.</summary>
    public const int PublishWorkingDays = 20;

    /// <summary>The result that reports no problem; every other published result counts as a problem found.</summary>
    public const string NoProblem = "未发现问题";

    /// <summary><paramref name="part"/> over <paramref name="whole"/>; null when the whole is zero (nothing to divide).</summary>
    public static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>The median: the middle value, or the mean of the two middle values of an even count; null for no values.</summary>
    public static double? Median(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>The <paramref name="percent"/>th percentile by the nearest-rank method: the value at rank ⌈p × n ÷ 100⌉ of the sorted values; null for no values.</summary>
    public static int? Percentile(IEnumerable<int> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent * sorted.Count / 100.0);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The last day a result concluded on <paramref name="concludedOn"/> may be published (provisional past the published calendar years).</summary>
    public static DateOnly PublishDue(WorkdayCalendar calendar, DateOnly concludedOn) =>
        LegalPeriods.End(calendar, concludedOn, PublishWorkingDays, PeriodUnit.WorkingDays).Due;

    public static InspectionFiguresResult Compute(IEnumerable<PlanRecord> plans, IEnumerable<DirectoryRecord> directory, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(calendar);
        var planList = plans.ToList();

        var items = planList
            .SelectMany(p => p.Items.Select(i => (Item: i, Plan: p)))
            .GroupBy(x => (x.Item.AgencyCode, x.Item.Code))
            .Select(g => Tally(g.Key.AgencyCode, g.Key.Code, g.Last().Item.Name, [.. g.Select(x => x.Plan).DistinctBy(p => p.PlanId)], calendar))
            .OrderBy(i => i.AgencyCode, StringComparer.Ordinal).ThenBy(i => i.Code, StringComparer.Ordinal)
            .ToList();
        var total = Tally("", "", "合计", planList, calendar);

        var entries = directory.ToList();
        var industries = entries.GroupBy(e => e.Industry, StringComparer.Ordinal)
            .Select(g => new DirectoryFigures(g.Key, g.Key, g.Count(e => e.Active), g.Count(e => e.Drawn)))
            .OrderByDescending(d => d.Active).ThenBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        var grades = InspectionGrades.All.Concat(entries.Select(e => e.Grade).Where(g => !InspectionGrades.All.Contains(g)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Select(grade => new DirectoryFigures(grade, InspectionGrades.Chinese(grade),
                entries.Count(e => e.Active && e.Grade == grade), entries.Count(e => e.Drawn && e.Grade == grade)))
            .ToList();

        var published = planList.SelectMany(p => p.Outcomes.Where(o => o.Result is not null && o.PublishedOn is not null).Select(o => (Plan: p, Outcome: o))).ToList();
        var drawToPublished = published.Where(x => x.Plan.DrawnOn is not null)
            .Select(x => x.Outcome.PublishedOn!.Value.DayNumber - x.Plan.DrawnOn!.Value.DayNumber).ToList();
        var workingDays = published.Where(x => x.Outcome.ConcludedOn is not null)
            .Select(x => PublicationStatistics.WorkingDaysAfter(calendar, x.Outcome.ConcludedOn!.Value, x.Outcome.PublishedOn!.Value)).ToList();
        var timing = new TimingFigures(published.Count, Median(drawToPublished), Percentile(drawToPublished, 90), Median(workingDays), total.OnTime, total.Late);
        return new InspectionFiguresResult(items, total, industries, grades, timing);
    }

    private static ItemFigures Tally(string agencyCode, string code, string name, List<PlanRecord> plans, WorkdayCalendar calendar)
    {
        int drawn = 0, published = 0, problems = 0, onTime = 0, late = 0;
        foreach (var plan in plans)
        {
            drawn += plan.Outcomes.Count;
            foreach (var o in plan.Outcomes)
            {
                if (o.Result is null || o.PublishedOn is not { } on)
                {
                    continue;
                }

                published++;
                problems += o.Result == NoProblem ? 0 : 1;
                if (o.ConcludedOn is { } concluded)
                {
                    if (on <= PublishDue(calendar, concluded))
                    {
                        onTime++;
                    }
                    else
                    {
                        late++;
                    }
                }
            }
        }

        return new ItemFigures(agencyCode, code, name, plans.Count, drawn, published, problems, onTime, late);
    }
}
