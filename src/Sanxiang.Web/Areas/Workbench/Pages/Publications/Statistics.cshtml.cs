using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Publication;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Areas.Workbench.Pages.Publications;

/// <summary>
/// 公示及时性统计 (issue 7, items 3 and 8): per agency and for the county, over a period of decision dates — published on
/// time, late and by how many working days, missing, not published on a recorded ground, the full-text rate of
/// general-procedure penalties, and withdrawals done within their days. For supervisors (the county), agency heads and
/// clerks (their agency); a CSV of the same table.
/// </summary>
public sealed class StatisticsModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }

    public string? PeriodProblem { get; private set; }
    public PublicationStatisticsResult? Statistics { get; private set; }
    public bool CountyWide { get; private set; }

    public static readonly string[] Readers = [Roles.Supervisor, Roles.AgencyHead, Roles.PublicityClerk];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        CountyWide = db.Scope.ReadsAllAgencies;
        var (from, to, problem) = StatisticsPeriod.Check(From, To, ChinaTime.Today(clock));
        (From, To, PeriodProblem) = (from, to, problem);
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Statistics = await PublicationFigures.LoadAsync(db, from, to, ChinaTime.Today(clock), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        var (from, to, problem) = StatisticsPeriod.Check(From, To, ChinaTime.Today(clock));
        if (problem is not null)
        {
            return new ObjectResult(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "统计期间有误", Detail = problem })
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentTypes = { "application/problem+json" },
            };
        }

        var result = await PublicationFigures.LoadAsync(db, from, to, ChinaTime.Today(clock), ct);
        var output = new MemoryStream();
        CsvTableWriter.Write(output, Headers, [.. result.ByAgency.Select(Row), Row(result.County)]);
        return File(output.ToArray(), "text/csv; charset=utf-8", $"公示及时性统计_{from:yyyyMMdd}-{to:yyyyMMdd}.csv");
    }

    public static readonly string[] Headers =
    [
        "执法主体", "作出决定", "按时公示", "逾期公示", "逾期工作日合计", "最长逾期工作日", "逾期未公示", "未到期限", "依规不予公示", "按时公示率",
        "一般程序处罚决定已公示", "其中全文公开", "全文公开率", "应撤回", "按时撤回", "逾期撤回", "逾期未撤回",
    ];

    public static string?[] Row(PublicationTally t) =>
    [
        t.Name, N(t.Decisions), N(t.OnTime), N(t.Late), N(t.LateWorkingDays), N(t.MaxLateWorkingDays), N(t.Missing), N(t.NotYetDue), N(t.Exempt),
        Percent(t.OnTimeRate), N(t.GeneralPenalties), N(t.WithFullText), Percent(t.FullTextRate),
        N(t.Withdrawals), N(t.WithdrawnOnTime), N(t.WithdrawnLate), N(t.WithdrawalsMissing),
    ];

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
