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

namespace Sanxiang.Web.Areas.Workbench.Pages.Patrols;

/// <summary>网上巡查: the list of patrols (an agency sees those with its findings) and, for supervisors, the form that starts one.</summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock, OnlinePatrols patrols) : PageModel
{
    public IReadOnlyList<PatrolSummaryDto> Patrols { get; private set; } = [];
    public IReadOnlyList<PatrolAgencyFigures> Figures { get; private set; } = [];
    public IReadOnlyList<Quarter> Quarters { get; private set; } = [];
    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);
    public string? Error { get; private set; }

    [BindProperty]
    public string? Quarter { get; set; }

    private static readonly string[] Readers = [Roles.Supervisor, Roles.AgencyHead, Roles.PublicityClerk];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        var today = ChinaTime.Today(clock);
        Patrols = await PatrolsApi.SummariesAsync(db, today, ct);
        Figures = await PatrolFigures.LoadAsync(db, today, ct);
        var current = Core.Supervision.Patrol.Quarter.Of(today);
        Quarters = [.. Enumerable.Range(0, 6).Select(i =>
        {
            var n = current.Year * 4 + current.Number - 1 - i;
            return new Quarter(n / 4, n % 4 + 1);
        })];
        Quarter ??= Quarters.Count > 1 ? Quarters[1].Code : current.Code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsSupervisor)
        {
            return Forbid();
        }

        try
        {
            var patrol = await patrols.StartAsync(Quarter, null, CasesApi.Actor(User), ct);
            return Redirect($"/workbench/patrols/{patrol.Id:D}");
        }
        catch (CaseRuleException e)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            Error = string.Join(" ", e.Problems.Select(p => p.Message));
            var page = await OnGetAsync(ct);
            Response.StatusCode = e.Status;
            return page;
        }
    }
}
