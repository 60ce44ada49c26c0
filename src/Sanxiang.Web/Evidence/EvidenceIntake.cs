using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sanxiang.Core.Evidence;
using Sanxiang.Data.Blobs;

namespace Sanxiang.Web.Evidence;

/// <summary>A file received as evidence: stored (by SHA-256, with SM3), what its content is, its name, and the form's text fields.</summary>
public sealed record EvidenceUpload(StoredBlob Blob, MediaFormat Format, string? FileName, IReadOnlyDictionary<string, string> Fields)
{
    public EvidenceKind Kind => Format.Kind;

    /// <summary>A text field of the form, trimmed; null when absent or blank.</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>The outcome of receiving an upload: the upload, or the HTTP status and the Chinese reason it was refused (nothing stored then).</summary>
public sealed record EvidenceIntakeResult(EvidenceUpload? Upload, int Status, string? Problem)
{
    public bool Succeeded => Upload is not null;

    /// <summary>The form's text fields received before a refused file (to fill the form in again); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public static EvidenceIntakeResult Refused(int status, string problem) => new(null, status, problem);
}

/// <summary>
/// Receives one evidence file from a request and streams it to the blob store: as the raw request body (Content-Type
/// the declared type, X-File-Name the URL-encoded name), or as multipart/form-data from a plain HTML form (a phone's
/// <c>&lt;input type=file accept="image/*" capture&gt;</c>), read section by section with <see cref="MultipartReader"/>,
/// never buffered. The first bytes are checked (<see cref="MediaCheck"/>) before anything is written, SHA-256 and SM3
/// are computed on the way, and a refused, too large or cut-off upload leaves nothing behind. The caller records
/// the database row; on a refusal it has nothing to undo.
/// </summary>
public sealed class EvidenceIntake(IBlobStore store, IOptions<EvidenceSettings> options, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions)
{
    /// <summary>Content types a cross-site page can send without a CORS preflight: as a raw body they are refused, so an upload cannot be forged.</summary>
    private static readonly string[] SimpleTypes = ["application/x-www-form-urlencoded", "text/plain"];

    /// <summary>Room for a form's boundaries, part headers and text fields on top of the file itself.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    private EvidenceSettings Settings => options.Value;

    /// <summary>Receives the request's one file, raw or multipart, whichever the Content-Type says.</summary>
    public Task<EvidenceIntakeResult> ReceiveAsync(HttpContext http) =>
        http.Request.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? ReceiveMultipartAsync(http)
            : ReceiveRawAsync(http);

    /// <summary>The request body is the file; its Content-Type is the declared type, X-File-Name its URL-encoded name.</summary>
    public async Task<EvidenceIntakeResult> ReceiveRawAsync(HttpContext http)
    {
        var declared = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(declared) || SimpleTypes.Contains(declared) || declared.StartsWith("multipart/", StringComparison.Ordinal) || !declared.Contains('/', StringComparison.Ordinal))
        {
            return EvidenceIntakeResult.Refused(415,
                "请以文件本身作为请求正文上传，并在 Content-Type 中写明文件的媒体类型（如 image/jpeg、video/mp4、application/pdf；不确定时用 application/octet-stream），"
                + "或以 multipart/form-data 表单上传；不接受 text/plain 与 URL 编码表单。");
        }

        if (http.Request.ContentLength == 0)
        {
            return EvidenceIntakeResult.Refused(400, "上传的文件为空。");
        }

        var max = Settings.MaxFileBytes;
        if (http.Request.ContentLength is { } length && length > max)
        {
            return EvidenceIntakeResult.Refused(413, $"文件大小 {length} 字节超过上限 {max} 字节（{EvidenceSettings.Describe(max)}）。");
        }

        var fileName = http.Request.Headers["X-File-Name"].FirstOrDefault() is { } raw ? Uri.UnescapeDataString(raw) : null;
        if (CheckFileName(fileName) is { } badName)
        {
            return EvidenceIntakeResult.Refused(400, badName);
        }

        AllowBody(http, max + 1);
        return await StoreAsync(http, Body(http), declared, fileName, new Dictionary<string, string>());
    }

