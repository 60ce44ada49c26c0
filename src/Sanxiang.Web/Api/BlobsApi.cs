using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sanxiang.Core.Accounts;
using Sanxiang.Data;
using Sanxiang.Data.Blobs;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record BlobReceipt(string Sha256, string Sm3, long Size, string MediaType, string? FileName);

public static class BlobsApi
{
    /// <summary>Content types a cross-site HTML form can send without a CORS preflight: refused, so an upload cannot be forged.</summary>
    private static readonly string[] FormTypes = ["multipart/form-data", "application/x-www-form-urlencoded", "text/plain"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/blobs", Upload).WithTags("文件").RequireAuthorization(p => p.RequireRole(Roles.Officer, Roles.UnitHead, Roles.Reviewer, Roles.AgencyHead, Roles.PublicityClerk))
            .WithSummary("上传文件（请求正文为文件内容，Content-Type 为其媒体类型，X-File-Name 为 URL 编码的文件名）；按 SHA-256 存储")
            .DisableAntiforgery()
            .Accepts<Stream>("application/octet-stream", "image/jpeg", "video/mp4", "application/pdf")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415);
    }

    private static async Task<Results<Created<BlobReceipt>, ProblemHttpResult>> Upload(HttpContext http, IBlobStore store,
        SanxiangDbContext db, IOptions<SecuritySettings> settings, TimeProvider clock)
    {
        var max = settings.Value.MaxUploadBytes;
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(mediaType) || FormTypes.Contains(mediaType) || !mediaType.Contains('/', StringComparison.Ordinal))
        {
            return TypedResults.Problem(Problems.Create(http, 415,
                detail: "请以文件本身作为请求正文上传，并在 Content-Type 中写明文件的媒体类型（如 image/jpeg、video/mp4、application/pdf）；不接受表单格式。"));
        }

        if (http.Request.ContentLength == 0)
        {
            return TypedResults.Problem(Problems.Create(http, 400, detail: "上传的文件为空。"));
        }

        if (http.Request.ContentLength is { } length && length > max)
        {
            return TypedResults.Problem(Problems.Create(http, 413, detail: $"文件大小 {length} 字节超过上限 {max} 字节（{max / 1024 / 1024} MB）。"));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;
        }

        var fileName = http.Request.Headers["X-File-Name"].FirstOrDefault() is { } raw ? Uri.UnescapeDataString(raw) : null;
        if (fileName is { Length: > 255 })
        {
            return TypedResults.Problem(Problems.Create(http, 400, detail: "文件名过长（不超过 255 个字符）。"));
        }

        var stored = await store.PutAsync(http.Request.Body, max, http.RequestAborted);
        if (stored.Size == 0)
        {
            return TypedResults.Problem(Problems.Create(http, 400, detail: "上传的文件为空。"));
        }

        var agencyId = http.User.Agency()!.Value;
        if (await db.Blobs.FindAsync(stored.Sha256, agencyId) is null)
        {
            db.Blobs.Add(new BlobRecord
            {
                Sha256 = stored.Sha256,
                Sm3 = stored.Sm3,
                Size = stored.Size,
                MediaType = mediaType,
                OriginalName = fileName,
                StoredAtUtc = clock.GetUtcNow(),
                StoredBy = Guid.TryParse(http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null,
                AgencyId = agencyId,
            });
            await db.SaveChangesAsync();
        }

        return TypedResults.Created($"/api/v1/blobs/{stored.Sha256}", new BlobReceipt(stored.Sha256, stored.Sm3, stored.Size, mediaType, fileName));
    }
}
