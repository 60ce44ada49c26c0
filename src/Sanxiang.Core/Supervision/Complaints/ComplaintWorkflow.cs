using System.Text.Json.Serialization;
using Sanxiang.Core.Accounts;

namespace Sanxiang.Core.Supervision.Complaints;

[JsonConverter(typeof(JsonStringEnumConverter<ComplaintTrigger>))]
public enum ComplaintTrigger
{
    /// <summary>转办: the judicial bureau sends it to the responsible agency (or to another one, when misrouted).</summary>
    Route,

    /// <summary>退回转办: the agency says it is not responsible and sends it back to the bureau, with its reasons.</summary>
    Return,

    /// <summary>受理.</summary>
    Accept,

    /// <summary>不予受理, with reasons told to the complainant.</summary>
    Reject,

    /// <summary>立案: a case is opened on it (source 投诉举报).</summary>
    OpenCase,

    /// <summary>答复: the answer to the complainant.</summary>
    Answer,

    /// <summary>办结.</summary>
    Close,

    /// <summary>督办: the bureau presses the agency (the state does not change; the note is kept with the steps).</summary>
    FollowUp,
}

/// <summary>Who acts on a complaint in the table.</summary>
public enum ComplaintParty
{
    /// <summary>The county judicial bureau's supervisors (Roles.Supervisor).</summary>
    Supervisor,

    /// <summary>The handling agency's staff who register complaints: agency head, unit head, publicity clerk.</summary>
    AgencyStaff,

    /// <summary>The handling agency's heads: agency head, unit head (they answer and open cases in the agency's name).</summary>
    AgencyHeads,

    /// <summary>Either the handling agency's staff or a supervisor.</summary>
    AgencyStaffOrSupervisor,
}

/// <summary>One row of the table: a trigger, the states it may be taken from, the state it leads to, who takes it.</summary>
public sealed record ComplaintTransition(ComplaintTrigger Trigger, string Name, IReadOnlyList<ComplaintStatus> From, ComplaintStatus? To,
    ComplaintParty By, string? NoteName, bool NoteRequired);

/// <summary>Who is acting: the account, its roles and its agency.</summary>
public sealed record ComplaintActor(Guid AccountId, IReadOnlyCollection<string> Roles, Guid? AgencyId, string Name)
{
    public bool Is(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsSupervisor => Is(Accounts.Roles.Supervisor);

    /// <summary>The role recorded in the log.</summary>
    public string Role => IsSupervisor ? Accounts.Roles.Supervisor : Roles.FirstOrDefault() ?? "";
}

/// <summary>
/// The procedure of a complaint as data (docs/complaints.md): every (state, trigger) pair is in this table or refused
/// with a Chinese reason. <see cref="Check"/> is the one guard every change goes through.
/// </summary>
public static class ComplaintWorkflow
{
    public const int MaxNote = 2000;

    /// <summary>May handle (register, accept, return, close) an agency's complaints.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [Roles.AgencyHead, Roles.UnitHead, Roles.PublicityClerk];

    /// <summary>May answer and open a case in the agency's name.</summary>
    public static readonly IReadOnlyList<string> HeadRoles = [Roles.AgencyHead, Roles.UnitHead];

    /// <summary>May read complaints: the staff of the handling agency, and the supervisors (all agencies).</summary>
    public static readonly IReadOnlyList<string> ReaderRoles = [Roles.AgencyHead, Roles.UnitHead, Roles.PublicityClerk, Roles.Supervisor];

