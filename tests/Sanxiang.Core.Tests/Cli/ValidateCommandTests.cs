using Sanxiang.Cli.Commands;

namespace Sanxiang.Core.Tests.Cli;

public sealed class ValidateCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ValidateCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Valid_uscc()
    {
        Assert.Equal((0, "valid" + Environment.NewLine, ""), Run("uscc", "91350100M000100Y43"));
    }

    [Fact]
    public void Invalid_uscc_prints_the_reason_on_stdout()
    {
        var (code, output, error) = Run("uscc", "91350100M000100Y44");
        Assert.Equal(1, code);
        Assert.Equal("invalid: 第 18 位校验码“4”错误：按前 17 位计算应为“3”。请核对代码是否抄错。" + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Fact]
    public void Valid_and_invalid_id()
    {
        Assert.Equal((0, "valid" + Environment.NewLine, ""), Run("id", "11010519491231002X"));
        var (code, output, _) = Run("id", "110105199902300015");
        Assert.Equal(1, code);
        Assert.StartsWith("invalid: 第 7-14 位出生日期“19990230”不是真实存在的日期", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "缺少要校验的类型（uscc 或 id）")]
    [InlineData(new[] { "uscc" }, "缺少要校验的统一社会信用代码")]
    [InlineData(new[] { "id" }, "缺少要校验的公民身份号码")]
    [InlineData(new[] { "passport", "E12345678" }, "未知的校验类型“passport”")]
    [InlineData(new[] { "id", "11010519491231002X", "extra" }, "参数过多")]
    public void Bad_usage_goes_to_stderr_with_exit_code_2(string[] args, string message)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("用法：", error, StringComparison.Ordinal);
    }
}
