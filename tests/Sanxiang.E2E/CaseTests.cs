using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// One whole general-procedure penalty case in the browser, as the people who handle it do: an officer files the
/// registration form, both officers declare on recusal, the unit head approves, the officers investigate, the unit head
/// sends the notice, the reviewer agrees, the agency head decides, the officer serves and records payment, the unit
/// head closes and the case is sealed. A step tried too early shows the rule that blocks it.
/// </summary>
public sealed class CaseTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_general_procedure_penalty_case_from_registration_to_archive()
    {
        var officer = await fixture.SignedInAsync("scjg.officer");
        await officer.GotoAsync("/workbench");
        await officer.GetByTestId("cases-link").ClickAsync();
        await officer.GetByTestId("new-case").ClickAsync();
        var form = officer.GetByTestId("new-case-form");
        await form.Locator("select[name=ItemCode]").SelectOptionAsync("360736-SCJG-CF-001");
        await form.Locator("input[name=Cause]").FillAsync("涉嫌经营农药残留超过食品安全标准限量的食用农产品案");
        await form.Locator("select[name=Source]").SelectOptionAsync("监督检查");
        await form.Locator("input[name=OccurredOn]").FillAsync(E2EFixture.Day(-20));
        await form.Locator("input[name=PartyName]").FillAsync("安和县鲜丰农贸有限公司");
        await form.Locator("input[name=CreditCode]").FillAsync(CreditCode);
        await form.Locator("input[name=Representative]").FillAsync("王建华");
        await form.Locator("input[name=Address]").FillAsync("安和县城关镇人民路168号");
        // The officer's own box is ticked; one officer is not enough.
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(officer.GetByTestId("case-errors")).ToContainTextAsync("两名以上承办人员");
        await form.Locator("input[name=OfficerIds]").Nth(1).CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/workbench/cases/[0-9a-f-]{36}$"));
        var caseUrl = officer.Url;
        await Expect(officer.GetByTestId("case-status")).ToHaveTextAsync("立案");

        await officer.Locator("[data-testid^=declare-no-conflict]").First.ClickAsync();
        await Expect(officer.GetByTestId("case-message")).ToContainTextAsync("回避声明已记录");
        var officer2 = await fixture.SignedInAsync("scjg.officer2");
        await officer2.GotoAsync(caseUrl);
        await officer2.Locator("[data-testid^=declare-no-conflict]").First.ClickAsync();
        await Expect(officer2.GetByTestId("case-message")).ToBeVisibleAsync();

        var unitHead = await fixture.SignedInAsync("scjg.unithead");
        await unitHead.GotoAsync(caseUrl);
        await Take(unitHead, "investigate", new() { ["register.opinion"] = "经审查，符合立案条件，同意立案。" });

        // The on-site photo, through the API an officer's phone app uses (the decision must list its evidence).
        await officer.GotoAsync(caseUrl);
        var photo = Convert.FromBase64String(
            "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");
        var uploaded = await officer.APIRequest.PostAsync(
            $"{caseUrl.Replace("/workbench/cases/", "/api/v1/cases/", StringComparison.Ordinal)}/evidence?title={Uri.EscapeDataString("现场货架照片")}&place={Uri.EscapeDataString("当事人店内")}&proves={Uri.EscapeDataString("当事人陈列销售涉案豇豆")}",
            new() { DataByte = photo, Headers = new Dictionary<string, string> { ["Content-Type"] = "image/jpeg" } });
        Assert.True(uploaded.Status == 201, await uploaded.TextAsync());

        // Trying to end the investigation without the report: refused with the rule, the case stays where it is.
        await officer.GotoAsync(caseUrl);
        await Take(officer, "examine", new() { ["investigation.certificate-shown"] = "true" }, expectRefusal: "调查终结报告");
        await Expect(officer.GetByTestId("case-status")).ToHaveTextAsync("调查取证");
        await fixture.ScreenshotAsync(officer, "case-refused.png");
        await Take(officer, "examine", new()
        {
            ["investigation.certificate-shown"] = "true",
            ["investigation.report"] = "经查，当事人销售的豇豆经抽检克百威含量0.12mg/kg，超过食品安全国家标准限量，货值金额480元，违法所得120元。",
        });

        await unitHead.GotoAsync(caseUrl);
        var notice = unitHead.GetByTestId("next-notify");
        await notice.Locator("input[name=Kinds][value=Fine]").CheckAsync();
        await notice.Locator("input[name=Kinds][value=ConfiscateIllegalGains]").CheckAsync();
        await Take(unitHead, "notify", new()
        {
            ["penalty.fine"] = "60000", ["penalty.confiscation"] = "120", ["penalty.tier"] = "一般",
            ["notice.served-on"] = E2EFixture.Day(0), ["notice.rights-told"] = "true",
        });
        await officer.GotoAsync(caseUrl);
        await Take(officer, "review", new() { ["notice.statement"] = "当事人陈述系初次违法，请求从轻处罚；经复核，已按一般档次处理。", ["review.responsibility"] = "true" });

        var reviewer = await fixture.SignedInAsync("scjg.reviewer");
        await reviewer.GotoAsync(caseUrl);
        var agreed = new[] { "body", "officers", "procedure", "facts", "law", "powers", "documents", "crime" }.ToDictionary(p => $"review.point.{p}", _ => "符合");
        agreed["review.opinion"] = "同意";
        agreed["review.note"] = "主体合法，事实清楚，证据确凿，程序合法。";
        // The reviewer sees why review is required and each matter pre-filled from the registry and the record.
        await Expect(reviewer.GetByTestId("review-reasons")).ToContainTextAsync("适用一般程序的行政处罚决定都要进行法制审核");
        await Expect(reviewer.GetByTestId("review-prefill")).ToContainTextAsync("办案各环节之日均持证有效");
        await fixture.ScreenshotAsync(reviewer, "case-review.png");
        await Take(reviewer, "decide", agreed);
        await Expect(reviewer.GetByTestId("review-rounds")).ToContainTextAsync("同意");

        var head = await fixture.SignedInAsync("scjg.head");
        await head.GotoAsync(caseUrl);
        await Take(head, "serve", new()
        {
            ["decision.kind"] = "给予行政处罚",
            ["decision.facts"] = "当事人销售克百威含量超标的豇豆，有抽检报告、进货单据和询问笔录为证。",
            ["decision.basis"] = "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，没收违法所得120元，并处罚款60000元。",
            ["decision.performance"] = "自收到本决定书之日起十五日内缴纳罚没款。",
            ["decision.remedy"] = "可在收到本决定书之日起六十日内向安和县人民政府申请行政复议，或者六个月内向安和县人民法院提起行政诉讼。",
        });

        // The decision's chain of responsibility (REV-7): who submitted, who reviewed, who decided, each with the log's leaves.
        await head.GetByTestId("responsibility-link").ClickAsync();
        var trail = head.GetByTestId("trail-link");
        await Expect(trail).ToHaveCountAsync(3);
        await Expect(trail.Nth(0)).ToHaveAttributeAsync("data-role", "送审");
        await Expect(trail.Nth(1)).ToHaveAttributeAsync("data-role", "审核");
        await Expect(trail.Nth(1).GetByTestId("trail-document")).ToContainTextAsync("法审");
        await Expect(trail.Nth(2)).ToHaveAttributeAsync("data-role", "决定");
        await Expect(trail.Nth(2).GetByTestId("trail-leaves")).ToContainTextAsync("#");
        await fixture.ScreenshotAsync(head, "case-responsibility.png");

        await officer.GotoAsync(caseUrl);
        await Take(officer, "execute", new() { ["service.method"] = "直接送达", ["service.served-on"] = E2EFixture.Day(0), ["service.recipient"] = "王建华" });
        await Expect(officer.GetByTestId("deadlines")).ToContainTextAsync("缴纳罚款");
        await fixture.ScreenshotAsync(officer, "case-execute.png");
        await Take(officer, "close", new() { ["execution.paid-on"] = E2EFixture.Day(0), ["execution.paid"] = "60000" });

        await unitHead.GotoAsync(caseUrl);
        await Take(unitHead, "archive", new() { ["closing.report"] = "当事人已缴纳罚没款60120元，案件执行完毕，建议结案归档。" });
        await Expect(unitHead.GetByTestId("sealed-notice")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(unitHead, "case-archived.png");
        // 26 log entries: the case opened, declarations, facts and steps, evidence, documents, the publication task, the seal.
        await Expect(unitHead.GetByTestId("case-timeline").Locator("li")).ToHaveCountAsync(26);
        await fixture.ScreenshotAsync(unitHead, "case-archived.png");

        // The unit head's list: the demo county's cases with their nearest deadlines, overdue ones first.
        await unitHead.GotoAsync("/workbench/cases");
        await Expect(unitHead.GetByTestId("case-list").Locator(".status-expired").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(unitHead, "case-list.png");

        // On a phone the case page reads top to bottom without sideways scrolling.
        await using var phone = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var mobile = await phone.NewPageAsync();
        await fixture.SignInAsync(mobile, "scjg.officer");
        await mobile.GotoAsync("/workbench/cases");
        await Expect(mobile.GetByTestId("case-list")).ToBeVisibleAsync();
        var width = await mobile.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"页面宽度 {width}px 超出手机屏幕");
        await fixture.ScreenshotAsync(mobile, "case-list-mobile.png");
    }

    private const string CreditCode = "91360736MA35R8QX11";

    private static async Task Take(IPage page, string to, Dictionary<string, string> fields, string? expectRefusal = null)
    {
        var card = page.GetByTestId($"next-{to}");
        foreach (var (key, value) in fields)
        {
            var input = card.Locator($"[name=\"F[{key}]\"]");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await input.SelectOptionAsync(new SelectOptionValue { Value = value });
            }
            else
            {
                await input.FillAsync(value);
            }
        }

        await card.GetByTestId($"take-{to}").ClickAsync();
        if (expectRefusal is not null)
        {
            await Expect(page.GetByTestId("case-refusal")).ToContainTextAsync(expectRefusal);
        }
        else
        {
            await Expect(page.GetByTestId("case-message")).ToContainTextAsync("已办理");
        }
    }
}
