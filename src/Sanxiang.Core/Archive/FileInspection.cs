using System.IO.Compression;
using System.Text;

namespace Sanxiang.Core.Archive;

/// <summary>
/// What one streaming read of a file tells the archive check: its SM3, its first and last bytes (for type signatures
/// and the PDF trailer), whether it is valid UTF-8, and which dangerous markers occur in it. Markers are searched
/// across chunk boundaries; only text-like and PDF content is searched, never video or images.
/// </summary>
internal sealed class FileInspection : IBagFileObserver
{
    private const int HeadSize = 4096;
    private const int TailSize = 2048;
    private const int Carry = 64;

    private static readonly (string Marker, bool IgnoreCase)[] PdfMarkers = [("/JavaScript", false), ("/JS", false), ("/Launch", false), ("/EmbeddedFile", false)];
    private static readonly (string Marker, bool IgnoreCase)[] HtmlMarkers = [("<script", true), ("javascript:", true)];

    private readonly BagDigest _sm3 = BagDigest.TryCreate(BagDigest.Sm3)!;
    private readonly byte[] _head = new byte[HeadSize];
    private readonly byte[] _tail = new byte[TailSize];
    private readonly byte[] _carry = new byte[Carry];
    private readonly (string Marker, bool IgnoreCase)[] _markers;
    private readonly Decoder? _utf8;
    private int _carryLength;
    private int _headLength;
    private long _length;

    public FileInspection(string mediaType)
    {
        MediaType = mediaType;
        var text = FileTypes.IsText(mediaType);
        // Scripts are looked for only where they would run: in PDF and in HTML-like types. Plain text and JSON may
        // quote "<script" (a complaint, a log entry) without being dangerous.
        _markers = mediaType == "application/pdf" ? PdfMarkers : FileTypes.IsHtml(mediaType) ? HtmlMarkers : [];
        _utf8 = text ? new UTF8Encoding(false, true).GetDecoder() : null;
    }

    public string MediaType { get; }

    public string? Sm3 { get; private set; }

    public long Length => _length;

    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public ReadOnlySpan<byte> Tail => _length >= TailSize ? _tail : _tail.AsSpan(0, (int)_length);

    public bool IsValidUtf8 { get; private set; } = true;

    public HashSet<string> MarkersFound { get; } = new(StringComparer.Ordinal);

    public void Append(ReadOnlySpan<byte> data)
    {
        _sm3.Append(data);
        if (_headLength < HeadSize)
        {
            var n = Math.Min(HeadSize - _headLength, data.Length);
            data[..n].CopyTo(_head.AsSpan(_headLength));
            _headLength += n;
        }

        // Keep the last TailSize bytes: shift what is kept, then append.
        if (data.Length >= TailSize)
        {
            data[^TailSize..].CopyTo(_tail);
        }
        else
        {
            var keep = (int)Math.Min(_length, TailSize - data.Length);
            var start = (int)Math.Min(_length, TailSize) - keep;
            _tail.AsSpan(start, keep).CopyTo(_tail);
            data.CopyTo(_tail.AsSpan(keep));
        }

        _length += data.Length;
        if (_utf8 is not null && IsValidUtf8)
        {
            try
            {
                var chars = new char[_utf8.GetCharCount(data, flush: false)];
                _utf8.GetChars(data, chars, flush: false);
            }
            catch (DecoderFallbackException)
            {
                IsValidUtf8 = false;
            }
        }

        if (_markers.Length > 0)
        {
            var window = new byte[_carryLength + data.Length];
            _carry.AsSpan(0, _carryLength).CopyTo(window);
            data.CopyTo(window.AsSpan(_carryLength));
            Scan(window, final: false);
            _carryLength = Math.Min(Carry, window.Length);
            window.AsSpan(window.Length - _carryLength).CopyTo(_carry);
        }
    }

    public void Complete()
    {
        Sm3 = _sm3.FinishHex();
        _sm3.Dispose();
        if (_utf8 is not null && IsValidUtf8)
        {
            try
            {
                _utf8.GetCharCount([], flush: true);
            }
            catch (DecoderFallbackException)
            {
                IsValidUtf8 = false;
            }
        }

        if (_markers.Length > 0)
        {
            Scan(_carry.AsSpan(0, _carryLength).ToArray(), final: true);
        }
    }

    private void Scan(byte[] window, bool final)
    {
        foreach (var (marker, ignoreCase) in _markers)
        {
            var needle = Encoding.ASCII.GetBytes(marker);
            for (var i = 0; i + needle.Length <= window.Length; i++)
            {
                if (!ignoreCase)
                {
                    var next = window.AsSpan(i).IndexOf(needle);
                    if (next < 0)
                    {
                        break;
                    }

                    i += next;
                }
                else if (!Matches(window.AsSpan(i, needle.Length), needle))
                {
                    continue;
                }

                var end = i + needle.Length;
                if (end == window.Length && !final)
                {
                    continue; // the next byte decides; this match is seen again with it in the next window
                }

                // A PDF name ends at a delimiter or white space: "/JS" must not match "/JSON".
                if (marker[0] == '/' && end < window.Length && char.IsAsciiLetterOrDigit((char)window[end]))
                {
                    continue;
                }

                MarkersFound.Add(marker);
                break;
            }
        }
    }

