using System.Buffers;
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

    /// <exception cref="ArgumentException">A float, an unsafe integer, a lone surrogate or an unsupported value.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        using var writer = new CanonicalJsonWriter();
        writer.WriteNode(node);
        return writer.ToArray();
    }
}

/// <summary>
/// Writes canonical JSON (<see cref="CanonicalJson"/>) straight into one UTF-8 buffer: no intermediate string, no
/// copies of the nodes. <see cref="WriteNode"/> canonicalises a whole value; the other methods let a caller that knows
/// its own fixed shape (the ledger's event envelope) write members itself, in sorted order, which is then its
/// responsibility. The buffer is rented from the shared pool and returned by <see cref="Dispose"/>.
/// </summary>
public sealed class CanonicalJsonWriter : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The characters RFC 8785 §3.2.2.2 escapes: ", \ and the controls below U+0020.</summary>
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private byte[] _buffer;
    private int _length;

    // Where the writer is inside the value given to WriteNode, for error messages only: member names and array indexes.
    private readonly List<(string? Name, int Index)> _path = [];

    public CanonicalJsonWriter(int capacity = 512) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Bytes the caller guarantees are canonical JSON text (punctuation, member names it has escaped itself).</summary>
    public void WriteRaw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        _length += utf8.Length;
    }

    public void WriteNull() => WriteRaw("null"u8);

    /// <summary>A JSON string with the escapes of RFC 8785 §3.2.2.2 (those of ECMAScript JSON.stringify).</summary>
    /// <exception cref="ArgumentException">The text holds a lone UTF-16 surrogate.</exception>
    public void WriteString(ReadOnlySpan<char> s)
    {
        WriteByte((byte)'"');
        while (!s.IsEmpty)
        {
            // Copy the longest run that needs no escape in one go, then escape one character.
            var run = s.IndexOfAny(MustEscape);
            var plain = run < 0 ? s : s[..run];
            if (!plain.IsEmpty)
            {
                if (Ascii.IsValid(plain))
                {
                    var ascii = Reserve(plain.Length);
                    Ascii.FromUtf16(plain, ascii, out _);
                    _length += plain.Length;
                }
                else
                {
                    WriteUtf8(plain);
                }
            }

            if (run < 0)
            {
                break;
            }

            WriteEscape(s[run]);
            s = s[(run + 1)..];
        }

        WriteByte((byte)'"');
    }

    /// <summary>A GUID as a JSON string in its default (lower-case, hyphenated) form.</summary>
    public void WriteString(Guid value)
    {
        var span = Reserve(38);
        span[0] = (byte)'"';
        value.TryFormat(span[1..], out var written);
        span[1 + written] = (byte)'"';
        _length += written + 2;
    }

    /// <summary>An integer; RFC 8785 (I-JSON) carries only ±(2^53 − 1) exactly.</summary>
    /// <exception cref="ArgumentException">The integer is beyond ±(2^53 − 1).</exception>
    public void WriteInteger(long value)
    {
        if (value is > CanonicalJson.MaxSafeInteger or < -CanonicalJson.MaxSafeInteger)
        {
            throw new ArgumentException($"{Path()}：整数 {value} 超出 ±(2^53−1)，规范 JSON（RFC 8785）无法精确表示，请改用字符串。", nameof(value));
        }

        value.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Any JSON value, canonicalised: object members sorted by the UTF-16 code units of their names.</summary>
    /// <exception cref="ArgumentException">A float, an unsafe integer, a lone surrogate or an unsupported value.</exception>
    public void WriteNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                WriteNull();
                break;
            case JsonObject obj:
                WriteObject(obj);
                break;
            case JsonArray array:
                WriteByte((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte((byte)',');
                    }

                    _path.Add((null, i));
                    WriteNode(array[i]);
                    _path.RemoveAt(_path.Count - 1);
                }

                WriteByte((byte)']');
                break;
            case JsonValue value:
                WriteValue(value);
                break;
            default:
                throw new ArgumentException($"{Path()}：不支持的 JSON 节点类型 {node.GetType().Name}。", nameof(node));
        }
    }

    private void WriteObject(JsonObject obj)
    {
        var members = new KeyValuePair<string, JsonNode?>[obj.Count];
        var n = 0;
        foreach (var member in obj)
        {
            members[n++] = member;
        }

        Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        WriteByte((byte)'{');
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                WriteByte((byte)',');
            }

            WriteString(members[i].Key);
            WriteByte((byte)':');
            _path.Add((members[i].Key, 0));
            WriteNode(members[i].Value);
            _path.RemoveAt(_path.Count - 1);
        }

        WriteByte((byte)'}');
    }

    private void WriteValue(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(element);
            return;
        }

        switch (value.GetValue<object>())
        {
            case string s:
                WriteString(s);
                break;
            case char c:
                WriteString([c]);
                break;
            case bool b:
                WriteRaw(b ? "true"u8 : "false"u8);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                WriteInteger(Convert.ToInt64(value.GetValue<object>(), CultureInfo.InvariantCulture));
                break;
            case ulong u:
                WriteInteger(u > long.MaxValue ? long.MaxValue : (long)u);
                break;
            case double or float or decimal or Half:
                throw FloatRejected(value.ToJsonString());
            default:
                // Guid, DateTimeOffset, enums ...: take System.Text.Json's own JSON for it and canonicalise that.
                using (var document = JsonDocument.Parse(value.ToJsonString()))
                {
                    WriteElement(document.RootElement);
                }

                break;
        }
    }

    private void WriteElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                WriteNull();
                break;
            case JsonValueKind.True:
                WriteRaw("true"u8);
                break;
            case JsonValueKind.False:
                WriteRaw("false"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
                {
                    throw FloatRejected(raw);
                }

                if (!element.TryGetInt64(out var integer))
                {
                    throw new ArgumentException($"{Path()}：整数 {raw} 超出 ±(2^53−1)，规范 JSON（RFC 8785）无法精确表示，请改用字符串。", nameof(element));
                }

                WriteInteger(integer);
                break;
            case JsonValueKind.Object:
                WriteObject(JsonObject.Create(element)!);
                break;
            case JsonValueKind.Array:
                WriteNode(JsonArray.Create(element));
                break;
            case JsonValueKind.Undefined:
            default:
                throw new ArgumentException($"{Path()}：不支持的 JSON 值。", nameof(element));
        }
    }

    private ArgumentException FloatRejected(string raw) =>
        new($"{Path()}：规范 JSON 只接受整数，收到小数或指数形式的数 {raw}。金额请以分为单位的整数记录，其他小数请写成字符串。", nameof(raw));

    private void WriteEscape(char c)
    {
        switch (c)
        {
            case '"':
                WriteRaw("\\\""u8);
                break;
            case '\\':
                WriteRaw("\\\\"u8);
                break;
            case '\b':
                WriteRaw("\\b"u8);
                break;
            case '\f':
                WriteRaw("\\f"u8);
                break;
            case '\n':
                WriteRaw("\\n"u8);
                break;
            case '\r':
                WriteRaw("\\r"u8);
                break;
            case '\t':
                WriteRaw("\\t"u8);
                break;
            default:
                WriteRaw("\\u00"u8);
                ((byte)c).TryFormat(Reserve(2), out _, "x2", CultureInfo.InvariantCulture);
                _length += 2;
                break;
        }
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        int count;
        try
        {
            count = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{Path()}：JSON 中有不成对的 UTF-16 代理项，不是有效的 Unicode 文本，无法规范化。", nameof(text), e);
        }

        _length += StrictUtf8.GetBytes(text, Reserve(count));
    }

    private void WriteByte(byte b)
    {
        Reserve(1)[0] = b;
        _length++;
    }

    /// <summary>Room for at least <paramref name="count"/> more bytes, at the end of what is written.</summary>
    private Span<byte> Reserve(int count)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_buffer.Length - _length < count)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }

    private string Path()
    {
        var path = new StringBuilder("$");
        foreach (var (name, index) in _path)
        {
            if (name is null)
            {
                path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                path.Append('.').Append(name);
            }
        }

        return path.ToString();
    }
}
