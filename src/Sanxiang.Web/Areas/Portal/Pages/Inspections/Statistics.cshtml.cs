using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;

namespace Sanxiang.Web.Areas.Portal.Pages.Inspections;

/// <summary>
/// 双随机抽查统计 (PLT-2), anonymous: for a year (<c>?year=</c>, this year by default) and optionally an agency
/// (<c>?agency=</c>): coverage per random-inspection item, per industry and per credit-risk grade of the directory, the
/// problem rate, and how soon results are published. Each table downloads as CSV (<c>?handler=csv&amp;table=</c>).
/// </summary>
public sealed class StatisticsModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The first year the statistics accept: random inspection (双随机、一公开) was introduced nationwide in 2015.</summary>
    public const int FirstYear = 2015;

    public static readonly IReadOnlyList<string> Tables = ["items", "industries", "grades", "timing"];

    [FromQuery(Name = "year")] public string? YearText { get; set; }
    [FromQuery(Name = "agency")] public string? AgencyText { get; set; }

    public int Year { get; private set; }
    public Agency? Agency { get; private set; }
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Problem { get; private set; }
    public InspectionStatisticsResult? Statistics { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ParseAsync(ct);
        var planYears = await InspectionPublic.Published(db).Select(p => p.Year).Distinct().ToListAsync(ct);
        Years = [.. planYears.Append(ChinaTime.Today(clock).Year).Append(Year).Distinct().OrderDescending()];
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Statistics = await InspectionStatistics.LoadAsync(db, Year, Agency, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        await ParseAsync(ct);
        if (Problem is null && (table is null || !Tables.Contains(table)))
        {
            Problem = $"table（表格）只能是 items（按抽查事项）、industries（按行业）、grades（按信用风险分类）或 timing（公示时效）（现为“{Clip(table)}”）。";
        }

        if (Problem is not null)
        {
            return new ObjectResult(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "统计条件有误", Detail = Problem })
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentTypes = { "application/problem+json" },
            };
        }

        var s = await InspectionStatistics.LoadAsync(db, Year, Agency, ct);
        var f = s.Figures;
        var (headers, rows) = table switch
        {
            "items" => (ItemHeaders, f.Items.Append(f.Total).Select(ItemRow)),
            "industries" => (DirectoryHeaders("行业"), f.Industries.Select(DirectoryRow)),
            "grades" => (DirectoryHeaders("信用风险分类"), f.Grades.Select(DirectoryRow)),
            _ => (TimingHeaders, new[] { TimingRow(f.Timing) }.AsEnumerable()),
        };
        var output = new MemoryStream();
        CsvTableWriter.Write(output, headers, rows);
        var name = string.Join('-', new[] { "inspection-statistics", table, Year.ToString(CultureInfo.InvariantCulture), Agency?.Code }.Where(p => p is not null));
        return File(output.ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    private async Task ParseAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync(ct);
        var thisYear = ChinaTime.Today(clock).Year;
        Year = thisYear;
        if (!string.IsNullOrWhiteSpace(YearText))
        {
            if (!int.TryParse(YearText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < FirstYear || y > thisYear + 1)
            {
                Problem = $"年度 year 应为 {FirstYear} 年至 {thisYear + 1} 年之间的四位数字年份，如 {thisYear}（现为“{Clip(YearText)}”）。";
                return;
            }

            Year = y;
        }

        if (!string.IsNullOrWhiteSpace(AgencyText))
        {
            Agency = Agencies.FirstOrDefault(a => string.Equals(a.Code, AgencyText.Trim(), StringComparison.OrdinalIgnoreCase));
            if (Agency is null)
            {
                Problem = $"执法机关代码 agency “{Clip(AgencyText)}”不存在。执法机关及其代码见 /api/v1/agencies。";
            }
        }
    }

    public static readonly string[] ItemHeaders =
        ["执法机关代码", "抽查事项编码", "抽查事项名称", "抽查计划数", "抽中对象数", "已公示结果数", "发现问题数", "问题发现率", "按时公示数", "逾期公示数"];

    public static string[] DirectoryHeaders(string by) => [by, "名录在册对象数", "抽中对象数", "抽中比例"];

    public static readonly string[] TimingHeaders =
    [
        "已公示结果数", "抽取至公示天数中位数（自然日）", "抽取至公示天数第90百分位（自然日）", "检查结束至公示工作日中位数",
        $"{InspectionFigures.PublishWorkingDays}个工作日内公示数", "逾期公示数",
    ];

    public static string?[] ItemRow(ItemFigures i) =>
        [i.AgencyCode, i.Code, i.Name, N(i.Plans), N(i.Drawn), N(i.Published), N(i.WithProblems), Percent(i.ProblemRate), N(i.OnTime), N(i.Late)];

    public static string?[] DirectoryRow(DirectoryFigures d) => [d.Name, N(d.Active), N(d.Drawn), Percent(d.ShareDrawn)];

    public static string?[] TimingRow(TimingFigures t) =>
    [
        N(t.Published), Days(t.MedianDaysDrawToPublished), t.Percentile90DaysDrawToPublished is { } p ? N(p) : "", Days(t.MedianWorkingDaysConcludedToPublished),
        N(t.OnTime), N(t.Late),
    ];

    /// <summary>A count with thousands separators (1,234).</summary>
    public static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal (12.5%); empty when there is nothing to divide by.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    /// <summary>A number of days, with one decimal only when it has one (a median of an even count).</summary>
    public static string Days(double? days) => days is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) : "";

    public string CsvUrl(string table) =>
        $"/inspections/statistics?handler=csv&table={table}&year={Year.ToString(CultureInfo.InvariantCulture)}" + (Agency is { } a ? "&agency=" + Uri.EscapeDataString(a.Code) : "");

    private static string Clip(string? text) => text is null ? "" : text.Length > 20 ? text[..20] + "…" : text;
}
