using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Evidence;

/// <summary>
/// Evidence uploads through the real HTTP pipeline (raw body and multipart form), on SQLite and PostgreSQL: content
/// checked by its first bytes, limits by kind, nothing stored on refusal, and every read recorded in the log.
/// </summary>
public abstract partial class EvidenceUploadTests(SanxiangApp app)
{
    /// <summary>An 8×8 PNG written by ImageMagick 6.</summary>
    internal static readonly byte[] Png = Convert.FromHexString(
        "89504e470d0a1a0a0000000d4948445200000008000000080103000000fec12cc80000000467414d410000b18f0bfc6105000000206348524d00007a26"
        + "000080840000fa00000080e8000075300000ea6000003a98000017709cba513c00000006504c5445ff0000ffffff411d341100000001624b474401ff02"
        + "2dde0000000774494d4507ea0b1b093901fd91f5680000000b4944415408d7636040050000100001a1c521c10000002574455874646174653a637265"
        + "61746500323032362d31312d32375430393a35373a30312b30303a3030574459b90000002574455874646174653a6d6f6469667900323032362d3131"
        + "2d32375430393a35373a30312b30303a30302619e1050000000049454e44ae426082");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A JPEG-headed file of <paramref name="size"/> bytes, unique per call (so that the hash is new).</summary>
    internal static byte[] Jpeg(int size)
    {
        var bytes = new byte[size];
        RandomNumberGenerator.Fill(bytes);
        Convert.FromHexString("ffd8ffe000104a46494600010100000100010000").CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>An MP4 (ftyp isom) of <paramref name="size"/> bytes, unique per call.</summary>
    internal static byte[] Mp4(int size)
    {
        var bytes = new byte[size];
        RandomNumberGenerator.Fill(bytes);
        Convert.FromHexString("0000001c6674797069736f6d0000020069736f6d69736f326d703431").CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
        return problem;
    }

    private static ByteArrayContent Raw(byte[] content, string type, string? name = null)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new(type);
        if (name is not null)
        {
            body.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
        }

        return body;
    }

