using System.Text.Json.Serialization;

namespace Sanxiang.Core.Supervision.Complaints;

/// <summary>
/// 投诉举报 from the public (PLT-3, docs/complaints.md): what the citizen wrote, where it was routed, its running deadline,
/// and every step taken on it. Not <c>IAgencyOwned</c>: a complaint may have no agency yet (the citizen did not know which
/// one, so the county judicial bureau routes it), and the bureau's supervisors re-route it between agencies; the DbContext
/// applies its own read and write rule to it. The complainant's name and telephone are shown only to the agency handling
/// it and to the supervisors, never in the log or on public pages.
/// </summary>
public sealed class Complaint
{
    public Guid Id { get; set; }

    /// <summary>受理编号: TS + yyyyMMdd + a four-digit sequence of the day, e.g. TS202611280003.</summary>
    public required string TrackingNumber { get; set; }

    /// <summary>The day of the number, yyyyMMdd (China Standard Time).</summary>
    public int Day { get; set; }
    public int Sequence { get; set; }

    /// <summary>SHA-256 (hex) of the tracking number and the query code (查询码): the code itself is shown once and never stored.</summary>
    public required string QueryCodeHash { get; set; }

    public ComplaintKind Kind { get; set; }

    /// <summary>The agency handling it now; null while it waits for the judicial bureau to route it.</summary>
    public Guid? AgencyId { get; set; }

    /// <summary>The agency the citizen chose (null: “不清楚，由县司法局转办”).</summary>
    public Guid? RequestedAgencyId { get; set; }

    public required string Subject { get; set; }
    public required string Content { get; set; }

    /// <summary>被投诉举报的单位或个人 (optional).</summary>
    public string? Respondent { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public string? Place { get; set; }

    /// <summary>Null for an anonymous report (举报 only).</summary>
    public string? ComplainantName { get; set; }
    public string? ComplainantPhone { get; set; }

    /// <summary>The complainant agrees to be telephoned by the agency about it.</summary>
    public bool ConsentToContact { get; set; }

    public ComplaintStatus Status { get; set; }
    public DateTimeOffset SubmittedAtUtc { get; set; }
    public DateOnly ReceivedOn { get; set; }

    /// <summary>The day the current agency received it (the acceptance period runs from here).</summary>
    public DateOnly? AssignedOn { get; set; }
    public DateOnly? AcceptedOn { get; set; }

    /// <summary>The running deadline of the act now awaited (routing, acceptance or answer); null once answered or closed.</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>The day the complainant was answered (the answer, or the reasons for not accepting) and the deadline it had.</summary>
    public DateOnly? RepliedOn { get; set; }
    public DateOnly? ReplyDueOn { get; set; }

    /// <summary>答复 or 不予受理的理由: what the complainant reads on the status page.</summary>
    public string? Reply { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The case opened on it (立案), in the handling agency.</summary>
    public Guid? CaseId { get; set; }

    /// <summary>Every step, in order (append-only: the log holds the same steps, hashed).</summary>
    public List<ComplaintStep> Steps { get; set; } = [];

    /// <summary>Optimistic concurrency: two people acting on one complaint at once — the second is refused.</summary>
    public int Revision { get; set; }

    public bool IsOpen => Status is ComplaintStatus.Submitted or ComplaintStatus.Assigned or ComplaintStatus.Accepted or ComplaintStatus.CaseOpened;

    public bool IsOverdue(DateOnly today) => IsOpen && DueOn is { } due && today > due;
}

/// <summary>One step taken on a complaint.</summary>
public sealed class ComplaintStep
{
    public DateTimeOffset AtUtc { get; set; }
    public required string Action { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public Guid? ActorId { get; set; }
    public string? ActorName { get; set; }
    public Guid? AgencyId { get; set; }
    public string? Note { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ComplaintKind>))]
public enum ComplaintKind
{
    /// <summary>投诉: the complainant's own rights or interests are concerned; contact details required for the answer.</summary>
    Complaint,

    /// <summary>举报: a suspected violation reported; may be anonymous.</summary>
    Report,
}

[JsonConverter(typeof(JsonStringEnumConverter<ComplaintStatus>))]
public enum ComplaintStatus
{
    /// <summary>已提交，待县司法局转办: no agency yet.</summary>
    Submitted,

    /// <summary>已转办，待受理: with an agency that must decide whether to accept it.</summary>
    Assigned,

    /// <summary>已受理，办理中.</summary>
    Accepted,

    /// <summary>不予受理 (the reasons are the reply).</summary>
    Rejected,

    /// <summary>已立案调查.</summary>
    CaseOpened,

    /// <summary>已答复.</summary>
    Answered,

    /// <summary>已办结.</summary>
    Closed,
}

public static class ComplaintNames
{
    public static string Chinese(this ComplaintKind kind) => kind switch
    {
        ComplaintKind.Complaint => "投诉",
        ComplaintKind.Report => "举报",
    };

    public static string Chinese(this ComplaintStatus status) => status switch
    {
        ComplaintStatus.Submitted => "已提交，待县司法局转办",
        ComplaintStatus.Assigned => "已转交执法机关，待受理",
        ComplaintStatus.Accepted => "已受理，正在办理",
        ComplaintStatus.Rejected => "不予受理",
        ComplaintStatus.CaseOpened => "已立案调查",
        ComplaintStatus.Answered => "已答复",
        ComplaintStatus.Closed => "已办结",
    };

    /// <summary>The label for the status page and lists, short.</summary>
    public static string Label(this ComplaintStatus status) => status switch
    {
        ComplaintStatus.Submitted => "待转办",
        ComplaintStatus.Assigned => "待受理",
        ComplaintStatus.Accepted => "办理中",
        ComplaintStatus.Rejected => "不予受理",
        ComplaintStatus.CaseOpened => "已立案",
        ComplaintStatus.Answered => "已答复",
        ComplaintStatus.Closed => "已办结",
    };

    public static bool TryParseKind(string? text, out ComplaintKind kind)
    {
        switch (text?.Trim())
        {
            case "投诉" or nameof(ComplaintKind.Complaint):
                kind = ComplaintKind.Complaint;
                return true;
            case "举报" or nameof(ComplaintKind.Report):
                kind = ComplaintKind.Report;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
