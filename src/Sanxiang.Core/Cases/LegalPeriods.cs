using Sanxiang.Core.Calendar;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Cases;

/// <summary>A period's last day, and whether it rests on a year whose holiday notice is not yet published.</summary>
/// <param name="Due">The last day of the period (the act is in time on this day).</param>
/// <param name="Provisional">
/// True when the count walked into a year the calendar does not have (the State Council publishes each year's holidays in
/// the November or December before): that year was counted with weekends only, and the date is shown as provisional.
/// </param>
public sealed record PeriodEnd(DateOnly Due, bool Provisional);

/// <summary>
/// The law's way of counting days (《行政处罚法》第八十五条 and the general rule): a period starts the day after the event,
/// working-day periods skip rest days and statutory holidays, and a calendar period that ends on a rest day ends on the
/// next working day.
/// </summary>
public static class LegalPeriods
{
    public static PeriodEnd End(WorkdayCalendar calendar, DateOnly start, int amount, PeriodUnit unit)
    {
        if (unit == PeriodUnit.Hours)
        {
            throw new ArgumentException("按小时计算的期限不是日期，请使用时刻计算。", nameof(unit));
        }

        try
        {
            return new PeriodEnd(Compute(calendar, start, amount, unit), false);
        }
        catch (CalendarYearMissingException)
        {
            var known = calendar.Years.Count == 0 ? start.Year - 1 : calendar.Years[^1].Year;
            var provisional = calendar.WithYears(Enumerable.Range(known + 1, Math.Max(1, start.Year - known + amount / 200 + 2))
                .Select(y => new CalendarYear(y, ["（该年放假安排尚未公布，暂按周末推算）"], [], [])));
            return new PeriodEnd(Compute(provisional, start, amount, unit), true);
        }
    }

    private static DateOnly Compute(WorkdayCalendar calendar, DateOnly start, int amount, PeriodUnit unit) => unit switch
    {
        PeriodUnit.WorkingDays => calendar.AddWorkdays(start, amount),
        PeriodUnit.CalendarDays => calendar.PeriodEnd(start, amount),
        PeriodUnit.Hours => throw new ArgumentException("按小时计算的期限不是日期。", nameof(unit)),
    };

    /// <summary>
    /// Days left until <paramref name="due"/> as the unit counts them: working days for a working-day period (the due day
    /// counted, today not), calendar days otherwise; negative when overdue (calendar days past the due day).
    /// </summary>
    public static int DaysLeft(WorkdayCalendar calendar, DateOnly today, DateOnly due, PeriodUnit unit)
    {
        if (today > due)
        {
            return -(today.DayNumber - due.DayNumber);
        }

        if (unit != PeriodUnit.WorkingDays)
        {
            return due.DayNumber - today.DayNumber;
        }

        var count = 0;
        for (var d = today.AddDays(1); d <= due; d = d.AddDays(1))
        {
            try
            {
                if (calendar.IsWorkday(d))
                {
                    count++;
                }
            }
            catch (CalendarYearMissingException)
            {
                if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The last day on which the act may still be discovered and punished (《行政处罚法》第三十六条): two years, five where the
    /// act endangered life, health or financial safety with harmful consequences, counted from the day the act took place or,
    /// for a continuing or repeated act, the day it ended. An anniversary on 29 February falls on 28 February.
    /// </summary>
    public static DateOnly LimitationEnds(DateOnly occurred, DateOnly? ended, bool seriousHarm) =>
        (ended ?? occurred).AddYears(seriousHarm ? 5 : 2);

    /// <summary>
    /// 加处罚款 (《行政处罚法》第七十二条第一款第一项): 3% of the fine for each day after the due day, never more than the fine
    /// itself. Zero when paid on or before the due day. In yuan, exact to the fen (rounded half up).
    /// </summary>
    public static decimal LateSurcharge(long fine, DateOnly due, DateOnly paidOn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fine);
        var days = paidOn.DayNumber - due.DayNumber;
        if (days <= 0 || fine == 0)
        {
            return 0m;
        }

        var surcharge = Math.Round(fine * 0.03m * days, 2, MidpointRounding.AwayFromZero);
        return Math.Min(surcharge, fine);
    }

    public static string Text(DateOnly date) => date.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);
}
