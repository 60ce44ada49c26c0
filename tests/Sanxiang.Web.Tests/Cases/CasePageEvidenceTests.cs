using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core.Evidence;
using Sanxiang.Data.Blobs;
using Sanxiang.Web.Tests.Evidence;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Cases;

/// <summary>
/// The case page's evidence form (REC-3, REC-4) through the real pipeline: streamed to the store with its metadata, the
/// kind the officer chose kept when it fits the content, the gallery with capture time, place, collector, what it proves,
/// size and hashes without reading the file until a picture is asked for (a recorded read); refusals in Chinese that
/// leave no row and no file; only the case's officers upload. Issued documents are previewed as the inline PDF.
/// </summary>
public abstract partial class CasePageEvidenceTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_officer_uploads_through_the_page_form_and_the_gallery_shows_it_without_reading_the_file()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var id = await OpenAsync(officer);
        var photo = EvidenceUploadTests.Jpeg(20_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        var captured = Sanxiang.Core.ChinaTime.ToChina(DateTimeOffset.UtcNow.AddHours(-2));

        var response = await UploadAsync(officer, id, photo, "image/jpeg", "IMG_0001.jpg", new()
        {
            ["title"] = "店内货架现场照片", ["kind"] = "Scan", ["capturedAt"] = captured.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["place"] = "安和县城关镇人民路168号店内", ["proves"] = "当事人陈列销售超过保质期的饼干 12 袋", ["step"] = "register",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches($@"^/workbench/cases/{id}\?done=evidence#evidence-[0-9a-f-]{{36}}$", response.Headers.Location?.OriginalString);

        var row = await app.WithDbAsync((db, _) => db.EvidenceFiles.SingleAsync(e => e.CaseId == id, Ct));
        Assert.Equal(sha, row.Sha256);
        Assert.Equal("image/jpeg", row.MediaType);
        Assert.Equal(EvidenceKind.Scan, row.Kind); // the officer's choice, since a picture may be a scan
        Assert.Equal("IMG_0001.jpg", row.FileName);
        Assert.Equal("刘建国", row.CollectorName);
        Assert.Equal(new DateTimeOffset(captured.Year, captured.Month, captured.Day, captured.Hour, captured.Minute, 0, TimeSpan.FromHours(8)), row.CapturedAtUtc);
        Assert.True(await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<IBlobStore>().Open(sha) is { } s && Dispose(s))));

        var page = await officer.GetStringAsync($"/workbench/cases/{id}?done=evidence", Ct);
        Assert.Contains("证据已上传", page, StringComparison.Ordinal);
        Assert.Contains("店内货架现场照片", page, StringComparison.Ordinal);
        Assert.Contains("安和县城关镇人民路168号店内", page, StringComparison.Ordinal);
        Assert.Contains("当事人陈列销售超过保质期的饼干 12 袋", page, StringComparison.Ordinal);
        Assert.Contains("19.5 KB", page, StringComparison.Ordinal);
        Assert.Contains($"title=\"SHA-256 {sha}\"", page, StringComparison.Ordinal);
        Assert.Contains($"{sha[..10]}…{sha[^6..]}", page, StringComparison.Ordinal);
        Assert.Contains($"title=\"SM3 {row.Sm3}\"", page, StringComparison.Ordinal);
        Assert.Contains(captured.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        // The gallery never loads a file by itself: no <img> of the evidence, no read in the log.
        Assert.DoesNotContain($"<img src=\"/api/v1/cases/{id}/evidence/", page, StringComparison.Ordinal);
        Assert.Equal(0, await ReadsAsync(id));

        var shown = await officer.GetStringAsync($"/workbench/cases/{id}?show={row.Id}", Ct);
        var src = ImageSource().Match(shown);
        Assert.True(src.Success, "点“查看图片”后页面没有显示图片");
        var image = await officer.GetAsync(WebUtility.HtmlDecode(src.Groups[1].Value), Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(photo, await image.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, await ReadsAsync(id));
        var read = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.CaseId == id && e.Kind == "evidence-read").Select(e => e.Payload).SingleAsync(Ct));
        Assert.Equal("查看", JsonDocument.Parse(read).RootElement.GetProperty("facts").GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Refused_uploads_say_why_in_Chinese_and_leave_no_row_and_no_file()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var id = await OpenAsync(officer);
        var fields = new Dictionary<string, string> { ["title"] = "现场照片", ["place"] = "安和县城关镇人民路168号店内", ["proves"] = "现场情况" };

        // Content that is not what it is declared to be.
        var text = Encoding.UTF8.GetBytes("这不是图片。" + Guid.NewGuid());
        var page = await RefusedAsync(await UploadAsync(officer, id, text, "image/jpeg", "现场.jpg", fields), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("与声明的类型 image/jpeg 不符", page, StringComparison.Ordinal);
        Assert.Contains("value=\"现场照片\"", page, StringComparison.Ordinal); // the form is filled in again

        // A picture filed as a video.
        var photo = EvidenceUploadTests.Jpeg(10_000);
        page = await RefusedAsync(await UploadAsync(officer, id, photo, "image/jpeg", "现场.jpg", new(fields) { ["kind"] = "Video" }), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("所选证据类别是“录像”，但所选文件的内容是JPEG 图片", page, StringComparison.Ordinal);

        // Missing metadata: checked before the file is written.
        page = await RefusedAsync(await UploadAsync(officer, id, photo, "image/jpeg", "现场.jpg", new() { ["title"] = "现场照片" }), HttpStatusCode.BadRequest);
        Assert.Contains("请填写采集地点", page, StringComparison.Ordinal);
        Assert.Contains("请写明证明对象", page, StringComparison.Ordinal);
        page = await RefusedAsync(await UploadAsync(officer, id, photo, "image/jpeg", "现场.jpg", new(fields) { ["capturedAt"] = "2099-01-01T08:00" }), HttpStatusCode.BadRequest);
        Assert.Contains("采集时间不能晚于现在", page, StringComparison.Ordinal);

        // Too large for a photo (512 KB in the test host).
        var large = EvidenceUploadTests.Jpeg(600_000);
        page = await RefusedAsync(await UploadAsync(officer, id, large, "image/jpeg", "大图.jpg", fields), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("照片超过允许的大小上限（512 KB），未保存", page, StringComparison.Ordinal);

        // Without the anti-forgery token (a forged cross-site form).
        page = await RefusedAsync(await UploadAsync(officer, id, photo, "image/jpeg", "现场.jpg", fields, token: false), HttpStatusCode.BadRequest);
        Assert.Contains("防伪令牌", page, StringComparison.Ordinal);

        Assert.Equal(0, await app.WithDbAsync((db, _) => db.EvidenceFiles.CountAsync(e => e.CaseId == id, Ct)));
        foreach (var content in new[] { text, photo, large })
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(content));
            Assert.False(await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<IBlobStore>().Open(sha) is { } s && Dispose(s))), "被拒绝的文件留在了存储中");
        }

        var incoming = Path.Combine(app.DataDirectory, "blobs", "incoming");
        Assert.False(Directory.Exists(incoming) && Directory.EnumerateFiles(incoming).Any(), "incoming/ 中留有未完成的文件");
    }

    [Fact]
    public async Task Only_the_cases_officers_see_the_form_and_may_upload()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var id = await OpenAsync(officer);
        var reviewer = await app.SignInAsync("scjg.reviewer");
        var page = await reviewer.GetStringAsync($"/workbench/cases/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"evidence-upload\"", page, StringComparison.Ordinal);

        var refused = await UploadAsync(reviewer, id, EvidenceUploadTests.Jpeg(5_000), "image/jpeg", "a.jpg",
            new() { ["title"] = "现场照片", ["place"] = "店内", ["proves"] = "现场情况" }, tokenFrom: "/workbench");
        var body = await RefusedAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("证据只能由本案承办人员采集上传", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/workbench/cases/{id}/evidence", Ct)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.EvidenceFiles.CountAsync(e => e.CaseId == id, Ct)));

        // Another agency's officer does not even see the case.
        var other = await app.SignInAsync("zhzf.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/workbench/cases/{id}/evidence", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_sealed_case_takes_no_more_evidence_and_shows_no_form()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var id = await OpenAsync(officer);
        // Sealed directly in the database (the whole procedure to 归档 is CaseHandlingTests' business).
        await app.WithDbAsync(async (db, _) =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id, Ct);
            c.SealedAtUtc = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync(Ct);
        });
        var page = await officer.GetStringAsync($"/workbench/cases/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"evidence-upload\"", page, StringComparison.Ordinal);
        var body = await RefusedAsync(await UploadAsync(officer, id, EvidenceUploadTests.Jpeg(5_000), "image/jpeg", "a.jpg",
            new() { ["title"] = "现场照片", ["place"] = "店内", ["proves"] = "现场情况" }, tokenFrom: "/workbench"), HttpStatusCode.Conflict);
        Assert.Contains("本案已归档封存，不能再上传证据", body, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.EvidenceFiles.CountAsync(e => e.CaseId == id, Ct)));
    }

    [Fact]
    public async Task A_document_is_previewed_as_its_inline_PDF_that_only_the_platform_may_frame()
    {
        var officer = await app.SignInAsync("scjg.officer");
        var id = await OpenAsync(officer);
        var issued = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/documents", new { kind = "RegistrationApproval" }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var document = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var documentId = document.GetProperty("id").GetGuid();
        var number = document.GetProperty("number").GetString()!;

        var page = await officer.GetStringAsync($"/workbench/cases/{id}?preview={documentId}", Ct);
        Assert.Contains($"<iframe src=\"/api/v1/documents/{documentId}.pdf?inline=true\"", page, StringComparison.Ordinal);
        Assert.Contains($"?preview={documentId}#document-preview", page, StringComparison.Ordinal);

        var inline = await officer.GetAsync($"/api/v1/documents/{documentId}.pdf?inline=true", Ct);
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("application/pdf", inline.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(number + ".pdf", inline.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("SAMEORIGIN", inline.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", inline.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var bytes = await inline.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(document.GetProperty("pdfSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));

        // The download stays an attachment that nothing may frame.
        var download = await officer.GetAsync($"/api/v1/documents/{documentId}.pdf", Ct);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("DENY", download.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // Another agency's account: not found, inline or not.
        var other = await app.SignInAsync("zhzf.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/documents/{documentId}.pdf?inline=true", Ct)).StatusCode);
    }

    private static bool Dispose(Stream stream)
    {
        stream.Dispose();
        return true;
    }

    private Task<int> ReadsAsync(Guid id) => app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.CaseId == id && e.Kind == "evidence-read", Ct));

    private static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"应为 {(int)status}，实际 {(int)response.StatusCode}：{Regex.Match(body, "<ul>.*?</ul>", RegexOptions.Singleline).Value}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("证据未能上传，未保存任何内容", body, StringComparison.Ordinal);
        return body;
    }

    /// <summary>Posts the case page's form as a browser does: the token first, the text fields, then the file.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] content, string type, string name,
        Dictionary<string, string> fields, bool token = true, string? tokenFrom = null)
    {
        var form = new MultipartFormDataContent();
        if (token)
        {
            var page = await client.GetStringAsync(tokenFrom ?? $"/workbench/cases/{id}", Ct);
            var match = TokenField().Match(page);
            Assert.True(match.Success, "页面没有防伪令牌");
            form.Add(new StringContent(WebUtility.HtmlDecode(match.Groups[1].Value)), "__RequestVerificationToken");
        }

        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        // The camera input left empty, as a browser sends it: a file part with an empty name and no content.
        var camera = new ByteArrayContent([]);
        camera.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"\"" };
        camera.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(camera);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        return await client.PostAsync($"/workbench/cases/{id}/evidence", form, Ct);
    }

    private async Task<Guid> OpenAsync(HttpClient officer)
    {
        var ids = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "scjg.officer" || u.UserName == "scjg.officer2").OrderBy(u => u.UserName)
            .Select(u => u.OfficerId!.Value).ToListAsync(Ct));
        var response = await officer.PostAsJsonAsync("/api/v1/cases", new
        {
            itemCode = "360736-SCJG-CF-001",
            cause = "涉嫌销售超过保质期的食品案",
            source = "监督检查",
            party = new
            {
                kind = "Organisation", name = "安和县鲜丰农贸有限公司",
                creditCode = "91360736MA35R8QX1" + Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter("91360736MA35R8QX1"),
                representative = "王建华", address = "安和县城关镇人民路168号", phone = "0797-6320001",
            },
            occurredOn = Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            seriousHarm = false,
            officerIds = ids,
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<img src=\"([^\"]+)\"[^>]*data-testid=\"evidence-image\"")]
    private static partial Regex ImageSource();
}

public sealed class CasePageEvidenceTestsOnSqlite(SqliteApp app) : CasePageEvidenceTests(app);
