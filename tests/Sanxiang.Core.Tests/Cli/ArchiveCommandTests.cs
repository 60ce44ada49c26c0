using Sanxiang.Cli;
using Sanxiang.Core.Tests.Archive;

namespace Sanxiang.Core.Tests.Cli;

/// <summary><c>sanxiang archive check</c>: 0 when all four properties pass, 1 when any fails, 2 for bad usage; no database.</summary>
public sealed class ArchiveCommandTests : IDisposable
{
    private readonly ArchiveTestPackages _packages = new();

    public void Dispose() => _packages.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // No database options: the command must not need one.
        var code = await SanxiangCommand.RunAsync(args, stdout, stderr, TextReader.Null);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_sealed_package_passes_with_exit_code_0()
    {
        var dir = await _packages.SealAsync();
        var (code, output, error) = await Run("archive", "check", dir);
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("（案号 安市监罚〔2026〕12号）", output, StringComparison.Ordinal);
        foreach (var property in new[] { "真实性：通过", "完整性：通过", "可用性：通过", "安全性：通过", "结论：四性检测通过。" })
        {
            Assert.Contains(property, output, StringComparison.Ordinal);
        }

        Assert.Contains("涉密文件", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_package_fails_with_exit_code_1_and_says_which_property()
    {
        var dir = await _packages.SealAsync();
        File.WriteAllText(Path.Combine(dir, "data", "evidence", "多出来的.txt"), "x");
        var (code, output, _) = await Run("archive", "check", dir);
        Assert.Equal(1, code);
        Assert.Contains("完整性：不通过", output, StringComparison.Ordinal);
        Assert.Contains("结论：四性检测未通过（完整性）。", output, StringComparison.Ordinal);
        Assert.Contains("多出来的.txt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_keys_can_be_given_and_a_foreign_key_file_fails()
    {
        var dir = await _packages.SealAsync();
        var keys = Path.Combine(_packages.NewTemp() + ".keys");
        try
        {
            await File.WriteAllTextAsync(keys, $"# 公布的公钥\n{_packages.Ed25519.VerifierKey}\n{_packages.Sm2.VerifierKey}\n");
            Assert.Equal(0, (await Run("archive", "check", dir, "--key", keys)).Code);

            await File.WriteAllTextAsync(keys, Sanxiang.Core.Ledger.Ed25519NoteKey.Generate(ArchiveTestPackages.Origin).VerifierKey + "\n");
            var (code, output, _) = await Run("archive", "check", dir, "--key", keys);
            Assert.Equal(1, code);
            Assert.Contains("真实性：不通过", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keys);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_fails_with_exit_code_1()
    {
        var file = _packages.NewTemp() + ".zip";
        try
        {
            await File.WriteAllTextAsync(file, "not a zip");
            Assert.Equal(1, (await Run("archive", "check", file)).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("archive check")]
    [InlineData("archive verify x")]
    [InlineData("archive check /nonexistent/package")]
    [InlineData("archive check /tmp --key")]
    [InlineData("archive check /tmp --key /nonexistent/keys")]
    [InlineData("archive check /tmp --other x")]
    public async Task Bad_usage_exits_with_2(string command)
    {
        var (code, output, error) = await Run(command.Split(' '));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }
}
