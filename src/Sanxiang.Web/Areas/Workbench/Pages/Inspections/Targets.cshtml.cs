using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Inspection;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Inspection;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Areas.Workbench.Pages.Inspections;

/// <summary>
/// 检查对象名录 (PLT-2): an agency's directory of inspection targets with filters, counts by credit-risk grade and
/// paging; the template and the directory as files; and, for unit heads and agency heads, the spreadsheet import that
/// checks every row first (仅检查 = a dry run) and writes nothing unless the whole file is clean. Officers read their
/// agency's directory; supervisors read any agency's, without the form.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public sealed class TargetsModel(SanxiangDbContext db, TargetDirectory directory, AuditLog audit) : PageModel
{
    /// <summary>The import file's limit (the spreadsheet engine's 32 MB) and room for the form around it.</summary>
    private const long MaxRequestBytes = (32L * 1024 * 1024) + (64 * 1024);

    [FromQuery(Name = "agency")] public string? AgencyCode { get; set; }
    [FromQuery(Name = "industry")] public string? Industry { get; set; }
    [FromQuery(Name = "area")] public string? Area { get; set; }
    [FromQuery(Name = "grade")] public string? Grade { get; set; }
    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;

    public Agency? Agency { get; private set; }
    public List<Agency> Agencies { get; private set; } = [];
    public List<InspectionTarget> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + TargetImport.PageSize - 1) / TargetImport.PageSize);
    public IReadOnlyList<(string Grade, int Count)> GradeCounts { get; private set; } = [];
    public List<string> Industries { get; private set; } = [];
    public List<string> Areas { get; private set; } = [];
    public bool MayImport => TargetImport.MayImport(User);
    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public TargetImportReport? Import { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TargetImport.MayRead(User))
        {
            return Forbid();
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>The upload: <paramref name="dryRun"/> (仅检查) checks and counts without writing.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (!TargetImport.MayRead(User))
        {
            return Forbid();
        }

        AgencyCode = null;
        if (!TargetImport.MayImport(User))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, "inspection:targets/import", "无权导入检查对象名录");
            Error = TargetImport.RefusedImport;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else if (file is null || file.Length == 0)
        {
            Error = "请选择要导入的 Excel（.xlsx）或 CSV 文件。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            await using var upload = file.OpenReadStream();
            await using var content = await RegistryUploads.CopyAsync(upload, ct);
            if (content is null)
            {
                Error = $"文件超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限，请拆分成几个文件分别导入。";
                Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
            else
            {
                try
                {
                    Import = await TargetImport.RunAsync(directory, User.Agency()!.Value, content, apply: !dryRun, User, ct);
                    Message = Import switch
                    {
                        { Applied: true } => $"已导入 {Import.DataRows} 行：新增 {Import.New} 个对象，修改 {Import.Changed} 个，{Import.Unchanged} 个未变；已写入执法全过程记录日志。",
                        { Valid: true } => $"检查通过：{Import.DataRows} 行全部符合要求，导入后将新增 {Import.New} 个对象，修改 {Import.Changed} 个，{Import.Unchanged} 个未变。尚未写入；确认无误后取消勾选“仅检查（不导入）”再上传。",
                        _ => null,
                    };
                    if (!Import.Valid)
                    {
                        Response.StatusCode = StatusCodes.Status400BadRequest;
                    }
                }
                catch (DbUpdateException)
                {
                    Error = "另一份名录文件正在同时导入，本次未写入任何数据；请稍后重新导入。";
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The link back to this page with the current filters and another page number.</summary>
    public string PageUrl(int page) => WithFilters("/workbench/inspections/targets", page);

    /// <summary>The export link for a format (csv or xlsx), with the current agency and filters.</summary>
    public string ExportUrl(string format) => WithFilters("/api/v1/inspection/targets/export." + format, null);

    private string WithFilters(string path, int? page)
    {
        var query = new QueryBuilder();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(key, value);
            }
        }

        Add("agency", IsSupervisor ? Agency?.Code : null);
        Add("industry", Industry);
        Add("area", Area);
        Add("grade", Grade);
        Add("q", Query);
        Add("p", page?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return path + query;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var own = User.Agency();
        if (own is null)
        {
            return false;
        }

        if (IsSupervisor)
        {
            Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        }

        Agency = string.IsNullOrWhiteSpace(AgencyCode) || !IsSupervisor
            ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == own, ct)
            : Agencies.FirstOrDefault(a => a.Code == AgencyCode.Trim());
        if (Agency is null || (!IsSupervisor && !string.IsNullOrWhiteSpace(AgencyCode) && AgencyCode.Trim() != Agency.Code))
        {
            // Another agency's directory is not found for anyone but a supervisor, as the API answers.
            return false;
        }

        if (TargetImport.CheckGrade(Grade) is { } badGrade)
        {
            Error ??= badGrade;
            Grade = null;
        }

        PageNumber = Math.Max(1, PageNumber);
        var query = TargetImport.Query(db, Agency.Id, new TargetFilter(Industry, Area, Grade, Query));
        Total = await query.CountAsync(ct);
        PageNumber = Math.Min(PageNumber, Pages);
        Rows = await query.OrderBy(t => t.CreditCode).Skip((PageNumber - 1) * TargetImport.PageSize).Take(TargetImport.PageSize).ToListAsync(ct);
        GradeCounts = await TargetImport.GradeCountsAsync(db, Agency.Id, ct);
        var all = db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == Agency.Id);
        Industries = (await all.Select(t => t.Industry).Distinct().Take(500).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        Areas = (await all.Select(t => t.Area).Distinct().Take(500).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        return true;
    }
}
