using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// 行政执法数据年度报告 in the browser (issue 9, item 5): the environment bureau's head opens last year's report from the
/// workbench, sees the generated figures, is refused a comment with markup, writes the commentary and publishes; the
/// public portal lists the report and its page shows the commentary and figures; the supervisor sees the county's
/// standing. No console errors or CSP violations.
/// </summary>
public sealed class AnnualReportTests(E2EFixture fixture)
{
    private static int Year => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year - 1;

    [Fact]
    public async Task The_agency_writes_commentary_and_publishes_and_the_portal_shows_it()
    {
        var year = Year.ToString(CultureInfo.InvariantCulture);
        var page = await fixture.SignedInAsync("sthj.head");
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync("/workbench");
        await page.GetByTestId("annual-reports-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench/annual-reports$"));
        await page.GetByTestId($"annual-open-{year}").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync($"{year}年度行政执法数据报告");
        await Expect(page.GetByTestId("annual-timeliness")).ToHaveTextAsync("尚未公布");
        Assert.True(await page.GetByTestId("annual-section").CountAsync() == 8, "八个部分的统计表");
        await fixture.ScreenshotAsync(page, "annual-report-draft.png");

        // Markup is refused for the field, with what was typed kept.
        await page.GetByTestId("annual-workSummary").FillAsync("全年依法开展生态环境行政执法工作。");
        await page.GetByTestId("annual-problems").FillAsync("<b>存在问题</b>");
        await page.GetByTestId("annual-nextSteps").FillAsync("加强执法人员培训。");
        await page.GetByTestId("annual-save").ClickAsync();
        await Expect(page.GetByTestId("error-problems")).ToContainTextAsync("只能填写纯文本");
        await Expect(page.GetByTestId("annual-problems")).ToHaveValueAsync("<b>存在问题</b>");
        await fixture.ScreenshotAsync(page, "annual-report-refused.png");

        await page.GetByTestId("annual-workSummary").FillAsync(
            $"{year}年，本局坚持严格规范公正文明执法，全面落实行政执法三项制度，对排污单位开展“双随机、一公开”抽查，依法查处环境违法行为。\n行政处罚决定全部经法制审核，并在规定期限内向社会公示。");
        await page.GetByTestId("annual-problems").FillAsync("一是个别案件调查取证不够及时；二是执法人员专业培训不足。");
        await page.GetByTestId("annual-nextSteps").FillAsync("一是加强执法人员业务培训；二是规范现场检查的音像记录。");
        await page.GetByTestId("annual-publish").ClickAsync();
        await Expect(page.GetByTestId("annual-saved")).ToContainTextAsync("年度报告已公布");
        await Expect(page.GetByTestId("annual-versions")).ToContainTextAsync("已公布");
        await fixture.ScreenshotAsync(page, "annual-report-published.png");

        // The public portal, without signing in.
        var visitor = await (await fixture.NewContextAsync()).NewPageAsync();
        var visitorProblems = await PageProblems.WatchAsync(visitor);
        await visitor.GotoAsync($"/annual-reports?year={year}");
        var link = visitor.GetByTestId("annual-list").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("生态环境") });
        await Expect(link).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(visitor, "annual-report-portal-list.png");
        await link.ClickAsync();
        await Expect(visitor.GetByTestId("annual-title")).ToContainTextAsync($"{year}年度行政执法数据报告");
        await Expect(visitor.GetByTestId("annual-workSummary")).ToContainTextAsync("双随机、一公开");
        await Expect(visitor.GetByTestId("annual-problems")).ToContainTextAsync("调查取证不够及时");
        await Expect(visitor.GetByTestId("annual-digest")).ToContainTextAsync(new Regex("SHA-256 [0-9a-f]{64}"));
        await fixture.ScreenshotAsync(visitor, "annual-report-portal.png");
        var pdf = await visitor.APIRequest.GetAsync(await visitor.GetByTestId("annual-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]), StringComparison.Ordinal);

        // The supervisor's overview: the demo's late and on-time reports, this one, the county total.
        var supervisor = await fixture.SignedInWithTotpAsync("sfj.supervisor");
        await supervisor.GotoAsync($"/workbench/annual-reports?year={year}");
        await Expect(supervisor.GetByTestId("annual-overview")).ToContainTextAsync("生态环境");
        await Expect(supervisor.GetByTestId("annual-overview")).ToContainTextAsync("逾期公布");
        await fixture.ScreenshotAsync(supervisor, "annual-report-overview.png");

        await problems.CollectCspViolationsAsync(page);
        await visitorProblems.CollectCspViolationsAsync(visitor);
        // The refused comment answers 400, which the browser reports on its console; nothing else may appear.
        Assert.DoesNotContain(problems.Problems, p => !p.StartsWith("HTTP 400 for POST", StringComparison.Ordinal) && !p.Contains("status of 400", StringComparison.Ordinal));
        Assert.Empty(visitorProblems.Problems);
    }
}
