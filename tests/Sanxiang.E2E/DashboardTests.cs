using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// 执法监督数据看板 in the browser (issue 9, item 1): the county supervisor opens the dashboard, sees the charts drawn (SVG
/// with marks in it) and their tables, narrows it to one agency and downloads a table as CSV; an agency head sees only
/// their agency; a reversed period is refused in Chinese. No console errors or CSP violations.
/// </summary>
public sealed class DashboardTests(E2EFixture fixture)
{
    [Fact]
    public async Task The_supervisor_sees_charts_and_tables_and_an_agency_head_only_their_agency()
    {
        var page = await fixture.SignedInWithTotpAsync("sfj.supervisor");
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync("/workbench");
        await page.GetByTestId("dashboard-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench/dashboard$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("执法监督数据看板");

        // The charts are drawn: an SVG with a non-empty line, bars and calendar days.
        var trend = page.GetByTestId("chart-trend");
        await Expect(trend).ToBeVisibleAsync();
        Assert.Matches(@"\d+(\.\d+)?,\d+(\.\d+)? \d", await trend.Locator("polyline").First.GetAttributeAsync("points") ?? "");
        var bars = page.GetByTestId("chart-agencies").Locator("rect.bar");
        Assert.True(await bars.CountAsync() >= 5, "各执法主体的柱形应当画出");
        Assert.True(await page.GetByTestId("chart-calendar").Locator("rect.day").CountAsync() > 28);
        var box = await trend.BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 150 }, $"趋势图尺寸 {box?.Width}×{box?.Height}");

        // The table view beside the chart holds the same figures, one row per agency and the total.
        var opened = int.Parse(await page.GetByTestId("kpi-opened").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(opened > 0);
        var agencies = page.GetByTestId("table-agencies");
        await agencies.Locator("summary").ClickAsync();
        await Expect(agencies.Locator("tbody tr").Last).ToContainTextAsync("合计");
        await Expect(agencies.Locator("tbody tr").Last.Locator("td").First).ToHaveTextAsync(opened.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(agencies).ToContainTextAsync("县市场监管局");
        await fixture.ScreenshotAsync(page, "dashboard-county.png");
        foreach (var chart in new[] { "chart-trend", "chart-reviewers", "chart-stages", "chart-overdue", "chart-calendar" })
        {
            await page.GetByTestId(chart).ScreenshotAsync(new() { Path = Path.Combine(fixture.ArtifactsDirectory, $"dashboard-{chart}.png") });
        }

        var csv = await page.APIRequest.GetAsync(await page.GetByTestId("csv-agencies").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, csv.Status);
        Assert.Contains("执法主体,立案,作出决定", await csv.TextAsync(), StringComparison.Ordinal);

        // Narrowed to one agency.
        await page.GetByTestId("dashboard-agency").SelectOptionAsync("SCJG");
        await page.GetByTestId("dashboard-period").Locator("button").ClickAsync();
        await Expect(page.Locator("p.lead")).ToContainTextAsync("市场监督管理局");
        await fixture.ScreenshotAsync(page, "dashboard-agency.png");

        // A period that ends before it starts.
        await page.GotoAsync("/workbench/dashboard?from=2026-06-30&to=2026-01-01");
        await Expect(page.GetByTestId("dashboard-problem")).ToHaveTextAsync("统计期间的起始日期不能晚于截止日期。");
        await problems.CollectCspViolationsAsync(page);
        // The refused period answers 400, which the browser also reports on its console; nothing else may appear.
        Assert.DoesNotContain(problems.Problems, p => !p.StartsWith("HTTP 400 for GET", StringComparison.Ordinal) && !p.Contains("status of 400", StringComparison.Ordinal));

        var head = await fixture.SignedInAsync("sthj.head");
        await head.GotoAsync("/workbench/dashboard");
        await Expect(head.GetByTestId("dashboard-agency")).ToHaveCountAsync(0);
        await Expect(head.Locator("p.lead")).ToContainTextAsync("生态环境");
        await Expect(head.GetByTestId("table-agencies").Locator("tbody tr")).ToHaveCountAsync(1);
    }
}
