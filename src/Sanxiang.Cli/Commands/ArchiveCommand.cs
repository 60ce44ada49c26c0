using Sanxiang.Core.Archive;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Cli.Commands;

/// <summary>
/// <c>sanxiang archive check PACKAGE [--key FILE]</c>: the four-property check (四性检测) of a sealed case file, a folder
/// or a .zip, with nothing but the package (no database). Exit codes: 0 all four pass, 1 any fails, 2 bad usage.
/// </summary>
public static class ArchiveCommand
{
    public const string Usage = """
        用法：
          sanxiang archive check 案卷包 [--key 公钥文件]
                                                 对封存的案卷包（文件夹或 .zip）做四性检测：真实性、完整性、可用性、安全性。
                                                 --key 给出公布的验证公钥（如 /ledger/keys 的内容），检查点必须由其中之一签名；
                                                 不给时用包内附带的公钥。全部通过时以 0 退出，任一项不通过以 1 退出。
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["check", var package, ..] || (args.Length != 2 && args is not [_, _, "--key", _]))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        if (!Directory.Exists(package) && !File.Exists(package))
        {
            await stderr.WriteLineAsync($"找不到案卷包“{package}”（应为文件夹或 .zip 文件）。");
            return 2;
        }

        var options = new ArchiveCheckOptions();
        if (args.Length == 4)
        {
            if (!File.Exists(args[3]))
            {
                await stderr.WriteLineAsync($"公钥文件“{args[3]}”不存在。");
                return 2;
            }

            try
            {
                var keys = NoteVerifierKeys.ParseAll(await File.ReadAllTextAsync(args[3]));
                if (keys.Count == 0)
                {
                    await stderr.WriteLineAsync("公钥文件中没有 note 形式的验证公钥（名称+密钥ID+公钥）。");
                    return 2;
                }

                options = options with { TrustedKeys = keys };
            }
            catch (FormatException e)
            {
                await stderr.WriteLineAsync($"公钥文件无法读取：{e.Message}");
                return 2;
            }
        }

        ArchiveCheckResult result;
        try
        {
            result = ArchiveCheck.Run(package, options);
        }
        catch (InvalidDataException e)
        {
            await stdout.WriteLineAsync($"“{package}”不是可读的 zip 文件：{e.Message}");
            await stdout.WriteLineAsync("结论：四性检测未通过。");
            return 1;
        }

        await Print(package, result, stdout);
        return result.AllPassed ? 0 : 1;
    }

    public static async Task Print(string package, ArchiveCheckResult result, TextWriter stdout)
    {
        await stdout.WriteLineAsync($"案卷包：{package}{(result.CaseNumber is { } n ? $"（案号 {n}）" : "")}");
        foreach (var property in Enum.GetValues<ArchiveProperty>())
        {
            await stdout.WriteLineAsync($"{ArchiveCheckResult.Name(property)}：{(result.Passed(property) ? "通过" : "不通过")}");
            foreach (var f in result.For(property).OrderBy(f => f.Level))
            {
                var mark = f.Level switch
                {
                    ArchiveFindingLevel.Error => "✗",
                    ArchiveFindingLevel.Warning => "!",
                    ArchiveFindingLevel.Info => "·",
                };
                await stdout.WriteLineAsync($"  {mark} [{f.Code}] {f.Message}");
            }
        }

        var failed = Enum.GetValues<ArchiveProperty>().Where(p => !result.Passed(p)).Select(ArchiveCheckResult.Name).ToList();
        await stdout.WriteLineAsync(failed.Count == 0 ? "结论：四性检测通过。" : $"结论：四性检测未通过（{string.Join("、", failed)}）。");
    }
}
