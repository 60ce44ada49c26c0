using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;

namespace Sanxiang.Web.Areas.Portal.Pages.Inspections;

/// <summary>双随机抽查公示 (PLT-2 "一公开"): every committed plan, its commitment before the draw, its draw and results after.</summary>
public sealed class IndexModel(SanxiangDbContext db) : PageModel
{
    public IReadOnlyList<PublicPlan> Plans { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public string? Agency { get; private set; }

    public async Task OnGetAsync(string? agency, CancellationToken ct)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        Agency = Agencies.Any(a => a.Code == agency) ? agency : null;
        Plans = await InspectionPublic.PlansAsync(db, Agency, ct: ct);
    }
}
