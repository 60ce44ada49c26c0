using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// 网上巡查 in the browser (issue 9 item 2): the supervisor enrols TOTP, starts a patrol of a past quarter, records the
/// human check of the sample (one entry of the market regulator with a problem) and sends the findings; the market
/// regulator's head answers each of its findings; the supervisor confirms them. No console errors or CSP violations.
/// </summary>
public sealed class PatrolTests(E2EFixture fixture)
{
    [Fact]
    public async Task The_supervisor_starts_a_patrol_and_sends_findings_the_agency_head_answers_and_the_supervisor_confirms()
    {
        // Enrolled (or answering the code prompt) through the fixture, which the dashboard's test shares.
        var supervisor = await fixture.SignedInWithTotpAsync("sfj.supervisor");
        var problems = await PageProblems.WatchAsync(supervisor);
        await supervisor.GotoAsync("/workbench");
        await Expect(supervisor).ToHaveURLAsync(new Regex("/workbench$"));

        await supervisor.Locator(".site-nav").GetByRole(AriaRole.Link, new() { Name = "网上巡查" }).ClickAsync();
        await Expect(supervisor).ToHaveURLAsync(new Regex("/workbench/patrols$"));
        // The demo county's finished patrol of last quarter is listed.
        await Expect(supervisor.GetByTestId("patrol-list")).ToContainTextAsync("已完结");
        await fixture.ScreenshotAsync(supervisor, "patrol-list.png");

        // Two quarters back: finished, with the market regulator's decisions on the portal.
        var today = DateTime.UtcNow.AddHours(8);
        var n = today.Year * 4 + (today.Month - 1) / 3 - 2;
        var quarter = $"{n / 4}Q{n % 4 + 1}";
        await supervisor.GetByTestId("patrol-quarter").SelectOptionAsync(quarter);
        await supervisor.GetByTestId("patrol-start-button").ClickAsync();
        await Expect(supervisor).ToHaveURLAsync(new Regex("/workbench/patrols/[0-9a-f-]{36}$"));
        await Expect(supervisor.GetByTestId("patrol-status")).ToHaveTextAsync("巡查中");
        await Expect(supervisor.Locator("h1")).ToContainTextAsync("行政执法公示网上巡查情况的通报");
        var patrolPath = new Uri(supervisor.Url).AbsolutePath;

        // The human check: the first sampled entry of the market regulator has a problem, the others none.
        var flagged = supervisor.GetByTestId("patrol-samples").Locator("li").Filter(new() { HasText = "安市监" }).First;
        await flagged.Locator("input[name=problem][value=true]").CheckAsync();
        await flagged.Locator("input[name=note]").FillAsync("公示摘要的违法事实未载明违法行为发生的时间和地点，与决定书全文详略不一致。");
        await fixture.ScreenshotAsync(supervisor, "patrol-running.png");
        await flagged.GetByTestId("sample-submit").ClickAsync();
        await Expect(supervisor.GetByTestId("patrol-message")).ToContainTextAsync("已列为巡查问题");
        var forms = supervisor.Locator(".patrol-sample-form");
        for (var left = await forms.CountAsync(); left > 0; left--)
        {
            await forms.First.GetByTestId("sample-submit").ClickAsync();
            await Expect(forms).ToHaveCountAsync(left - 1);
        }

        await supervisor.GetByTestId("patrol-send-button").ClickAsync();
        await Expect(supervisor.GetByTestId("patrol-message")).ToContainTextAsync("整改通知已下发");
        await Expect(supervisor.GetByTestId("patrol-status")).ToHaveTextAsync("已下发整改");
        await Expect(supervisor.Locator(".patrol-finding").Filter(new() { HasText = "人工抽查问题" })).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(supervisor, "patrol-sent.png");

        // The market regulator's head sees only its own findings and answers each.
        var head = await fixture.SignedInAsync("scjg.head");
        await head.Locator(".site-nav").GetByRole(AriaRole.Link, new() { Name = "网上巡查" }).ClickAsync();
        await head.GetByTestId("patrol-list").Locator($"a[href='{patrolPath}']").ClickAsync();
        await Expect(head.GetByTestId("patrol-status")).ToHaveTextAsync("已下发整改");
        await Expect(head.Locator(".patrol-agency h3")).ToHaveTextAsync("安和县市场监督管理局");
        var answers = head.Locator(".patrol-answer-form");
        var count = await answers.CountAsync();
        Assert.True(count >= 1, "市场监管局应至少有一个待整改问题");
        await answers.First.Locator("textarea").FillAsync("已按决定书全文补充公示摘要中违法行为发生的时间和地点，更正后重新公示，并对本季度其余公示摘要逐条核对。");
        await fixture.ScreenshotAsync(head, "patrol-agency-answer.png");
        for (var left = count; left > 0; left--)
        {
            await answers.First.Locator("textarea").FillAsync("已整改：撤下原公示信息，更正后重新公示，并明确公示专员每日查看到期提醒。");
            await answers.First.Locator("button[type=submit]").ClickAsync();
            await Expect(answers).ToHaveCountAsync(left - 1);
        }

        await Expect(head.GetByTestId("patrol-message")).ToContainTextAsync("已答复");
        await Expect(head.Locator(".patrol-answer")).ToHaveCountAsync(count);
        await fixture.ScreenshotAsync(head, "patrol-agency-answered.png");

        // The supervisor confirms the answers.
        await supervisor.GotoAsync(patrolPath);
        var confirms = supervisor.Locator(".patrol-finding button[data-testid^=confirm-]");
        await Expect(confirms).ToHaveCountAsync(count);
        for (var left = count; left > 0; left--)
        {
            await confirms.First.ClickAsync();
            await Expect(confirms).ToHaveCountAsync(left - 1);
        }

        await Expect(supervisor.Locator(".patrol-finding").Filter(new() { HasText = "已确认整改" })).ToHaveCountAsync(count);
        await fixture.ScreenshotAsync(supervisor, "patrol-confirmed.png");
        await problems.CollectCspViolationsAsync(supervisor);
        Assert.True(problems.Problems.Count == 0, "browser problems:\n" + string.Join('\n', problems.Problems));
    }
}
