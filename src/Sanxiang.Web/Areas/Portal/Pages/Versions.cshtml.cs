using Sanxiang.Web.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>Every approved version of one of an agency's lists, and what changed between two of them (PUB-2).</summary>
public sealed class VersionsModel(SanxiangDbContext db) : PageModel
{
    public Agency? Agency { get; private set; }
    public RegistryListKind Kind { get; private set; }
    public IReadOnlyList<RegistryVersion> Versions { get; private set; } = [];
    public RegistryVersion? From { get; private set; }
    public RegistryVersion? To { get; private set; }
    public ListDiff? Diff { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string list, [FromQuery(Name = "from")] int? from, [FromQuery(Name = "to")] int? to)
    {
        Agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (Agency is null || !RegistryVersionNames.TryParseSlug(list, out var kind))
        {
            return NotFound();
        }

        Kind = kind;
        Versions = await db.RegistryVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.AgencyId == Agency.Id && v.Kind == kind && v.Status == VersionStatus.Approved)
            .OrderByDescending(v => v.Number).ToListAsync();
        if (Versions.Count < 2 && from is null && to is null)
        {
            return Page();
        }

        To = to is null ? (Versions.Count > 0 ? Versions[0] : null) : Versions.FirstOrDefault(v => v.Number == to);
        From = from is null ? Versions.FirstOrDefault(v => v.Number < To?.Number) : Versions.FirstOrDefault(v => v.Number == from);
        if (From is null || To is null)
        {
            Error = $"没有第 {(From is null ? from : to)} 版。本名单共有 {Versions.Count} 个已批准的版本。";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Diff = await db.DiffVersionsAsync(kind, From.Id, To.Id);
        return Page();
    }
}
