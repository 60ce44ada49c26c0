using Sanxiang.Core.Calendar;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Cases;

/// <summary>A running statutory period of an open case.</summary>
/// <param name="Step">The step whose time limit it is.</param>
/// <param name="What">What must be done, in Chinese (作出行政处罚决定).</param>
/// <param name="Basis">The provision, e.g. 《行政处罚法》第六十条.</param>
/// <param name="Start">The day the period started (not counted).</param>
/// <param name="Due">The last day.</param>
/// <param name="Unit">Working or calendar days, as the law counts this period.</param>
/// <param name="DaysLeft">Days left in <paramref name="Unit"/> (negative: calendar days overdue).</param>
/// <param name="Provisional">The count walked into a year whose holidays are not yet published.</param>
/// <param name="Note">Extension, surcharge or other detail, in Chinese.</param>
/// <param name="DueAt">For a period in hours: the moment it ends (its <paramref name="Due"/> is that moment's date in China).</param>
/// <param name="MinutesLeft">For a period in hours: minutes left at the time asked (negative: overdue).</param>
public sealed record Deadline(Step Step, string What, string Basis, DateOnly Start, DateOnly Due, PeriodUnit Unit, int DaysLeft, bool Provisional, string? Note,
    DateTimeOffset? DueAt = null, long? MinutesLeft = null)
{
    public bool Overdue => MinutesLeft is { } m ? m < 0 : DaysLeft < 0;

    /// <summary>Due within three working (or calendar) days; a period in hours is always due soon.</summary>
    public bool DueSoon => MinutesLeft is { } m ? m >= 0 : DaysLeft is >= 0 and <= 3;

    public string DaysLeftText => MinutesLeft switch
    {
        < 0 and var m => $"已逾期 {Hours(-m)}",
        { } m => $"剩余 {Hours(m)}",
        null => LeftText(DaysLeft, Unit),
    };

    /// <summary>Days left as a person reads them: 已逾期 3 日, 今日届满, 剩余 5 个工作日 (剩余 5 日 for calendar days).</summary>
    public static string LeftText(int daysLeft, PeriodUnit unit) => daysLeft switch
    {
        < 0 => $"已逾期 {-daysLeft} 日",
        0 => "今日届满",
        _ => unit == PeriodUnit.WorkingDays ? $"剩余 {daysLeft} 个工作日" : $"剩余 {daysLeft} 日",
    };

    /// <summary>When it ends, as a person reads it: the day, or for a period in hours the day and the minute (China time).</summary>
    public string DueText => DueAt is { } at
        ? ChinaTime.ToChina(at).ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : Due.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hours(long minutes) => minutes >= 60 ? $"{minutes / 60} 小时 {minutes % 60} 分" : $"{minutes} 分钟";
}

/// <summary>
/// The running deadlines of a case, from the time limits of its procedure table: a limit runs once the moment it counts from
/// has passed and until the case completes the step that holds it. The decision period includes an approved extension; a
/// seizure's term its one approved extension; an overdue fine shows its late surcharge to date.
/// </summary>
public static class CaseDeadlines
{
    /// <param name="now">The moment asked about, for periods counted in hours; by default noon (China time) of <paramref name="today"/>.</param>
    public static IReadOnlyList<Deadline> Running(Case @case, WorkdayCalendar calendar, LawSettings law, DateOnly today, DateTimeOffset? now = null)
    {
        if (@case.IsSealed)
        {
            return [];
        }

        var procedure = Procedures.For(@case.Procedure);
        var file = new CaseFile(@case);
        var list = new List<Deadline>();
        foreach (var step in procedure.Steps)
        {
            if (step.TimeLimit is not { } limit)
            {
                continue;
            }

            if (limit.Unit == PeriodUnit.Hours)
            {
                if (InHours(@case, procedure, file, step, limit, now ?? ChinaTime.StartOfDayUtc(today).AddHours(12)) is { } hours)
                {
                    list.Add(hours);
                }

                continue;
            }

            var start = limit.From.Moment == StepMoment.Completed ? file.CompletedOn(limit.From.Step) : file.EnteredOn(limit.From.Step, procedure.Start);
            if (start is null || @case.Status == limit.From.Step && limit.From.Moment == StepMoment.Completed)
            {
                continue;
            }

            var completed = file.CompletedOn(step.Code);
            if (completed is { } done && done >= start)
            {
                continue;
            }

            // A limit on a step the case went past without entering (e.g. the hearing window once a decision is made) no longer runs.
            if (!IsAheadOrIn(procedure, @case.Status, step.Code))
            {
                continue;
            }

            PeriodEnd end;
            string? note = null;
            if (step.Code == "decide" && @case.Procedure == ProcedureKind.CoerciveMeasure)
            {
                end = CaseGuards.CoercionTermEnds(file, calendar)!;
                note = file.Has(FactKeys.CoercionExtensionApproval) ? "已经批准延长三十日" : "可经批准延长一次，不超过三十日";
            }
            else if (step.Code == "decide" && CaseGuards.DecisionDue(file, procedure, calendar, law) is { } due)
            {
                end = due.End;
                var excluded = CaseGuards.ExcludedDays(file, procedure, law);
                note = string.Join("；", new[]
                {
                    due.Extended > 0 ? $"已经批准延长{due.Extended}日" : null,
                    excluded > 0 ? $"{excluded}日依{law.SectorRules}不计入办案期限" : null,
                }.OfType<string>()) is { Length: > 0 } text ? text : null;
            }
            else if (@case.Procedure == ProcedureKind.Inspection && step.Code == "publish")
            {
                // The random-inspection result's publication period is the agency's setting (20 working days by default).
                end = LegalPeriods.End(calendar, start.Value, law.InspectionPublishWorkingDays, limit.Unit);
                note = law.InspectionPublishWorkingDays == limit.Amount ? null : $"本机关规定{law.InspectionPublishWorkingDays}个工作日内公示";
            }
            else
            {
                end = LegalPeriods.End(calendar, start.Value, limit.Amount, limit.Unit);
            }

            var left = LegalPeriods.DaysLeft(calendar, today, end.Due, limit.Unit);
            if (left < 0 && limit.What.StartsWith("提出", StringComparison.Ordinal))
            {
                // A party's window (to ask for a hearing) that has passed no longer runs; it is nobody's delay.
                continue;
            }

            if (step.Code == "execute" && left < 0 && file.Amount(FactKeys.FineAmount) is { } fine)
            {
                note = $"逾期缴纳每日加处罚款数额的3%，截至今日加处{LegalPeriods.LateSurcharge(fine, end.Due, today):N2}元（不超过罚款数额）";
            }

            list.Add(new Deadline(step, limit.What, limit.Basis.ToString(), start.Value, end.Due, limit.Unit, left, end.Provisional, note));
        }

        if (ReviewDue(@case, procedure, calendar, law, today) is { } review)
        {
            list.Add(review);
        }

        return [.. list.OrderBy(d => d.Due)];
    }

