using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// The canonical bytes of a ledger payload: the subset of RFC 8785 (JSON Canonicalization Scheme) that event payloads
/// need. Objects with their members sorted by the UTF-16 code units of the names, no whitespace, UTF-8 output, strings
/// escaped as RFC 8785 §3.2.2.2 says (only ", \ and control characters; everything else, Chinese included, as UTF-8),
/// null, true, false, and integers. Numbers with a fraction or an exponent are refused rather than canonicalised through
/// IEEE 754 doubles, and so are integers beyond ±(2^53 − 1), which RFC 8785 (I-JSON, RFC 7493 §2.2) cannot carry
/// exactly: put amounts in fen and large identifiers in strings.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The largest integer a JCS (I-JSON) number represents exactly: 2^53 − 1.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">A float, an unsafe integer, a lone surrogate or an unsupported value.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node, "$");
        try
        {
            return StrictUtf8.GetBytes(builder.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("JSON 中有不成对的 UTF-16 代理项，不是有效的 Unicode 文本，无法规范化。", nameof(node), e);
        }
    }

    private static void Write(StringBuilder builder, JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, name);
                    builder.Append(':');
                    Write(builder, value, $"{path}.{name}");
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i], $"{path}[{i}]");
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value, path);
                break;
            default:
                throw new ArgumentException($"{path}：不支持的 JSON 节点类型 {node.GetType().Name}。", nameof(node));
        }
    }

    private static void WriteValue(StringBuilder builder, JsonValue value, string path)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(builder, element, path);
            return;
        }

        switch (value.GetValue<object>())
        {
            case string s:
                WriteString(builder, s);
                break;
            case char c:
                WriteString(builder, c.ToString());
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                WriteInteger(builder, Convert.ToInt64(value.GetValue<object>(), CultureInfo.InvariantCulture), path);
                break;
            case ulong u:
                WriteInteger(builder, u > long.MaxValue ? long.MaxValue : (long)u, path);
                break;
            case double or float or decimal or Half:
                throw FloatRejected(path, value.ToJsonString());
            default:
                // Guid, DateTimeOffset, enums ...: take System.Text.Json's own JSON for it and canonicalise that.
                using (var document = JsonDocument.Parse(value.ToJsonString()))
                {
                    WriteElement(builder, document.RootElement, path);
                }

                break;
        }
    }

    private static void WriteElement(StringBuilder builder, JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
                {
                    throw FloatRejected(path, raw);
                }

                if (!element.TryGetInt64(out var integer))
                {
                    throw new ArgumentException($"{path}：整数 {raw} 超出 ±(2^53−1)，规范 JSON（RFC 8785）无法精确表示，请改用字符串。", nameof(element));
                }

                WriteInteger(builder, integer, path);
                break;
            case JsonValueKind.Object:
                Write(builder, JsonObject.Create(element), path);
                break;
            case JsonValueKind.Array:
                Write(builder, JsonArray.Create(element), path);
                break;
            case JsonValueKind.Undefined:
            default:
                throw new ArgumentException($"{path}：不支持的 JSON 值。", nameof(element));
        }
    }

    private static void WriteInteger(StringBuilder builder, long value, string path)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new ArgumentException($"{path}：整数 {value} 超出 ±(2^53−1)，规范 JSON（RFC 8785）无法精确表示，请改用字符串。", nameof(value));
        }

        builder.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private static ArgumentException FloatRejected(string path, string raw) =>
        new($"{path}：规范 JSON 只接受整数，收到小数或指数形式的数 {raw}。金额请以分为单位的整数记录，其他小数请写成字符串。", nameof(raw));

    /// <summary>RFC 8785 §3.2.2.2: the escapes of ECMAScript JSON.stringify.</summary>
    private static void WriteString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
