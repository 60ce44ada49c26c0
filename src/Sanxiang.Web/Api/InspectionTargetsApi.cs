using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Inspection;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Inspection;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Api;

public sealed record InspectionTargetDto(string CreditCode, string Name, string Address, string Area, string Industry, string Grade,
    IReadOnlyList<string> Tags, string? AffiliatedAgency, bool Active, DateTimeOffset UpdatedAtUtc);

public sealed record InspectionTargetPageDto(string AgencyCode, string AgencyName, int Total, int Page, int PageSize,
    IReadOnlyDictionary<string, int> GradeCounts, IReadOnlyList<InspectionTargetDto> Items);

/// <summary>
/// The inspection-target directory (检查对象名录库, PLT-2) through <c>/api/v1/inspection/targets</c>: the caller's
/// agency directory, filtered and paged (supervisors name an agency with <c>?agency=</c>); its import (unit heads and
/// agency heads: <c>?dryRun=true</c> only checks and counts); the template and the directory as .xlsx or CSV.
/// </summary>
public static class InspectionTargetsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var targets = api.MapGroup("/inspection/targets").WithTags("双随机抽查：检查对象名录");
        targets.MapGet("", List).WithSummary("本机关的检查对象名录（?industry= ?area= ?grade= ?q= 名称或代码 ?page= 每页 50 条；监督人员用 ?agency= 指定机关）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        targets.MapPost("/import", Import).WithSummary("用 Excel（.xlsx）或 CSV 文件更新本机关的检查对象名录（按统一社会信用代码；?dryRun=true 只检查和统计，不写入）")
            .Accepts<IFormFile>("application/octet-stream", "multipart/form-data").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409).ProducesProblem(413);
        targets.MapGet("/template.{format:regex(^(csv|xlsx)$)}", Template).AllowAnonymous().WithSummary("检查对象名录导入模板（含填写说明）");
        targets.MapGet("/export.{format:regex(^(csv|xlsx)$)}", Export).WithSummary("导出本机关的检查对象名录（导入格式，筛选参数同列表）")
            .ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<IResult> List(SanxiangDbContext db, HttpContext http, string? agency, string? industry, string? area, string? grade, string? q, int? page)
    {
        var (owner, refusal) = await AgencyAsync(db, http, agency);
        if (owner is null)
        {
            return refusal!;
        }

        if (TargetImport.CheckGrade(grade) is { } badGrade)
        {
            return Problems.Result(http, 400, badGrade);
        }

        if (page is < 1)
        {
            return Problems.Result(http, 400, "页码 page 应为从 1 开始的整数。");
        }

        var query = TargetImport.Query(db, owner.Id, new TargetFilter(industry, area, grade, q));
        var total = await query.CountAsync(http.RequestAborted);
        var number = page ?? 1;
        var rows = await query.OrderBy(t => t.CreditCode).Skip((number - 1) * TargetImport.PageSize).Take(TargetImport.PageSize).ToListAsync(http.RequestAborted);
        var counts = await TargetImport.GradeCountsAsync(db, owner.Id, http.RequestAborted);
        return TypedResults.Ok(new InspectionTargetPageDto(owner.Code, owner.Name, total, number, TargetImport.PageSize,
            counts.ToDictionary(c => c.Grade, c => c.Count, StringComparer.Ordinal),
            [.. rows.Select(t => new InspectionTargetDto(t.CreditCode, t.Name, t.Address, t.Area, t.Industry, t.Grade, t.Tags, t.AffiliatedAgency, t.Active, t.UpdatedAtUtc))]));
    }

    private static async Task<IResult> Import(bool? dryRun, TargetDirectory directory, HttpContext http, AuditLog audit)
    {
        if (!TargetImport.MayImport(http.User))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, "inspection:targets/import", "无权导入检查对象名录");
            return Problems.Result(http, 403, TargetImport.RefusedImport);
        }

        if (http.Request.ContentLength > RegistryUploads.MaxBytes + (64 * 1024))
        {
            return Problems.Result(http, 413, $"文件超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限，请拆分成几个文件分别导入。");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Room for the spreadsheet engine's largest file and a form around it; anything larger is refused below.
            limit.MaxRequestBodySize = RegistryUploads.MaxBytes + (64 * 1024);
        }

        MemoryStream? upload;
        try
        {
            upload = await TargetImport.ReadUploadAsync(http.Request, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            upload = null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A cut-off or malformed multipart body (MultipartReader: "Unexpected end of Stream").
            return Problems.Result(http, 400, "表单格式错误或上传中断：请按 multipart/form-data 上传一个文件，或把文件直接作为请求体发送。");
        }

        await using var file = upload;
        if (file is null)
        {
            return Problems.Result(http, 413, $"文件超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限，请拆分成几个文件分别导入。");
        }

        if (file.Length == 0)
        {
            return Problems.Result(http, 400, "没有收到文件：请把 Excel（.xlsx）或 CSV 文件作为请求体，或作为表单中的文件上传。");
        }

        TargetImportReport report;
        try
        {
            report = await TargetImport.RunAsync(directory, http.User.Agency()!.Value, file, apply: dryRun == false, http.User, http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            return Problems.Result(http, 409, "另一份名录文件正在同时导入，本次未写入任何数据；请稍后重新导入。");
        }

        if (!report.Valid)
        {
            var problem = Problems.Create(http, 400, "文件有问题，未导入任何数据", $"共 {report.TotalProblems} 处问题，请按每行的提示修改后重新上传。");
            problem.Extensions["report"] = report;
            return TypedResults.Problem(problem);
        }

        return TypedResults.Ok(report);
    }

    private static IResult Template(string format) =>
        TargetImport.File(null, Format(format), "检查对象名录导入模板");

    private static async Task<IResult> Export(string format, SanxiangDbContext db, HttpContext http, string? agency, string? industry, string? area, string? grade, string? q)
    {
        var (owner, refusal) = await AgencyAsync(db, http, agency);
        if (owner is null)
        {
            return refusal!;
        }

        if (TargetImport.CheckGrade(grade) is { } badGrade)
        {
            return Problems.Result(http, 400, badGrade);
        }

        var rows = await TargetImport.Query(db, owner.Id, new TargetFilter(industry, area, grade, q)).OrderBy(t => t.CreditCode).ToListAsync(http.RequestAborted);
        var today = Sanxiang.Core.ChinaTime.Today(http.RequestServices.GetRequiredService<TimeProvider>());
        return TargetImport.File(rows, Format(format), $"{owner.Code}-inspection-targets-{today:yyyy-MM-dd}");
    }

    /// <summary>
    /// The agency whose directory the caller reads: their own, or for a supervisor the one named by <paramref name="code"/>.
    /// Another agency's directory is "not found" to everyone else, as the access rule hides it.
    /// </summary>
    internal static async Task<(Agency? Agency, IResult? Refusal)> AgencyAsync(SanxiangDbContext db, HttpContext http, string? code)
    {
        var user = http.User;
        if (!TargetImport.MayRead(user) || user.Agency() is not { } own)
        {
            return (null, Problems.Result(http, 403, "检查对象名录供本机关执法人员、承办机构负责人、行政机关负责人和司法行政监督人员查看。"));
        }

        var agency = string.IsNullOrWhiteSpace(code) ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == own)
            : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code.Trim());
        return agency is null || (agency.Id != own && !user.IsInRole(Roles.Supervisor))
            ? (null, Problems.Result(http, 404, $"执法主体“{code}”不存在，或您无权查看它的检查对象名录。"))
            : (agency, null);
    }

    private static TabularFileFormat Format(string format) => format == "xlsx" ? TabularFileFormat.Xlsx : TabularFileFormat.Csv;
}
