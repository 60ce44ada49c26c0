using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Supervision.Complaints;

/// <summary>
/// The periods of a complaint (configuration section <c>Complaints:Periods</c>), counted like every period of the platform
/// (<see cref="LegalPeriods"/>: from the day after, working days skip rest days and holidays). The defaults and their basis
/// are in docs/complaints.md: acceptance within 7 working days of receipt (《市场监督管理投诉举报处理暂行办法》), an answer
/// within 60 days of acceptance (《信访工作条例》), and the county's own 3 working days for the judicial bureau to route a
/// complaint whose agency the citizen did not know.
/// </summary>
public sealed record ComplaintPeriods
{
    public static readonly ComplaintPeriods Default = new();

    /// <summary>The judicial bureau routes an unrouted complaint within this many working days of receipt.</summary>
    public int RoutingWorkingDays { get; init; } = 3;

    /// <summary>The agency decides to accept or not within this many working days of receiving the complaint.</summary>
    public int AcceptanceWorkingDays { get; init; } = 7;

    /// <summary>The agency answers within this many (calendar) days of accepting it.</summary>
    public int AnswerDays { get; init; } = 60;

    public DateOnly RoutingDue(WorkdayCalendar calendar, DateOnly received) =>
        LegalPeriods.End(calendar, received, RoutingWorkingDays, PeriodUnit.WorkingDays).Due;

    public DateOnly AcceptanceDue(WorkdayCalendar calendar, DateOnly assigned) =>
        LegalPeriods.End(calendar, assigned, AcceptanceWorkingDays, PeriodUnit.WorkingDays).Due;

    public DateOnly AnswerDue(WorkdayCalendar calendar, DateOnly accepted) =>
        LegalPeriods.End(calendar, accepted, AnswerDays, PeriodUnit.CalendarDays).Due;

    /// <summary>The deadline running in <paramref name="status"/> that started on <paramref name="on"/> (null: none runs).</summary>
    public DateOnly? DueAfter(ComplaintStatus status, WorkdayCalendar calendar, DateOnly on) => status switch
    {
        ComplaintStatus.Submitted => RoutingDue(calendar, on),
        ComplaintStatus.Assigned => AcceptanceDue(calendar, on),
        ComplaintStatus.Accepted => AnswerDue(calendar, on),
        ComplaintStatus.CaseOpened or ComplaintStatus.Rejected or ComplaintStatus.Answered or ComplaintStatus.Closed => null,
    };

    /// <summary>“还剩 3 个工作日” / “已逾期 2 天” for a deadline.</summary>
    public static string Describe(WorkdayCalendar calendar, DateOnly today, DateOnly due, bool workingDays)
    {
        var left = LegalPeriods.DaysLeft(calendar, today, due, workingDays ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays);
        return left < 0 ? $"已逾期 {-left} 天" : left == 0 ? "今日到期" : workingDays ? $"还剩 {left} 个工作日" : $"还剩 {left} 天";
    }
}
