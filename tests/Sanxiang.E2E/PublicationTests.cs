using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// Publication in the browser (PUB-5..9): the clerk's queue by due date; the clerk confirms the redaction of a decision —
/// the proposals marked in the served text, one more marked by hand — and publishes it; a visitor without an account
/// finds it on the portal by the party's name and by a phrase of its full text, and opens its permanent page.
/// </summary>
public sealed partial class PublicationTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_clerk_confirms_a_redaction_and_publishes_and_a_visitor_finds_the_decision_by_party_and_by_full_text()
    {
        var clerk = await fixture.SignedInAsync("scjg.clerk");
        await clerk.GotoAsync("/workbench");
        await clerk.GetByTestId("publications-link").ClickAsync();
        var queue = clerk.GetByTestId("publication-queue");
        await Expect(queue).ToContainTextAsync("行政处罚决定");
        await Expect(queue.Locator("td[data-label=公示期限]").First).ToContainTextAsync("个工作日");
        await fixture.ScreenshotAsync(clerk, "publication-queue.png");

        // A general-procedure penalty with its decision document: the served text with the proposals marked.
        await queue.Locator("tr", new() { HasText = "安市监罚" }).First.GetByTestId("preview-link").ClickAsync();
        var fullText = clerk.GetByTestId("redaction-original-fulltext");
        await Expect(fullText.Locator("mark.redaction").First).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("redaction-spans-fulltext").Locator("input[type=checkbox]:checked").First).ToBeVisibleAsync();
        var number = (await clerk.Locator("h1 small").InnerTextAsync()).Trim();

        // One more thing to mask, by hand: the evidence list's 现场检查笔录 (a clerk's judgement; the engine does not propose it).
        await clerk.GetByTestId("added-redactions").FillAsync("现场检查笔录");
        await fixture.ScreenshotAsync(clerk, "publication-confirm.png");
        await clerk.GetByTestId("publish-button").ClickAsync();
        await clerk.WaitForURLAsync(new Regex(@"/decisions/\d+$"));
        await Expect(clerk.GetByTestId("entry-state")).ToHaveTextAsync("公示中");
        await Expect(clerk.GetByTestId("entry-full-text")).ToContainTextAsync("****");
        await Expect(clerk.GetByTestId("entry-full-text")).Not.ToContainTextAsync("现场检查笔录");
        var address = new Uri(clerk.Url).AbsolutePath;
        var party = (await clerk.GetByTestId("entry-party").InnerTextAsync()).Trim();
        var documentNumber = (await clerk.Locator("h1 small").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(documentNumber), $"公示页应显示决定书文号（案件 {number}）");

        // A visitor: by the party's name, then by a phrase of the full text, without signing in.
        var context = await fixture.NewContextAsync();
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync("/decisions");
        await visitor.Locator("#party").FillAsync(party);
        await visitor.Locator("#category").SelectOptionAsync("Penalty");
        await visitor.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "检索" }).ClickAsync();
        await Expect(visitor.GetByTestId("decision-results").Locator($"a[href='{address}']")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(visitor, "decision-search.png");

        await visitor.Locator("#party").FillAsync("");
        await visitor.Locator("#category").SelectOptionAsync("");
        await visitor.Locator("#q").FillAsync(documentNumber);
        await visitor.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "检索" }).ClickAsync();
        var hit = visitor.GetByTestId("decision-results").Locator($"a[href='{address}']");
        await Expect(hit).ToBeVisibleAsync();
        await hit.ClickAsync();
        await Expect(visitor.GetByTestId("entry-sha256")).ToContainTextAsync("SHA-256");
        await Expect(visitor.GetByTestId("entry-leaf")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(visitor, "decision-entry.png");
    }
}
