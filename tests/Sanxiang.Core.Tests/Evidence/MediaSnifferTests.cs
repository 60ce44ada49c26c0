using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Sanxiang.Core.Evidence;

namespace Sanxiang.Core.Tests.Evidence;

/// <summary>
/// Content is identified by its first bytes. The headers below are the first bytes of real files: the images written by
/// ImageMagick 6 (with libheif), the audio and video as phones, browsers and common encoders write them.
/// </summary>
public sealed class MediaSnifferTests
{
    public static TheoryData<string, string, string, EvidenceKind> RealHeaders => new()
    {
        { "JPEG (JFIF)", "ffd8ffe000104a46494600010100000100010000ffdb004300030202020202030202020303030304", "image/jpeg", EvidenceKind.Photo },
        { "JPEG (phone, Exif)", "ffd8ffe1bffe4578696600004d4d002a000000080009010f00020000000758696161", "image/jpeg", EvidenceKind.Photo },
        { "PNG", "89504e470d0a1a0a0000000d4948445200000008000000080103000000fec12cc80000000467414d", "image/png", EvidenceKind.Photo },
        { "GIF", "47494638396108000800f00000ff000000000021f90400000000002c000000000800080000020784", "image/gif", EvidenceKind.Photo },
        { "WebP", "524946463c000000574542505650382030000000d001009d012a0800080002003425a00274ba01f8", "image/webp", EvidenceKind.Photo },
        { "HEIC (ImageMagick)", "0000001c6674797068656963000000006d696631686569636d696166000001aa6d65746100000000", "image/heic", EvidenceKind.Photo },
        { "HEIC (iPhone)", "000000186674797068656963000000006d69663168656963000000006d657461", "image/heic", EvidenceKind.Photo },
        { "HEIF (mif1 only)", "00000018667479706d696631000000006d6966316d696166000000006d657461", "image/heif", EvidenceKind.Photo },
        { "AVIF", "0000001c667479706176696600000000617669666d6966316d696166000000ea6d65746100000000", "image/avif", EvidenceKind.Photo },
        { "AVIF (mif1 major)", "00000020667479706d696631000000006d69663161766966" + "6d6961664d413142000000ea6d657461", "image/avif", EvidenceKind.Photo },
        { "TIFF little-endian", "49492a0088010000ffff00000000ffff00000000ffff00000000ffff00000000ffff00000000ffff", "image/tiff", EvidenceKind.Scan },
        { "TIFF big-endian", "4d4d002a00000008000e0100000300000001091000000101000300000001", "image/tiff", EvidenceKind.Scan },
        { "BMP", "424d4a010000000000008a0000007c00000008000000080000000100180000000000c00000000000", "image/bmp", EvidenceKind.Photo },
        { "MP4 (Android, isom)", "0000001c6674797069736f6d0000020069736f6d69736f326d703431000000086672656500", "video/mp4", EvidenceKind.Video },
        { "MP4 (mp42)", "00000018667479706d7034320000000069736f6d6d703432000000016d646174", "video/mp4", EvidenceKind.Video },
        { "MOV (iPhone)", "00000014667479707174202000000000717420200000000877696465", "video/quicktime", EvidenceKind.Video },
        { "3GP", "0000001866747970336770340000020069736f6d33677034000000086672656500", "video/3gpp", EvidenceKind.Video },
        { "3G2", "000000186674797033673261000000003367326133673262000000086672656500", "video/3gpp2", EvidenceKind.Video },
        { "M4A", "00000020667479704d344120000000004d34412069736f6d6d70343200000000", "audio/mp4", EvidenceKind.Audio },
        { "WebM (Chrome MediaRecorder, VP8)",
            "1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701ffffffffffffff"
            + "1549a966992ad7b1830f42404d80864368726f6d655741864368726f6d651654ae6bbfae" + "bdd78101838101" + "8685565f565038", "video/webm", EvidenceKind.Video },
        { "WebM audio (Opus only)",
            "1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701ffffffffffffff"
            + "1654ae6bbfaebdd7810173c58783810286864" + "15f4f505553", "audio/webm", EvidenceKind.Audio },
        { "Matroska", "1a45dfa3a34286810142f7810142f2810442f381084282886d6174726f736b6142878104428581021853806701", "video/x-matroska", EvidenceKind.Video },
        { "AVI", "52494646dc8f0c00415649204c495354ec1100006864726c61766968380000", "video/x-msvideo", EvidenceKind.Video },
        { "MP3 (ID3v2.4)", "494433040000000000235453534500000f0000034c61766635382e32392e31303000", "audio/mpeg", EvidenceKind.Audio },
        { "MP3 (frame sync, MPEG-1 layer III 128 kbit/s)", "fffb906400000000000000000000000000000000", "audio/mpeg", EvidenceKind.Audio },
        { "MP3 (MPEG-2 layer III)", "fff3846400000000000000000000000000000000", "audio/mpeg", EvidenceKind.Audio },
        { "WAV", "524946462408000057415645666d74201000000001000100401f0000803e000002001000", "audio/wav", EvidenceKind.Audio },
        { "AAC ADTS (MPEG-4)", "fff15080287ffcde0200", "audio/aac", EvidenceKind.Audio },
        { "AAC ADTS (MPEG-2)", "fff95080287ffcde0200", "audio/aac", EvidenceKind.Audio },
        { "AMR", "2321414d520a3c48779e1e", "audio/amr", EvidenceKind.Audio },
        { "Ogg Vorbis", "4f676753000200000000000000006d2a0000000000007b5cdd3e011e01766f72626973000000000144ac", "audio/ogg", EvidenceKind.Audio },
        { "Ogg Opus", "4f67675300020000000000000000e93c00000000000085a0a49701134f707573486561640102380180bb", "audio/ogg", EvidenceKind.Audio },
        { "Ogg Theora", "4f6767530002000000000000000061780000000000002e4e5a6d012a807468656f7261030201", "video/ogg", EvidenceKind.Video },
        { "FLAC", "664c614300000022100010000000000000000ac442f0000000000000", "audio/flac", EvidenceKind.Audio },
        { "PDF", "255044462d312e370a25e2e3cfd30a", "application/pdf", EvidenceKind.Document },
    };

