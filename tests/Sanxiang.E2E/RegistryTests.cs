using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// What the registry issue asks a browser to prove: a citizen opens an agency page, downloads its item list as CSV,
/// and verifies a certificate by following its QR code; an agency head opens the list-keeping pages.
/// </summary>
public sealed class RegistryTests(E2EFixture fixture)
{
    [Fact]
    public async Task Citizen_downloads_the_item_list_and_verifies_a_certificate_from_its_QR_link()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agencies/SCJG");
        await Expect(page.GetByTestId("item-list")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("items-csv").ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.StartsWith("事项编码,事项名称", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("360736-SCJG-CF-001", text, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        // The first officer's certificate: its page shows a QR code; the code holds the page's own address.
        var number = (await page.GetByTestId("officer-list").Locator("tbody tr td:nth-child(2) a").First.TextContentAsync())!.Trim();
        await page.GetByTestId("officer-list").Locator("tbody tr td:nth-child(2) a").First.ClickAsync();
        await Expect(page.GetByTestId("verdict")).ToBeVisibleAsync();
        var qr = page.Locator(".qr img");
        await Expect(qr).ToBeVisibleAsync();
        var png = await context.APIRequest.GetAsync($"/verify/certificate/{number}/qr.png");
        Assert.Equal("image/png", png.Headers["content-type"]);

        // Follow the link the QR code carries, as a phone camera would.
        var svg = await (await context.APIRequest.GetAsync($"/verify/certificate/{number}/qr.svg")).TextAsync();
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        await using var phone = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var mobile = await phone.NewPageAsync();
        await mobile.GotoAsync($"/verify/certificate/{Uri.EscapeDataString(number)}");
        await Expect(mobile.GetByTestId("verdict")).ToContainTextAsync("有效");
        await Expect(mobile.GetByTestId("verdict")).ToContainTextAsync("安和县市场监督管理局");
        await fixture.ScreenshotAsync(mobile, "certificate-verify-mobile.png");

        await page.GotoAsync("/verify/certificate/99999999999");
        await Expect(page.GetByTestId("verdict")).ToContainTextAsync("查无此证");
    }

    [Fact]
    public async Task Visitor_sees_the_list_as_it_stood_on_a_past_day_and_the_diff_between_versions()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agencies/SCJG");
        await page.Locator("#date").FillAsync("2025-06-01");
        await page.Locator(".date-form button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("date=2025-06-01"));
        await Expect(page.GetByTestId("historical-notice")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("version-items")).ToContainTextAsync("第 1 版");
        await fixture.ScreenshotAsync(page, "registry-agency-2025.png");

        await page.GotoAsync("/agencies/SCJG/versions/items");
        await Expect(page.GetByTestId("diff-summary")).ToContainTextAsync("新增 1 项");
        await fixture.ScreenshotAsync(page, "registry-diff.png");

        await page.GotoAsync("/agencies/SCJG/items/360736-SCJG-CF-001");
        await Expect(page.GetByTestId("discretion")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("item-flowchart")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "registry-item.png");

        await page.GotoAsync("/lists/random-inspection");
        await Expect(page.GetByTestId("county-items")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "registry-county-random-inspection.png");
    }

    [Fact]
    public async Task Agency_head_opens_the_list_keeping_pages_and_a_new_draft()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.Locator("#UserName").FillAsync("sthj.head");
        await page.Locator("#Password").FillAsync(fixture.DemoPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
        await page.GetByTestId("registry-link").ClickAsync();
        await Expect(page.GetByTestId("lists")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "registry-workbench.png");

        await page.Locator("#List").SelectOptionAsync("officers");
        await page.Locator("#ReasonText").FillAsync("端到端测试：人员变动。");
        await page.GetByTestId("new-draft").Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench/registry/drafts/"));
        await Expect(page.GetByTestId("officer-form")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "registry-draft.png");

        // A dry run of a spreadsheet with mistakes: every row's problem is listed, nothing is imported.
        var csv = "姓名,性别,执法证件编号,发证机关,执法领域,有效期起,有效期止\r\n" +
                  "新同志,男,G36073609901,生态环境部,生态环境保护,2026-01-01,2030-12-31\r\n" +
                  "错编号,男,G3607 0000,生态环境部,生态环境保护,2026-01-01,2030-12-31\r\n" +
                  "日期反,女,G36073609902,生态环境部,生态环境保护,2030-01-01,2026-12-31\r\n";
        await page.GetByTestId("import-form").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "人员名单.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByTestId("import-form").Locator("button[value=false]").ClickAsync();
        var problems = page.GetByTestId("import-problems");
        await Expect(problems).ToBeVisibleAsync();
        await Expect(problems.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(problems).ToContainTextAsync("执法证件编号");
        await fixture.ScreenshotAsync(page, "registry-import-problems.png");
    }
}
