using System.Buffers.Binary;
using System.Text;

namespace Sanxiang.Core.Evidence;

/// <summary>
/// Says what a file is from its first bytes (its "magic numbers"), never from its name: the rest of the file can stream
/// past while only <see cref="HeadLength"/> bytes are looked at. Unknown content is <c>null</c>.
/// </summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes the sniffer needs at most (zip entry names and Matroska track codecs sit in the first few KB).</summary>
    public const int HeadLength = 8192;

    public static MediaFormat? Identify(ReadOnlySpan<byte> head)
    {
        if (head.Length < 2)
        {
            return head.Length == 1 && IsText(head) ? MediaFormats.Text : null;
        }

        return head switch
        {
            [0xFF, 0xD8, 0xFF, ..] => MediaFormats.Jpeg,
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => MediaFormats.Png,
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => MediaFormats.Gif,
            [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => MediaFormats.Tiff,
            [(byte)'B', (byte)'M', _, _, _, _, 0, 0, 0, 0, ..] => MediaFormats.Bmp,
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => MediaFormats.Pdf,
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, .. var riff] => Riff(riff),
            [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => FileType(head),
            [0x1A, 0x45, 0xDF, 0xA3, ..] => Matroska(head),
            [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => Ogg(head),
            [(byte)'f', (byte)'L', (byte)'a', (byte)'C', ..] => MediaFormats.Flac,
            [(byte)'#', (byte)'!', (byte)'A', (byte)'M', (byte)'R', ..] => MediaFormats.Amr,
            [(byte)'I', (byte)'D', (byte)'3', < 0xFF, < 0xFF, ..] => MediaFormats.Mp3,
            [(byte)'P', (byte)'K', 0x03, 0x04, ..] => Zip(head),
            [0xFF, var b1, ..] when (b1 & 0xF6) == 0xF0 => MediaFormats.Aac,
            [0xFF, _, _, ..] when IsMpegAudioFrame(head) => MediaFormats.Mp3,
            _ => IsText(head) ? MediaFormats.Text : null,
        };
    }

    private static MediaFormat? Riff(ReadOnlySpan<byte> rest) => rest switch
    {
        [(byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => MediaFormats.WebP,
        [(byte)'W', (byte)'A', (byte)'V', (byte)'E', ..] => MediaFormats.Wav,
        [(byte)'A', (byte)'V', (byte)'I', (byte)' ', ..] => MediaFormats.Avi,
        _ => null,
    };

    /// <summary>ISO base media (MP4, MOV, 3GP, M4A, HEIF, AVIF): the major brand, then the compatible brands of the ftyp box.</summary>
    private static MediaFormat? FileType(ReadOnlySpan<byte> head)
    {
        var boxSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        if (boxSize < 16)
        {
            return null;
        }

        var major = Encoding.ASCII.GetString(head.Slice(8, 4));
        var compatible = new List<string>();
        for (var at = 16; at + 4 <= boxSize; at += 4)
        {
            compatible.Add(Encoding.ASCII.GetString(head.Slice(at, 4)));
        }

        // Still images first: a HEIF photo may list "mp41" too, and an AVIF may name "mif1" as its major brand.
        if (major is "avif" or "avis")
        {
            return MediaFormats.Avif;
        }

        if (major is "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx")
        {
            return MediaFormats.Heic;
        }

        if (major is "mif1" or "msf1")
        {
            return compatible.Contains("avif") || compatible.Contains("avis") ? MediaFormats.Avif
                : compatible.Any(b => b is "heic" or "heix" or "hevc" or "hevx") ? MediaFormats.Heic
                : MediaFormats.HeifImage;
        }

        return Brand(major) ?? compatible.Select(Brand).FirstOrDefault(f => f is not null);
    }

    private static MediaFormat? Brand(string brand) => brand switch
    {
        "qt  " => MediaFormats.QuickTime,
        "M4A " or "M4B " or "M4P " or "F4A " => MediaFormats.M4a,
        _ when brand.StartsWith("3gp", StringComparison.Ordinal) || brand.StartsWith("3ge", StringComparison.Ordinal)
            || brand.StartsWith("3gg", StringComparison.Ordinal) || brand.StartsWith("3gs", StringComparison.Ordinal) => MediaFormats.ThreeGpp,
        _ when brand.StartsWith("3g2", StringComparison.Ordinal) => MediaFormats.ThreeGpp2,
        "isom" or "iso2" or "iso3" or "iso4" or "iso5" or "iso6" or "iso7" or "iso8" or "iso9" or "mp41" or "mp42" or "mp71"
            or "avc1" or "dash" or "M4V " or "M4VH" or "M4VP" or "F4V " or "MSNV" or "NDAS" or "NDSC" or "NDSH" or "NDSM"
            or "NDSP" or "NDSS" or "NDXC" or "NDXH" or "NDXM" or "NDXP" or "NDXS" or "XAVC" or "mmp4" or "CAEP" => MediaFormats.Mp4,
        _ => null,
    };

    /// <summary>EBML: WebM or Matroska by the DocType; audio when the first tracks name only audio codecs.</summary>
    private static MediaFormat? Matroska(ReadOnlySpan<byte> head)
    {
        var webm = head.IndexOf("webm"u8) >= 0;
        if (!webm && head.IndexOf("matroska"u8) < 0)
        {
            return null;
        }

        var video = head.IndexOf("V_VP8"u8) >= 0 || head.IndexOf("V_VP9"u8) >= 0 || head.IndexOf("V_AV1"u8) >= 0
            || head.IndexOf("V_MPEG"u8) >= 0 || head.IndexOf("V_MS/"u8) >= 0 || head.IndexOf("V_THEORA"u8) >= 0;
        var audioOnly = !video && (head.IndexOf("A_OPUS"u8) >= 0 || head.IndexOf("A_VORBIS"u8) >= 0 || head.IndexOf("A_AAC"u8) >= 0
            || head.IndexOf("A_MPEG"u8) >= 0 || head.IndexOf("A_PCM"u8) >= 0 || head.IndexOf("A_FLAC"u8) >= 0);
        return webm ? (audioOnly ? MediaFormats.WebMAudio : MediaFormats.WebM) : MediaFormats.Mkv;
    }

    /// <summary>Ogg: Theora (video) or Vorbis/Opus/Speex/FLAC (audio) by the first packet of the first page.</summary>
    private static MediaFormat? Ogg(ReadOnlySpan<byte> head)
    {
        if (head.Length < 27 || head[4] != 0)
        {
            return null;
        }

        var packet = head[Math.Min(head.Length, 27 + head[26])..];
        return packet is [0x80, (byte)'t', (byte)'h', (byte)'e', (byte)'o', (byte)'r', (byte)'a', ..] ? MediaFormats.OggVideo : MediaFormats.OggAudio;
    }

    /// <summary>
    /// A zip: OFD (GB/T 33190) has OFD.xml at its root, DOCX word/ parts and XLSX xl/ parts; we read the names of the
    /// local file headers that lie in the head. An Office package whose telling part lies further in stays undecided.
    /// </summary>
    private static MediaFormat? Zip(ReadOnlySpan<byte> head)
    {
        var office = false;
        for (var at = 0; at + 30 <= head.Length;)
        {
            var found = head[at..].IndexOf("PK\x03\x04"u8);
            if (found < 0 || at + found + 30 > head.Length)
            {
                break;
            }

            at += found;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[(at + 26)..]);
            var name = head.Slice(at + 30, Math.Min(nameLength, head.Length - at - 30));
            if (name.SequenceEqual("OFD.xml"u8) || name.SequenceEqual("ofd.xml"u8))
            {
                return MediaFormats.Ofd;
            }

            if (name.StartsWith("word/"u8))
            {
                return MediaFormats.Docx;
            }

            if (name.StartsWith("xl/"u8))
            {
                return MediaFormats.Xlsx;
            }

            office |= name.SequenceEqual("[Content_Types].xml"u8);
            at += 4;
        }

        return office ? MediaFormats.OfficePackage : MediaFormats.Zip;
    }

    /// <summary>An MPEG-1/2/2.5 audio frame header (no ID3 tag): sync, a defined version, layer, bit rate and sample rate.</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (head[1] >> 3) & 3;
        var layer = (head[1] >> 1) & 3;
        var bitrate = head[2] >> 4;
        var sampleRate = (head[2] >> 2) & 3;
        return version != 1 && layer != 0 && bitrate is not (0 or 15) && sampleRate != 3;
    }

    /// <summary>UTF-8 (a BOM allowed) without control characters other than tab, line breaks and form feed; a sequence cut at the end of the head is fine.</summary>
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head is [0xEF, 0xBB, 0xBF, ..])
        {
            head = head[3..];
        }

        // Not final: a multi-byte character cut off by the end of the head is fine.
        var status = System.Text.Unicode.Utf8.ToUtf16(head, new char[head.Length], out _, out _, replaceInvalidSequences: false, isFinalBlock: false);
        if (status is not (System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData))
        {
            return false;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
