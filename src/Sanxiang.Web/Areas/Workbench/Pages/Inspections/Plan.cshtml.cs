using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Inspection;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Inspections;

/// <summary>
/// One plan for its agency: a draft with a preview of the lists approval would freeze (and what would stop it), the
/// agency head's approval, the draw on or after the announced day, and the inspection cases the draw opened.
/// </summary>
public sealed class PlanModel(SanxiangDbContext db, TimeProvider clock, InspectionPlans plans, LedgerKeys keys) : ActionPageModel
{
    public InspectionPlan Plan { get; private set; } = null!;
    public PlanDto Detail { get; private set; } = null!;
    public DrawLists? Preview { get; private set; }
    public IReadOnlyList<string> PreviewProblems { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public bool IsLead => db.Scope.AgencyId == Plan.AgencyId && !db.Scope.ReadsAllAgencies;
    public bool CanApprove => IsLead && User.IsInRole(Roles.AgencyHead) && Plan.Status == PlanStatus.Draft;
    public bool CanDraw => IsLead && (User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.AgencyHead)) && Plan.Status == PlanStatus.Committed
        && Today >= Plan.DrawOn;
    public bool CanConfirm => !IsLead && !db.Scope.ReadsAllAgencies && User.IsInRole(Roles.AgencyHead) && Plan.Status == PlanStatus.Draft
        && Detail.Participants.Any(p => p.AgencyCode == OwnCode && p.ConfirmedAtUtc is null);
    public string? OwnCode { get; private set; }

    private static readonly string[] Readers = [Roles.Officer, Roles.UnitHead, Roles.AgencyHead, Roles.Supervisor];

    public override async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        try
        {
            Plan = await plans.LoadAsync(id, ct);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Today = ChinaTime.Today(clock);
        Detail = await InspectionPlansApi.DetailAsync(db, Plan, ct);
        OwnCode = db.Scope.AgencyId is { } own ? await db.Agencies.AsNoTracking().Where(a => a.Id == own).Select(a => a.Code).FirstOrDefaultAsync(ct) : null;
        if (Plan.Status == PlanStatus.Draft && IsLead)
        {
            Preview = await plans.FreezeAsync(Plan, Today, ct);
            PreviewProblems = RandomDraw.Check(Preview);
        }

        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var plan = await plans.CommitAsync(id, CasesApi.Actor(User), ct);
        return $"已批准并公布承诺值 {plan.Commitment}（记录日志第 {plan.CommitmentLedgerIndex} 条）。种子已保密保存，将于抽取时公开。";
    }, ct);

    public Task<IActionResult> OnPostJoinAsync(Guid id, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        await plans.ConfirmJointAsync(id, CasesApi.Actor(User), ct: ct);
        return "已确认参加联合抽查：本机关的检查人员列入抽取名单，抽中后由平台为本机关立检查案件。";
    }, ct);

    public Task<IActionResult> OnPostDrawAsync(Guid id, CancellationToken ct) => ActAsync(db, id, async () =>
    {
        var plan = await plans.DrawAsync(id, CasesApi.Actor(User), keys, ct);
        return $"已抽取：种子已公开，检查任务已生成（{plan.Number}）。";
    }, ct);
}
