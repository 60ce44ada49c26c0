using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>The publicity clerk's queue (PUB-5) in the browser: the demo's decisions waiting to be published, by due date.</summary>
public sealed class PublicationTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_clerk_finds_the_decisions_to_publish_by_due_date()
    {
        var clerk = await fixture.SignedInAsync("scjg.clerk");
        await clerk.GotoAsync("/workbench");
        await clerk.GetByTestId("publications-link").ClickAsync();
        var queue = clerk.GetByTestId("publication-queue");
        await Expect(queue).ToContainTextAsync("行政处罚决定");
        await Expect(queue).ToContainTextAsync("安市监罚");
        await Expect(queue.Locator("td[data-label=公示期限]").First).ToContainTextAsync("7 个工作日");
        await fixture.ScreenshotAsync(clerk, "publication-queue.png");

        // The preview of a decision: its served text with the proposed redactions marked, and the text to publish.
        await queue.GetByTestId("preview-link").First.ClickAsync();
        await Expect(clerk.GetByTestId("redaction-original").Locator("mark.redaction").First).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("redaction-result")).ToContainTextAsync("行政处罚决定书");
        await fixture.ScreenshotAsync(clerk, "publication-preview.png");
    }
}
