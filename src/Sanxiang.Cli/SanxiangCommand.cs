using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sanxiang.Cli.Commands;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Seed;

namespace Sanxiang.Cli;

/// <summary>
/// The <c>sanxiang</c> administration command. The database is chosen as for the platform: <c>--provider</c> and
/// <c>--connection</c>, or the environment variables <c>Database__Provider</c> and <c>ConnectionStrings__Sanxiang</c>;
/// by default the SQLite file <c>data/sanxiang.db</c> under the working directory.
/// Exit codes: 0 done, 1 refused or invalid, 2 bad usage.
/// </summary>
public static class SanxiangCommand
{
    public const string Usage = """
        用法：sanxiang [--provider Sqlite|Postgres] [--connection 连接字符串] [--data 数据目录] [--keys 密钥目录] [--origin 日志名] <命令>

        命令：
          db migrate                                  创建或升级数据库
          seed demo                                   写入安和县演示数据和演示账号（数据库中已有执法主体时不写入）
          user add --username 用户名 --name 姓名 --agency 执法主体代码 --role 角色[,角色]
                                                      创建账号；带 --password-stdin 时从标准输入读取密码，否则随机生成并打印
          workdays due --from YYYY-MM-DD --days N     起算日后第 N 个工作日（起算日不计入）
          workdays is YYYY-MM-DD                      某日是工作日还是休息日
          workdays import 文件                        导入一年或多年的放假安排（与 cn-holiday-calendar.json 同格式）
          ledger verify                               重新计算整个执法记录日志，核对每个签名检查点
          ledger prove --index N                      输出第 N 条记录对最新检查点的包含证明
          ledger check --checkpoint F --entry F --proof F --key F   只用文件离线验证一条记录
          archive check 案卷包 [--key 公钥文件]      对封存的案卷包（文件夹或 .zip）做四性检测，不需要数据库
          draw verify 抽取导出文件 [--key 公钥文件]  用公布的输入重新计算一次“双随机”抽取，核对结果是否一致，不需要数据库
          evaluation verify 抽取复核文件          用公布的种子、检查点和冻结名单重新计算一次案卷评查抽样，核对结果是否一致，不需要数据库
          validate uscc 代码                          校验统一社会信用代码（GB 32100-2015）
          validate id 号码                            校验公民身份号码（GB 11643-1999）
          redact [文件] [--json] [--keep-party-name]   决定书公示前的隐去建议（自然人姓名、身份证号、电话、住址等），不需要数据库

        角色：Officer UnitHead Reviewer AgencyHead PublicityClerk Supervisor SystemAdministrator SecurityAdministrator AuditAdministrator
        """;

    /// <summary>Options that may stand before any command, and the configuration key each sets.</summary>
    private static readonly Dictionary<string, string> GlobalOptions = new(StringComparer.Ordinal)
    {
        ["--provider"] = "Database:Provider",
        ["--connection"] = "ConnectionStrings:Sanxiang",
        ["--data"] = "Storage:DataDirectory",
        ["--keys"] = "Ledger:KeyDirectory",
        ["--origin"] = "Ledger:Origin",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var rest = new List<string>();
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case var option when GlobalOptions.TryGetValue(option, out var key):
                    if (i + 1 >= args.Length)
                    {
                        await stderr.WriteLineAsync($"选项 {option} 缺少取值。");
                        return 2;
                    }

                    settings[key] = args[++i];
                    break;
                case "-h" or "--help" or "help":
                    await stdout.WriteLineAsync(Usage);
                    return 0;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (rest.Count == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
        var tail = rest.Skip(1).ToArray();
        try
        {
            return rest[0] switch
            {
                "validate" => ValidateCommand.Run(tail, stdout, stderr),
                "redact" => RedactCommand.Run(tail, Console.OpenStandardInput, stdout, stderr),
                "archive" => await ArchiveCommand.RunAsync(tail, stdout, stderr),
                "draw" => await DrawCommand.RunAsync(tail, stdout, stderr),
                "evaluation" => await EvaluationCommand.RunAsync(tail, stdout, stderr),
                "ledger" when LedgerCommand.NeedsDatabase(tail) => await WithServices(configuration, sp => LedgerCommand.RunAsync(tail, sp, configuration, stdout, stderr)),
                "ledger" => await LedgerCommand.RunAsync(tail, null, configuration, stdout, stderr),
                "workdays" when tail.FirstOrDefault() == "import" => await WithServices(configuration, sp => ImportCalendar(sp, tail[1..], stdout, stderr)),
                "workdays" => await WithServices(configuration, async sp =>
                    WorkdaysCommand.Run(tail, await LoadCalendar(sp), stdout, stderr)),
                "db" when tail is ["migrate"] => await WithServices(configuration, sp => Migrate(sp, stdout)),
                "seed" when tail is ["demo"] => await WithServices(configuration, sp => SeedDemo(sp, stdout)),
                "user" when tail.FirstOrDefault() == "add" => await WithServices(configuration, sp => AddUser(sp, tail[1..], stdout, stderr, stdin)),
                _ => await UnknownCommand(rest, stderr),
            };
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Database:Provider", StringComparison.Ordinal) || e.Message.Contains("ConnectionStrings", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync(e.Message);
            return 2;
        }
    }

    private static async Task<int> UnknownCommand(List<string> rest, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"未知命令“{string.Join(' ', rest)}”。\n\n{Usage}");
        return 2;
    }

