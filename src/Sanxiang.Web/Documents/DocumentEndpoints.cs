using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Documents;
using Sanxiang.Data;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Documents;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Documents;

public static class DocumentVerifyLimits
{
    /// <summary>The largest file the public check hashes (a long decision with photos stays well below).</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>Requests counted by the look-up rate limit (with certificate look-ups, per client address).</summary>
    public static bool IsLookup(PathString path) =>
        (path.StartsWithSegments("/verify/document", out var rest) && rest.HasValue && rest.Value!.Length > 1)
        || path.StartsWithSegments("/api/v1/documents/verify");
}

/// <summary>The answer of the public check: no personal data, only who issued what, when, and whether it matches.</summary>
public sealed record DocumentVerifyResponse(
    [property: JsonConverter(typeof(JsonStringEnumConverter<DocumentVerdictKind>))] DocumentVerdictKind Verdict,
    string Message,
    string Number,
    string? Agency,
    string? AgencyCode,
    string? Title,
    DateOnly? IssuedOn,
    long? LedgerIndex,
    string? MatchedFormat,
    bool SignatureValid,
    string? SealKey);

public sealed record DocumentVerifyRequest(string? Number, string? Sha256);

public static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        api.MapPost("/documents/verify", Verify).AllowAnonymous().DisableAntiforgery().WithTags("执法文书")
            .WithSummary("核验执法文书：JSON {number, sha256}，或以文件本身为请求正文（?number=…），服务器计算其 SHA-256")
            .Accepts<DocumentVerifyRequest>("application/json", "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(429);
        api.MapGet("/documents/{id:guid}.pdf", (Guid id, bool? inline, SanxiangDbContext db, IBlobStore blobs, HttpContext http) => Download(id, pdf: true, inline == true, db, blobs, http))
            .WithTags("执法文书").WithSummary("下载已出具文书的 PDF（限本机关账号及监督人员）；inline=true 时在浏览器中直接显示（案件页面的预览）").ProducesProblem(404);
        api.MapGet("/documents/{id:guid}.docx", (Guid id, SanxiangDbContext db, IBlobStore blobs, HttpContext http) => Download(id, pdf: false, inline: false, db, blobs, http))
            .WithTags("执法文书").WithSummary("下载已出具文书的 Word 版（限本机关账号及监督人员）").ProducesProblem(404);

        app.MapGet("/verify/keys/{agencyCode}", (string agencyCode, AgencySeals seals, HttpContext http) =>
            seals.PublicKey(agencyCode) is { } key
                ? Results.Text($"# {agencyCode} 电子签章公钥：SM2（GB/T 32918），摘要 SM3，用户标识 1234567812345678；签名对象为文书 PDF 文件 SHA-256 的 32 字节。\n" +
                    $"# 签名格式 DER SEQUENCE(r, s)，Base64 写在记录日志 document-issued 记录的 facts.seal.signature 中。\n{key.VerifierKey}\n{key.PublicKeyPem}",
                    "text/plain", System.Text.Encoding.UTF8)
                : Results.Problem(Problems.Create(http, 404, detail: "该执法主体没有电子签章公钥（尚未出具过文书，或代码有误）。")))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Results<Ok<DocumentVerifyResponse>, ProblemHttpResult>> Verify(HttpContext http, SanxiangDbContext db, AgencySeals seals,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? number)
    {
        string? rawNumber;
        string? hash;
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "application/json")
        {
            var request = await http.Request.ReadFromJsonAsync<DocumentVerifyRequest>(http.RequestAborted);
            rawNumber = request?.Number ?? number;
            hash = DocumentVerification.NormaliseSha256(request?.Sha256);
            if (request?.Sha256 is { Length: > 0 } && hash is null)
            {
                return TypedResults.Problem(Problems.Create(http, 400, detail: "sha256 格式不正确：应为 64 位十六进制字符。"));
            }
        }
        else if (mediaType is "multipart/form-data" or "application/x-www-form-urlencoded" or "text/plain")
        {
            return TypedResults.Problem(Problems.Create(http, 415, detail: "请以 JSON（{\"number\":…, \"sha256\":…}）提交，或以文件本身作为请求正文（Content-Type 为 application/pdf 等）。"));
        }
        else
        {
            rawNumber = number;
            if (http.Request.ContentLength is { } length && length > DocumentVerifyLimits.MaxBytes)
            {
                return TypedResults.Problem(Problems.Create(http, 413, detail: $"文件超过核验上限 {DocumentVerifyLimits.MaxBytes / 1024 / 1024} MB。"));
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = DocumentVerifyLimits.MaxBytes;
            }

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                total += read;
                if (total > DocumentVerifyLimits.MaxBytes)
                {
                    return TypedResults.Problem(Problems.Create(http, 413, detail: $"文件超过核验上限 {DocumentVerifyLimits.MaxBytes / 1024 / 1024} MB。"));
                }

                sha.AppendData(buffer, 0, read);
            }

            hash = total == 0 ? null : Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        var normalised = DocumentNumber.Normalise(rawNumber, out var problem);
        if (normalised is null)
        {
            return TypedResults.Problem(Problems.Create(http, 400, detail: problem));
        }

        if (hash is null)
        {
            return TypedResults.Problem(Problems.Create(http, 400, detail: "请提供文书文件或其 SHA-256 值。"));
        }

        var v = await DocumentVerification.VerifyAsync(db, seals, normalised, hash, http.RequestAborted);
        if (v.Kind == DocumentVerdictKind.UnknownNumber)
        {
            return TypedResults.Problem(Problems.Create(http, 404, detail: $"本平台没有出具过编号为“{normalised}”的文书。"));
        }

        return TypedResults.Ok(new DocumentVerifyResponse(v.Kind, DocumentVerification.Headline(v.Kind), v.Number, v.AgencyName, v.AgencyCode, v.Title,
            v.IssuedOn, v.LedgerIndex, v.MatchedFormat, v.SignatureValid, v.SealKey));
    }

    private static async Task<IResult> Download(Guid id, bool pdf, bool inline, SanxiangDbContext db, IBlobStore blobs, HttpContext http)
    {
        var ct = http.RequestAborted;
        // The query filter limits this to the caller's agency (supervisors: the county): another agency's document is 404.
        var document = await db.IssuedDocuments.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new { d.Number, d.PdfSha256, d.DocxSha256 }).SingleOrDefaultAsync(ct);
        if (document is null || blobs.Open(pdf ? document.PdfSha256 : document.DocxSha256) is not { } stream)
        {
            return Results.NotFound();
        }

        if (inline)
        {
            // Shown in the browser (the case page frames it for its preview): inline, and framable by the platform's own pages only.
            SecurityHeaders.AllowSameOriginFraming(http);
            http.Response.Headers.ContentDisposition =
                new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = document.Number + ".pdf" }.ToString();
            return Results.File(stream, "application/pdf");
        }

        return Results.File(stream,
            pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            document.Number + (pdf ? ".pdf" : ".docx"));
    }
}
