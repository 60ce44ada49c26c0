using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Data;
using Sanxiang.Data.Blobs;
using Sanxiang.Web.Evidence;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

/// <summary>What was stored: the file's hashes and size, the media type its content is, its evidence kind and name, and the form's text fields.</summary>
public sealed record BlobReceipt(string Sha256, string Sm3, long Size, string MediaType, string Kind, string? FileName, IReadOnlyDictionary<string, string>? Fields = null);

public static class BlobsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/blobs", Upload).WithTags("文件").RequireAuthorization(p => p.RequireRole(Roles.Officer, Roles.UnitHead, Roles.Reviewer, Roles.AgencyHead, Roles.PublicityClerk))
            .WithSummary("上传证据文件：请求正文为文件内容（Content-Type 为其媒体类型，X-File-Name 为 URL 编码的文件名），"
                + "或 multipart/form-data 表单（防伪令牌与文字字段在文件之前）；按内容识别类型，按 SHA-256 存储并计算 SM3")
            .DisableAntiforgery() // checked by EvidenceIntake for forms, without buffering the body
            .Accepts<Stream>("application/octet-stream", "image/jpeg", "video/mp4", "application/pdf", "multipart/form-data")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415);
        api.MapGet("/blobs/{sha256}", Download).WithTags("文件")
            .WithSummary("读取存储的文件；每次读取都记入记录日志（谁、何时、哪个文件、用途），读取时核对哈希")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
    }

    private static async Task<Results<Created<BlobReceipt>, ProblemHttpResult>> Upload(HttpContext http, EvidenceIntake intake,
        SanxiangDbContext db, TimeProvider clock)
    {
        var received = await intake.ReceiveAsync(http);
        if (received.Upload is not { } upload)
        {
            return TypedResults.Problem(Problems.Create(http, received.Status, detail: received.Problem));
        }

        var stored = upload.Blob;
        var agencyId = http.User.Agency()!.Value;
        if (await db.Blobs.FindAsync(stored.Sha256, agencyId) is null)
        {
            db.Blobs.Add(new BlobRecord
            {
                Sha256 = stored.Sha256,
                Sm3 = stored.Sm3,
                Size = stored.Size,
                MediaType = upload.Format.MediaType,
                OriginalName = upload.FileName,
                StoredAtUtc = clock.GetUtcNow(),
                StoredBy = Guid.TryParse(http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null,
                AgencyId = agencyId,
            });
            await db.SaveChangesAsync();
        }

        return TypedResults.Created($"/api/v1/blobs/{stored.Sha256}",
            new BlobReceipt(stored.Sha256, stored.Sm3, stored.Size, upload.Format.MediaType, upload.Kind.ToString(), upload.FileName, upload.Fields));
    }

    /// <summary>The file, after its read is recorded (chain of custody); the content is checked against its hash as it streams.</summary>
    private static async Task<IResult> Download(HttpContext http, string sha256, string? purpose, IBlobStore store, SanxiangDbContext db)
    {
        if (EvidenceCustody.Purpose(purpose) is not { } why)
        {
            return Problems.Result(http, 400, $"用途说明过长（不超过 {EvidenceCustody.MaxPurposeLength} 个字符）。");
        }

        // The query filter shows only the caller's agency's files (a supervisor's scope: all).
        var record = FileSystemBlobStore.IsHash(sha256) ? await db.Blobs.AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256) : null;
        if (record is null)
        {
            return Problems.Result(http, 404, "文件不存在，或您无权查看。");
        }

        var content = store.Open(sha256);
        if (content is null)
        {
            return Problems.Result(http, 404, "文件已登记，但在存储中找不到：请联系系统管理员核查。");
        }

        try
        {
            EvidenceCustody.RecordRead(db, http.User, sha256, why);
            await db.SaveChangesAsync();
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        return Results.Stream(content, record.MediaType, record.OriginalName ?? sha256);
    }
}