    [Theory]
    [MemberData(nameof(RealHeaders))]
    public void Real_headers_are_identified(string what, string hex, string mediaType, EvidenceKind kind)
    {
        var format = MediaSniffer.Identify(Convert.FromHexString(hex));
        Assert.True(format is not null, what + " 未被识别");
        Assert.Equal(mediaType, format.MediaType);
        Assert.Equal(kind, format.Kind);
        Assert.True(MediaCheck.Of(Convert.FromHexString(hex), mediaType, null).Accepted, what);
    }

    [Fact]
    public void An_OFD_is_a_zip_with_OFD_xml_at_its_root()
    {
        var ofd = Zip(("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" DocType=\"OFD\"/>"),
            ("Doc_0/Document.xml", "<ofd:Document/>"));
        Assert.Equal(MediaFormats.Ofd, MediaSniffer.Identify(Head(ofd)));
        Assert.Equal(MediaFormats.Zip, MediaSniffer.Identify(Head(Zip(("readme.txt", "x"), ("photo.jpg", "y")))));
    }

    [Fact]
    public void Word_and_Excel_files_written_by_the_Open_XML_SDK_are_told_apart()
    {
        using var docx = new MemoryStream();
        using (var word = WordprocessingDocument.Create(docx, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }

        using var xlsx = new MemoryStream();
        using (var excel = SpreadsheetDocument.Create(xlsx, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            excel.AddWorkbookPart().Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        }

        Assert.Equal(MediaFormats.Docx, MediaSniffer.Identify(Head(docx.ToArray())));
        Assert.Equal(MediaFormats.Xlsx, MediaSniffer.Identify(Head(xlsx.ToArray())));
    }

    [Fact]
    public void An_Office_package_whose_parts_lie_beyond_the_head_is_decided_by_its_declared_type()
    {
        var random = new Random(7);
        var filler = new byte[MediaSniffer.HeadLength];
        random.NextBytes(filler);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var types = zip.CreateEntry("[Content_Types].xml", CompressionLevel.NoCompression);
            using (var s = types.Open())
            {
                s.Write(Encoding.UTF8.GetBytes("<Types/>"));
                s.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(filler)));
            }

            using var w = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            w.Write("<w:document/>");
        }

