namespace Sanxiang.Core.Evidence;

/// <summary>What a file is as evidence (REC-3): the kind decides which steps it can satisfy and how it is shown.</summary>
public enum EvidenceKind
{
    Photo,
    Audio,
    Video,
    Scan,
    Document,
}

public static class EvidenceKindText
{
    public static string Chinese(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Photo => "照片",
        EvidenceKind.Audio => "录音",
        EvidenceKind.Video => "录像",
        EvidenceKind.Scan => "扫描件",
        EvidenceKind.Document => "文书",
    };
}

/// <summary>
/// A format the sniffer recognises: its canonical media type, a Chinese name for messages, the kind of evidence it
/// is, the other media types a client may declare for the same content, and the file-name extensions that name it.
/// </summary>
public sealed record MediaFormat(string MediaType, string Name, EvidenceKind Kind, IReadOnlyList<string> Aliases, IReadOnlyList<string> Extensions)
{
    /// <summary>Whether a client that declared <paramref name="mediaType"/> (lower case, no parameters) described this content.</summary>
    public bool Answers(string mediaType) => MediaType == mediaType || Aliases.Contains(mediaType);
}

/// <summary>The formats accepted as evidence, by canonical media type. The list a deployment may narrow (<c>Evidence:AllowedMediaTypes</c>).</summary>
public static class MediaFormats
{
    // ISO base media files (MP4, MOV, 3GP, M4A) are one container: a phone's .mov may be declared video/mp4 and an
    // audio-only .mp4 audio/mp4. Declaring one of them for another is not a lie about the content.
    private static readonly string[] IsoMedia =
    [
        "video/mp4", "audio/mp4", "video/quicktime", "video/3gpp", "video/3gpp2", "audio/3gpp", "audio/3gpp2",
        "video/x-m4v", "audio/x-m4a", "audio/m4a", "audio/mp4a-latm",
    ];

    private static readonly string[] Matroska = ["video/webm", "audio/webm", "video/x-matroska", "audio/x-matroska", "video/matroska", "audio/matroska"];
    private static readonly string[] Ogg = ["audio/ogg", "video/ogg", "application/ogg", "audio/opus", "audio/x-ogg"];
    private static readonly string[] Heif = ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"];

    public static readonly MediaFormat Jpeg = new("image/jpeg", "JPEG 图片", EvidenceKind.Photo, ["image/jpg", "image/pjpeg"], [".jpg", ".jpeg", ".jpe", ".jfif"]);
    public static readonly MediaFormat Png = new("image/png", "PNG 图片", EvidenceKind.Photo, ["image/x-png"], [".png"]);
    public static readonly MediaFormat Gif = new("image/gif", "GIF 图片", EvidenceKind.Photo, [], [".gif"]);
    public static readonly MediaFormat WebP = new("image/webp", "WebP 图片", EvidenceKind.Photo, [], [".webp"]);
    public static readonly MediaFormat Heic = new("image/heic", "HEIC 图片", EvidenceKind.Photo, Heif, [".heic", ".heif", ".hif"]);
    public static readonly MediaFormat HeifImage = new("image/heif", "HEIF 图片", EvidenceKind.Photo, Heif, [".heif", ".heic", ".hif"]);
    public static readonly MediaFormat Avif = new("image/avif", "AVIF 图片", EvidenceKind.Photo, [], [".avif"]);
    public static readonly MediaFormat Bmp = new("image/bmp", "BMP 图片", EvidenceKind.Photo, ["image/x-bmp", "image/x-ms-bmp"], [".bmp"]);
    public static readonly MediaFormat Tiff = new("image/tiff", "TIFF 扫描图像", EvidenceKind.Scan, ["image/tif", "image/x-tiff"], [".tif", ".tiff"]);