    /// <summary>ASCII case-insensitive match against a lower-case needle.</summary>
    private static bool Matches(ReadOnlySpan<byte> data, byte[] needle)
    {
        for (var i = 0; i < needle.Length; i++)
        {
            if (char.ToLowerInvariant((char)data[i]) != (char)needle[i])
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Type signatures ("magic numbers") of the media the platform accepts, and of executables.</summary>
internal static class FileTypes
{
    public static bool IsText(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || mediaType is "application/json" or "application/x-ndjson" or "application/xml";

    public static bool IsHtml(string mediaType) => mediaType is "text/html" or "application/xhtml+xml" or "image/svg+xml";

    public static bool IsOfficeOpenXml(string mediaType) =>
        mediaType.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("application/vnd.ms-word.", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("application/vnd.ms-excel.", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("application/vnd.ms-powerpoint.", StringComparison.OrdinalIgnoreCase);

    /// <summary>Macro-enabled Office types (.docm, .xlsm, .pptm, .dotm …) by their registered media types.</summary>
    public static bool IsMacroEnabledType(string mediaType) => mediaType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] ExecutableExtensions =
        [".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".hta", ".jar", ".sh", ".so", ".dylib", ".app", ".apk", ".lnk", ".docm", ".xlsm", ".pptm", ".dotm", ".xltm"];

    public static bool HasExecutableExtension(string path) =>
        ExecutableExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The kind of executable the first bytes announce, or null.</summary>
    public static string? Executable(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\u007fELF"u8))
        {
            return "ELF 可执行文件（Linux）";
        }

        if (head.StartsWith("MZ"u8))
        {
            return "PE 可执行文件（Windows .exe/.dll）";
        }

        if (head.Length >= 4)
        {
            var magic = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
            if (magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE)
            {
                return "Mach-O 可执行文件（macOS）或 Java 类文件";
            }
        }

        if (head.StartsWith("#!"u8))
        {
            return "脚本（以“#!”开头）";
        }

        return null;
    }

    /// <summary>Why the first and last bytes do not fit the declared type, or null when they do (or the type has no signature here).</summary>
    public static string? SignatureProblem(string mediaType, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, out bool known)
    {
        known = true;
        switch (mediaType.ToLowerInvariant())
        {
            case "application/pdf":
                if (!head.StartsWith("%PDF-"u8))
                {
                    return "不以“%PDF-”开头，不是 PDF 文件";
                }

                return tail.IndexOf("%%EOF"u8) < 0 ? "末尾没有“%%EOF”，PDF 文件不完整（可能被截断）" : null;
            case "image/jpeg":
                return head.StartsWith([(byte)0xFF, (byte)0xD8, (byte)0xFF]) ? null : "不以 FF D8 FF 开头，不是 JPEG 图像";
            case "image/png":
                return head.StartsWith([(byte)0x89, (byte)'P', (byte)'N', (byte)'G', (byte)0x0D, (byte)0x0A, (byte)0x1A, (byte)0x0A]) ? null : "没有 PNG 文件签名";
            case "image/gif":
                return head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8) ? null : "没有 GIF 文件签名";
            case "image/webp":
                return head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? null : "没有 WebP（RIFF/WEBP）文件签名";
            case "image/tiff":
                return head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) ? null : "没有 TIFF 文件签名";
            case "video/mp4" or "audio/mp4" or "audio/x-m4a" or "audio/m4a" or "video/3gpp":
                return head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8) ? null : "第 5–8 字节不是“ftyp”，不是 MP4/M4A 文件";
            case "video/quicktime":
                return head.Length >= 8 && (head[4..8].SequenceEqual("ftyp"u8) || head[4..8].SequenceEqual("moov"u8) || head[4..8].SequenceEqual("mdat"u8)
                    || head[4..8].SequenceEqual("wide"u8) || head[4..8].SequenceEqual("free"u8) || head[4..8].SequenceEqual("skip"u8))
                    ? null : "不是 QuickTime（MOV）文件结构";
            case "video/webm" or "audio/webm" or "video/x-matroska" or "audio/x-matroska":
                return head.StartsWith([(byte)0x1A, (byte)0x45, (byte)0xDF, (byte)0xA3]) ? null : "没有 EBML 文件头，不是 WebM/Matroska 文件";
            case "audio/mpeg" or "audio/mp3":
                return head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) ? null : "没有 ID3 标签或 MPEG 帧同步，不是 MP3 文件";
            case "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave":
                return head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8) ? null : "没有 RIFF/WAVE 文件头，不是 WAV 文件";
            default:
                if (IsOfficeOpenXml(mediaType) || mediaType == "application/zip")
                {
                    return head.StartsWith("PK\u0003\u0004"u8) ? null : "不是 ZIP 结构（Office Open XML 文档是 ZIP 包）";
                }

                known = IsText(mediaType) || IsHtml(mediaType);
                return null;
        }
    }

    /// <summary>
    /// Opens an Office Open XML package: a zip with [Content_Types].xml. Returns why it does not open, or null; and
    /// whether it carries a VBA project (macros), whatever its declared type says.
    /// </summary>
    public static string? OfficePackageProblem(Stream seekable, out bool hasMacros)
    {
        hasMacros = false;
        try
        {
            using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            hasMacros = names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || n.EndsWith("vbaData.xml", StringComparison.OrdinalIgnoreCase));
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal))
            {
                return "ZIP 包中没有 [Content_Types].xml，不是 Office Open XML 文档";
            }

            using var types = zip.GetEntry("[Content_Types].xml")!.Open();
            using var reader = System.Xml.XmlReader.Create(types, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            while (reader.Read())
            {
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or IOException or NotSupportedException)
        {
            return $"无法作为 ZIP/Office 文档打开：{e.Message}";
        }
    }
}
