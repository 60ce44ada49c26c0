using Sanxiang.Core.Inspection;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Cli.Commands;

/// <summary>
/// <c>sanxiang draw verify PLAN-EXPORT [--key FILE]</c>: re-computes a published random-inspection draw from its export
/// alone (no database, no network) and says step by step whether it matches (docs/random-draw.md). Exit codes: 0 the
/// draw matches, 1 it does not, 2 bad usage.
/// </summary>
public static class DrawCommand
{
    public const string Usage = """
        用法：
          sanxiang draw verify 抽取导出文件 [--key 公钥文件]
                                                 用门户公布的抽取导出文件（JSON）重新计算“双随机”抽取：核对名单摘要、种子与承诺值、
                                                 记录日志中的承诺及其先于检查点、检查点签名，再重算抽取结果并与公布的结果比对。
                                                 --key 给出公布的验证公钥（/ledger/keys 的内容）以核对检查点签名。
                                                 一致时以 0 退出，不一致以 1 退出。
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["verify", var file, ..] || (args.Length != 2 && args is not [_, _, "--key", _]))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"找不到抽取导出文件“{file}”。");
            return 2;
        }

        IReadOnlyList<INoteVerifier>? keys = null;
        if (args.Length == 4)
        {
            if (!File.Exists(args[3]))
            {
                await stderr.WriteLineAsync($"公钥文件“{args[3]}”不存在。");
                return 2;
            }

            try
            {
                keys = NoteVerifierKeys.ParseAll(await File.ReadAllTextAsync(args[3]));
            }
            catch (FormatException e)
            {
                await stderr.WriteLineAsync($"公钥文件无法读取：{e.Message}");
                return 2;
            }

            if (keys.Count == 0)
            {
                await stderr.WriteLineAsync("公钥文件中没有 note 形式的验证公钥（名称+密钥ID+公钥）。");
                return 2;
            }
        }

        var length = new FileInfo(file).Length;
        if (length > 64L << 20)
        {
            await stderr.WriteLineAsync($"抽取导出文件有 {length / (1 << 20)} MB，超过 64 MB 的上限。");
            return 2;
        }

        var verification = DrawExport.Verify(await File.ReadAllTextAsync(file), keys);
        await stdout.WriteLineAsync($"抽取导出文件：{file}");
        var n = 0;
        foreach (var check in verification.Checks)
        {
            await stdout.WriteLineAsync($"{++n}. {check.Step}：{(check.Passed ? "通过" : "不通过")}。{check.Detail}");
        }

        await stdout.WriteLineAsync(verification.Matches
            ? "结论：抽取结果与公布的输入一致，可以由任何人重现。"
            : "结论：抽取结果无法由公布的输入重现，不一致。");
        return verification.Matches ? 0 : 1;
    }
}
