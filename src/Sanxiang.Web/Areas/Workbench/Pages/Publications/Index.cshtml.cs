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
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(PublicationTask Task, string AgencyName, string? DocumentNumber, int DaysLeft)
    {
        public bool Overdue => DaysLeft < 0;
        public bool DueSoon => DaysLeft is >= 0 and <= 2;
        public string DaysLeftText => Deadline.LeftText(DaysLeft, Sanxiang.Core.Workflow.PeriodUnit.WorkingDays);
    }

    public List<Row> Pending { get; private set; } = [];
    public List<Row> Exempt { get; private set; } = [];
    public bool CountyWide { get; private set; }

    private static readonly string[] Readers = [Roles.PublicityClerk, Roles.AgencyHead, Roles.Supervisor];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        CountyWide = db.Scope.ReadsAllAgencies;
        var today = ChinaTime.Today(clock);
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
        Pending = [.. tasks.Where(t => t.Status == PublicationStatus.Pending).Select(ToRow)];
        Exempt = [.. tasks.Where(t => t.Status == PublicationStatus.Exempt).OrderByDescending(t => t.DecidedOn).Select(ToRow)];
        return Page();
    }
}
