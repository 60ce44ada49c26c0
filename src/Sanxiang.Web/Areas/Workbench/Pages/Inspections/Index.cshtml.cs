using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Inspection;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Inspections;

/// <summary>
/// 双随机抽查计划 (PLT-2) for an agency: its plans with their state, and the form a unit head or agency head drafts a plan
/// with (items from the agency's random-inspection list, industries and areas from its target directory).
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock, InspectionPlans plans) : PageModel
{
    public sealed record Row(InspectionPlan Plan, string AgencyName, int Tasks);

    public List<Row> Plans { get; private set; } = [];
    public List<EnforcementItem> Items { get; private set; } = [];

    /// <summary>Other agencies' random-inspection items, for a joint plan (联合抽查), with each agency's short name.</summary>
    public List<(EnforcementItem Item, string AgencyName)> JointItems { get; private set; } = [];
    public List<string> Industries { get; private set; } = [];
    public List<string> Areas { get; private set; } = [];
    public int Targets { get; private set; }

    /// <summary>检查人员名录: the agency's officers in force today, and the random-inspection items each may be sent on.</summary>
    public List<(OfficerEntry Entry, string? Why, List<string> Items)> Inspectors { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanDraft => User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.AgencyHead);
    public bool CountyWide { get; private set; }
    public IReadOnlyList<Sanxiang.Core.Registry.RegistryProblem> Problems { get; private set; } = [];

    [BindProperty]
    public PlanForm Form { get; set; } = new();

    /// <summary>The agency's declared recusals, newest first, with the officer's and the target's names.</summary>
    public List<(InspectorRecusal Recusal, string Officer, string Target)> Recusals { get; private set; } = [];

    public string? RecusalMessage { get; private set; }
    public IReadOnlyList<Sanxiang.Core.Registry.RegistryProblem> RecusalProblems { get; private set; } = [];
    public bool MayDeclareForOthers => User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.AgencyHead);
    public bool MayDeclare => (User.IsInRole(Roles.Officer) || MayDeclareForOthers) && !CountyWide;

    private static readonly string[] Readers = [Roles.Officer, Roles.UnitHead, Roles.AgencyHead, Roles.Supervisor];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        await LoadAsync(ct);
        Form = new PlanForm
        {
            PeriodFrom = Today.AddDays(7),
            PeriodTo = Today.AddDays(67),
            DrawOn = Today.AddDays(3),
            RatioPercent = Items.FirstOrDefault()?.RandomInspectionPlan?.RatioPercent,
        };
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        CountyWide = db.Scope.ReadsAllAgencies;
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ShortName, ct);
        var list = await db.InspectionPlans.AsNoTracking().OrderByDescending(p => p.CreatedAtUtc).Take(500).ToListAsync(ct);
        if (!CountyWide && User.Agency() is { } own)
        {
            // Joint plans of other agencies naming this agency's items: to confirm, and to follow.
            list = [.. list.Concat(await plans.JointPlansOfAsync(own, ct)).OrderByDescending(p => p.CreatedAtUtc)];
        }

        var ids = list.Select(p => p.Id).ToList();
        var tasks = await db.InspectionTasks.AsNoTracking().Where(t => ids.Contains(t.PlanId)).GroupBy(t => t.PlanId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Plans = [.. list.Select(p => new Row(p, agencies.GetValueOrDefault(p.AgencyId, ""), tasks.GetValueOrDefault(p.Id)))];
        if (User.Agency() is { } agency && !CountyWide)
        {
            var random = await db.ItemsInForce(Today).Where(i => i.RandomInspection).OrderBy(i => i.Code).ToListAsync(ct);
            Items = [.. random.Where(i => i.AgencyId == agency)];
            JointItems = [.. random.Where(i => i.AgencyId != agency).Select(i => (i, agencies.GetValueOrDefault(i.AgencyId, "")))];
            var entries = await db.OfficerEntriesInForce(Today).Where(e => e.AgencyId == agency).OrderBy(e => e.CertificateNumber).ToListAsync(ct);
            Inspectors = [.. entries.Select(e => (e, e.CheckAssignable(Today),
                Items.Where(i => e.CheckAssignable(Today, Sanxiang.Core.Cases.EnforcementFields.Of(i)) is null).Select(i => i.Name).ToList()))];
            var recusals = await db.InspectorRecusals.AsNoTracking().Where(r => r.AgencyId == agency).OrderByDescending(r => r.DeclaredAtUtc).Take(100).ToListAsync(ct);
            var codes = recusals.Select(r => r.CreditCode).Distinct().ToList();
            var names = await db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == agency && codes.Contains(t.CreditCode))
                .ToDictionaryAsync(t => t.CreditCode, t => t.Name, ct);
            Recusals = [.. recusals.Select(r => (r, entries.FirstOrDefault(e => e.OfficerId == r.OfficerId)?.Name ?? r.CertificateNumber,
                names.GetValueOrDefault(r.CreditCode, r.CreditCode)))];
            var directory = db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == agency && t.Active);
            Targets = await directory.CountAsync(ct);
            Industries = await directory.Select(t => t.Industry).Distinct().OrderBy(x => x).ToListAsync(ct);
            Areas = await directory.Select(t => t.Area).Distinct().OrderBy(x => x).ToListAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanDraft || User.Agency() is not { } agency)
        {
            return Forbid();
        }

        var input = new PlanInput(Form.Title, Form.ItemCodes, Form.Industries, Form.Areas,
            (Form.Tags ?? "").Split(['、', ',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Form.ByCount ? Form.Count : null, Form.ByCount ? null : Form.RatioPercent, Form.InspectorsPerTarget,
            Form.WeightA, Form.WeightB, Form.WeightC, Form.WeightD, Form.ExcludeLastInspectors, Form.ExcludeAffiliatedAgency,
            Form.PeriodFrom, Form.PeriodTo, Form.DrawOn);
        try
        {
            var plan = await plans.CreateAsync(agency, input, Sanxiang.Web.Api.CasesApi.Actor(User), ct);
            return Redirect($"/workbench/inspections/{plan.Id}");
        }
        catch (CaseRuleException e)
        {
            Problems = e.Problems;
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            Response.StatusCode = e.Status;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRecusalAsync(Guid? officerId, string? creditCode, string? reason, CancellationToken ct)
    {
        if (User.Agency() is not { } agency || db.Scope.ReadsAllAgencies)
        {
            return Forbid();
        }

        try
        {
            var r = await plans.DeclareRecusalAsync(agency, officerId, creditCode, reason, Sanxiang.Web.Api.CasesApi.Actor(User), ct);
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            RecusalMessage = $"已登记回避（证号 {r.CertificateNumber}，对象 {r.CreditCode}）：此后批准的抽查计划不再选派该人员检查该对象。";
            return Page();
        }
        catch (CaseRuleException e)
        {
            RecusalProblems = e.Problems;
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            await LoadAsync(ct);
            Response.StatusCode = e.Status;
            return Page();
        }
    }

    public sealed class PlanForm
    {
        public string? Title { get; set; }
        public List<string> ItemCodes { get; set; } = [];
        public List<string> Industries { get; set; } = [];
        public List<string> Areas { get; set; } = [];
        public string? Tags { get; set; }
        public bool ByCount { get; set; }
        public int? Count { get; set; }
        public int? RatioPercent { get; set; }
        public int InspectorsPerTarget { get; set; } = 2;
        public int WeightA { get; set; } = 1;
        public int WeightB { get; set; } = 2;
        public int WeightC { get; set; } = 3;
        public int WeightD { get; set; } = 4;
        public bool ExcludeLastInspectors { get; set; } = true;
        public bool ExcludeAffiliatedAgency { get; set; } = true;
        public DateOnly? PeriodFrom { get; set; }
        public DateOnly? PeriodTo { get; set; }
        public DateOnly? DrawOn { get; set; }
    }
}
