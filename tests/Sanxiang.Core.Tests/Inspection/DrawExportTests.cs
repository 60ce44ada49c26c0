using System.Text.Json.Nodes;
using Sanxiang.Cli;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Inspection;

/// <summary>Verifying a published draw from its export alone, and <c>sanxiang draw verify</c>.</summary>
public sealed class DrawExportTests
{
    private static readonly DrawLists Lists = DrawTestData.Lists();
    private static readonly string Genuine = DrawTestData.Export(Lists, DrawTestData.Seed(7));

    private static string Changed(Action<JsonObject> change)
    {
        var root = (JsonObject)JsonNode.Parse(Genuine)!;
        change(root);
        return root.ToJsonString();
    }

    [Fact]
    public void A_genuine_export_matches_with_and_without_the_published_key()
    {
        var withKey = DrawExport.Verify(Genuine, [DrawTestData.Key]);
        Assert.True(withKey.Matches, string.Join("\n", withKey.Checks.Select(c => c.Detail)));
        Assert.Equal(["读取导出文件", "核对名单摘要", "核对种子与承诺值", "核对记录日志中的承诺", "核对检查点签名", "核对承诺先于检查点", "重新计算抽取结果"],
            withKey.Checks.Select(c => c.Step));
        Assert.Contains("完全一致", withKey.Checks[^1].Detail, StringComparison.Ordinal);
        Assert.True(DrawExport.Verify(Genuine).Matches);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "grade", "核对名单摘要" },
        { "inspector", "核对名单摘要" },
        { "lists-and-digest", "核对记录日志中的承诺" },
        { "seed", "核对种子与承诺值" },
        { "commitment", "核对种子与承诺值" },
        { "result-order", "重新计算抽取结果" },
        { "result-inspector", "重新计算抽取结果" },
        { "ledger-index", "核对承诺先于检查点" },
        { "checkpoint", "核对检查点签名" },
        { "format", "读取导出文件" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Any_changed_input_or_output_is_rejected_at_the_step_it_breaks(string what, string failingStep)
    {
        var tampered = Changed(root =>
        {
            var lists = (JsonObject)root["lists"]!;
            var result = (JsonArray)root["result"]!["targets"]!;
            switch (what)
            {
                case "grade":
                    lists["candidates"]![3]!["grade"] = "A" == lists["candidates"]![3]!["grade"]!.GetValue<string>() ? "D" : "A";
                    break;
                case "inspector":
                    lists["inspectors"]![0]!["name"] = "冒名顶替";
                    break;
                case "lists-and-digest":
                    lists["candidates"]![3]!["grade"] = "D";
                    root["listsSha256"] = Convert.ToHexStringLower(DrawLists.Sha256(lists));
                    break;
                case "seed":
                    root["seed"] = Convert.ToHexStringLower(DrawTestData.Seed(8));
                    break;
                case "commitment":
                    root["commitment"]!["sha256"] = new string('0', 64);
                    break;
                case "result-order":
                    var first = result[0]!.DeepClone();
                    result[0] = result[1]!.DeepClone();
                    result[1] = first;
                    result[0]!["order"] = 1;
                    result[1]!["order"] = 2;
                    break;
                case "result-inspector":
                    var team = (JsonArray)result[0]!["teams"]![0]!["inspectors"]!;
                    var other = Lists.Inspectors.First(i => team.All(t => t!["certificate"]!.GetValue<string>() != i.Certificate));
                    team[0] = new JsonObject { ["certificate"] = other.Certificate, ["name"] = other.Name };
                    break;
                case "ledger-index":
                    root["commitment"]!["ledgerIndex"] = 2;
                    break;
                case "checkpoint":
                    var note = root["checkpoint"]!.GetValue<string>();
                    var lines = note.Split('\n');
                    lines[1] = "4";
                    root["checkpoint"] = string.Join('\n', lines);
                    break;
                case "format":
                    root["format"] = "sanxiang-draw/0";
                    break;
            }
        });
        var verification = DrawExport.Verify(tampered, [DrawTestData.Key]);
        Assert.False(verification.Matches);
        var failed = verification.Checks.Single(c => !c.Passed);
        Assert.Equal(failingStep, failed.Step);
        Assert.Same(failed, verification.Checks[^1]);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_is_rejected()
    {
        var other = Ed25519NoteKey.Generate(DrawTestData.Origin);
        var verification = DrawExport.Verify(Genuine, [other]);
        Assert.False(verification.Matches);
        Assert.Equal("核对检查点签名", verification.Checks[^1].Step);
    }

    [Fact]
    public void Not_json_at_all_is_a_clear_failure()
    {
        var verification = DrawExport.Verify("这不是导出文件");
        Assert.False(verification.Matches);
        Assert.Contains("不是有效的 JSON", verification.Checks.Single().Detail, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SanxiangCommand.RunAsync(args, stdout, stderr, TextReader.Null);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task The_command_says_whether_the_draw_matches_with_its_exit_code()
    {
        var dir = Directory.CreateTempSubdirectory("sanxiang-draw-");
        try
        {
            var genuine = Path.Combine(dir.FullName, "draw.json");
            var tampered = Path.Combine(dir.FullName, "tampered.json");
            var keys = Path.Combine(dir.FullName, "keys.txt");
            await File.WriteAllTextAsync(genuine, Genuine);
            await File.WriteAllTextAsync(tampered, Changed(r => r["seed"] = Convert.ToHexStringLower(DrawTestData.Seed(9))));
            await File.WriteAllTextAsync(keys, DrawTestData.Key.VerifierKey + "\n");

            var ok = await Cli("draw", "verify", genuine, "--key", keys);
            Assert.Equal(0, ok.Code);
            Assert.Contains("7. 重新计算抽取结果：通过", ok.Out, StringComparison.Ordinal);
            Assert.Contains("结论：抽取结果与公布的输入一致", ok.Out, StringComparison.Ordinal);

            var bad = await Cli("draw", "verify", tampered);
            Assert.Equal(1, bad.Code);
            Assert.Contains("核对种子与承诺值：不通过", bad.Out, StringComparison.Ordinal);
            Assert.Contains("结论：抽取结果无法由公布的输入重现", bad.Out, StringComparison.Ordinal);

            Assert.Equal(2, (await Cli("draw", "verify", Path.Combine(dir.FullName, "missing.json"))).Code);
            Assert.Equal(2, (await Cli("draw", "check")).Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
