using Microsoft.AspNetCore.Http.HttpResults;
using Sanxiang.Core.Calendar;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record WorkdayAnswer(DateOnly Date, bool IsWorkday, string Kind, string Reason);

public sealed record DueDateAnswer(DateOnly From, int Days, DateOnly Due, string Rule);

public static class WorkdaysApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/workdays").WithTags("工作日历").AllowAnonymous();
        g.MapGet("/{date}", Classify).WithSummary("某日是工作日还是休息日，以及原因（国务院办公厅放假安排）")
            .ProducesProblem(400).ProducesProblem(422);
        g.MapGet("/due", Due).WithSummary("期限计算：起算日后第 N 个工作日（起算日不计入）")
            .ProducesValidationProblem().ProducesProblem(422);
    }

    private static Results<Ok<WorkdayAnswer>, ProblemHttpResult> Classify(string date, CalendarProvider calendar, HttpContext http)
    {
        if (!TryParseDate(date, out var d))
        {
            return TypedResults.Problem(Problems.Create(http, 400, detail: $"日期“{date}”格式不正确，应为 YYYY-MM-DD，例如 2026-10-08。"));
        }

        var info = calendar.Current.Classify(d);
        return TypedResults.Ok(new WorkdayAnswer(d, info.Kind == DayKind.Workday, info.Kind == DayKind.Workday ? "workday" : "restday", info.Reason));
    }

    private static Results<Ok<DueDateAnswer>, ProblemHttpResult> Due(string? from, string? days, CalendarProvider calendar, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryParseDate(from, out var start))
        {
            errors["from"] = ["起算日 from 缺失或格式不正确，应为 YYYY-MM-DD。"];
        }

        if (!int.TryParse(days, out var n) || n < 1 || n > 366)
        {
            errors["days"] = ["工作日数 days 应为 1 到 366 之间的整数。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(Problems.Create(http, 400, "参数有误", "请检查 from 和 days 参数。", errors));
        }

        var due = calendar.Current.AddWorkdays(start, n);
        return TypedResults.Ok(new DueDateAnswer(start, n, due, $"自 {start:yyyy-MM-dd} 起（当日不计入）第 {n} 个工作日"));
    }

    private static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);
}
