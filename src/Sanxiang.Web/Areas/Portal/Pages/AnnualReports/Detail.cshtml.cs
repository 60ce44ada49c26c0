using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data;
using Sanxiang.Web.Api;
using ReportService = Sanxiang.Data.Supervision.AnnualReport.AnnualReports;

namespace Sanxiang.Web.Areas.Portal.Pages.AnnualReports;

/// <summary>
/// One published report, anonymous: its frozen figures, the agency's commentary, timeliness, the digest recorded in the
/// log with a link to its entry, the downloads, and the other versions (a corrected one says so and links to its successor).
/// </summary>
public sealed class DetailModel(SanxiangDbContext db) : PageModel
{
    public PublicAnnualReportDto? Report { get; private set; }
    public IReadOnlyList<PublicAnnualReportDto> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await AnnualReportsApi.PublicAsync(db, id, ct) is not { } row)
        {
            return NotFound();
        }

        Report = (await AnnualReportsApi.PublicDtosAsync(db, [row], withFigures: true, ct))[0];
        var others = ReportService.Public(db).Where(r => r.AgencyId == row.AgencyId && r.Year == row.Year).OrderByDescending(r => r.Version);
        Versions = await AnnualReportsApi.PublicDtosAsync(db, [.. others], withFigures: false, ct);
        return Page();
    }

    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Title(PublicAnnualReportDto r) => AnnualReportDocument.Title(r.AgencyName, r.Year);
}
