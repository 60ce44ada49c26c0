using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Supervision.Complaints;

namespace Sanxiang.Web.Areas.Workbench.Pages.Complaints;

/// <summary>
/// The complaints an agency handles (its heads and publicity clerk), or every agency's for the county's supervisors, with
/// their running deadlines, overdue ones marked, and this year's figures.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public List<ComplaintSummaryDto> Complaints { get; private set; } = [];
    public ComplaintFigureTable Figures { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Agencies { get; private set; } = [];
    public bool County => db.Scope.ReadsAllAgencies;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Agency { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ComplaintWorkflow.ReaderRoles.Any(User.IsInRole))
        {
            return Forbid();
        }

        var today = ChinaTime.Today(clock);
        var calendar = await CalendarStore.LoadAsync(db, ct);
        Complaints = await ComplaintViews.ListAsync(db, Status, Overdue, County ? Agency : null, calendar, today, ct);
        Figures = await ComplaintFigures.ComputeAsync(db, new DateOnly(today.Year, 1, 1), today, today, ct);
        Agencies = [.. (await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Code, a.Name }).ToListAsync(ct)).Select(a => (a.Code, a.Name))];
        return Page();
    }
}
