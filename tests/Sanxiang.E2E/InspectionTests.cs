using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// 双随机抽查 in the browser (issue 8): a unit head drafts a plan, the agency head approves it and the commitment appears
/// on the portal, the unit head draws and the inspection tasks appear; a visitor opens the plan on the portal and has the
/// draw verified step by step in plain Chinese. No console errors or CSP violations on the public pages.
/// </summary>
public sealed class InspectionTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_plan_is_drafted_approved_drawn_and_a_visitor_verifies_the_draw()
    {
        var title = "E2E餐饮服务单位抽查" + Guid.NewGuid().ToString("N")[..4];
        var unitHead = await fixture.SignedInAsync("scjg.unithead");
        await unitHead.GotoAsync("/workbench");
        await unitHead.GetByTestId("inspections-link").ClickAsync();
        await Expect(unitHead).ToHaveURLAsync(new Regex("/workbench/inspections$"));
        await Expect(unitHead.GetByTestId("workbench-plans")).ToContainTextAsync("2026年第二季度餐饮服务单位食品安全双随机抽查");

        // The inspector directory, derived from the officer list in force: who may be sent on which item.
        await Expect(unitHead.GetByTestId("inspector-directory")).ToContainTextAsync("对餐饮服务提供者的监督检查");

        var form = unitHead.GetByTestId("plan-form");
        await form.Locator("#title").FillAsync(title);
        await form.Locator("input[name='Form.ItemCodes'][value='360736-SCJG-JC-001']").CheckAsync();
        await form.Locator("input[name='Form.Industries'][value='餐饮服务']").CheckAsync();
        await form.Locator("input[name='Form.ByCount'][value='true']").CheckAsync();
        await form.Locator("#count").FillAsync("3");
        await form.Locator("#drawOn").FillAsync(E2EFixture.Day(0));
        await fixture.ScreenshotAsync(unitHead, "inspection-plan-form.png");
        await unitHead.GetByTestId("plan-submit").ClickAsync();

        await Expect(unitHead).ToHaveURLAsync(new Regex("/workbench/inspections/[0-9a-f-]{36}$"));
        await Expect(unitHead.GetByTestId("plan-status")).ToHaveTextAsync("草拟");
        await Expect(unitHead.GetByTestId("plan-preview")).ToContainTextAsync("将抽取 3 户");
        var planPath = new Uri(unitHead.Url).AbsolutePath;
        var planId = planPath.Split('/')[^1];

        var head = await fixture.SignedInAsync("scjg.head");
        await head.GotoAsync(planPath);
        await head.GetByTestId("approve-button").ClickAsync();
        await Expect(head.GetByTestId("plan-message")).ToContainTextAsync("已批准并公布承诺值");
        await Expect(head.GetByTestId("plan-status")).ToHaveTextAsync("已公布承诺值，待抽取");
        await fixture.ScreenshotAsync(head, "inspection-plan-approved.png");

        await unitHead.ReloadAsync();
        await unitHead.GetByTestId("draw-button").ClickAsync();
        await Expect(unitHead.GetByTestId("plan-message")).ToContainTextAsync("已抽取");
        await Expect(unitHead.GetByTestId("plan-tasks").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(unitHead.GetByTestId("plan-tasks")).ToContainTextAsync("安市监立");
        await fixture.ScreenshotAsync(unitHead, "inspection-plan-drawn.png");

        await using var visitor = await fixture.NewContextAsync();
        var page = await visitor.NewPageAsync();
        var problems = await PageProblems.WatchAsync(page);
        await page.GotoAsync("/inspections");
        await page.GetByTestId("plan-list").GetByRole(AriaRole.Link).Filter(new() { HasText = "安市监抽" }).First.WaitForAsync();
        await page.GotoAsync($"/inspections/{planId}");
        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Expect(page.GetByTestId("seed")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));
        await Expect(page.GetByTestId("inspection-results").Locator("tbody tr")).ToHaveCountAsync(3);
        await fixture.ScreenshotAsync(page, "inspection-portal-plan.png");

        await page.GetByTestId("verify-link").ClickAsync();
        await Expect(page.GetByTestId("verify-verdict")).ToContainTextAsync("抽取结果与公布的输入完全一致");
        await Expect(page.GetByTestId("verify-steps").Locator("li")).ToHaveCountAsync(7);
        await Expect(page.GetByTestId("verify-steps")).ToContainTextAsync("核对种子与承诺值：通过");
        await fixture.ScreenshotAsync(page, "inspection-portal-verify.png");

        await page.GotoAsync("/inspections/how");
        await Expect(page.Locator("h1")).ToHaveTextAsync("双随机抽取如何做到公正可查");
        await problems.CollectCspViolationsAsync(page);
        Assert.True(problems.Problems.Count == 0, "browser problems:\n" + string.Join('\n', problems.Problems));
    }
}