        var head = Head(buffer.ToArray());
        Assert.Equal(MediaFormats.OfficePackage, MediaSniffer.Identify(head));
        Assert.Equal(MediaFormats.Docx, MediaCheck.Of(head, MediaFormats.Docx.MediaType, null).Accept);
        Assert.Equal(MediaFormats.Xlsx, MediaCheck.Of(head, null, "台账.xlsx").Accept);
        var undecided = MediaCheck.Of(head, null, "material");
        Assert.Equal(MediaRefusal.NotAllowed, undecided.Refusal);
        Assert.Contains("DOCX", undecided.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UTF8_text_is_text_even_cut_in_the_middle_of_a_character_and_binary_is_not()
    {
        var text = Encoding.UTF8.GetBytes("询问笔录\r\n被询问人：张三\t2026年11月27日");
        Assert.Equal(MediaFormats.Text, MediaSniffer.Identify(text));
        Assert.Equal(MediaFormats.Text, MediaSniffer.Identify(text.AsSpan(0, 5)));
        Assert.Equal(MediaFormats.Text, MediaSniffer.Identify([0xEF, 0xBB, 0xBF, .. text]));
        Assert.Null(MediaSniffer.Identify(Encoding.GetEncoding("ISO-8859-1").GetBytes("caf\u00e9 \u00e0 la cr\u00e8me")));
        Assert.Null(MediaSniffer.Identify([0x00, 0x01, 0x02, 0x03, 0x04]));
        Assert.Null(MediaSniffer.Identify("ELF\0\0\0"u8));
    }

    [Theory]
    [InlineData("89504e470d0a1a0a0000000d49484452", "video/mp4", null, "文件内容是 PNG 图片，与声明的类型 video/mp4 不符。")]
    [InlineData("89504e470d0a1a0a0000000d49484452", "image/png; charset=binary", "现场.mp4", "文件内容是 PNG 图片，与文件名“现场.mp4”的扩展名 .mp4 不符。")]
    [InlineData("255044462d312e370a", "image/jpeg", "照片.jpg", "文件内容是 PDF 文件，与声明的类型 image/jpeg 不符。")]
    [InlineData("e8afa2e997aee7ac94e5bd95", "image/jpeg", null, "文件内容是 纯文本（UTF-8），与声明的类型 image/jpeg 不符。")]
    [InlineData("0000001c6674797068656963000000006d69663168656963", null, "IMG_0001.JPG", "文件内容是 HEIC 图片，与文件名“IMG_0001.JPG”的扩展名 .jpg 不符。")]
    public void Content_that_is_not_its_declared_type_is_refused_in_Chinese(string hex, string? declared, string? name, string message)
    {
        var check = MediaCheck.Of(Convert.FromHexString(hex), declared, name);
        Assert.Equal(MediaRefusal.Mismatch, check.Refusal);
        Assert.Equal(message, check.Message);
        Assert.False(check.Accepted);
        Assert.Throws<InvalidOperationException>(() => check.Accept);
    }

    [Theory]
    [InlineData("ffd8ffe000104a464946", "image/jpg", "现场照片.jpeg", "image/jpeg")]
    [InlineData("ffd8ffe000104a464946", "application/octet-stream", "a.bin", "image/jpeg")]
    [InlineData("ffd8ffe000104a464946", null, null, "image/jpeg")]
    [InlineData("00000014667479707174202000000000717420200000000877696465", "video/mp4", "IMG_0007.MOV", "video/quicktime")]
    [InlineData("0000001c6674797069736f6d0000020069736f6d69736f326d703431", "audio/mp4", "录音.m4a", "audio/mp4")]
    [InlineData("0000001c6674797069736f6d0000020069736f6d69736f326d703431", null, "录音.m4a", "audio/mp4")]
    [InlineData("494433040000000000235453534500", "audio/mp3", "询问录音.mp3", "audio/mpeg")]
    [InlineData("1a45dfa39f4286810142f7810142f2810442f381084282847765626d", "audio/webm", "录音.webm", "audio/webm")]
    public void Aliases_containers_and_generic_declarations_are_accepted(string hex, string? declared, string? name, string canonical)
    {
        var check = MediaCheck.Of(Convert.FromHexString(hex), declared, name);
        Assert.True(check.Accepted, check.Message);
        Assert.Equal(canonical, check.Accept.MediaType);
    }

    [Fact]
    public void Empty_unknown_and_not_allowed_content_is_refused_with_a_reason()
    {
        var empty = MediaCheck.Of([], "image/jpeg", "a.jpg");
        Assert.Equal(MediaRefusal.Empty, empty.Refusal);
        Assert.Equal("上传的文件为空。", empty.Message);

        var unknown = MediaCheck.Of([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], null, "tool");
        Assert.Equal(MediaRefusal.Unrecognised, unknown.Refusal);
        Assert.Contains("无法识别", unknown.Message, StringComparison.Ordinal);

        var zip = MediaCheck.Of(Head(Zip(("a.txt", "x"))), "application/zip", "材料.zip");
        Assert.Equal(MediaRefusal.NotAllowed, zip.Refusal);
        Assert.Equal("文件内容是 ZIP 压缩包，不在可作为证据上传的文件类型之内。", zip.Message);

        var photosOnly = new HashSet<string> { "image/jpeg" };
        Assert.True(MediaCheck.Of(Convert.FromHexString("ffd8ffe000104a464946"), null, null, photosOnly).Accepted);
        Assert.Equal(MediaRefusal.NotAllowed, MediaCheck.Of("%PDF-1.7\n"u8, null, null, photosOnly).Refusal);
    }

    [Fact]
    public void Every_format_has_a_Chinese_name_and_the_defaults_exclude_bare_archives()
    {
        Assert.All(MediaFormats.All, f => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.Name));
        Assert.Equal(MediaFormats.All.Count, MediaFormats.All.Select(f => f.MediaType).Distinct().Count());
        Assert.DoesNotContain("application/zip", MediaFormats.DefaultEvidenceTypes);
        Assert.Contains("image/heic", MediaFormats.DefaultEvidenceTypes);
        Assert.Equal("录像", EvidenceKind.Video.Chinese());
    }

    private static byte[] Head(byte[] file) => file[..Math.Min(file.Length, MediaSniffer.HeadLength)];

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
