using System.Globalization;
using System.Text;

namespace Sanxiang.Core.Redaction;

/// <summary>Decoding a submitted decision text: strict UTF-8, so a text in another encoding is refused with a clear
/// reason rather than redacted as mojibake (which would hide nothing: the recognisers would find no names in it).</summary>
public static class RedactionInput
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null with a Chinese error naming the first bad byte.</summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out string? error)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            error = null;
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var at = FirstInvalid(bytes);
            var gbHint = LooksLikeGb(bytes) ? "看起来是 GB18030/GBK 编码，" : "";
            error = string.Create(CultureInfo.InvariantCulture,
                $"输入不是有效的 UTF-8 文本：第 {at + 1} 个字节（0x{(at < bytes.Length ? bytes[at] : 0):X2}）起无法解码，{gbHint}请先转换为 UTF-8 再试（例如 iconv -f GB18030 -t UTF-8）。未做任何隐去。");
            return null;
        }
    }

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return bytes.Length;
    }

    private static bool LooksLikeGb(ReadOnlySpan<byte> bytes)
    {
        var pairs = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] is >= 0x81 and <= 0xFE && bytes[i + 1] is >= 0x40 and <= 0xFE and not 0x7F)
            {
                pairs++;
                i++;
            }
        }

        return pairs >= 2;
    }
}
