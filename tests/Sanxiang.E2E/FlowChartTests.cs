using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>The published flow charts (/flowcharts) as a visitor sees them, with screenshots to look at.</summary>
public sealed class FlowChartTests(E2EFixture fixture)
{
    [Fact]
    public async Task Visitor_opens_the_flow_charts_and_every_chart_is_drawn()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = await PageProblems.WatchAsync(page);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "执法流程图" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("执法流程图");

        var images = page.Locator("section.flowchart img");
        Assert.Equal(7, await images.CountAsync());
        for (var i = 0; i < 7; i++)
        {
            var image = images.Nth(i);
            await image.ScrollIntoViewIfNeededAsync();
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
            var naturalWidth = await image.EvaluateAsync<int>("img => img.naturalWidth");
            Assert.True(naturalWidth > 300, $"流程图 {i} 没有画出来（naturalWidth = {naturalWidth}）");
        }

        await Expect(page.GetByTestId("steps-general-penalty")).ToContainTextAsync("自立案之日起90日内作出行政处罚决定");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await fixture.ScreenshotAsync(page, "flowcharts.png");
        await page.Locator("#general-penalty").ScreenshotAsync(new() { Path = Path.Combine(fixture.ArtifactsDirectory, "flowchart-general-penalty.png") });

        // The printable PNG behind the download link.
        var png = await page.APIRequest.GetAsync("/flowcharts/general-penalty.png");
        Assert.Equal(200, png.Status);
        Assert.Equal("image/png", png.Headers["content-type"]);
        await File.WriteAllBytesAsync(Path.Combine(fixture.ArtifactsDirectory, "flowchart-general-penalty-print.png"), await png.BodyAsync());

        await problems.CollectCspViolationsAsync(page);
        Assert.True(problems.Problems.Count == 0, "browser problems:\n" + string.Join('\n', problems.Problems));
    }

    [Fact]
    public async Task Flow_charts_fit_a_phone_screen()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/flowcharts#general-penalty");
        await Expect(page.GetByTestId("flowchart-general-penalty").Locator("img")).ToHaveJSPropertyAsync("complete", true);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"/flowcharts scrolls sideways on a phone: scrollWidth {widths[0]} > innerWidth {widths[1]}");
        // The whole page is tens of thousands of pixels tall on a phone: keep what the visitor sees first.
        await page.GetByTestId("flowchart-general-penalty").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.ArtifactsDirectory, "flowcharts-mobile.png") });
    }
}
