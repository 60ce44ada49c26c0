using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>The public portal as an anonymous visitor sees it, on a desktop and on a phone.</summary>
public sealed partial class PortalTests(E2EFixture fixture)
{
    private const string MarketRegulator = "安和县市场监督管理局";

    [GeneratedRegex(@"1[3-9]\d{9}")]
    private static partial Regex MobileNumber();

    [Fact]
    public async Task Visitor_browses_the_agency_directory_and_an_agency_without_seeing_mobile_numbers()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("执法主体名录");
        var cards = page.Locator("[data-testid=agency-list] article.agency-card");
        await Expect(cards.First).ToBeVisibleAsync();
        Assert.True(await cards.CountAsync() >= 9, $"expected at least 9 agency cards, found {await cards.CountAsync()}");
        var link = cards.GetByRole(AriaRole.Link, new() { Name = MarketRegulator, Exact = true });
        await Expect(link).ToHaveAttributeAsync("href", "/agencies/SCJG");
        await AssertNoMobileNumberAsync(page);
        await fixture.ScreenshotAsync(page, "portal-home.png");

        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/agencies/SCJG$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(MarketRegulator);
        var officers = page.GetByTestId("officer-list");
        await Expect(officers).ToBeVisibleAsync();
        await Expect(officers.Locator("thead")).ToContainTextAsync("执法证号");
        Assert.True(await officers.Locator("tbody tr").CountAsync() >= 1, "the officer table has no rows");
        await AssertNoMobileNumberAsync(page);
        await fixture.ScreenshotAsync(page, "portal-agency.png");
    }

    [Fact]
    public async Task Portal_fits_a_phone_screen_without_horizontal_scrolling()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("执法主体名录");
        await Expect(page.Locator("[data-testid=agency-list] article.agency-card").First).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await fixture.ScreenshotAsync(page, "portal-home-mobile.png");

        await page.GotoAsync("/agencies/SCJG");
        await Expect(page.GetByTestId("officer-list")).ToBeAttachedAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await fixture.ScreenshotAsync(page, "portal-agency-mobile.png");
    }

    [Fact]
    public async Task Portal_pages_raise_no_console_errors_and_no_CSP_violations()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = await PageProblems.WatchAsync(page);

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        var agencyPaths = await page.Locator("[data-testid=agency-list] article.agency-card h3 a")
            .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(agencyPaths.Length >= 9, $"expected at least 9 agency links, found {agencyPaths.Length}");
        await problems.CollectCspViolationsAsync(page);

        foreach (var path in agencyPaths.Concat(["/api-docs", "/ledger", "/account/signin"]))
        {
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response?.Status == 200, $"{path} answered {response?.Status}");
            await problems.CollectCspViolationsAsync(page);
        }

        Assert.True(problems.Problems.Count == 0, "browser problems:\n" + string.Join('\n', problems.Problems));
    }

    private static async Task AssertNoMobileNumberAsync(IPage page)
    {
        // innerText: what is rendered; textContent: also whatever is in the DOM but hidden.
        var rendered = await page.Locator("body").InnerTextAsync();
        var inDom = await page.EvaluateAsync<string>("() => document.documentElement.textContent ?? ''");
        foreach (var text in new[] { rendered, inDom })
        {
            var match = MobileNumber().Match(text);
            Assert.False(match.Success, $"{page.Url} shows what looks like a mobile number: {match.Value}");
        }
    }

    private static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1],
            $"{page.Url} scrolls sideways on a phone: scrollWidth {widths[0]} > innerWidth {widths[1]}");
    }
}
