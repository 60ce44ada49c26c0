using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Web.Api;
using ReportService = Sanxiang.Data.Supervision.AnnualReport.AnnualReports;

namespace Sanxiang.Web.Areas.Portal.Pages.AnnualReports;

/// <summary>
/// 行政执法数据年度报告, anonymous: the published reports (and the versions they corrected) by year and agency
/// (<c>?year=</c>, <c>?agency=</c>). Drafts never appear: the list reads only <see cref="ReportService.Public"/>.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db) : PageModel
{
    [FromQuery(Name = "year")] public string? YearText { get; set; }
    [FromQuery(Name = "agency")] public string? AgencyCode { get; set; }

    public int? Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<PublicAnnualReportDto> Reports { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Code).ToListAsync(ct);
        Years = await ReportService.Public(db).Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        if (!string.IsNullOrEmpty(YearText))
        {
            Year = AnnualReportsApi.ParseYear(YearText);
            if (Year is null)
            {
                Problem = "年度应为四位数字，如 2025。";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        var query = ReportService.Public(db);
        if (Year is { } y)
        {
            query = query.Where(r => r.Year == y);
        }

        if (!string.IsNullOrEmpty(AgencyCode))
        {
            var ids = db.Agencies.AsNoTracking().Where(a => a.Code == AgencyCode).Select(a => a.Id);
            query = query.Where(r => ids.Contains(r.AgencyId));
        }

        var rows = await query.OrderByDescending(r => r.Year).ThenBy(r => r.AgencyName).ThenByDescending(r => r.Version).Take(500).ToListAsync(ct);
        Reports = await AnnualReportsApi.PublicDtosAsync(db, rows, withFigures: false, ct);
        return Page();
    }
}
