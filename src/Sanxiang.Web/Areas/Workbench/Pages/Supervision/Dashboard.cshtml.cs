using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Supervision;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision;

namespace Sanxiang.Web.Areas.Workbench.Pages.Supervision;

/// <summary>
/// 执法监督数据看板 (issue 9, item 1): the county's or one agency's figures for any period, as charts drawn on the server,
/// each with its table and a CSV of it. Supervisors see the county and may narrow it to an agency; agency heads see their
/// own agency (the data layer's scope enforces it whatever the query says).
/// </summary>
public sealed class DashboardModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public static readonly string[] Readers = [Roles.Supervisor, Roles.AgencyHead];

    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "agency")] public string? Agency { get; set; }
    [FromQuery(Name = "table")] public string? Table { get; set; }

    public string? Problem { get; private set; }
    public Dashboard? Figures { get; private set; }
    public IReadOnlyList<DashboardTable> Tables { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Agencies { get; private set; } = [];
    public bool CountyWide { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        CountyWide = db.Scope.ReadsAllAgencies;
        Agencies = CountyWide ? [.. (await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Code, a.ShortName }).ToListAsync(ct))
            .Select(a => (a.Code, a.ShortName))] : [];
        var (figures, problem) = await LoadAsync(ct);
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Figures = figures;
        Tables = DashboardTables.Build(figures!);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        var (figures, problem) = await LoadAsync(ct);
        var table = figures is null ? null : DashboardTables.Build(figures).FirstOrDefault(t => t.Key == Table);
        problem ??= table is null ? $"没有名为“{Table}”的表格；可下载：{string.Join("、", DashboardTables.Keys)}。" : null;
        if (problem is not null)
        {
            return new ObjectResult(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "无法下载表格", Detail = problem })
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentTypes = { "application/problem+json" },
            };
        }

        var output = new MemoryStream();
        CsvTableWriter.Write(output, table!.Headers, table.Rows);
        return File(output.ToArray(), "text/csv; charset=utf-8", $"{table.Title}_{figures!.ScopeName}_{figures.From:yyyyMMdd}-{figures.To:yyyyMMdd}.csv");
    }

    /// <summary>The figures for the query's period and agency, or the Chinese reason they cannot be counted.</summary>
    private async Task<(Dashboard? Figures, string? Problem)> LoadAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var (from, to, problem) = StatisticsPeriod.Check(From, To, today);
        (From, To) = (from, to);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (agencyId, agencyProblem) = await DashboardScope.AgencyAsync(db, Agency, ct);
        if (agencyProblem is not null)
        {
            return (null, agencyProblem);
        }

        return (await DashboardQueries.LoadAsync(db, agencyId, from, to, today, clock.GetUtcNow(), ct), null);
    }
}
