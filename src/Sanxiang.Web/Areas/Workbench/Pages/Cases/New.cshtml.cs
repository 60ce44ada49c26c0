using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>立案申请: the registration form. The case starts in its procedure's first step, waiting for a head's approval.</summary>
public sealed class NewModel(SanxiangDbContext db, CaseHandling handling, TimeProvider clock) : PageModel
{
    public List<EnforcementItem> Items { get; private set; } = [];
    public List<OfficerEntry> Officers { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty] public string? ItemCode { get; set; }
    [BindProperty] public string? Cause { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string PartyKind { get; set; } = "Organisation";
    [BindProperty] public string? PartyName { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Representative { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public DateOnly? OccurredOn { get; set; }
    [BindProperty] public DateOnly? ActEndedOn { get; set; }
    [BindProperty] public bool SeriousHarm { get; set; }
    [BindProperty] public List<Guid> OfficerIds { get; set; } = [];
    [BindProperty] public Guid? LeadOfficerId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!MayOpen())
        {
            return Forbid();
        }

        if (User.Officer() is { } me)
        {
            OfficerIds = [me];
            LeadOfficerId = me;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayOpen())
        {
            return Forbid();
        }

        var request = new OpenCaseRequest(ItemCode, Cause, Source,
            new PartyInput(PartyKind, PartyName, IdNumber, CreditCode, Representative, Address, Phone), OccurredOn, ActEndedOn, SeriousHarm,
            OfficerIds, LeadOfficerId);
        try
        {
            var created = await handling.OpenAsync(User.Agency()!.Value, request, CasesApi.Actor(User), HttpContext.RequestAborted);
            return Redirect($"/workbench/cases/{created.Id}");
        }
        catch (CaseRuleException e)
        {
            Errors = e.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            Response.StatusCode = 400;
            await LoadAsync();
            return Page();
        }
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private bool MayOpen() => User.IsInRole(Roles.Officer) || User.IsInRole(Roles.UnitHead);

    private async Task LoadAsync()
    {
        var today = ChinaTime.Today(clock);
        var agency = User.Agency()!.Value;
        Items = await db.ItemsInForce(today).Where(i => i.AgencyId == agency && i.Category != Category.Inspection)
            .OrderBy(i => i.Code).ToListAsync();
        var officers = await db.OfficerEntriesInForce(today).Where(o => o.AgencyId == agency).OrderBy(o => o.CertificateNumber).ToListAsync();
        Officers = [.. officers.Where(o => o.IsCertifiedOn(today) && !o.IsReviewer)];
    }

    public static string ProcedureName(ProcedureKind kind) => Procedures.For(kind).Name;
}