    private static async Task<int> WithServices(IConfiguration configuration, Func<IServiceProvider, Task<int>> body)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAccessScopeProvider>(new FixedAccessScope(AccessScope.System));
        services.AddSanxiangData(DatabaseSettings.From(configuration));
        services.AddIdentityCore<Account>(AccountPolicy.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<SanxiangDbContext>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();
        services.AddScoped<AccountService>();
        services.AddScoped<DemoCountySeeder>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await body(scope.ServiceProvider);
    }

    private static async Task<int> Migrate(IServiceProvider sp, TextWriter stdout)
    {
        var db = sp.GetRequiredService<SanxiangDbContext>();
        var applied = await DatabaseMigrator.MigrateAsync(db);
        await sp.GetRequiredService<AccountService>().EnsureRolesAsync();
        var where = sp.GetRequiredService<DatabaseSettings>().Describe();
        await stdout.WriteLineAsync(applied.Count == 0
            ? $"数据库已是最新：{where}"
            : $"已应用 {applied.Count} 个迁移到 {where}：{string.Join("、", applied)}");
        return 0;
    }

    private static async Task<int> SeedDemo(IServiceProvider sp, TextWriter stdout)
    {
        await DatabaseMigrator.MigrateAsync(sp.GetRequiredService<SanxiangDbContext>());
        var accounts = await sp.GetRequiredService<DemoCountySeeder>().SeedAsync();
        if (accounts is null)
        {
            await stdout.WriteLineAsync("数据库中已有执法主体，未写入演示数据。");
            return 1;
        }

        await stdout.WriteLineAsync($"已写入安和县演示数据和 {accounts.Count} 个演示账号（密码仅显示这一次）：");
        foreach (var a in accounts)
        {
            await stdout.WriteLineAsync($"{a.UserName}\t{a.Password}\t{string.Join("、", a.Roles.Select(Roles.Chinese))}\t{a.AgencyName}");
        }

        return 0;
    }

    private static readonly string[] RequiredUserOptions = ["username", "name", "agency", "role"];

    private static async Task<int> AddUser(IServiceProvider sp, string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin)
    {
        var options = new Dictionary<string, string>();
        var passwordFromStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--password-stdin")
            {
                passwordFromStdin = true;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                await stderr.WriteLineAsync($"无法识别参数“{args[i]}”。用法：user add --username 用户名 --name 姓名 --agency 执法主体代码 --role 角色[,角色]");
                return 2;
            }

            options[args[i][2..]] = args[++i];
        }

        var missing = RequiredUserOptions.Where(k => !options.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            await stderr.WriteLineAsync($"缺少参数：{string.Join("、", missing.Select(m => "--" + m))}。");
            return 2;
        }

        var password = passwordFromStdin ? (await stdin.ReadLineAsync())?.Trim() : null;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = AccountService.GeneratePassword();
        }

        var roles = options["role"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await DatabaseMigrator.MigrateAsync(sp.GetRequiredService<SanxiangDbContext>());
        var service = sp.GetRequiredService<AccountService>();
        await service.EnsureRolesAsync();
        var (account, errors) = await service.CreateAsync(options["username"].ToLowerInvariant(), options["name"], options["agency"].ToUpperInvariant(), roles, password!);
        if (account is null)
        {
            foreach (var e in errors)
            {
                await stderr.WriteLineAsync(e);
            }

            return 1;
        }

        await stdout.WriteLineAsync($"已创建账号 {account.UserName}（{string.Join("、", roles.Select(Roles.Chinese))}）。");
        if (generated)
        {
            await stdout.WriteLineAsync($"初始密码：{password}");
        }

        return 0;
    }

    private static async Task<WorkdayCalendar> LoadCalendar(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<SanxiangDbContext>();
        // The calendar works without a database; imported years are added when the database exists.
        return await db.Database.CanConnectAsync() && !(await db.Database.GetPendingMigrationsAsync()).Any()
            ? await CalendarStore.LoadAsync(db)
            : WorkdayCalendar.Official;
    }

    private static async Task<int> ImportCalendar(IServiceProvider sp, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1)
        {
            await stderr.WriteLineAsync("用法：sanxiang workdays import 文件");
            return 2;
        }

        if (!File.Exists(args[0]))
        {
            await stderr.WriteLineAsync($"文件“{args[0]}”不存在。");
            return 2;
        }

        var db = sp.GetRequiredService<SanxiangDbContext>();
        await DatabaseMigrator.MigrateAsync(db);
        try
        {
            var years = await CalendarStore.ImportAsync(db, await File.ReadAllTextAsync(args[0]), Environment.UserName,
                sp.GetRequiredService<TimeProvider>().GetUtcNow());
            await stdout.WriteLineAsync($"已导入 {string.Join("、", years)} 年的放假安排。正在运行的平台将在重新启动后使用新日历。");
            return 0;
        }
        catch (FormatException e)
        {
            await stderr.WriteLineAsync($"日历文件有误，未导入任何数据：{e.Message}");
            return 1;
        }
        catch (System.Text.Json.JsonException e)
        {
            await stderr.WriteLineAsync($"日历文件不是有效的 JSON，未导入任何数据：{e.Message}");
            return 1;
        }
    }
}
