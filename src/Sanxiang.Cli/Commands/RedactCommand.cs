using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sanxiang.Core.Redaction;

namespace Sanxiang.Cli.Commands;

/// <summary>
/// <c>sanxiang redact [FILE] [--json] [--keep-party-name] [--keep-representative-name]</c>: the redaction proposal
/// (PUB-7) for a decision text, recognised from the text alone. Prints the redacted text, or with <c>--json</c> the
/// redacted text and every span. Exit codes: 0 done, 1 unreadable input (missing file, not UTF-8), 2 bad usage.
/// </summary>
public static class RedactCommand
{
    public const string Usage =
        """
        用法：
          sanxiang redact [文件] [--json] [--keep-party-name] [--keep-representative-name]
              对决定书文本（UTF-8）提出隐去建议并输出隐去后的文本；不给文件时读标准输入。
              --json                       输出 JSON：隐去后的文本和每一处隐去（start/length 按 UTF-16 字符计，对应原文）
              --keep-party-name            按本机关公示政策公开当事人（自然人）本人的姓名（默认隐去）
              --keep-representative-name   公开单位法定代表人、负责人、经营者的姓名（默认隐去）
              其他自然人（证人、代理人、家属、投诉人等）的姓名始终隐去；执法人员姓名和执法证号、单位名称和代码不隐去。
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <param name="args">The arguments after "redact".</param>
    /// <param name="openStdin">Opens standard input as bytes (read only when no file is given).</param>
    public static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(openStdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var json = false;
        var policy = RedactionPolicy.Default;
        string? file = null;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--json":
                    json = true;
                    break;
                case "--keep-party-name":
                    policy = policy with { MaskPartyName = false };
                    break;
                case "--keep-representative-name":
                    policy = policy with { MaskLegalRepresentativeName = false };
                    break;
                case "-":
                    file ??= arg;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    return UsageError(stderr, $"无法识别的选项“{option}”。");
                case var path when file is null:
                    file = path;
                    break;
                default:
                    return UsageError(stderr, "参数过多：一次只能处理一个文件。");
            }
        }

        byte[] bytes;
        try
        {
            if (file is null or "-")
            {
                using var input = openStdin();
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else if (!File.Exists(file))
            {
                stderr.WriteLine(Directory.Exists(file) ? $"“{file}”是文件夹，不是文本文件。" : $"文件“{file}”不存在。");
                return 1;
            }
            else
            {
                bytes = File.ReadAllBytes(file);
            }
        }
        catch (IOException e)
        {
            stderr.WriteLine($"无法读取“{file ?? "标准输入"}”：{e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException)
        {
            stderr.WriteLine($"没有权限读取文件“{file}”。");
            return 1;
        }

        var text = RedactionInput.DecodeUtf8(bytes, out var error);
        if (text is null)
        {
            stderr.WriteLine(error);
            return 1;
        }

        var result = Redactor.Redact(text, RedactionContext.Empty, policy);
        if (!json)
        {
            stdout.Write(result.Text);
            return 0;
        }

        stdout.WriteLine(JsonSerializer.Serialize(new
        {
            text = result.Text,
            spans = result.Spans.Select(s => new
            {
                s.Start,
                s.Length,
                s.Kind,
                Label = RedactionKinds.Chinese(s.Kind),
                s.Original,
                s.Replacement,
                s.Reason,
            }),
        }, Json));
        return 0;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        stderr.Write(Usage);
        return 2;
    }
}
