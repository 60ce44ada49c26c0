using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Supervision.Patrol;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Patrols;

/// <summary>
/// One patrol: what was checked per agency, the findings per agency (supervisor: dismiss before sending, confirm or
/// return after; agency head: answer), the sample with its check form, sending and closing, and the report.
/// </summary>
public sealed class PatrolModel(SanxiangDbContext db, TimeProvider clock, OnlinePatrols patrols) : ActionPageModel
{
    public PatrolDto Detail { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);
    public bool IsAgencyHead => User.IsInRole(Roles.AgencyHead) && !db.Scope.ReadsAllAgencies;

    private static readonly string[] Readers = [Roles.Supervisor, Roles.AgencyHead, Roles.PublicityClerk];

    public override async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        OnlinePatrol patrol;
        try
        {
            patrol = await patrols.LoadAsync(id, ct);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Today = ChinaTime.Today(clock);
        Detail = await PatrolsApi.DetailAsync(db, patrol, Today, ct);
        return Page();
    }

    public Task<IActionResult> OnPostSampleAsync(Guid id, Guid sample, bool problem, string? note, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var s = await patrols.CheckSampleAsync(sample, problem, note, CasesApi.Actor(User), ct);
        return problem ? $"已记录：{s.Label} 有问题，已列为巡查问题。" : $"已记录：{s.Label} 无问题。";
    }, ct);

    public Task<IActionResult> OnPostSendAsync(Guid id, int? days, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var p = await patrols.SendAsync(id, days, CasesApi.Actor(User), ct);
        return $"整改通知已下发，各机关应于{LegalText(p.AnswerDueOn)}前答复。";
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        await patrols.CloseAsync(id, CasesApi.Actor(User), ct);
        return "本次巡查已完结。";
    }, ct);

    public Task<IActionResult> OnPostDismissAsync(Guid id, Guid finding, string? text, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var f = await patrols.DismissAsync(finding, text, CasesApi.Actor(User), ct);
        return $"第 {f.Number} 号问题不予下发。";
    }, ct);

    public Task<IActionResult> OnPostConfirmAsync(Guid id, Guid finding, string? text, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var f = await patrols.ConfirmAsync(finding, text, CasesApi.Actor(User), ct);
        return $"第 {f.Number} 号问题已确认整改。";
    }, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid finding, string? text, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var f = await patrols.ReturnAsync(finding, text, CasesApi.Actor(User), ct);
        return $"第 {f.Number} 号问题已退回重新整改。";
    }, ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, Guid finding, string? text, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var f = await patrols.AnswerAsync(finding, text, User.Agency() ?? Guid.Empty, CasesApi.Actor(User), ct);
        return $"第 {f.Number} 号问题的整改情况已答复，等待县司法局审核。";
    }, ct);

    public static string LegalText(DateOnly? date) => date is { } d ? Sanxiang.Core.Cases.LegalPeriods.Text(d) : "—";
}
