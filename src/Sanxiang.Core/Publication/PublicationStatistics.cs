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
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            foreach (var (k, v) in PublicationCounts.Settled(r.Task, r.PublishedOn, r.FullText, calendar).Concat(PublicationCounts.Open(r.Task, r.PublishedOn, today)))
            {
                counts[k] = counts.GetValueOrDefault(k) + v;
            }
        }

        return FromCounts(key, name, counts);
    }

    /// <summary>The tally from the sums of <see cref="PublicationCounts"/>' keys (a roll-up's, or records' counted here).</summary>
    public static PublicationTally FromCounts(string key, string name, IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int C(string k) => (int)counts.GetValueOrDefault(k);
        int late = 0, lateDays = 0, maxLate = 0;
        foreach (var (k, v) in counts)
        {
            if (v != 0 && PublicationCounts.LateDays(k) is { } days)
            {
                late += (int)v;
                lateDays += days * (int)v;
                maxLate = Math.Max(maxLate, days);
            }
        }

        return new PublicationTally(key, name, C(PublicationCounts.Decisions), C(PublicationCounts.Exempt), C(PublicationCounts.OnTime), late, lateDays, maxLate,
            C(PublicationCounts.Missing), C(PublicationCounts.NotYetDue), C(PublicationCounts.General), C(PublicationCounts.FullText),
            C(PublicationCounts.Withdrawals), C(PublicationCounts.WithdrawnOnTime), C(PublicationCounts.WithdrawnLate), C(PublicationCounts.WithdrawalsMissing));
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
