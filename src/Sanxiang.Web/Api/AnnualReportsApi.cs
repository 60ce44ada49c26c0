using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data;
using Sanxiang.Data.Supervision.AnnualReport;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision.AnnualReport;
using Report = Sanxiang.Core.Supervision.AnnualReport.AnnualReport;

namespace Sanxiang.Web.Api;

/// <summary>One version of a report: its commentary, and once published its frozen figures, digest and log entry.</summary>
public sealed record AnnualReportVersionDto(Guid Id, int Version, string Status, string? WorkSummary, string? Problems, string? NextSteps, string? CorrectionReason,
    DateOnly? PublishedOn, string? PublishedBy, string? ContentSha256, long? LedgerIndex, Guid? SupersedesId, Guid? SupersededById, AnnualFigures? Figures);

/// <summary>An agency's report for a year in the workbench: the figures computed from today's data and every version.</summary>
public sealed record AnnualReportDto(string AgencyCode, string AgencyName, int Year, DateOnly DueOn, bool? OnTime, AnnualFigures Figures,
    IReadOnlyList<AnnualReportVersionDto> Versions);

/// <summary>One agency's standing in the supervisor's overview.</summary>
public sealed record AnnualReportStandingDto(string AgencyCode, string AgencyName, string Standing, DateOnly? FirstPublishedOn, int? Version, Guid? ReportId, bool HasDraft);

/// <summary>The county's reports for a year: each agency's standing and the total of the published figures.</summary>
public sealed record AnnualReportOverviewDto(int Year, DateOnly DueOn, int Published, int Late, int Missing, IReadOnlyList<AnnualReportStandingDto> Agencies,
    AnnualFigures? Total, int TotalOf);

/// <summary>A published (or corrected) version as the portal lists it.</summary>
public sealed record PublicAnnualReportDto(Guid Id, string AgencyCode, string AgencyName, int Year, int Version, string Status, DateOnly PublishedOn, bool OnTime,
    string ContentSha256, long? LedgerIndex, Guid? SupersededById, string? CorrectionReason, string? WorkSummary, string? Problems, string? NextSteps, AnnualFigures? Figures);

/// <summary>
/// 行政执法数据年度报告 through <c>/api/v1/annual-reports</c> (issue 9 item 5), authorised as the workbench pages are: an
/// agency's head and publicity clerk read, save and publish their own agency's report; supervisors read every agency's
/// and the county overview; the public reads published versions through <c>/api/v1/public/annual-reports</c>. Refusals
/// are RFC 9457 problem details in Chinese (per field for the commentary) and store nothing.
/// </summary>
public static class AnnualReportsApi
{
    public sealed record CommentaryRequest(string? WorkSummary, string? Problems, string? NextSteps, string? CorrectionReason);

