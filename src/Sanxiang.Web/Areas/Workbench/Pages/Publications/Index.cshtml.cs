using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Documents;

namespace Sanxiang.Web.Areas.Workbench.Pages.Publications;

/// <summary>
/// 公示任务 (PUB-5): every decision's publication task, created by the decision itself with its due date in working days;
/// the clerk's queue by due date, overdue ones first and marked; the decisions closed as not published, each with the
/// rule that says so. Publicity clerks, agency heads and supervisors (the county) see it, within the agencies they read.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock, Sanxiang.Data.Publication.Publishing publishing) : PageModel
{
    public sealed record Row(PublicationTask Task, string AgencyName, string? DocumentNumber, int DaysLeft)
    {
        public bool Overdue => DaysLeft < 0;
        public bool DueSoon => DaysLeft is >= 0 and <= 2;
        public string DaysLeftText => Deadline.LeftText(DaysLeft, Sanxiang.Core.Workflow.PeriodUnit.WorkingDays);
    }

    public List<Row> Pending { get; private set; } = [];
    public List<Row> Exempt { get; private set; } = [];

    /// <summary>Withdrawals to do (PUB-8), due in days, not working days.</summary>
    public List<Row> Withdrawals { get; private set; } = [];

    /// <summary>Entries on the portal published in the last 90 days.</summary>
    public List<PublishedDecision> Published { get; private set; } = [];

    public bool CanAct => User.IsInRole(Roles.PublicityClerk);

    public DateOnly Today { get; private set; }

    /// <summary>The result or refusal of the last action, in Chinese.</summary>
    public string? Message { get; private set; }
    public bool Refused { get; private set; }
    public bool CountyWide { get; private set; }

    private static readonly string[] Readers = [Roles.PublicityClerk, Roles.AgencyHead, Roles.Supervisor];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        CountyWide = db.Scope.ReadsAllAgencies;
        var today = Today = ChinaTime.Today(clock);
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ShortName, ct);
        var since = today.AddDays(-90);
        var tasks = await db.PublicationTasks.AsNoTracking()
            .Where(t => t.Status == PublicationStatus.Pending || t.Status == PublicationStatus.Exempt && t.DecidedOn >= since)
            .OrderBy(t => t.DueOn).ThenBy(t => t.CaseNumber).Take(2000).ToListAsync(ct);
        var caseIds = tasks.Select(t => t.CaseId).ToList();
        var numbers = (await db.IssuedDocuments.AsNoTracking().Decisions()
                .Where(d => d.CaseId != null && caseIds.Contains(d.CaseId.Value))
                .OrderBy(d => d.IssuedAtUtc).Select(d => new { CaseId = d.CaseId!.Value, d.Number }).ToListAsync(ct))
            .GroupBy(d => d.CaseId).ToDictionary(g => g.Key, g => g.Last().Number);
        Row ToRow(PublicationTask t) => new(t, agencies.GetValueOrDefault(t.AgencyId, ""), numbers.GetValueOrDefault(t.CaseId),
            LegalPeriods.DaysLeft(calendar, today, t.DueOn, Sanxiang.Core.Workflow.PeriodUnit.WorkingDays));
        Pending = [.. tasks.Where(t => t.Status == PublicationStatus.Pending && t.Kind == PublicationTaskKind.Publish).Select(ToRow)];
        Withdrawals = [.. tasks.Where(t => t.Status == PublicationStatus.Pending && t.Kind == PublicationTaskKind.Withdraw)
            .Select(t => ToRow(t) with { DaysLeft = LegalPeriods.DaysLeft(calendar, today, t.DueOn, Sanxiang.Core.Workflow.PeriodUnit.CalendarDays) })];
        Published = await db.PublishedDecisions.AsNoTracking().Where(p => p.State == PublishedState.Public && p.PublishedOn >= since)
            .OrderByDescending(p => p.Id).Take(500).ToListAsync(ct);
        Exempt = [.. tasks.Where(t => t.Status == PublicationStatus.Exempt).OrderByDescending(t => t.DecidedOn).Select(ToRow)];
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid task, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        return await ActAsync(async () =>
        {
            var entry = await publishing.WithdrawAsync(task, Sanxiang.Web.Api.CasesApi.Actor(User), Roles.PublicityClerk, ct);
            return $"已撤回公示（{entry.Title}{entry.DocumentNumber}），门户网站保留撤回记录：/decisions/{entry.Id}。";
        }, ct);
    }

    public async Task<IActionResult> OnPostDecisionChangeAsync(Guid caseId, string? ground, string? document, DateOnly? on, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        return await ActAsync(async () =>
        {
            var t = await publishing.RecordDecisionChangeAsync(caseId, ground, document, on, Sanxiang.Web.Api.CasesApi.Actor(User), Roles.PublicityClerk, ct);
            return t.Status == PublicationStatus.Pending
                ? $"已登记决定变化，撤回公示任务应于 {t.DueOn:yyyy年M月d日} 前完成。"
                : "已登记决定变化；该决定尚未公示，不再公示。";
        }, ct);
    }

    public async Task<IActionResult> OnPostCreditRepairAsync(long id, string? reason, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        return await ActAsync(async () =>
        {
            var entry = await publishing.EndByCreditRepairAsync(id, reason, Sanxiang.Web.Api.CasesApi.Actor(User), Roles.PublicityClerk, ct);
            return $"已因信用修复提前撤下公示（{entry.Title}{entry.DocumentNumber}），门户网站保留撤下记录。";
        }, ct);
    }

    private async Task<IActionResult> ActAsync(Func<Task<string>> action, CancellationToken ct)
    {
        try
        {
            Message = await action();
        }
        catch (Sanxiang.Data.Cases.CaseRuleException e)
        {
            Message = string.Join(" ", e.Problems.Select(p => p.Message));
            Refused = true;
            db.ChangeTracker.Clear();
            await OnGetAsync(ct);
            Response.StatusCode = e.Status;
            return Page();
        }

        return await OnGetAsync(ct);
    }
}
