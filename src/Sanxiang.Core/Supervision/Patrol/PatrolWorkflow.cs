using Sanxiang.Core.Accounts;

namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>One allowed move of a patrol or a finding: from a status, by a trigger, to a status, by a role.</summary>
public sealed record PatrolTransition(string From, string Trigger, string To, string Role, string Label);

/// <summary>
/// The online patrol's procedure as data: the patrol (巡查中 → 已下发整改 → 已完结) and each finding (待整改 → 已答复 →
/// 已确认整改, or 退回重新整改 → 已答复 again). Statuses are stored as these Chinese strings so an auditor reads the
/// database as the notice reads. Every change goes through <see cref="Check"/>; the data layer records it in the log.
/// </summary>
public static class PatrolWorkflow
{
    public const string Running = "巡查中";
    public const string Sent = "已下发整改";
    public const string Closed = "已完结";

    public const string Open = "待整改";
    public const string Answered = "已答复";
    public const string Confirmed = "已确认整改";
    public const string Returned = "退回重新整改";

    /// <summary>Withdrawn by the supervisor before sending (a finding judged not to be a problem, with the reason).</summary>
    public const string Dismissed = "不予下发";

    public const string Send = "send";
    public const string Close = "close";
    public const string Answer = "answer";
    public const string Confirm = "confirm";
    public const string Return = "return";
    public const string Dismiss = "dismiss";

    /// <summary>The patrol's table.</summary>
    public static readonly IReadOnlyList<PatrolTransition> PatrolTable =
    [
        new(Running, Send, Sent, Roles.Supervisor, "下发整改通知"),
        new(Sent, Close, Closed, Roles.Supervisor, "完结巡查"),
    ];

    /// <summary>A finding's table. An agency head answers for the agency (the head is answerable for the agency's publicity; the clerk drafts).</summary>
    public static readonly IReadOnlyList<PatrolTransition> FindingTable =
    [
        new(Open, Dismiss, Dismissed, Roles.Supervisor, "不予下发"),
        new(Open, Answer, Answered, Roles.AgencyHead, "答复整改情况"),
        new(Returned, Answer, Answered, Roles.AgencyHead, "重新答复整改情况"),
        new(Answered, Confirm, Confirmed, Roles.Supervisor, "确认已整改"),
        new(Answered, Return, Returned, Roles.Supervisor, "退回重新整改"),
    ];

    public static readonly IReadOnlyList<string> PatrolStatuses = [Running, Sent, Closed];

    public static readonly IReadOnlyList<string> FindingStatuses = [Open, Answered, Returned, Confirmed, Dismissed];

    /// <summary>Findings the agency still has to act on.</summary>
    public static bool AwaitsAgency(string status) => status is Open or Returned;

    /// <summary>Findings that are settled.</summary>
    public static bool IsSettled(string status) => status is Confirmed or Dismissed;

    /// <summary>
    /// The move by <paramref name="trigger"/> from <paramref name="from"/> in <paramref name="table"/> for someone holding
    /// <paramref name="roles"/>; a Chinese refusal when there is none or the role may not take it.
    /// </summary>
    public static PatrolTransition Check(IReadOnlyList<PatrolTransition> table, string what, string from, string trigger, IReadOnlyCollection<string> roles,
        out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(roles);
        var move = table.FirstOrDefault(t => t.From == from && t.Trigger == trigger);
        if (move is null)
        {
            var possible = table.Where(t => t.From == from).Select(t => t.Label).ToList();
            var label = table.FirstOrDefault(t => t.Trigger == trigger)?.Label ?? trigger;
            refusal = $"{what}当前为“{from}”，不能“{label}”" + (possible.Count == 0 ? "：此状态下已无可办理的操作。" : $"；此状态下可以：{string.Join("、", possible)}。");
            return new PatrolTransition(from, trigger, from, "", label);
        }

        if (!roles.Contains(move.Role, StringComparer.Ordinal))
        {
            refusal = $"“{move.Label}”由{Roles.Chinese(move.Role)}办理。";
            return move;
        }

        refusal = null;
        return move;
    }
}