    /// <summary>
    /// A multipart/form-data form: text fields (the anti-forgery token <c>__RequestVerificationToken</c> first, unless
    /// it came as the <c>RequestVerificationToken</c> header), then one file part, whose bytes go straight to the store.
    /// Fields after the file are read too; a second file is refused.
    /// <paramref name="accept"/>, when given, sees the fields sent before the file and the format its first bytes show,
    /// before anything is written: returning a refusal (status and Chinese reason) stores nothing.
    /// </summary>
    public async Task<EvidenceIntakeResult> ReceiveMultipartAsync(HttpContext http,
        Func<IReadOnlyDictionary<string, string>, MediaFormat, (int Status, string Message)?>? accept = null)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return EvidenceIntakeResult.Refused(400, "表单格式错误：multipart/form-data 缺少有效的 boundary。");
        }

        var max = Settings.MaxFileBytes;
        if (http.Request.ContentLength is { } length && length > max + FormOverheadBytes)
        {
            return EvidenceIntakeResult.Refused(413, $"上传内容 {length} 字节超过上限 {max} 字节（{EvidenceSettings.Describe(max)}）。");
        }

        AllowBody(http, max + FormOverheadBytes);
        var tokenField = antiforgeryOptions.Value.FormFieldName;
        var tokenHeader = antiforgeryOptions.Value.HeaderName;
        var verified = false;
        if (tokenHeader is not null && http.Request.Headers.ContainsKey(tokenHeader))
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Forged();
            }

            verified = true;
        }

        var reader = new MultipartReader(boundary, Body(http)) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        EvidenceUpload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return EvidenceIntakeResult.Refused(400, "表单格式错误：每一部分都须有 Content-Disposition: form-data。");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (!disposition.IsFileDisposition())
                {
                    if (fields.Count >= Settings.MaxFields)
                    {
                        return EvidenceIntakeResult.Refused(400, $"表单字段过多（不超过 {Settings.MaxFields} 个）。");
                    }

                    var value = await ReadFieldAsync(section.Body, Settings.MaxFieldBytes, http.RequestAborted);
                    if (value is null)
                    {
                        return EvidenceIntakeResult.Refused(400, $"表单字段“{name}”过长（不超过 {Settings.MaxFieldBytes} 字节）或不是 UTF-8 文本。");
                    }

                    if (name == tokenField && !verified)
                    {
                        // The token as the anti-forgery service expects it, from the header: it must not read (buffer) the form itself.
                        http.Request.Headers[tokenHeader ?? "RequestVerificationToken"] = value;
                        if (tokenHeader is null || !await antiforgery.IsRequestValidAsync(http))
                        {
                            return Forged();
                        }

                        verified = true;
                    }
                    else if (name != tokenField)
                    {
                        fields[name] = value;
                    }

                    continue;
                }

                if (!verified)
                {
                    return Forged();
                }

                if (upload is not null)
                {
                    return EvidenceIntakeResult.Refused(400, "每次只能上传一个文件。");
                }

                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                if (string.IsNullOrEmpty(fileName))
                {
                    // A form posted without choosing a file sends an empty part with an empty name.
                    await section.Body.CopyToAsync(Stream.Null, http.RequestAborted);
                    continue;
                }

                if (CheckFileName(fileName) is { } badName)
                {
                    return EvidenceIntakeResult.Refused(400, badName);
                }

                var stored = await StoreAsync(http, section.Body, section.ContentType, Path.GetFileName(fileName.Replace('\\', '/')), fields, accept);
                if (!stored.Succeeded)
                {
                    return stored with { Fields = new Dictionary<string, string>(fields) };
                }

                upload = stored.Upload;
            }
        }
        catch (UploadStalledException stalled)
        {
            return Stalled(stalled);
        }
        catch (Exception e) when (IsCutOff(http, e))
        {
            return CutOff();
        }
        catch (InvalidDataException e)
        {
            return EvidenceIntakeResult.Refused(400, "表单格式错误：" + TranslateMultipart(e.Message));
        }

        return upload is null
            ? EvidenceIntakeResult.Refused(400, "没有收到文件：请选择要上传的照片、录音、录像或文件。")
            : new EvidenceIntakeResult(upload with { Fields = fields }, 201, null);
    }

    private async Task<EvidenceIntakeResult> StoreAsync(HttpContext http, Stream body, string? declaredType, string? fileName, IReadOnlyDictionary<string, string> fields,
        Func<IReadOnlyDictionary<string, string>, MediaFormat, (int Status, string Message)?>? accept = null)
    {
        MediaFormat? format = null;
        var allowed = Settings.Allowed();
        var put = new BlobPut(Settings.MaxFileBytes)
        {
            HeadBytes = MediaSniffer.HeadLength,
            CheckHead = head =>
            {
                var check = MediaCheck.Of(head.Span, declaredType, fileName, allowed);
                if (!check.Accepted)
                {
                    throw new BlobRefusedException(check.Message!, check.Refusal == MediaRefusal.Empty ? 400 : 415);
                }

                format = check.Accept;
                if (accept?.Invoke(fields, format) is { } refused)
                {
                    throw new BlobRefusedException(refused.Message, refused.Status);
                }

                return Settings.LimitFor(format.Kind);
            },
        };

        try
        {
            var blob = await store.PutAsync(body, put, http.RequestAborted);
            return new EvidenceIntakeResult(new EvidenceUpload(blob, format!, fileName, fields), 201, null);
        }
        catch (BlobRefusedException refused)
        {
            return EvidenceIntakeResult.Refused(refused.Status, refused.Message);
        }
        catch (BlobTooLargeException tooLarge)
        {
            var what = format is null ? "文件" : format.Kind.Chinese();
            return EvidenceIntakeResult.Refused(413, $"{what}超过允许的大小上限（{EvidenceSettings.Describe(tooLarge.MaxBytes)}），未保存。");
        }
        catch (UploadStalledException stalled)
        {
            return Stalled(stalled);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return EvidenceIntakeResult.Refused(413, $"上传内容超过允许的大小上限（{EvidenceSettings.Describe(Settings.MaxFileBytes)}），未保存。");
        }
        catch (Exception e) when (IsCutOff(http, e))
        {
            return CutOff();
        }
    }

    /// <summary>The client went away, or sent less than its Content-Length and closed: the body could not be read to its end.</summary>
    private static bool IsCutOff(HttpContext http, Exception e) =>
        e is IOException or BadHttpRequestException { StatusCode: not 413 }
        || (e is OperationCanceledException && http.RequestAborted.IsCancellationRequested);

    private static EvidenceIntakeResult CutOff() =>
        EvidenceIntakeResult.Refused(400, "上传未完成：文件传到一半连接中断（或收到的内容少于声明的长度），已收到的部分已丢弃，未保存任何内容。请重新上传。");

    private static EvidenceIntakeResult Stalled(UploadStalledException stalled) =>
        EvidenceIntakeResult.Refused(400, $"上传未完成：连续 {stalled.Idle.TotalSeconds:0} 秒没有收到数据（网络可能已中断），已收到的部分已丢弃，未保存任何内容。请在网络良好时重新上传。");

    private IdleTimeoutStream Body(HttpContext http) => new IdleTimeoutStream(http.Request.Body, TimeSpan.FromSeconds(Settings.IdleTimeoutSeconds));

    private static EvidenceIntakeResult Forged() =>
        EvidenceIntakeResult.Refused(400, "表单缺少有效的防伪令牌：请从平台页面上传（令牌字段须在文件之前），或刷新页面后重试。");

    private static void AllowBody(HttpContext http, long bytes)
    {
        // Kestrel's default request limit (30 MB) is raised for this request only, to what this upload may be.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bytes;
        }
    }

    private static string? CheckFileName(string? fileName) =>
        fileName is null ? null
        : fileName.Length > 255 ? "文件名过长（不超过 255 个字符）。"
        : fileName.Any(char.IsControl) ? "文件名含有控制字符。"
        : null;

    private static async Task<string?> ReadFieldAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        var buffer = new byte[maxBytes + 1];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        if (read > maxBytes)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, read);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string TranslateMultipart(string message) =>
        message.Contains("header", StringComparison.OrdinalIgnoreCase) ? "表单某部分的头部过长或过多。"
        : message.Contains("end of the stream", StringComparison.OrdinalIgnoreCase) || message.Contains("Unexpected end", StringComparison.OrdinalIgnoreCase)
            ? "表单在结束标记之前中断。"
        : "无法解析 multipart/form-data 正文。";
}
