using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Areas.Workbench.Pages.Registry;

/// <summary>
/// 清单维护: the lists an account keeps (its own agency's; every agency's for a supervisor), their versions and drafts,
/// and a new draft. Supervisors also see every draft waiting for approval.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, RegistryLists lists, TimeProvider clock) : PageModel
{
    public sealed record ListRow(Agency Agency, RegistryListKind Kind, RegistryVersion? InForce, RegistryVersion? Latest, RegistryVersion? Draft);

    public List<ListRow> Rows { get; private set; } = [];
    public List<(RegistryVersion Draft, Agency Agency)> Waiting { get; private set; } = [];
    public List<ReviewerRatioDto> Ratios { get; private set; } = [];
    public bool IsSupervisor { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? AgencyCode { get; set; }
    [BindProperty] public string? List { get; set; }
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ReasonText { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Rows.Count == 0 ? Forbid() : Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == AgencyCode);
        if (agency is null || !RegistryListsApi.MayEdit(User, agency.Id) || !RegistryVersionNames.TryParseSlug(List, out var kind))
        {
            return Forbid();
        }

        try
        {
            var reason = Enum.TryParse<ChangeReason>(Reason, out var r) ? r : ChangeReason.Other;
            var draft = await lists.CreateDraftAsync(agency.Id, kind, EffectiveFrom ?? default, reason, ReasonText,
                RegistryListsApi.Actor(User));
            return Redirect($"/workbench/registry/drafts/{draft.Id}");
        }
        catch (RegistryRuleException e)
        {
            Error = e.Message;
            Response.StatusCode = e.Status;
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Today = ChinaTime.Today(clock);
        IsSupervisor = User.IsInRole(Roles.Supervisor);
        var agencies = (await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync()).Where(a => RegistryListsApi.MayEdit(User, a.Id)).ToList();
        var ids = agencies.Select(a => a.Id).ToList();
        var versions = await db.RegistryVersions.AsNoTracking().Where(v => ids.Contains(v.AgencyId)).ToListAsync();
        var inForce = await db.VersionsInForce(RegistryListKind.Items, Today).Concat(db.VersionsInForce(RegistryListKind.Officers, Today)).ToListAsync();
        Rows = [.. agencies.SelectMany(a => Enum.GetValues<RegistryListKind>().Select(k => new ListRow(a, k,
            inForce.FirstOrDefault(v => v.AgencyId == a.Id && v.Kind == k),
            versions.Where(v => v.AgencyId == a.Id && v.Kind == k && v.Status == VersionStatus.Approved).MaxBy(v => v.Number),
            versions.FirstOrDefault(v => v.AgencyId == a.Id && v.Kind == k && v.Status == VersionStatus.Draft))))];
        Waiting = [.. Rows.Where(r => r.Draft is not null).Select(r => (r.Draft!, r.Agency))];
        if (IsSupervisor)
        {
            Ratios = [.. (await RegistryFigures.ReviewerRatiosAsync(db, Today)).Where(r => r.BelowMinimum)];
        }
    }
}
