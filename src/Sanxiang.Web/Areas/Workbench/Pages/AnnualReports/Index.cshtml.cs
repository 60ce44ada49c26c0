using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision.AnnualReport;
using ReportService = Sanxiang.Data.Supervision.AnnualReport.AnnualReports;
using Sanxiang.Web.Api;

namespace Sanxiang.Web.Areas.Workbench.Pages.AnnualReports;

/// <summary>
/// 行政执法数据年度报告: supervisors see every agency's standing for a year (published on time, late, missing) and the
/// total of the published figures; an agency's head and publicity clerk see their own reports of the past years.
/// </summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock, ReportService reports) : PageModel
{
    [FromQuery(Name = "year")] public string? YearText { get; set; }

    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Problem { get; private set; }
    public AnnualReportOverviewDto? Overview { get; private set; }
    public Agency? Agency { get; private set; }

    /// <summary>The agency's own reports: year, standing, current version.</summary>
    public IReadOnlyList<(int Year, string Standing, Sanxiang.Core.Supervision.AnnualReport.AnnualReport? Current, bool Draft)> Own { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ReportService.Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        var today = ChinaTime.Today(clock);
        Years = [.. Enumerable.Range(0, today.Year - AnnualReportRules.FirstYear).Select(i => today.Year - 1 - i)];
        var parsed = YearText is null ? today.Year - 1 : AnnualReportsApi.ParseYear(YearText);
        Year = parsed ?? 0;
        if (IsSupervisor)
        {
            try
            {
                Overview = AnnualReportsApi.OverviewDto(await reports.OverviewAsync(parsed, ct));
            }
            catch (CaseRuleException e)
            {
                Problem = e.Message;
                Response.StatusCode = e.Status;
            }

            return Page();
        }

        Agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == db.Scope.AgencyId, ct);
        if (Agency is null)
        {
            return Forbid();
        }

        var mine = await db.AnnualReports.AsNoTracking().Where(r => r.AgencyId == Agency.Id).ToListAsync(ct);
        Own = [.. Years.Take(5).Select(y =>
        {
            var rows = mine.Where(r => r.Year == y).ToList();
            var first = rows.Where(r => !r.IsDraft).MinBy(r => r.Version)?.PublishedOn;
            var due = AnnualReportRules.DueOn(y);
            var standing = first is { } on ? on <= due ? ReportService.Standing_OnTime : ReportService.Standing_Late
                : today > due ? ReportService.Standing_Missing : ReportService.Standing_NotYet;
            return (y, standing, rows.FirstOrDefault(r => r.Status == AnnualReportStatus.Published), rows.Any(r => r.IsDraft));
        })];
        return Page();
    }

    public static string Css(string standing) => standing switch
    {
        ReportService.Standing_OnTime => "annual-standing ok",
        ReportService.Standing_Late => "annual-standing late",
        ReportService.Standing_Missing => "annual-standing missing",
        _ => "annual-standing",
    };
}
