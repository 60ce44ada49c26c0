using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// 案卷评查 in the browser (issue 9, item 3): the supervisor reads the demo's finished evaluation (ranking, files, a scored
/// file), sets up a new one from the form, draws it, and scores a file assigned to them — a deduction without a reason is
/// refused in Chinese, the flagged vetoes are answered, and the grade is shown. No console errors or CSP violations.
/// </summary>
public sealed class EvaluationTests(E2EFixture fixture)
{
    [Fact]
    public async Task The_supervisor_reads_the_finished_evaluation_sets_up_and_draws_a_new_one_and_scores_a_file()
    {
        var page = await fixture.SignedInWithTotpAsync("sfj.supervisor");
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync("/workbench");
        await page.GetByTestId("evaluations-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench/evaluations$"));
        var list = page.GetByTestId("evaluation-list");
        await Expect(list).ToContainTextAsync("已完成");

        // The demo's finished evaluation: files with grades, the ranking, the verifiable draw.
        await list.Locator("a").Last.ClickAsync();
        await Expect(page.GetByTestId("evaluation-status")).ToHaveTextAsync("已完成");
        Assert.True(await page.GetByTestId("evaluation-files").Locator("tbody tr").CountAsync() >= 2);
        await Expect(page.GetByTestId("evaluation-ranking").Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("evaluation-seed")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await fixture.ScreenshotAsync(page, "evaluation-finished.png");
        await page.GetByTestId("evaluation-files").Locator("tbody tr").First.Locator("a").ClickAsync();
        await Expect(page.GetByTestId("file-grade")).ToHaveTextAsync(new Regex("^(优秀|合格|不合格)$"));
        await Expect(page.GetByTestId("file-save")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "evaluation-file-scored.png");

        // A new evaluation over this year's closed files, evaluated by the supervisor and a reviewer of the market regulator.
        await page.GotoAsync("/workbench/evaluations");
        var form = page.GetByTestId("evaluation-new");
        await page.GetByTestId("evaluation-title").FillAsync("本年度第二批行政执法案卷评查");
        await page.GetByTestId("evaluation-from").FillAsync(E2EFixture.Day(-330));
        await page.GetByTestId("evaluation-to").FillAsync(E2EFixture.Day(-1));
        await page.GetByTestId("evaluation-per-agency").FillAsync("2");
        await form.Locator("label.check", new() { HasText = "县司法局执法监督科" }).Locator("input").CheckAsync();
        await form.Locator("label.check", new() { HasText = "市场监督管理局" }).First.Locator("input").CheckAsync();
        await fixture.ScreenshotAsync(page, "evaluation-new.png");

        // A form whose points do not add up is refused, the text kept for correction.
        var text = await page.GetByTestId("evaluation-form").InputValueAsync();
        await page.GetByTestId("evaluation-form").FillAsync(text.Replace("= 卷面 20", "= 卷面 30", StringComparison.Ordinal));
        await page.GetByTestId("evaluation-create").ClickAsync();
        await Expect(page.GetByTestId("evaluation-error")).ToContainTextAsync("部分“卷面”为 30 分，其下评查要点合计 20 分，分值不一致");
        await page.GetByTestId("evaluation-form").FillAsync(text);
        await page.GetByTestId("evaluation-create").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench/evaluations/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("evaluation-status")).ToHaveTextAsync("待抽取");

        await page.GetByTestId("evaluation-draw-button").ClickAsync();
        await Expect(page.GetByTestId("evaluation-message")).ToContainTextAsync("已抽取案卷");
        await Expect(page.GetByTestId("evaluation-status")).ToHaveTextAsync("评查中");
        await fixture.ScreenshotAsync(page, "evaluation-drawn.png");

        // Score a file the draw gave the supervisor (the market regulator's files cannot go to its own reviewer).
        await page.GetByTestId("evaluation-files").Locator("tr", new() { HasText = "待我评分" }).First.Locator("a").ClickAsync();
        await page.GetByTestId("deduct-4").FillAsync("1");
        await page.GetByTestId("file-save").ClickAsync();
        await Expect(page.GetByTestId("file-error")).ToContainTextAsync("第 4 项扣 1 分，应写明扣分理由");
        await page.Locator("input[name=r4]").FillAsync("询问通知书文号与现场检查笔录所附文书编号不连续。");
        foreach (var veto in await page.Locator(".evaluation-veto.flagged").AllAsync())
        {
            await veto.Locator("input[value=dismissed]").CheckAsync();
            await veto.Locator("input[type=text]").FillAsync("经查阅案卷，笔录记载了检查情况，预检提示的情形不影响执法行为的合法性。");
        }

        await page.Locator("#comment").FillAsync("案卷总体规范，文书编号需注意连续。");
        await page.GetByTestId("file-save").ClickAsync();
        await Expect(page.GetByTestId("file-message")).ToContainTextAsync("得分 99 分，等次为优秀");
        await Expect(page.GetByTestId("file-grade")).ToHaveTextAsync("优秀");
        await fixture.ScreenshotAsync(page, "evaluation-file-scoring.png");
        await page.GetByTestId("file-score").ScreenshotAsync(new() { Path = Path.Combine(fixture.ArtifactsDirectory, "evaluation-score-form.png") });

        await problems.CollectCspViolationsAsync(page);
        // The refused submissions answer 400, which the browser also reports on its console; nothing else may appear.
        Assert.DoesNotContain(problems.Problems, p => !p.Contains("400", StringComparison.Ordinal));
    }
}
