using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>Staff sign-in: the officer's workbench, a wrong password, and the administrator's TOTP enrolment.</summary>
public sealed class SignInTests(E2EFixture fixture)
{
    [Fact]
    public async Task Officer_signs_in_sees_the_workbench_and_signs_out()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, "scjg.officer", fixture.DemoPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作台");
        // The heading stands just before the section (not inside it).
        await Expect(page.GetByTestId("my-tasks")).ToBeVisibleAsync();
        await Expect(page.Locator("h2:has(+ [data-testid=my-tasks])")).ToHaveTextAsync("待我处理");
        await fixture.ScreenshotAsync(page, "workbench-officer.png");

        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(fixture.BaseAddress.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("执法主体名录");
        await Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "工作人员登录" })).ToBeVisibleAsync();
        await Expect(page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "退出" })).ToHaveCountAsync(0);

        // Signed out for real: the workbench sends the visitor back to the sign-in page.
        await page.GotoAsync("/workbench");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
    }

    [Fact]
    public async Task Wrong_password_shows_the_Chinese_error()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.Locator("#UserName").FillAsync("scjg.officer");
        await page.Locator("#Password").FillAsync("Wrong-password-1234");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/account/signin", StringComparison.Ordinal));
        Assert.Equal(401, response.Status);
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("用户名或密码不正确");
        await Expect(page.Locator("#UserName")).ToHaveValueAsync("scjg.officer");
        await Expect(page.Locator("#Password")).ToHaveValueAsync("");
        await fixture.ScreenshotAsync(page, "signin-error.png");
    }

    [Fact]
    public async Task System_administrator_enrols_TOTP_and_opens_account_management()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, "sysadmin", fixture.DemoPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor/setup$"));
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Trim();
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);
        await fixture.ScreenshotAsync(page, "two-factor-setup.png");

        // Until enrolled, every other page leads back to the enrolment page.
        await page.GotoAsync("/admin/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor/setup$"));

        await page.Locator("#Code").FillAsync(Totp.Compute(key, DateTimeOffset.UtcNow));
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作台");

        await page.GotoAsync("/admin/accounts");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/accounts$"));
        var accounts = page.GetByTestId("account-list");
        await Expect(accounts).ToBeVisibleAsync();
        await Expect(accounts).ToContainTextAsync("scjg.officer");
        await fixture.ScreenshotAsync(page, "admin-accounts.png");
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/signin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("工作人员登录");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(password);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/account/signin", StringComparison.Ordinal));
        Assert.True(response.Status == 302, $"{userName} 登录返回 {response.Status}：{await page.Locator("main").InnerTextAsync()}");
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), E2EFixture.AfterRedirect);
    }
}
