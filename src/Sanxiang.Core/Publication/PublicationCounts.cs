using System.Globalization;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Publication;

/// <summary>
/// What one publication or withdrawal task counts for 公示及时性 (<see cref="PublicationStatistics"/>), as keyed numbers:
/// <see cref="Settled"/> does not depend on the day asked and is kept in the monthly roll-up by the decision's month
/// (decision 0022); <see cref="Open"/> is what a task still open counts as of a day (missing or not yet due), counted at
/// query time. The statistics add both, whether from the roll-up or from tasks loaded one by one, so there is one
/// definition of every figure.
/// </summary>
public static class PublicationCounts
{
    /// <summary>The roll-up measure (<see cref="Sanxiang.Core.Supervision.CaseCount.Measure"/>) of the settled keys.</summary>
    public const string Measure = "publication";

    public const string Decisions = "decisions";
    public const string Exempt = "exempt";
    public const string OnTime = "on-time";
    public const string General = "general";
    public const string FullText = "full-text";
    public const string Missing = "missing";
    public const string NotYetDue = "not-yet-due";
    public const string Withdrawals = "withdrawals";
    public const string WithdrawnOnTime = "withdrawn-on-time";
    public const string WithdrawnLate = "withdrawn-late";
    public const string WithdrawalsMissing = "withdrawals-missing";
    private const string LatePrefix = "late|";

    /// <summary>Published <paramref name="days"/> working days after the due day.</summary>
    public static string Late(int days) => LatePrefix + days.ToString(CultureInfo.InvariantCulture);

    /// <summary>The working days late of a <see cref="Late"/> key; null for any other key.</summary>
    public static int? LateDays(string key) =>
        key.StartsWith(LatePrefix, StringComparison.Ordinal) && int.TryParse(key.AsSpan(LatePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            ? d : null;

    /// <summary>A withdrawal is settled once withdrawn (with its day); a publication once published or exempted.</summary>
    public static bool IsSettled(PublicationTask task, DateOnly? publishedOn)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Kind == PublicationTaskKind.Withdraw
            ? task.Status == PublicationStatus.Withdrawn && task.ClosedAtUtc is not null
            : publishedOn is not null || task.Status != PublicationStatus.Pending;
    }

    /// <summary>What the task counts whatever the day: the decision or withdrawal itself, and how it was settled.</summary>
    public static IEnumerable<(string Key, long Value)> Settled(PublicationTask task, DateOnly? publishedOn, bool fullText, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Kind == PublicationTaskKind.Withdraw)
        {
            yield return (Withdrawals, 1);
            if (task.Status == PublicationStatus.Withdrawn && task.ClosedAtUtc is { } closed)
            {
                yield return (ChinaTime.DateOf(closed) <= task.DueOn ? WithdrawnOnTime : WithdrawnLate, 1);
            }

            yield break;
        }

        yield return (Decisions, 1);
        if (publishedOn is { } published)
        {
            yield return (published <= task.DueOn ? OnTime : Late(PublicationStatistics.WorkingDaysAfter(calendar, task.DueOn, published)), 1);
            if (task.Procedure == ProcedureKind.GeneralPenalty)
            {
                yield return (General, 1);
                if (fullText)
                {
                    yield return (FullText, 1);
                }
            }
        }
        else if (task.Status == PublicationStatus.Exempt)
        {
            yield return (Exempt, 1);
        }
    }

    /// <summary>What an open task counts on <paramref name="today"/>: past its due day, missing; before, not yet due.</summary>
    public static IEnumerable<(string Key, long Value)> Open(PublicationTask task, DateOnly? publishedOn, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (IsSettled(task, publishedOn))
        {
            yield break;
        }

        if (task.Kind == PublicationTaskKind.Withdraw)
        {
            if (today > task.DueOn)
            {
                yield return (WithdrawalsMissing, 1);
            }
        }
        else if (task.Status == PublicationStatus.Pending)
        {
            yield return (today > task.DueOn ? Missing : NotYetDue, 1);
        }
    }
}
