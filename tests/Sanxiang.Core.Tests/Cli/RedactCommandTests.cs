using System.Text;
using System.Text.Json;
using Sanxiang.Cli.Commands;

namespace Sanxiang.Core.Tests.Cli;

public sealed class RedactCommandTests : IDisposable
{
    private const string Decision = "当事人：张三，男，公民身份号码：36073619870402088X，联系电话：13812345678。证人：欧阳娜娜。\n";
    private readonly string folder = Directory.CreateTempSubdirectory("sanxiang-redact-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Out, string Err) Run(string[] args, byte[]? stdin = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = RedactCommand.Run(args, () => new MemoryStream(stdin ?? []), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Prints_the_redacted_text_of_a_file()
    {
        var path = WriteFile("decision.txt", Encoding.UTF8.GetBytes(Decision));
        Assert.Equal((0, "当事人：张某，男，公民身份号码：360736************，联系电话：138****5678。证人：欧阳某某。\n", ""), Run([path]));
    }

    [Fact]
    public void Reads_stdin_when_no_file_is_given_and_may_keep_the_party_name()
    {
        var (code, output, error) = Run(["--keep-party-name"], Encoding.UTF8.GetBytes(Decision));
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal("当事人：张三，男，公民身份号码：360736************，联系电话：138****5678。证人：欧阳某某。\n", output);
    }

    [Fact]
    public void Json_has_the_text_and_the_spans_in_camel_case_with_chinese_unescaped()
    {
        var (code, output, _) = Run(["--json"], Encoding.UTF8.GetBytes(Decision));
        Assert.Equal(0, code);
        Assert.Contains("\"original\": \"张三\"", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var spans = json.RootElement.GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(["PersonName", "CitizenId", "Mobile", "PersonName"], spans.Select(s => s.GetProperty("kind").GetString()));
        var id = spans[1];
        Assert.Equal(Decision.IndexOf("3607", StringComparison.Ordinal), id.GetProperty("start").GetInt32());
        Assert.Equal(18, id.GetProperty("length").GetInt32());
        Assert.Equal("身份证号", id.GetProperty("label").GetString());
        Assert.Equal("360736************", id.GetProperty("replacement").GetString());
        Assert.StartsWith("当事人：张某", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_in_another_encoding_is_exit_code_1_with_a_chinese_message_and_nothing_printed()
    {
        var path = WriteFile("gbk.txt", [0xB5, 0xB1, 0xCA, 0xC2, 0xC8, 0xCB, 0xA3, 0xBA, 0xD5, 0xC5, 0xC8, 0xFD]);
        var (code, output, error) = Run([path, "--json"]);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("输入不是有效的 UTF-8 文本", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_exit_code_1()
    {
        var (code, output, error) = Run([Path.Combine(folder, "nope.txt")]);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("不存在", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--html" }, "无法识别的选项“--html”")]
    [InlineData(new[] { "a.txt", "b.txt" }, "参数过多")]
    public void Bad_usage_is_exit_code_2_with_help(string[] args, string message)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("用法：", error, StringComparison.Ordinal);
    }
}
