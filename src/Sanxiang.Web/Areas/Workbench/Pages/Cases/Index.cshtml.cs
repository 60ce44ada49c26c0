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

    /// <summary>One agency's open cases and those with an overdue step, with the steps most often overdue.</summary>
    public sealed record AgencyOverdue(string Code, string AgencyName, int Open, int Overdue, int DueSoon, IReadOnlyList<(string Step, int Count)> Steps);

    public List<Row> Rows { get; private set; } = [];
    public bool MayOpen { get; private set; }
    public bool CountyWide { get; private set; }

    /// <summary>For those who oversee (unit and agency heads, supervisors): overdue steps per agency over all open cases.</summary>
    public List<AgencyOverdue> Overview { get; private set; } = [];

    [FromQuery(Name = "scope")] public string? Scope { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "overdue")] public bool OverdueOnly { get; set; }
    [FromQuery(Name = "agency")] public string? AgencyCode { get; set; }

    public bool Oversees => User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.AgencyHead) || User.IsInRole(Roles.Supervisor);

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

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id);
        if (!string.IsNullOrWhiteSpace(AgencyCode) && agencies.Values.FirstOrDefault(a => a.Code == AgencyCode) is { } chosen)
        {
            query = query.Where(c => c.AgencyId == chosen.Id);
        }

        if (OverdueOnly)
        {
            // Overdue is computed from the periods, so look at every open case, not only the latest.
            query = query.Where(c => c.SealedAtUtc == null);
        }

        var cases = await query.Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery()
            .OrderByDescending(c => c.CreatedAtUtc).Take(OverdueOnly ? 5000 : 300).ToListAsync();
        var deadlines = await CasesApi.DeadlinesAsync(db, handling, cases, clock);
        Rows = [.. cases.Where(c => !OverdueOnly || deadlines[c.Id].Any(d => d.Overdue)).Select(c =>
            {
                var procedure = Procedures.For(c.Procedure);
                return new Row(c, procedure.Name, procedure.Step(c.Status).Name, deadlines[c.Id] is [var first, ..] ? first : null, agencies[c.AgencyId].ShortName);
            })
            .OrderBy(r => r.Case.IsSealed).ThenBy(r => r.Next is null).ThenBy(r => r.Next?.Due)];
        if (Oversees)
        {
            await OverviewAsync(agencies);
        }

        return Page();
    }

    /// <summary>Every open case the account oversees (its agency, or the county for supervisors), counted per agency.</summary>
    private async Task OverviewAsync(Dictionary<Guid, Sanxiang.Core.Registry.Agency> agencies)
    {
        var open = await db.Cases.AsNoTracking().Where(c => c.SealedAtUtc == null)
            .Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery().ToListAsync();
        var deadlines = await CasesApi.DeadlinesAsync(db, handling, open, clock);
        Overview = [.. open.GroupBy(c => c.AgencyId).Select(g =>
            {
                var overdue = g.SelectMany(c => deadlines[c.Id].Where(d => d.Overdue)).ToList();
                return new AgencyOverdue(agencies[g.Key].Code, agencies[g.Key].ShortName, g.Count(),
                    g.Count(c => deadlines[c.Id].Any(d => d.Overdue)), g.Count(c => !deadlines[c.Id].Any(d => d.Overdue) && deadlines[c.Id].Any(d => d.DueSoon)),
                    [.. overdue.GroupBy(d => d.What).Select(s => (s.Key, s.Count())).OrderByDescending(s => s.Item2).Take(3)]);
            })
            .OrderByDescending(a => a.Overdue).ThenBy(a => a.Code, StringComparer.Ordinal)];
    }
}
