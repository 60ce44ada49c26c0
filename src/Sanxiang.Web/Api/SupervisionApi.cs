using Sanxiang.Core;
using Sanxiang.Core.Supervision;
using Sanxiang.Data;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Areas.Workbench.Pages.Supervision;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Supervision;

namespace Sanxiang.Web.Api;

/// <summary>A dashboard table: its key, title, column headers and rows (text as shown on the page and in its CSV).</summary>
public sealed record DashboardTableDto(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows);

/// <summary>The dashboard of the county or one agency for a period: the figures and the tables built from them.</summary>
public sealed record DashboardDto(DateOnly From, DateOnly To, DateOnly Today, string Scope, Dashboard Figures, IReadOnlyList<DashboardTableDto> Tables);

/// <summary>
/// 执法监督数据看板 through <c>/api/v1/supervision/dashboard</c> (issue 9, item 1): the same figures and tables as the
/// workbench page, for supervisors (the county, or <c>?agency=</c> one agency) and agency heads (their agency).
/// </summary>
public static class SupervisionApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/supervision").WithTags("执法监督");
        group.MapGet("/dashboard", Dashboard)
            .WithSummary("执法监督数据看板：?from= ?to= 统计期间（默认本年至今），监督人员可用 ?agency= 指定执法主体代码")
            .Produces<DashboardDto>().ProducesProblem(400).ProducesProblem(403);
    }

    private static async Task<IResult> Dashboard(SanxiangDbContext db, HttpContext http, TimeProvider clock, DateOnly? from, DateOnly? to, string? agency)
    {
        if (!DashboardModel.Readers.Any(http.User.IsInRole))
        {
            return Problems.Result(http, 403, "执法监督数据看板仅供司法行政监督人员和行政机关负责人查看。");
        }

        var today = ChinaTime.Today(clock);
        var (f, t, problem) = StatisticsPeriod.Check(from, to, today);
        if (problem is not null)
        {
            return Problems.Result(http, 400, problem);
        }

        var (agencyId, agencyProblem) = await DashboardScope.AgencyAsync(db, agency, http.RequestAborted);
        if (agencyProblem is not null)
        {
            return Problems.Result(http, 400, agencyProblem);
        }

        var figures = await DashboardQueries.LoadAsync(db, agencyId, f, t, today, clock.GetUtcNow(), http.RequestAborted);
        return TypedResults.Ok(new DashboardDto(f, t, today, figures.ScopeName, figures,
            [.. DashboardTables.Build(figures).Select(x => new DashboardTableDto(x.Key, x.Title, x.Headers, x.Rows))]));
    }
}
