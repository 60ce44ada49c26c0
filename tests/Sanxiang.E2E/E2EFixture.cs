using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Sanxiang.E2E.E2EFixture))]

namespace Sanxiang.E2E;

/// <summary>
/// One real server and one headless Chromium for the whole test assembly. Every test gets its own browser context
/// (own cookies), so tests stay independent while sharing the expensive start-up.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private AppServer? server;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private string? unavailable;

    public E2EFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        ArtifactsDirectory = Path.Combine(RepositoryRoot, "artifacts", "e2e");
        ChromiumPath = Environment.GetEnvironmentVariable("SANXIANG_E2E_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : "/usr/bin/chromium";
        // The Testing environment gives every demo account this password; it meets the policy
        // (≥ 12 characters, upper, lower, digit, symbol, 6 distinct characters).
        DemoPassword = "E2e!" + Guid.NewGuid().ToString("N")[..12] + "Aa9";
    }

    public string RepositoryRoot { get; }

    /// <summary>artifacts/e2e at the repository root (git-ignored): the screenshots.</summary>
    public string ArtifactsDirectory { get; }

    public string ChromiumPath { get; }

    public string DemoPassword { get; }

    public Uri BaseAddress => Server.BaseAddress;

    public AppServer Server => server ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>CI=true (as test.sh and .ci/run see it): missing infrastructure fails instead of skipping.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI")?.Trim().ToUpperInvariant() is "TRUE" or "1";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        if (!File.Exists(ChromiumPath))
        {
            unavailable = $"未找到 Chromium（{ChromiumPath}）：安装 chromium 和 fonts-noto-cjk，或设置 SANXIANG_E2E_CHROMIUM。";
            return;
        }

        server = await AppServer.StartAsync(RepositoryRoot, BuildConfiguration(), DemoPassword);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh browser context (desktop 1280×800 unless <paramref name="options"/> says otherwise).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        if (unavailable is not null)
        {
            if (IsCi)
            {
                Assert.Fail("CI=true: " + unavailable);
            }

            Assert.Skip(unavailable);
        }

        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };
        options.BaseURL = BaseAddress.ToString().TrimEnd('/');
        options.Locale ??= "zh-CN";
        options.TimezoneId ??= "Asia/Shanghai";
        var context = await browser!.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>A page in a fresh context, signed in as the demo account <paramref name="userName"/>.</summary>
    public async Task<IPage> SignedInAsync(string userName)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in through the sign-in page as the demo account <paramref name="userName"/>.</summary>
    public async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(DemoPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), AfterRedirect);
    }

    /// <summary>
    /// Waiting for a sign-in's redirect: done once the next page is committed. Waiting for its load event as well has
    /// timed out on a loaded CI machine with the new URL already there (the waiter saw the network go idle but not the
    /// load event); what a test does next waits for its own element anyway.
    /// </summary>
    public static readonly PageWaitForURLOptions AfterRedirect = new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 };

    private readonly SemaphoreSlim _twoFactor = new(1, 1);
    private readonly Dictionary<string, string> _totpKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// A page signed in as <paramref name="userName"/>, an account that must use a second factor (the supervisor): the
    /// first call enrols its authenticator through the setup page and keeps the key, later calls answer the code prompt.
    /// </summary>
    public async Task<IPage> SignedInWithTotpAsync(string userName)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await _twoFactor.WaitAsync();
        try
        {
            await page.GotoAsync("/account/signin");
            await page.Locator("#UserName").FillAsync(userName);
            await page.Locator("#Password").FillAsync(DemoPassword);
            await page.Locator("main button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal) || url.Contains("two-factor", StringComparison.Ordinal), AfterRedirect);
            if (page.Url.Contains("/account/two-factor/setup", StringComparison.Ordinal))
            {
                _totpKeys[userName] = (await page.GetByTestId("totp-key").InnerTextAsync()).Trim();
            }

            var key = _totpKeys.TryGetValue(userName, out var k) ? k : throw new InvalidOperationException($"{userName} 已在本次测试之外启用两步验证。");
            // A code is accepted once: wait for the next 30-second step when this one was used already.
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            if (_lastStep.TryGetValue(userName, out var used) && used >= step)
            {
                await Task.Delay(TimeSpan.FromSeconds(30 - DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30 + 1));
            }

            await page.Locator("#Code").FillAsync(Totp.Compute(key, DateTimeOffset.UtcNow));
            _lastStep[userName] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            await page.Locator("main button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal), AfterRedirect);
            return page;
        }
        finally
        {
            _twoFactor.Release();
        }
    }

    private readonly Dictionary<string, long> _lastStep = new(StringComparer.Ordinal);

    /// <summary>The date <paramref name="offset"/> days from today in China, as a date input takes it.</summary>
    public static string Day(int offset) =>
        DateTime.UtcNow.AddHours(8).Date.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Full-page screenshot into artifacts/e2e/<paramref name="fileName"/>.</summary>
    public async Task ScreenshotAsync(IPage page, string fileName) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, fileName), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            // The server's own log beside the screenshots: the first place to look when a browser test fails.
            await File.WriteAllTextAsync(Path.Combine(ArtifactsDirectory, "server.log"), server.Output);
            server.Dispose();
        }
    }

    /// <summary>The folder above the test assembly that holds Sanxiang.slnx.</summary>
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sanxiang.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Sanxiang.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Debug or Release: the folder above net10.0 in the test assembly's own path (…/bin/Release/net10.0/).</summary>
    private static string BuildConfiguration()
    {
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return tfmDirectory.Parent?.Name ?? throw new InvalidOperationException($"Unexpected test output folder {AppContext.BaseDirectory}.");
    }
}
