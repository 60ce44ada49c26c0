using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Supervision.AnnualReport;
using ReportService = Sanxiang.Data.Supervision.AnnualReport.AnnualReports;
using Sanxiang.Web.Api;

namespace Sanxiang.Web.Areas.Workbench.Pages.AnnualReports;

/// <summary>
/// One agency's report for one year: the figures generated from the data, the versions, and for the agency's head and
/// publicity clerk the commentary form (save a draft, publish, publish a correction). Supervisors read it.
/// </summary>
public sealed class ReportModel(SanxiangDbContext db, ReportService reports) : PageModel
{
    public AnnualReportView? View { get; private set; }
    public string? Problem { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Saved { get; private set; }

    [BindProperty] public string? WorkSummary { get; set; }
    [BindProperty] public string? Problems { get; set; }
    [BindProperty] public string? NextSteps { get; set; }
    [BindProperty] public string? CorrectionReason { get; set; }

    public bool MayWrite => ReportService.Writers.Any(User.IsInRole) && View is { } v && db.Scope.AgencyId == v.Agency.Id && !db.Scope.ReadsAllAgencies;

    public async Task<IActionResult> OnGetAsync(string agency, string year, string? done, CancellationToken ct)
    {
        if (!ReportService.Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        if (!await LoadAsync(agency, year, ct))
        {
            return Page();
        }

        var draft = View!.Draft;
        WorkSummary = draft?.WorkSummary ?? View.Current?.WorkSummary;
        Problems = draft?.Problems ?? View.Current?.Problems;
        NextSteps = draft?.NextSteps ?? View.Current?.NextSteps;
        CorrectionReason = draft?.CorrectionReason;
        Saved = done switch
        {
            "saved" => "草稿已保存。",
            "published" => "年度报告已公布，公示平台即可查阅。",
            "corrected" => "更正版本已公布，原版本在公示平台标为“已更正”。",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string agency, string year, CancellationToken ct) => WriteAsync(agency, year, publish: false, ct);

    public Task<IActionResult> OnPostPublishAsync(string agency, string year, CancellationToken ct) => WriteAsync(agency, year, publish: true, ct);

    private async Task<IActionResult> WriteAsync(string agency, string year, bool publish, CancellationToken ct)
    {
        if (!ReportService.Writers.Any(User.IsInRole))
        {
            return Forbid();
        }

        try
        {
            var a = await reports.AgencyAsync(agency, ct);
            var commentary = new AnnualCommentary(WorkSummary, Problems, NextSteps);
            var actor = CasesApi.Actor(User);
            string done;
            if (publish)
            {
                var r = await reports.PublishAsync(a, AnnualReportsApi.ParseYear(year), commentary, CorrectionReason, actor, ct);
                done = r.Version > 1 ? "corrected" : "published";
            }
            else
            {
                await reports.SaveDraftAsync(a, AnnualReportsApi.ParseYear(year), commentary, CorrectionReason, actor, ct);
                done = "saved";
            }

            return Redirect($"{AnnualReportsApi.WorkbenchPath(a.Code, AnnualReportsApi.ParseYear(year)!.Value)}?done={done}");
        }
        catch (CaseRuleException e)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            foreach (var p in e.Problems)
            {
                Errors[p.Field] = Errors.TryGetValue(p.Field, out var before) ? before + " " + p.Message : p.Message;
            }

            await LoadAsync(agency, year, ct);
            Problem ??= Errors.Count > 0 ? "未保存：请按各项的提示修改后再提交。" : e.Message;
            if (Errors.ContainsKey("agency") || Errors.ContainsKey("year") || Errors.ContainsKey("correctionReason") && e.Status == 409)
            {
                Problem = e.Message;
            }

            Response.StatusCode = e.Status;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string agency, string year, CancellationToken ct)
    {
        try
        {
            var a = await reports.AgencyAsync(agency, ct);
            View = await reports.ViewAsync(a, AnnualReportsApi.ParseYear(year), ct);
            return true;
        }
        catch (CaseRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = e.Status;
            return false;
        }
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);
}
