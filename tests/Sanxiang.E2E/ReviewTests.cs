using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// The legal reviewer's workbench (issue 6, item 7) in the browser: the queue of the demo county's cases waiting for an
/// opinion with their review deadlines, the way into a case, and the figures per agency and per reviewer with their
/// spreadsheet; a period that makes no sense is refused in Chinese.
/// </summary>
public sealed class ReviewTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_reviewer_finds_the_queue_with_deadlines_and_the_figures_of_the_year()
    {
        var reviewer = await fixture.SignedInAsync("scjg.reviewer");
        await reviewer.GotoAsync("/workbench");
        await reviewer.GetByTestId("reviews-link").ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workbench/reviews$"));

        var queue = reviewer.GetByTestId("review-queue");
        await Expect(queue).ToContainTextAsync("第 1 轮");
        await Expect(queue).ToContainTextAsync("适用一般程序的行政处罚决定都要进行法制审核");
        await Expect(queue.Locator("td[data-label=审核期限]").First).ToContainTextAsync("工作日");
        // The demo's case sent back with one problem and not yet resubmitted.
        await Expect(reviewer.GetByTestId("review-returned")).ToContainTextAsync("法制审核退回补正中");
        await Expect(reviewer.GetByTestId("review-returned")).ToContainTextAsync("1 个");
        var agencies = reviewer.GetByTestId("statistics-agencies");
        await Expect(agencies).ToContainTextAsync("市场监管局");
        await Expect(agencies).ToContainTextAsync("合计");
        await Expect(reviewer.GetByTestId("statistics-reviewers")).ToContainTextAsync("个工作日");
        await fixture.ScreenshotAsync(reviewer, "review-workbench.png");

        var download = await reviewer.RunAndWaitForDownloadAsync(() => reviewer.GetByTestId("statistics-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("首次审核通过率", csv, StringComparison.Ordinal);
        Assert.Contains("合计", csv, StringComparison.Ordinal);

        // Into a case from the queue: the case page opens at its review.
        await queue.Locator("td[data-label=案号] a").First.ClickAsync();
        await Expect(reviewer.GetByTestId("review-reasons")).ToBeVisibleAsync();

        await reviewer.GotoAsync($"/workbench/reviews?from={E2EFixture.Day(0)}&to={E2EFixture.Day(-1)}");
        await Expect(reviewer.GetByTestId("period-problem")).ToHaveTextAsync("统计期间的起始日期不能晚于截止日期。");
    }
}
