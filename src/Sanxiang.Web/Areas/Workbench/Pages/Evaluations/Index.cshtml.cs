using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Supervision.Evaluation;
using Sanxiang.Web.Api;

namespace Sanxiang.Web.Areas.Workbench.Pages.Evaluations;

/// <summary>
/// 案卷评查: the list of evaluations (an evaluator sees those with files to score, an agency head those whose results
/// are released to the agency) and, for supervisors, the form that sets one up with its scoring form and evaluators.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock, CaseFileEvaluations evaluations) : PageModel
{
    public static readonly string[] Readers = [Roles.Supervisor, Roles.Reviewer, Roles.AgencyHead];

    public sealed record Row(Guid Id, string Number, string Title, DateOnly From, DateOnly To, string Status, int Files, int Scored, int Mine, int MineWaiting, DateOnly DueOn);

    public sealed record Candidate(Guid Id, string Name, string Agency, bool Supervisor);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);
    public IReadOnlyList<Sanxiang.Core.Registry.RegistryProblem> Problems { get; private set; } = [];

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? PeriodFrom { get; set; }
    [BindProperty] public DateOnly? PeriodTo { get; set; }
    [BindProperty] public int? PerAgency { get; set; }
    [BindProperty] public DateOnly? DueOn { get; set; }
    [BindProperty] public string? FormText { get; set; }
    [BindProperty] public List<Guid> Evaluators { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        var today = ChinaTime.Today(clock);
        var me = CasesApi.Actor(User).AccountId;
        var files = await db.EvaluatedFiles.AsNoTracking().Select(f => new { f.EvaluationId, f.EvaluatorId, Scored = f.Score != null }).ToListAsync(ct);
        var list = await db.CaseFileEvaluations.AsNoTracking().OrderByDescending(v => v.CreatedAtUtc).ToListAsync(ct);
        Rows = [.. list.Select(v =>
        {
            var of = files.Where(f => f.EvaluationId == v.Id).ToList();
            var mine = of.Where(f => f.EvaluatorId == me).ToList();
            return new Row(v.Id, v.Number, v.Title, v.PeriodFrom, v.PeriodTo, v.Status, of.Count, of.Count(f => f.Scored), mine.Count, mine.Count(f => !f.Scored), v.DueOn);
        }).Where(r => IsSupervisor || r.Files > 0)];

        if (IsSupervisor)
        {
            Candidates = await (from u in db.Users.AsNoTracking()
                                join a in db.Agencies.AsNoTracking() on u.AgencyId equals a.Id
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join r in db.Roles on ur.RoleId equals r.Id
                                where !u.Disabled && CaseFileEvaluations.EvaluatorRoles.Contains(r.Name!)
                                select new Candidate(u.Id, u.DisplayName, a.Name, r.Name == Roles.Supervisor)).ToListAsync(ct);
            Candidates = [.. Candidates.DistinctBy(c => c.Id).OrderByDescending(c => c.Supervisor).ThenBy(c => c.Agency, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)];
            var half = today.Month <= 6 ? new DateOnly(today.Year - 1, 7, 1) : new DateOnly(today.Year, 1, 1);
            Title ??= $"{half.Year.ToString(CultureInfo.InvariantCulture)}年{(half.Month == 1 ? "上" : "下")}半年行政执法案卷评查";
            PeriodFrom ??= half;
            PeriodTo ??= half.AddMonths(6).AddDays(-1);
            PerAgency ??= 3;
            DueOn ??= today.AddDays(30);
            FormText ??= ScoringForm.DefaultText;
        }

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
            var evaluation = await evaluations.CreateAsync(new EvaluationInput(Title, PeriodFrom, PeriodTo, PerAgency, DueOn, FormText, Evaluators), CasesApi.Actor(User), ct);
            return Redirect($"/workbench/evaluations/{evaluation.Id:D}");
        }
        catch (CaseRuleException e)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            Problems = e.Problems;
            var page = await OnGetAsync(ct);
            Response.StatusCode = e.Status;
            return page;
        }
    }
}
