using System.Text.Json;
using System.Text.Json.Nodes;
using Sanxiang.Core.Supervision.Evaluation;

namespace Sanxiang.Cli.Commands;

/// <summary>
/// <c>sanxiang evaluation verify EXPORT</c>: re-computes a case-file evaluation's sample from its verification file alone
/// (docs/case-file-evaluation.md). Exit codes: 0 the sample matches, 1 it does not, 2 bad usage or an unreadable file.
/// </summary>
public static class EvaluationCommand
{
    public const string Usage = """
        用法：
          sanxiang evaluation verify 抽取复核文件
                                                 用案卷评查的抽取复核文件（JSON）重新计算抽样：核对种子与承诺值、冻结名单摘要、
                                                 检查点正文，再重算抽取的案卷和评查人员并与公布的结果比对。
                                                 一致时以 0 退出，不一致以 1 退出。
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not ["verify", var file])
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        if (!File.Exists(file) || new FileInfo(file).Length > 64L << 20)
        {
            await stderr.WriteLineAsync($"找不到抽取复核文件“{file}”，或文件超过 64 MB。");
            return 2;
        }

        IReadOnlyList<string> problems;
        try
        {
            var export = JsonNode.Parse(await File.ReadAllTextAsync(file))?.AsObject() ?? throw new JsonException("文件为空。");
            problems = EvaluationDraw.Verify(export);
            await stdout.WriteLineAsync($"案卷评查：{(string?)export["evaluation"]} {(string?)export["title"]}");
            await stdout.WriteLineAsync($"抽取的案卷：{export["result"]?.AsArray().Count ?? 0} 件");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or KeyNotFoundException)
        {
            await stderr.WriteLineAsync($"抽取复核文件无法读取：{e.Message}");
            return 2;
        }

        foreach (var p in problems)
        {
            await stdout.WriteLineAsync("不一致：" + p);
        }

        await stdout.WriteLineAsync(problems.Count == 0
            ? "结论：按公布的种子、检查点和冻结名单重算，抽取的案卷和评查人员与公布的结果一致。"
            : "结论：抽取结果无法由公布的输入重现。");
        return problems.Count == 0 ? 0 : 1;
    }
}