    public static readonly MediaFormat Mp4 = new("video/mp4", "MP4 视频", EvidenceKind.Video, IsoMedia, [".mp4", ".m4v", ".mov", ".3gp"]);
    public static readonly MediaFormat QuickTime = new("video/quicktime", "QuickTime（MOV）视频", EvidenceKind.Video, IsoMedia, [".mov", ".qt", ".mp4"]);
    public static readonly MediaFormat ThreeGpp = new("video/3gpp", "3GP 视频", EvidenceKind.Video, IsoMedia, [".3gp", ".3gpp", ".mp4"]);
    public static readonly MediaFormat ThreeGpp2 = new("video/3gpp2", "3G2 视频", EvidenceKind.Video, IsoMedia, [".3g2", ".3gp2", ".3gp"]);
    public static readonly MediaFormat M4a = new("audio/mp4", "M4A 音频", EvidenceKind.Audio, IsoMedia, [".m4a", ".m4b", ".mp4"]);
    public static readonly MediaFormat WebM = new("video/webm", "WebM 视频", EvidenceKind.Video, Matroska, [".webm", ".mkv"]);
    public static readonly MediaFormat WebMAudio = new("audio/webm", "WebM 音频", EvidenceKind.Audio, Matroska, [".webm", ".weba", ".mka"]);
    public static readonly MediaFormat Mkv = new("video/x-matroska", "Matroska（MKV）视频", EvidenceKind.Video, Matroska, [".mkv", ".mka", ".webm"]);
    public static readonly MediaFormat Avi = new("video/x-msvideo", "AVI 视频", EvidenceKind.Video, ["video/avi", "video/msvideo"], [".avi"]);

    public static readonly MediaFormat Mp3 = new("audio/mpeg", "MP3 音频", EvidenceKind.Audio, ["audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg-3", "audio/mpg"], [".mp3"]);
    public static readonly MediaFormat Wav = new("audio/wav", "WAV 音频", EvidenceKind.Audio, ["audio/x-wav", "audio/wave", "audio/vnd.wave"], [".wav"]);
    public static readonly MediaFormat Aac = new("audio/aac", "AAC 音频", EvidenceKind.Audio, ["audio/x-aac", "audio/aacp"], [".aac"]);
    public static readonly MediaFormat Amr = new("audio/amr", "AMR 录音", EvidenceKind.Audio, ["audio/x-amr"], [".amr"]);
    public static readonly MediaFormat OggAudio = new("audio/ogg", "Ogg 音频", EvidenceKind.Audio, Ogg, [".ogg", ".oga", ".opus"]);
    public static readonly MediaFormat OggVideo = new("video/ogg", "Ogg 视频", EvidenceKind.Video, Ogg, [".ogv", ".ogg"]);
    public static readonly MediaFormat Flac = new("audio/flac", "FLAC 音频", EvidenceKind.Audio, ["audio/x-flac"], [".flac"]);

    public static readonly MediaFormat Pdf = new("application/pdf", "PDF 文件", EvidenceKind.Document, ["application/x-pdf"], [".pdf"]);
    public static readonly MediaFormat Ofd = new("application/ofd", "OFD 版式文件", EvidenceKind.Document, [], [".ofd"]);
    public static readonly MediaFormat Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word（DOCX）文档",
        EvidenceKind.Document, [], [".docx"]);
    public static readonly MediaFormat Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel（XLSX）表格",
        EvidenceKind.Document, [], [".xlsx"]);
    public static readonly MediaFormat Text = new("text/plain", "纯文本（UTF-8）", EvidenceKind.Document, ["text/csv", "text/markdown"], [".txt", ".csv", ".md", ".log"]);

    /// <summary>Recognised but not evidence by themselves: a zip whose first entries do not say what it is, an Office package of another kind.</summary>
    public static readonly MediaFormat Zip = new("application/zip", "ZIP 压缩包", EvidenceKind.Document, ["application/x-zip-compressed"], [".zip"]);
    public static readonly MediaFormat OfficePackage = new("application/x-ooxml", "Office Open XML 文档", EvidenceKind.Document, [Docx.MediaType, Xlsx.MediaType], []);

    public static IReadOnlyList<MediaFormat> All { get; } =
    [
        Jpeg, Png, Gif, WebP, Heic, HeifImage, Avif, Bmp, Tiff,
        Mp4, QuickTime, ThreeGpp, ThreeGpp2, M4a, WebM, WebMAudio, Mkv, Avi,
        Mp3, Wav, Aac, Amr, OggAudio, OggVideo, Flac,
        Pdf, Ofd, Docx, Xlsx, Text, Zip, OfficePackage,
    ];

    /// <summary>What may be kept as evidence unless configured otherwise: everything recognised except bare archives.</summary>
    public static IReadOnlySet<string> DefaultEvidenceTypes { get; } =
        All.Where(f => f != Zip && f != OfficePackage).Select(f => f.MediaType).ToHashSet(StringComparer.Ordinal);

    public static MediaFormat? ByMediaType(string mediaType) => All.FirstOrDefault(f => f.MediaType == mediaType);
}