    public static readonly IReadOnlyList<ComplaintTransition> Table =
    [
        new(ComplaintTrigger.Route, "转办", [ComplaintStatus.Submitted, ComplaintStatus.Assigned], ComplaintStatus.Assigned, ComplaintParty.Supervisor,
            "转办意见", NoteRequired: false),
        new(ComplaintTrigger.Return, "退回重新转办", [ComplaintStatus.Assigned], ComplaintStatus.Submitted, ComplaintParty.AgencyStaff,
            "退回理由（为何不属于本机关职责）", NoteRequired: true),
        new(ComplaintTrigger.Accept, "受理", [ComplaintStatus.Assigned], ComplaintStatus.Accepted, ComplaintParty.AgencyStaff,
            "受理意见", NoteRequired: false),
        new(ComplaintTrigger.Reject, "不予受理", [ComplaintStatus.Assigned], ComplaintStatus.Rejected, ComplaintParty.AgencyStaff,
            "不予受理的理由和依据（将告知投诉举报人）", NoteRequired: true),
        new(ComplaintTrigger.OpenCase, "立案", [ComplaintStatus.Accepted], ComplaintStatus.CaseOpened, ComplaintParty.AgencyHeads,
            null, NoteRequired: false),
        new(ComplaintTrigger.Answer, "答复", [ComplaintStatus.Accepted, ComplaintStatus.CaseOpened], ComplaintStatus.Answered, ComplaintParty.AgencyHeads,
            "答复内容（将告知投诉举报人）", NoteRequired: true),
        new(ComplaintTrigger.Close, "办结", [ComplaintStatus.Answered, ComplaintStatus.Rejected], ComplaintStatus.Closed,
            ComplaintParty.AgencyStaffOrSupervisor, "办结说明", NoteRequired: false),
        new(ComplaintTrigger.FollowUp, "督办",
            [ComplaintStatus.Submitted, ComplaintStatus.Assigned, ComplaintStatus.Accepted, ComplaintStatus.CaseOpened], null, ComplaintParty.Supervisor,
            "督办意见", NoteRequired: true),
    ];

    public static ComplaintTransition Of(ComplaintTrigger trigger) => Table.First(t => t.Trigger == trigger);

    /// <summary>The triggers that may be taken from <paramref name="status"/> by someone.</summary>
    public static IEnumerable<ComplaintTransition> From(ComplaintStatus status) => Table.Where(t => t.From.Contains(status));

    /// <summary>Whether <paramref name="actor"/> is the party the table names for <paramref name="t"/> on this complaint.</summary>
    public static bool MayAct(Complaint complaint, ComplaintTransition t, ComplaintActor actor)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(actor);
        var ownAgency = actor.AgencyId is { } a && complaint.AgencyId == a && !actor.IsSupervisor;
        var staff = ownAgency && StaffRoles.Any(actor.Is);
        var heads = ownAgency && HeadRoles.Any(actor.Is);
        return t.By switch
        {
            ComplaintParty.Supervisor => actor.IsSupervisor,
            ComplaintParty.AgencyStaff => staff,
            ComplaintParty.AgencyHeads => heads,
            ComplaintParty.AgencyStaffOrSupervisor => staff || actor.IsSupervisor,
        };
    }

    /// <summary>
    /// Every reason <paramref name="actor"/> may not take <paramref name="trigger"/> on <paramref name="complaint"/> now
    /// (empty: allowed). <paramref name="note"/> is the text the step asks for.
    /// </summary>
    public static IReadOnlyList<string> Check(Complaint complaint, ComplaintTrigger trigger, ComplaintActor actor, string? note)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(actor);
        var t = Of(trigger);
        var reasons = new List<string>();
        if (!t.From.Contains(complaint.Status))
        {
            var allowed = string.Join("、", t.From.Select(s => s.Label()));
            reasons.Add($"该件{complaint.Status.Label()}，不能{t.Name}：只有{allowed}的件才能{t.Name}。");
        }

        if (!MayAct(complaint, t, actor))
        {
            reasons.Add(t.By switch
            {
                ComplaintParty.Supervisor => $"{t.Name}由县司法局执法监督人员办理。",
                ComplaintParty.AgencyStaff => $"{t.Name}由承办该件的执法机关负责人、承办机构负责人或公示专员办理。",
                ComplaintParty.AgencyHeads => $"{t.Name}由承办该件的执法机关负责人或承办机构负责人办理。",
                ComplaintParty.AgencyStaffOrSupervisor => $"{t.Name}由承办该件的执法机关或县司法局执法监督人员办理。",
            });
        }

        var text = note?.Trim() ?? "";
        if (t.NoteRequired && text.Length == 0)
        {
            reasons.Add($"请填写{t.NoteName}。");
        }
        else if (text.Length > MaxNote)
        {
            reasons.Add($"{t.NoteName ?? "说明"}不得超过 {MaxNote} 字（现为 {text.Length} 字）。");
        }
        else if (text.Length > 0 && ComplaintForm.ContainsMarkup(text))
        {
            reasons.Add($"{t.NoteName ?? "说明"}中含有网页标记或脚本（如“<script>”），请以纯文字填写。");
        }

        return reasons;
    }
}
