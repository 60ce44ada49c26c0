namespace Sanxiang.Core.Evidence;

public enum MediaRefusal
{
    None,

    /// <summary>Nothing arrived.</summary>
    Empty,

    /// <summary>The first bytes are no format we know.</summary>
    Unrecognised,

    /// <summary>A format we know that is not accepted as evidence here.</summary>
    NotAllowed,

    /// <summary>The declared media type or the file name's extension says something else than the content.</summary>
    Mismatch,
}

/// <summary>The verdict on an upload's first bytes: the format the content is, or why it is refused (in Chinese, for the person who uploaded it).</summary>
public sealed record MediaCheck(MediaFormat? Format, MediaRefusal Refusal, string? Message)
{
    public bool Accepted => Refusal == MediaRefusal.None;

    /// <summary>The accepted content's format (only when <see cref="Accepted"/>).</summary>
    public MediaFormat Accept => Accepted ? Format! : throw new InvalidOperationException("The content was refused: " + Message);

    /// <summary>The media types a client sends that say nothing about the content.</summary>
    private static readonly string[] NoClaim = ["application/octet-stream", "binary/octet-stream", "application/unknown", "application/x-unknown"];

    // Containers whose head does not say everything: the declared type decides between their formats.
    private static readonly MediaFormat[] Containers = [MediaFormats.Mp4, MediaFormats.WebM, MediaFormats.Mkv, MediaFormats.OfficePackage];

    /// <summary>
    /// Checks the content's first bytes against what the client declared — its Content-Type (<paramref name="declaredType"/>,
    /// parameters allowed) and its file name's extension — and against the media types accepted as evidence.
    /// A missing or generic declaration (application/octet-stream, no or an unknown extension) claims nothing.
    /// </summary>
    public static MediaCheck Of(ReadOnlySpan<byte> head, string? declaredType, string? fileName, IReadOnlySet<string>? allowed = null)
    {
        if (head.IsEmpty)
        {
            return new(null, MediaRefusal.Empty, "上传的文件为空。");
        }

        var format = MediaSniffer.Identify(head);
        if (format is null)
        {
            return new(null, MediaRefusal.Unrecognised,
                "无法识别文件内容的格式：文件开头不是任何受支持的照片、录音、录像、扫描件或文书格式"
                + "（如 JPEG、PNG、HEIC、MP4、MOV、MP3、WAV、AMR、PDF、OFD）。请上传原始文件。");
        }

        var declared = Normalise(declaredType);
        if (declared is not null)
        {
            if (!format.Answers(declared))
            {
                return new(format, MediaRefusal.Mismatch, $"文件内容是 {format.Name}，与声明的类型 {declared} 不符。");
            }

            if (Containers.Contains(format) && MediaFormats.ByMediaType(declared) is { } named && format.Answers(named.MediaType))
            {
                format = named;
            }
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension.Length > 1 && MediaFormats.All.Any(f => f.Extensions.Contains(extension)) && !format.Extensions.Contains(extension))
        {
            var refined = Containers.Contains(format)
                ? MediaFormats.All.FirstOrDefault(f => f.Extensions.Contains(extension) && format.Answers(f.MediaType))
                : null;
            if (refined is null)
            {
                return new(format, MediaRefusal.Mismatch, $"文件内容是 {format.Name}，与文件名“{fileName}”的扩展名 {extension} 不符。");
            }

            format = refined;
        }

        if (format == MediaFormats.OfficePackage)
        {
            return new(format, MediaRefusal.NotAllowed,
                "无法从文件开头判断这份 Office 文档是 Word（DOCX）还是 Excel（XLSX）：请在文件名的扩展名或 Content-Type 中写明。");
        }

        if (!(allowed ?? MediaFormats.DefaultEvidenceTypes).Contains(format.MediaType))
        {
            return new(format, MediaRefusal.NotAllowed, $"文件内容是 {format.Name}，不在可作为证据上传的文件类型之内。");
        }

        return new(format, MediaRefusal.None, null);
    }

    /// <summary>The media type without parameters, lower case; null when it claims nothing.</summary>
    public static string? Normalise(string? declaredType)
    {
        var type = declaredType?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(type) || NoClaim.Contains(type) || !type.Contains('/', StringComparison.Ordinal) ? null : type;
    }
}
