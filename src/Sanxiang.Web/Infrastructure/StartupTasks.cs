using System.Globalization;
using System.Text;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Seed;

namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// What happens once before the platform serves: migrate the database, make sure the roles exist, load the calendar,
/// and in Development (never in Production) seed the demo county on first start.
/// </summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        ((HttpAccessScopeProvider)scope.ServiceProvider.GetRequiredService<IAccessScopeProvider>()).Override = AccessScope.System;
        var db = scope.ServiceProvider.GetRequiredService<SanxiangDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Sanxiang");

        var applied = await DatabaseMigrator.MigrateAsync(db);
        logger.LogInformation("Database {Database}: {Count} migration(s) applied", settings.Describe(), applied.Count);
        await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureRolesAsync();
        app.Services.GetRequiredService<CalendarProvider>().Set(await CalendarStore.LoadAsync(db));

        var demo = app.Configuration.GetValue("Demo:Seed", app.Environment.IsDevelopment());
        if (demo && app.Environment.IsProduction())
        {
            throw new InvalidOperationException("生产环境不得创建演示数据：请移除 Demo:Seed 配置。");
        }

        IReadOnlyList<DemoAccount>? accounts = null;
        if (demo)
        {
            var fixedPassword = app.Environment.IsEnvironment("Testing") ? app.Configuration["Demo:Password"] : null;
            accounts = await scope.ServiceProvider.GetRequiredService<DemoCountySeeder>().SeedAsync(fixedPassword);
            await scope.ServiceProvider.GetRequiredService<Sanxiang.Data.Seed.DemoCaseSeeder>().SeedAsync();
            if (accounts is not null && fixedPassword is null)
            {
                await WriteCredentialsFile(app, accounts);
            }
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, settings, demo, accounts));
    }

    private static async Task WriteCredentialsFile(WebApplication app, IReadOnlyList<DemoAccount> accounts)
    {
        var path = CredentialsPath(app);
        var text = new StringBuilder("# 安和县演示账号（本机首次启动时生成，仅用于演示；请勿用于生产）\n");
        foreach (var a in accounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{a.UserName}\t{a.Password}\t{string.Join(",", a.Roles.Select(Core.Accounts.Roles.Chinese))}\t{a.AgencyName}\t{a.DisplayName}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string CredentialsPath(WebApplication app) =>
        Path.GetFullPath(Path.Combine(app.Configuration["Storage:DataDirectory"] ?? "data", "demo-accounts.txt"));

    private static void PrintBanner(WebApplication app, DatabaseSettings settings, bool demo, IReadOnlyList<DemoAccount>? created)
    {
        if (app.Environment.IsEnvironment("Testing"))
        {
            return;
        }

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("三项制度行政执法信息平台已启动");
        foreach (var url in app.Urls)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  地址：{url}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  数据库：{settings.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  环境：{app.Environment.EnvironmentName}");
        if (demo)
        {
            var path = CredentialsPath(app);
            text.AppendLine(created is null
                ? $"  演示账号（首次启动时生成的密码保存在 {path}）："
                : "  演示账号（密码为本机随机生成，已同时保存到 " + path + "）：");
            if (created is not null)
            {
                foreach (var a in created)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {a.UserName,-18} {a.Password}  {string.Join("、", a.Roles.Select(Core.Accounts.Roles.Chinese))}（{a.AgencyName}）");
                }
            }
            else if (File.Exists(path))
            {
                foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#')))
                {
                    var parts = line.Split('\t');
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {parts[0],-18} {parts[1]}  {parts[2]}（{parts[3]}）");
                }
            }

            text.AppendLine("  管理员和监督人员首次登录时须绑定动态口令（TOTP）。");
        }

        Console.WriteLine(text.ToString());
    }
}

/// <summary>The working-day calendar in force, shared by all requests; replaced when an administrator imports a year.</summary>
public sealed class CalendarProvider
{
    private Core.Calendar.WorkdayCalendar _calendar = Core.Calendar.WorkdayCalendar.Official;

    public Core.Calendar.WorkdayCalendar Current => Volatile.Read(ref _calendar);

    public void Set(Core.Calendar.WorkdayCalendar calendar) => Volatile.Write(ref _calendar, calendar);
}