    public static void Map(RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/annual-reports").WithTags("行政执法数据年度报告");
        var read = reports.MapGroup("").RequireAuthorization(p => p.RequireRole([.. AnnualReports.Readers]));
        var write = reports.MapGroup("").RequireAuthorization(p => p.RequireRole([.. AnnualReports.Writers]));
        reports.MapGet("/", Overview).RequireAuthorization(p => p.RequireRole(Roles.Supervisor))
            .WithSummary("全县各机关某年度报告的公布情况（按时公布、逾期公布、逾期未公布、尚未公布）和已公布报告的数据合计（?year=，仅监督人员）")
            .Produces<AnnualReportOverviewDto>().ProducesProblem(400).ProducesProblem(403);
        read.MapGet("/{agency}/{year}", Get)
            .WithSummary("某机关某年度报告：按当前数据生成的统计数据和各版本（草稿、已公布、已更正）；年度须已结束，机关人员只能查看本机关")
            .Produces<AnnualReportDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        write.MapPut("/{agency}/{year}/draft", SaveDraft)
            .WithSummary("保存草稿：工作总结、存在问题、下一步工作（纯文本，每项不超过 3000 字）；已公布后保存的草稿为更正版本")
            .Produces<AnnualReportDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        write.MapPost("/{agency}/{year}/publish", Publish)
            .WithSummary("公布年度报告：三项说明均须填写，统计数据在公布时固定，内容的 SHA-256 记入执法记录日志；已公布的不能重复公布，更正须写明更正原因（correctionReason），原版本标为“已更正”")
            .Produces<AnnualReportDto>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        read.MapGet("/{agency}/{year}/report.docx", DraftDocx).WithSummary("按当前数据和草稿生成的报告（DOCX）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        read.MapGet("/{agency}/{year}/report.pdf", DraftPdf).WithSummary("按当前数据和草稿生成的报告（PDF）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .ProducesProblem(503);
        read.MapGet("/{agency}/{year}/figures.xlsx", DraftXlsx).WithSummary("按当前数据生成的统计数据（Excel）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

        var open = api.MapGroup("/public/annual-reports").WithTags("行政执法数据年度报告").AllowAnonymous();
        open.MapGet("/", PublicList).WithSummary("已公布的年度报告（含已更正的原版本）：?year= 年度，?agency= 机关代码")
            .Produces<List<PublicAnnualReportDto>>().ProducesProblem(400);
        open.MapGet("/{id:guid}", PublicGet).WithSummary("一份已公布的年度报告：固定的统计数据、说明和内容摘要值").Produces<PublicAnnualReportDto>().ProducesProblem(404);
        open.MapGet("/{id:guid}/report.docx", PublicDocx).WithSummary("已公布的年度报告（DOCX）").ProducesProblem(404);
        open.MapGet("/{id:guid}/report.pdf", PublicPdf).WithSummary("已公布的年度报告（PDF）").ProducesProblem(404).ProducesProblem(503);
        open.MapGet("/{id:guid}/figures.xlsx", PublicXlsx).WithSummary("已公布的年度报告统计数据（Excel）").ProducesProblem(404);
    }

    /// <summary>The year as typed in a path or query; null when it is not a number (the rules then say what to type).</summary>
    public static int? ParseYear(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && text!.Length == 4 ? y : null;

    private static async Task<IResult> Overview(string? year, AnnualReports service, CancellationToken ct) =>
        TypedResults.Ok(OverviewDto(await service.OverviewAsync(ParseYear(year), ct)));

    public static AnnualReportOverviewDto OverviewDto(AnnualReportOverview o) => new(o.Year, o.DueOn,
        o.Agencies.Count(a => a.Current is not null), o.Agencies.Count(a => a.Standing == AnnualReports.Standing_Late),
        o.Agencies.Count(a => a.Standing == AnnualReports.Standing_Missing),
        [.. o.Agencies.Select(a => new AnnualReportStandingDto(a.AgencyCode, a.AgencyName, a.Standing, a.FirstPublishedOn, a.Current?.Version, a.Current?.Id, a.HasDraft))],
        o.Total, o.TotalOf);

    private static async Task<IResult> Get(string agency, string year, AnnualReports service, CancellationToken ct)
    {
        var a = await service.AgencyAsync(agency, ct);
        return TypedResults.Ok(Dto(await service.ViewAsync(a, ParseYear(year), ct)));
    }

    private static async Task<IResult> SaveDraft(string agency, string year, CommentaryRequest request, AnnualReports service, HttpContext http, CancellationToken ct)
    {
        var a = await service.AgencyAsync(agency, ct);
        await service.SaveDraftAsync(a, ParseYear(year), Commentary(request), request.CorrectionReason, CasesApi.Actor(http.User), ct);
        return TypedResults.Ok(Dto(await service.ViewAsync(a, ParseYear(year), ct)));
    }

    private static async Task<IResult> Publish(string agency, string year, CommentaryRequest request, AnnualReports service, HttpContext http, CancellationToken ct)
    {
        var a = await service.AgencyAsync(agency, ct);
        var published = await service.PublishAsync(a, ParseYear(year), Commentary(request), request.CorrectionReason, CasesApi.Actor(http.User), ct);
        return TypedResults.Created($"/api/v1/public/annual-reports/{published.Id:D}", Dto(await service.ViewAsync(a, ParseYear(year), ct)));
    }

    private static async Task<(Report Report, AnnualFigures Figures)> DraftAsync(string agency, string year, AnnualReports service, CancellationToken ct)
    {
        var view = await service.ViewAsync(await service.AgencyAsync(agency, ct), ParseYear(year), ct);
        var report = view.Draft ?? new Report
        {
            AgencyId = view.Agency.Id, Year = view.Year, Version = (view.Versions.Count == 0 ? 0 : view.Versions.Max(v => v.Version)) + 1,
            Status = AnnualReportStatus.Draft, AgencyName = view.Agency.Name,
        };
        return (report, view.Figures!);
    }

    private static async Task<IResult> DraftDocx(string agency, string year, AnnualReports service, AnnualReportRenderer renderer, CancellationToken ct)
    {
        var (report, figures) = await DraftAsync(agency, year, service, ct);
        return TypedResults.File(renderer.Docx(AnnualReportRenderer.Content(report, figures), WorkbenchPath(figures.AgencyCode, report.Year)),
            AnnualReportRenderer.DocxType, AnnualReportRenderer.FileName(report, "docx"));
    }

    private static async Task<IResult> DraftPdf(string agency, string year, AnnualReports service, AnnualReportRenderer renderer, HttpContext http, CancellationToken ct)
    {
        var (report, figures) = await DraftAsync(agency, year, service, ct);
        return renderer.Pdf(AnnualReportRenderer.Content(report, figures), WorkbenchPath(figures.AgencyCode, report.Year)) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", AnnualReportRenderer.FileName(report, "pdf"))
            : Problems.Result(http, 503, AnnualReportRenderer.PdfUnavailable);
    }

    private static async Task<IResult> DraftXlsx(string agency, string year, AnnualReports service, CancellationToken ct)
    {
        var (report, figures) = await DraftAsync(agency, year, service, ct);
        return TypedResults.File(AnnualReportRenderer.Xlsx(figures), AnnualReportRenderer.XlsxType, AnnualReportRenderer.FileName(report, "xlsx"));
    }

    private static async Task<IResult> PublicList(string? year, string? agency, SanxiangDbContext db, HttpContext http, CancellationToken ct)
    {
        var y = year is null ? null : ParseYear(year);
        if (year is not null && y is null)
        {
            return Problems.Result(http, 400, "year（报告年度）应为四位数字，如 2025。");
        }

        var query = AnnualReports.Public(db);
        if (y is { } yy)
        {
            query = query.Where(r => r.Year == yy);
        }

        if (!string.IsNullOrWhiteSpace(agency))
        {
            var ids = db.Agencies.AsNoTracking().Where(a => a.Code == agency).Select(a => a.Id);
            query = query.Where(r => ids.Contains(r.AgencyId));
        }

        var rows = await query.OrderByDescending(r => r.Year).ThenBy(r => r.AgencyName).ThenByDescending(r => r.Version).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(await PublicDtosAsync(db, rows, withFigures: false, ct));
    }

    private static async Task<IResult> PublicGet(Guid id, SanxiangDbContext db, HttpContext http, CancellationToken ct) =>
        await PublicAsync(db, id, ct) is { } r
            ? TypedResults.Ok((await PublicDtosAsync(db, [r], withFigures: true, ct))[0])
            : Problems.Result(http, 404, "没有这份已公布的年度报告。");

    private static async Task<IResult> PublicDocx(Guid id, SanxiangDbContext db, AnnualReportRenderer renderer, HttpContext http, CancellationToken ct) =>
        await PublicAsync(db, id, ct) is { } r
            ? TypedResults.File(renderer.Docx(AnnualReportRenderer.Content(r, r.Figures()!), PortalPath(r.Id)), AnnualReportRenderer.DocxType, AnnualReportRenderer.FileName(r, "docx"))
            : Problems.Result(http, 404, "没有这份已公布的年度报告。");

    private static async Task<IResult> PublicPdf(Guid id, SanxiangDbContext db, AnnualReportRenderer renderer, HttpContext http, CancellationToken ct)
    {
        if (await PublicAsync(db, id, ct) is not { } r)
        {
            return Problems.Result(http, 404, "没有这份已公布的年度报告。");
        }

        return renderer.Pdf(AnnualReportRenderer.Content(r, r.Figures()!), PortalPath(r.Id)) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", AnnualReportRenderer.FileName(r, "pdf"))
            : Problems.Result(http, 503, AnnualReportRenderer.PdfUnavailable);
    }

    private static async Task<IResult> PublicXlsx(Guid id, SanxiangDbContext db, HttpContext http, CancellationToken ct) =>
        await PublicAsync(db, id, ct) is { } r
            ? TypedResults.File(AnnualReportRenderer.Xlsx(r.Figures()!), AnnualReportRenderer.XlsxType, AnnualReportRenderer.FileName(r, "xlsx"))
            : Problems.Result(http, 404, "没有这份已公布的年度报告。");

    public static Task<Report?> PublicAsync(SanxiangDbContext db, Guid id, CancellationToken ct) =>
        AnnualReports.Public(db).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Public rows with their agency codes and timeliness (the first version's publication day against 31 January).</summary>
    public static async Task<List<PublicAnnualReportDto>> PublicDtosAsync(SanxiangDbContext db, IReadOnlyList<Report> rows, bool withFigures, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencyIds = rows.Select(r => r.AgencyId).Distinct().ToList();
        var years = rows.Select(r => r.Year).Distinct().ToList();
        var codes = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var firsts = await AnnualReports.Public(db).Where(r => agencyIds.Contains(r.AgencyId) && years.Contains(r.Year) && r.Version == 1)
            .Select(r => new { r.AgencyId, r.Year, r.PublishedOn }).ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var first = firsts.FirstOrDefault(f => f.AgencyId == r.AgencyId && f.Year == r.Year)?.PublishedOn ?? r.PublishedOn!.Value;
            return new PublicAnnualReportDto(r.Id, codes.GetValueOrDefault(r.AgencyId, ""), r.AgencyName, r.Year, r.Version, r.Status, r.PublishedOn!.Value,
                first <= AnnualReportRules.DueOn(r.Year), r.ContentSha256!, r.LedgerIndex, r.SupersededById, r.CorrectionReason,
                r.WorkSummary, r.Problems, r.NextSteps, withFigures ? r.Figures() : null);
        })];
    }

    public static AnnualReportDto Dto(AnnualReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new AnnualReportDto(view.Agency.Code, view.Agency.Name, view.Year, view.DueOn, view.OnTime, view.Figures!,
            [.. view.Versions.Select(v => new AnnualReportVersionDto(v.Id, v.Version, v.Status, v.WorkSummary, v.Problems, v.NextSteps, v.CorrectionReason, v.PublishedOn,
                v.PublishedByName, v.ContentSha256, v.LedgerIndex, v.SupersedesId, v.SupersededById, v.Figures()))]);
    }

    private static AnnualCommentary Commentary(CommentaryRequest request) => new(request.WorkSummary, request.Problems, request.NextSteps);

    public static string WorkbenchPath(string agencyCode, int year) => $"/workbench/annual-reports/{Uri.EscapeDataString(agencyCode)}/{year.ToString(CultureInfo.InvariantCulture)}";

    public static string PortalPath(Guid id) => $"/annual-reports/{id:D}";
}
