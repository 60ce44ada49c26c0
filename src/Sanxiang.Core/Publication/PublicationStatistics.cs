using Sanxiang.Core.Calendar;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Publication;

/// <summary>A publication or withdrawal task with its agency, and for a publication the day its first version went up (null: not yet).</summary>
public sealed record PublicationRecord(PublicationTask Task, string AgencyName, DateOnly? PublishedOn, bool FullText);

/// <summary>
/// 公示及时性 of one agency or the county over a period (issue 7, item 8; PUB-5, PUB-6, PUB-8): decisions made in the
/// period and how their publication went — on time, late (with the working days late), missing (past the deadline and not
/// published), not yet due, not published on a recorded ground — the full-text rate of general-procedure penalties, and
/// the withdrawals whose event falls in the period: done within their days, late, or overdue and not done.
/// </summary>
public sealed record PublicationTally(string Key, string Name, int Decisions, int Exempt, int OnTime, int Late, int LateWorkingDays, int MaxLateWorkingDays,
    int Missing, int NotYetDue, int GeneralPenalties, int WithFullText, int Withdrawals, int WithdrawnOnTime, int WithdrawnLate, int WithdrawalsMissing)
{
    /// <summary>按时公示率: on time over all that were due (on time, late, missing); null when nothing was due.</summary>
    public double? OnTimeRate => OnTime + Late + Missing == 0 ? null : (double)OnTime / (OnTime + Late + Missing);

    /// <summary>全文公开率 (PUB-6, target 100%): general-procedure penalties published with their full text over all published.</summary>
    public double? FullTextRate => GeneralPenalties == 0 ? null : (double)WithFullText / GeneralPenalties;

    public double? AverageLateWorkingDays => Late == 0 ? null : (double)LateWorkingDays / Late;
}

public sealed record PublicationStatisticsResult(DateOnly From, DateOnly To, DateOnly Today, IReadOnlyList<PublicationTally> ByAgency, PublicationTally County);

public static class PublicationStatistics
{
    /// <summary>
    /// Counts the publication tasks of decisions made in [<paramref name="from"/>, <paramref name="to"/>] and the
    /// withdrawal tasks of decision changes in it, as of <paramref name="today"/>: a task still pending after its due day
    /// is missing; lateness is the working days after the due day up to the day of publication.
    /// </summary>
    public static PublicationStatisticsResult Compute(IEnumerable<PublicationRecord> records, WorkdayCalendar calendar, DateOnly from, DateOnly to, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(calendar);
        var inPeriod = records.Where(r => r.Task.DecidedOn >= from && r.Task.DecidedOn <= to).ToList();
        var byAgency = inPeriod.GroupBy(r => (r.Task.AgencyId, r.AgencyName))
            .Select(g => Tally(g.Key.AgencyId.ToString(), g.Key.AgencyName, g, calendar, today))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new PublicationStatisticsResult(from, to, today, byAgency, Tally("county", "全县", inPeriod, calendar, today));
    }

    private static PublicationTally Tally(string key, string name, IEnumerable<PublicationRecord> records, WorkdayCalendar calendar, DateOnly today)
    {
        int decisions = 0, exempt = 0, onTime = 0, late = 0, lateDays = 0, maxLate = 0, missing = 0, notYetDue = 0, general = 0, withFullText = 0;
        int withdrawals = 0, withdrawnOnTime = 0, withdrawnLate = 0, withdrawalsMissing = 0;
        foreach (var r in records)
        {
            var t = r.Task;
            if (t.Kind == PublicationTaskKind.Withdraw)
            {
                withdrawals++;
                if (t.Status == PublicationStatus.Withdrawn && t.ClosedAtUtc is { } closed)
                {
                    if (ChinaTime.DateOf(closed) <= t.DueOn)
                    {
                        withdrawnOnTime++;
                    }
                    else
                    {
                        withdrawnLate++;
                    }
                }
                else if (today > t.DueOn)
                {
                    withdrawalsMissing++;
                }

                continue;
            }

            decisions++;
            if (r.PublishedOn is { } published)
            {
                if (published <= t.DueOn)
                {
                    onTime++;
                }
                else
                {
                    late++;
                    var days = WorkingDaysAfter(calendar, t.DueOn, published);
                    lateDays += days;
                    maxLate = Math.Max(maxLate, days);
                }

                if (t.Procedure == ProcedureKind.GeneralPenalty)
                {
                    general++;
                    withFullText += r.FullText ? 1 : 0;
                }
            }
            else if (t.Status == PublicationStatus.Exempt)
            {
                exempt++;
            }
            else if (t.Status == PublicationStatus.Pending && today > t.DueOn)
            {
                missing++;
            }
            else if (t.Status == PublicationStatus.Pending)
            {
                notYetDue++;
            }
        }

        return new PublicationTally(key, name, decisions, exempt, onTime, late, lateDays, maxLate, missing, notYetDue, general, withFullText,
            withdrawals, withdrawnOnTime, withdrawnLate, withdrawalsMissing);
    }

    /// <summary>Working days in (<paramref name="due"/>, <paramref name="on"/>]; beyond the published calendar, Monday to Friday.</summary>
    public static int WorkingDaysAfter(WorkdayCalendar calendar, DateOnly due, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var count = 0;
        for (var d = due.AddDays(1); d <= on; d = d.AddDays(1))
        {
            bool workday;
            try
            {
                workday = calendar.IsWorkday(d);
            }
            catch (CalendarYearMissingException)
            {
                workday = d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            }

            count += workday ? 1 : 0;
        }

        return count;
    }
}
