using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Supervision.Complaints;

/// <summary>A step as the complainant sees it: what happened and when, not who.</summary>
public sealed record PublicComplaintStepDto(DateTimeOffset AtUtc, string Action);

/// <summary>What the status page shows to whoever holds the tracking number and the query code.</summary>
public sealed record PublicComplaintStatusDto(string TrackingNumber, string Kind, string Subject, string Status, string StatusName, string? AgencyName,
    DateOnly ReceivedOn, DateOnly? DueOn, string? DueText, bool Overdue, string? Reply, DateOnly? RepliedOn, bool CaseOpened,
    IReadOnlyList<PublicComplaintStepDto> Steps);

public sealed record ComplaintStepDto(DateTimeOffset AtUtc, string Action, string From, string To, string? ActorName, string? AgencyName, string? Note);

/// <summary>A complaint for the handling agency and the supervisors (with the complainant's contact details).</summary>
public sealed record ComplaintDto(Guid Id, string TrackingNumber, string Kind, string KindName, string Status, string StatusName, Guid? AgencyId,
    string? AgencyCode, string? AgencyName, string? RequestedAgencyName, string Subject, string Content, string? Respondent, DateOnly? OccurredOn,
    string? Place, string? ComplainantName, string? ComplainantPhone, bool ConsentToContact, DateTimeOffset SubmittedAtUtc, DateOnly ReceivedOn,
    DateOnly? AssignedOn, DateOnly? AcceptedOn, DateOnly? DueOn, string? DueText, bool Overdue, string? Reply, DateOnly? RepliedOn, DateOnly? ReplyDueOn,
    DateOnly? ClosedOn, Guid? CaseId, string? CaseNumber, IReadOnlyList<ComplaintStepDto> Steps, IReadOnlyList<string> NextActions);

/// <summary>A line of the complaint list.</summary>
public sealed record ComplaintSummaryDto(Guid Id, string TrackingNumber, string KindName, string Subject, string Status, string StatusName,
    string? AgencyCode, string? AgencyName, DateOnly ReceivedOn, DateOnly? DueOn, string? DueText, bool Overdue);

/// <summary>The projections of a complaint for the pages and the API, one place for both.</summary>
public static class ComplaintViews
{
    public static ComplaintActor Actor(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        [.. Roles.All.Where(user.IsInRole)],
        user.Agency(),
        user.FindFirstValue(SanxiangClaims.DisplayName) ?? "");

    /// <summary>The running deadline in words: working days while routing or accepting, calendar days while answering.</summary>
    public static string? DueText(Complaint c, WorkdayCalendar calendar, DateOnly today) =>
        c.IsOpen && c.DueOn is { } due
            ? ComplaintPeriods.Describe(calendar, today, due, workingDays: c.Status is ComplaintStatus.Submitted or ComplaintStatus.Assigned)
            : null;

    public static PublicComplaintStatusDto Public(Complaint c, string? agencyName, WorkdayCalendar calendar, DateOnly today) => new(
        c.TrackingNumber, c.Kind.Chinese(), c.Subject, c.Status.ToString(), c.Status.Chinese(), agencyName, c.ReceivedOn, c.IsOpen ? c.DueOn : null,
        DueText(c, calendar, today), c.IsOverdue(today), c.Reply, c.RepliedOn, c.CaseId is not null,
        [.. c.Steps.Select(s => new PublicComplaintStepDto(s.AtUtc, s.Action))]);

    public static async Task<ComplaintDto> DetailAsync(SanxiangDbContext db, Complaint c, ComplaintActor actor, WorkdayCalendar calendar, DateOnly today,
        CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name }).ToDictionaryAsync(a => a.Id, ct);
        var caseNumber = c.CaseId is { } caseId
            ? await db.Cases.AsNoTracking().Where(k => k.Id == caseId).Select(k => k.Number).FirstOrDefaultAsync(ct)
            : null;
        string? Name(Guid? id) => id is { } x && agencies.TryGetValue(x, out var a) ? a.Name : null;
        var next = ComplaintWorkflow.From(c.Status).Where(t => ComplaintWorkflow.MayAct(c, t, actor)).Select(t => t.Trigger.ToString()).ToList();
        return new ComplaintDto(c.Id, c.TrackingNumber, c.Kind.ToString(), c.Kind.Chinese(), c.Status.ToString(), c.Status.Chinese(), c.AgencyId,
            c.AgencyId is { } id && agencies.TryGetValue(id, out var ag) ? ag.Code : null, Name(c.AgencyId), Name(c.RequestedAgencyId), c.Subject, c.Content,
            c.Respondent, c.OccurredOn, c.Place, c.ComplainantName, c.ComplainantPhone, c.ConsentToContact, c.SubmittedAtUtc, c.ReceivedOn, c.AssignedOn,
            c.AcceptedOn, c.DueOn, DueText(c, calendar, today), c.IsOverdue(today), c.Reply, c.RepliedOn, c.ReplyDueOn, c.ClosedOn, c.CaseId, caseNumber,
            [.. c.Steps.Select(s => new ComplaintStepDto(s.AtUtc, s.Action, s.From, s.To, s.ActorName, Name(s.AgencyId), s.Note))], next);
    }

    /// <summary>The list for the caller's scope (an agency's own, or the county's), newest first, filtered by status and overdue.</summary>
    public static async Task<List<ComplaintSummaryDto>> ListAsync(SanxiangDbContext db, string? status, bool overdue, string? agency, WorkdayCalendar calendar,
        DateOnly today, CancellationToken ct)
    {
        var query = db.Complaints.AsNoTracking();
        if (Enum.TryParse<ComplaintStatus>(status, ignoreCase: false, out var s))
        {
            query = query.Where(c => c.Status == s);
        }

        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name }).ToDictionaryAsync(a => a.Id, ct);
        if (!string.IsNullOrWhiteSpace(agency))
        {
            var id = agencies.Values.FirstOrDefault(a => a.Code == agency)?.Id;
            query = query.Where(c => c.AgencyId == id);
        }

        if (overdue)
        {
            var open = new[] { ComplaintStatus.Submitted, ComplaintStatus.Assigned, ComplaintStatus.Accepted, ComplaintStatus.CaseOpened };
            query = query.Where(c => open.Contains(c.Status) && c.DueOn != null && c.DueOn < today);
        }

        var rows = await query.OrderByDescending(c => c.SubmittedAtUtc).Take(1000).ToListAsync(ct);
        return [.. rows.Select(c => new ComplaintSummaryDto(c.Id, c.TrackingNumber, c.Kind.Chinese(), c.Subject, c.Status.ToString(), c.Status.Label(),
            c.AgencyId is { } a && agencies.TryGetValue(a, out var x) ? x.Code : null, c.AgencyId is { } b && agencies.TryGetValue(b, out var y) ? y.Name : null,
            c.ReceivedOn, c.IsOpen ? c.DueOn : null, DueText(c, calendar, today), c.IsOverdue(today)))];
    }

    public static DateOnly Today(TimeProvider clock) => ChinaTime.Today(clock);
}
