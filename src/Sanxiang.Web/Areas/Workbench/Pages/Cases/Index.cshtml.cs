using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>
/// 案件办理: the cases an account may see (an officer's own by default, the agency's for heads, the county's for
/// supervisors), each with its step and its most urgent running deadline; overdue ones first.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, CaseHandling handling, TimeProvider clock) : PageModel
{
    public sealed record Row(Case Case, string ProcedureName, string StepName, Deadline? Next, string AgencyName);

    public List<Row> Rows { get; private set; } = [];
    public bool MayOpen { get; private set; }
    public bool CountyWide { get; private set; }

    [FromQuery(Name = "scope")] public string? Scope { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }

    public bool Mine => Scope != "all" && User.Officer() is not null && !User.IsInRole(Roles.AgencyHead) && !User.IsInRole(Roles.UnitHead);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!new[] { Roles.Officer, Roles.UnitHead, Roles.Reviewer, Roles.AgencyHead, Roles.Supervisor, Roles.PublicityClerk }.Any(User.IsInRole))
        {
            return Forbid();
        }

        MayOpen = User.IsInRole(Roles.Officer) || User.IsInRole(Roles.UnitHead);
        CountyWide = db.Scope.ReadsAllAgencies;
        var query = db.Cases.AsNoTracking();
        if (Mine && User.Officer() is { } me)
        {
            query = query.Where(c => c.Officers.Any(o => o.OfficerId == me && !o.Recused));
        }

        if (!string.IsNullOrWhiteSpace(Query))
        {
            var text = Query.Trim();
            query = query.Where(c => c.Number.Contains(text) || c.Cause.Contains(text) || c.Party.Name.Contains(text));
        }

        var cases = await query.Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery()
            .OrderByDescending(c => c.CreatedAtUtc).Take(300).ToListAsync();
        var deadlines = await CasesApi.DeadlinesAsync(db, handling, cases, clock);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ShortName);
        Rows = [.. cases.Select(c =>
            {
                var procedure = Procedures.For(c.Procedure);
                return new Row(c, procedure.Name, procedure.Step(c.Status).Name, deadlines[c.Id] is [var first, ..] ? first : null, agencies[c.AgencyId]);
            })
            .OrderBy(r => r.Case.IsSealed).ThenBy(r => r.Next is null).ThenBy(r => r.Next?.Due)];
        return Page();
    }
}