    private Task<bool> Stored(byte[] content)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        return app.WithDbAsync((db, _) => db.Blobs.AnyAsync(b => b.Sha256 == sha, Ct));
    }

    private void AssertNothingIncoming()
    {
        var incoming = Path.Combine(app.DataDirectory, "blobs", "incoming");
        Assert.False(Directory.Exists(incoming) && Directory.EnumerateFiles(incoming).Any(), "incoming/ 中留有未完成的文件");
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/workbench", Ct);
        var token = TokenField().Match(page);
        Assert.True(token.Success, "工作台页面没有防伪令牌");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task A_photo_is_stored_under_its_hashes_with_the_type_its_content_is()
    {
        var client = await app.SignInAsync("scjg.officer");
        var photo = Jpeg(50_000);
        var response = await client.PostAsync("/api/v1/blobs", Raw(photo, "application/octet-stream", "现场照片.jpg"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        Assert.Equal(sha, receipt.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(Sanxiang.Core.Ledger.Sm3.Hash(photo)), receipt.GetProperty("sm3").GetString());
        Assert.Equal("image/jpeg", receipt.GetProperty("mediaType").GetString());
        Assert.Equal("Photo", receipt.GetProperty("kind").GetString());
        var row = await app.WithDbAsync((db, _) => db.Blobs.SingleAsync(b => b.Sha256 == sha, Ct));
        Assert.Equal("image/jpeg", row.MediaType);
        Assert.Equal(50_000, row.Size);
        Assert.Equal("现场照片.jpg", row.OriginalName);
    }

    [Fact]
    public async Task Content_that_is_not_its_declared_type_is_refused_with_415_and_nothing_is_stored()
    {
        var client = await app.SignInAsync("scjg.officer");
        var png = Png.Concat(Guid.NewGuid().ToByteArray()).ToArray();
        var problem = await Problem(await client.PostAsync("/api/v1/blobs", Raw(png, "video/mp4", "执法记录仪.mp4"), Ct), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("文件内容是 PNG 图片，与声明的类型 video/mp4 不符。", problem.GetProperty("detail").GetString());

        problem = await Problem(await client.PostAsync("/api/v1/blobs", Raw(png, "application/octet-stream", "执法记录仪.mp4"), Ct), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("文件内容是 PNG 图片，与文件名“执法记录仪.mp4”的扩展名 .mp4 不符。", problem.GetProperty("detail").GetString());

        var elf = new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0 }.Concat(Guid.NewGuid().ToByteArray()).ToArray();
        problem = await Problem(await client.PostAsync("/api/v1/blobs", Raw(elf, "application/octet-stream", "工具"), Ct), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("无法识别", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.False(await Stored(png));
        Assert.False(await Stored(elf));
        AssertNothingIncoming();
    }

    [Fact]
    public async Task Too_large_is_413_by_kind_and_in_all_and_empty_is_400_and_nothing_is_stored()
    {
        var client = await app.SignInAsync("scjg.officer");

        // Photos are limited to 512 KB in the test host, everything to 1 MB: a 600 KB photo is refused, a 600 KB video is not.
        var photo = Jpeg(600_000);
        var problem = await Problem(await client.PostAsync("/api/v1/blobs", Raw(photo, "image/jpeg"), Ct), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("照片超过允许的大小上限（512 KB），未保存。", problem.GetProperty("detail").GetString());
        var video = Mp4(600_000);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/blobs", Raw(video, "video/mp4"), Ct)).StatusCode);

        var big = Mp4((1024 * 1024) + 10);
        problem = await Problem(await client.PostAsync("/api/v1/blobs", Raw(big, "video/mp4"), Ct), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("上限", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Sent without a Content-Length (chunked): refused while streaming, when the limit is passed.
        var chunked = new StreamContent(new MemoryStream(Mp4((1024 * 1024) + 10)));
        chunked.Headers.ContentType = new("video/mp4");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/blobs") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        problem = await Problem(await client.SendAsync(request, Ct), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("录像超过允许的大小上限（1 MB），未保存。", problem.GetProperty("detail").GetString());

        problem = await Problem(await client.PostAsync("/api/v1/blobs", Raw([], "image/jpeg"), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("上传的文件为空。", problem.GetProperty("detail").GetString());

        Assert.False(await Stored(photo));
        Assert.False(await Stored(big));
        Assert.True(await Stored(video));
        AssertNothingIncoming();
    }

    [Fact]
    public async Task A_phone_form_with_metadata_fields_before_the_file_is_streamed_and_stored()
    {
        var client = await app.SignInAsync("scjg.officer");
        var photo = Jpeg(200_000);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client)), "__RequestVerificationToken" },
            { new StringContent("2026-11-27T09:30+08:00"), "capturedAt" },
            { new StringContent("安和县城关镇解放路 12 号门店内"), "place" },
            { new StringContent("张执法、李执法"), "collector" },
            { new StringContent("当事人店内陈列过期食品 3 件"), "proves" },
        };
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new("image/jpeg");
        form.Add(file, "file", "IMG_20261127_093012.jpg");

        var response = await client.PostAsync("/api/v1/blobs", form, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(photo)), receipt.GetProperty("sha256").GetString());
        Assert.Equal("image/jpeg", receipt.GetProperty("mediaType").GetString());
        Assert.Equal("IMG_20261127_093012.jpg", receipt.GetProperty("fileName").GetString());
        var fields = receipt.GetProperty("fields");
        Assert.Equal("安和县城关镇解放路 12 号门店内", fields.GetProperty("place").GetString());
        Assert.Equal("当事人店内陈列过期食品 3 件", fields.GetProperty("proves").GetString());
        Assert.Equal("张执法、李执法", fields.GetProperty("collector").GetString());
        Assert.False(fields.TryGetProperty("__RequestVerificationToken", out _));
        Assert.True(await Stored(photo));
    }

    [Fact]
    public async Task A_form_without_its_anti_forgery_token_or_without_a_file_or_with_a_lying_file_stores_nothing()
    {
        var client = await app.SignInAsync("scjg.officer");
        var photo = Jpeg(10_000);
        using var forged = new MultipartFormDataContent { { new StringContent("市场"), "place" }, { new ByteArrayContent(photo), "file", "a.jpg" } };
        var problem = await Problem(await client.PostAsync("/api/v1/blobs", forged, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("防伪令牌", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var wrongToken = new MultipartFormDataContent { { new StringContent("CfDJ8-not-a-token"), "__RequestVerificationToken" }, { new ByteArrayContent(photo), "file", "a.jpg" } };
        await Problem(await client.PostAsync("/api/v1/blobs", wrongToken, Ct), HttpStatusCode.BadRequest);

        using var noFile = new MultipartFormDataContent { { new StringContent(await TokenAsync(client)), "__RequestVerificationToken" }, { new StringContent("市场"), "place" } };
        problem = await Problem(await client.PostAsync("/api/v1/blobs", noFile, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("没有收到文件", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var png = Png.Concat(Guid.NewGuid().ToByteArray()).ToArray();
        var lying = new ByteArrayContent(png);
        lying.Headers.ContentType = new("video/mp4");
        using var lyingForm = new MultipartFormDataContent { { new StringContent(await TokenAsync(client)), "__RequestVerificationToken" }, { lying, "file", "录像.mp4" } };
        problem = await Problem(await client.PostAsync("/api/v1/blobs", lyingForm, Ct), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("文件内容是 PNG 图片，与声明的类型 video/mp4 不符。", problem.GetProperty("detail").GetString());

        // A token in the header (a script on the platform's own page) is as good as the field.
        var header = new MultipartFormDataContent { { new ByteArrayContent(Jpeg(1000)), "file", "b.jpg" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/blobs") { Content = header };
        request.Headers.Add("RequestVerificationToken", await TokenAsync(client));
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request, Ct)).StatusCode);

        Assert.False(await Stored(photo));
        Assert.False(await Stored(png));
        AssertNothingIncoming();
    }

    [Fact]
    public async Task Every_read_of_a_file_is_recorded_in_the_log_before_it_is_sent()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var photo = Jpeg(30_000);
        var created = await officer.PostAsync("/api/v1/blobs", Raw(photo, "image/jpeg", "现场.jpg"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        var before = await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.Kind == "evidence-read", Ct));

        var read = await officer.GetAsync($"/api/v1/blobs/{sha}?purpose={Uri.EscapeDataString("法制审核调阅")}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("image/jpeg", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync(Ct));

        var entries = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.Kind == "evidence-read").OrderBy(e => e.Index).ToListAsync(Ct));
        Assert.Equal(before + 1, entries.Count);
        var entry = entries[^1];
        var payload = JsonDocument.Parse(entry.Payload).RootElement;
        Assert.Equal(sha, payload.GetProperty("facts").GetProperty("sha256").GetString());
        Assert.Equal("法制审核调阅", payload.GetProperty("facts").GetProperty("purpose").GetString());
        Assert.Equal("Officer", payload.GetProperty("actor").GetProperty("role").GetString());
        Assert.NotNull(entry.ActorId);
        Assert.NotNull(entry.AgencyId);
        Assert.Null(entry.CaseId);

        // Another agency's officer neither reads it nor leaves a read in the log; nor does a name that is not a hash.
        var other = await app.SignInAsync("rsj.officer");
        await Problem(await other.GetAsync($"/api/v1/blobs/{sha}", Ct), HttpStatusCode.NotFound);
        await Problem(await officer.GetAsync("/api/v1/blobs/..%2F..%2Fetc%2Fpasswd", Ct), HttpStatusCode.NotFound);
        await Problem(await officer.GetAsync($"/api/v1/blobs/{sha}?purpose={new string('查', 201)}", Ct), HttpStatusCode.BadRequest);
        Assert.Equal(before + 1, await app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.Kind == "evidence-read", Ct)));
    }
}

public sealed class EvidenceUploadTestsOnSqlite(SqliteApp app) : EvidenceUploadTests(app);

public sealed class EvidenceUploadTestsOnPostgres(PostgresApp app) : EvidenceUploadTests(app);
