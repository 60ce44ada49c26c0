using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// 投诉举报 in the browser (issue 9 item 4): a citizen files a complaint on the portal — the page's own script solves the
/// challenge, as in any browser — and gets a tracking number and a query code; the market regulator's head accepts and
/// answers it on the workbench; the citizen reads the answer on the status page. No console errors or CSP violations.
/// </summary>
public sealed class ComplaintTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_citizen_files_a_complaint_the_head_answers_it_and_the_citizen_reads_the_answer()
    {
        var subject = "解放路超市销售过期酸奶" + Guid.NewGuid().ToString("N")[..4];
        await using var citizen = await fixture.NewContextAsync();
        var page = await citizen.NewPageAsync();
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "投诉举报", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/complaints$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("投诉举报");

        var form = page.GetByTestId("complaint-form");
        await form.Locator("input[name='Form.Kind'][value='投诉']").CheckAsync();
        await page.GetByTestId("complaint-agency").SelectOptionAsync(new SelectOptionValue { Label = "安和县市场监督管理局" });
        await form.Locator("input[name='Form.Subject']").FillAsync(subject);
        await form.Locator("textarea[name='Form.Content']").FillAsync(
            "11月24日下午我在城关镇解放路惠民超市买了两盒酸奶，回家发现已超过保质期三天。找超市理论，店员只同意退款，不承认有问题。请求依法处理。");
        await form.Locator("input[name='Form.Respondent']").FillAsync("安和县惠民超市有限公司");
        await form.Locator("input[name='Form.Place']").FillAsync("城关镇解放路22号");
        await form.Locator("input[name='Form.Name']").FillAsync("张先生");
        await form.Locator("input[name='Form.Phone']").FillAsync("13812345678");
        await form.Locator("input[name='Form.ConsentToContact']").CheckAsync();
        // The page's script found the proof of work: the sum for browsers without script is hidden.
        await Expect(page.Locator(".challenge.solved")).ToBeVisibleAsync();
        await Expect(page.Locator(".challenge-status")).ToHaveTextAsync("已自动完成人机验证，可以提交。");
        await Expect(page.GetByTestId("challenge-answer")).ToBeHiddenAsync();
        await fixture.ScreenshotAsync(page, "complaint-form.png");
        // A person takes more than the form's minimum fill time (5 seconds).
        await page.WaitForTimeoutAsync(5200);
        await page.GetByTestId("complaint-submit").ClickAsync();

        await Expect(page.GetByTestId("complaint-receipt")).ToBeVisibleAsync();
        var number = await page.GetByTestId("tracking-number").InnerTextAsync();
        var code = await page.GetByTestId("query-code").InnerTextAsync();
        Assert.Matches(@"^TS\d{12}$", number);
        Assert.Matches("^[A-Z0-9]{10}$", code);
        await Expect(page.GetByTestId("complaint-receipt")).ToContainTextAsync("已转交执法机关，待受理");
        await fixture.ScreenshotAsync(page, "complaint-receipt.png");

        // The head of the market regulator finds it in the list, accepts it and answers.
        var head = await fixture.SignedInAsync("scjg.head");
        await head.GotoAsync("/workbench/complaints");
        await Expect(head.GetByTestId("complaint-figures")).ToContainTextAsync("安和县市场监督管理局");
        await head.GetByTestId("complaint-list").GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(head.GetByTestId("complaint-status")).ToHaveTextAsync("已转交执法机关，待受理");
        await Expect(head.Locator(".complaint-content")).ToContainTextAsync("已超过保质期三天");
        await head.GetByTestId("accept-button").ClickAsync();
        await Expect(head.GetByTestId("complaint-message")).ToContainTextAsync("已受理");
        await head.GetByTestId("answer-text").FillAsync(
            "张先生：您好！您反映的问题我局已派执法人员现场核查，该超市确有销售超过保质期酸奶的行为，已责令其立即下架，并依法立案调查。关于退赔，可与经营者协商。感谢您的监督。安和县市场监督管理局");
        await fixture.ScreenshotAsync(head, "complaint-workbench-answer.png");
        await head.GetByTestId("answer-button").ClickAsync();
        await Expect(head.GetByTestId("complaint-status")).ToHaveTextAsync("已答复");
        await Expect(head.GetByTestId("complaint-reply")).ToContainTextAsync("已责令其立即下架");
        await fixture.ScreenshotAsync(head, "complaint-workbench-answered.png");

        // The citizen looks it up with the number and the code.
        await page.GotoAsync("/complaints/status");
        var lookup = page.GetByTestId("status-form");
        await lookup.Locator("input[name='TrackingNumber']").FillAsync(number);
        await lookup.Locator("input[name='QueryCode']").FillAsync(code);
        await lookup.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status-name")).ToHaveTextAsync("已答复");
        await Expect(page.GetByTestId("complaint-reply")).ToContainTextAsync("已责令其立即下架");
        await Expect(page.GetByTestId("complaint-status")).ToContainTextAsync("安和县市场监督管理局");
        await fixture.ScreenshotAsync(page, "complaint-status.png");

        // A wrong code: the same refusal as an unknown number.
        await lookup.Locator("input[name='TrackingNumber']").FillAsync(number);
        await lookup.Locator("input[name='QueryCode']").FillAsync("ABCDEFGHJK");
        await lookup.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status-refusal")).ToContainTextAsync("没有查到与该受理编号和查询码相符的投诉举报");
        await problems.CollectCspViolationsAsync(page);
        Assert.True(problems.Problems.Count == 0, "browser problems:\n" + string.Join('\n', problems.Problems));
    }
}