    /// <summary>
    /// The legal review's own time limit (<see cref="LawSettings.ReviewWorkingDays"/> working days from the submission, by the
    /// agency's rule rather than by statute): runs while the case is in review, from the latest submission.
    /// </summary>
    public static Deadline? ReviewDue(Case @case, WorkflowDefinition procedure, WorkdayCalendar calendar, LawSettings law, DateOnly today)
    {
        if (@case.Status != Review.ReviewRounds.Step || !procedure.HasStep(Review.ReviewRounds.Step)
            || Review.ReviewRounds.Submissions(@case) is not [.., var submitted])
        {
            return null;
        }

        var end = LegalPeriods.End(calendar, submitted.On, law.ReviewWorkingDays, PeriodUnit.WorkingDays);
        return new Deadline(procedure.Step(Review.ReviewRounds.Step), "提出法制审核意见", law.ReviewRules, submitted.On, end.Due, PeriodUnit.WorkingDays,
            LegalPeriods.DaysLeft(calendar, today, end.Due, PeriodUnit.WorkingDays), end.Provisional,
            $"自送审之日起{law.ReviewWorkingDays}个工作日内");
    }

    /// <summary>
    /// A period in hours (an emergency seizure reported and ratified within 24 hours, 《行政强制法》第十九条): it runs from
    /// the recorded moment of the act (or the moment the case entered the step), only when the case took the emergency
    /// path into that step (the transition guarded by <c>coercion.emergency</c>, which bypassed approval), until the step
    /// holding it is completed.
    /// </summary>
    private static Deadline? InHours(Case @case, WorkflowDefinition procedure, CaseFile file, Step step, TimeLimit limit, DateTimeOffset now)
    {
        var entered = @case.Steps.Where(s => s.To == limit.From.Step).MaxBy(s => s.Sequence);
        if (entered is null || !procedure.From(entered.From).Any(t => t.To == limit.From.Step && t.Guards.Contains(WorkflowGuards.CoercionEmergency))
            || !IsAheadOrIn(procedure, @case.Status, step.Code) || @case.Steps.Any(s => s.From == step.Code && s.Sequence > entered.Sequence))
        {
            return null;
        }

        // The recorded moment is China time as the officer wrote it (yyyy-MM-ddTHH:mm).
        var start = file.DateTime(FactKeys.CoercionImplementedAt) is { } at ? new DateTimeOffset(at, ChinaTime.Offset) : entered.AtUtc;
        var due = start.AddHours(limit.Amount);
        var left = (long)Math.Floor((due - now).TotalMinutes);
        return new Deadline(step, limit.What, limit.Basis.ToString(), ChinaTime.DateOf(start), ChinaTime.DateOf(due), PeriodUnit.Hours, left < 0 ? -1 : 0,
            false, $"自{ChinaTime.ToChina(start):M月d日HH:mm}起二十四小时，至{ChinaTime.ToChina(due):M月d日HH:mm}届满", due, left);
    }

    /// <summary>Whether <paramref name="step"/> is the current step or still reachable from it.</summary>
    private static bool IsAheadOrIn(WorkflowDefinition procedure, string current, string step)
    {
        if (current == step)
        {
            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { current };
        var queue = new Queue<string>([current]);
        while (queue.TryDequeue(out var code))
        {
            foreach (var t in procedure.From(code))
            {
                if (t.To == step)
                {
                    return true;
                }

                if (seen.Add(t.To))
                {
                    queue.Enqueue(t.To);
                }
            }
        }

        return false;
    }
}
