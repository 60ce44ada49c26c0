using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Ledger;
using Sanxiang.Data;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Documents;
using Sanxiang.Tests.Documents;
using Sanxiang.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Sanxiang.Web.Tests.Documents;

/// <summary>Issuing case documents on a real database: numbering, files, seal, log, public verification, downloads (REC-2).</summary>
public abstract partial class DocumentIssueTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Year => Sanxiang.Core.ChinaTime.Today(TimeProvider.System).Year;

    private Task<Guid> AgencyIdAsync(string code) =>
        app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    private Task<DocumentIssueResult> IssueAsync(DocumentKind kind, DocumentFacts facts, Guid agencyId, Guid? caseId = null) =>
        app.WithDbAsync((db, sp) => sp.GetRequiredService<DocumentIssuer>().IssueAsync(db, kind, facts, agencyId, caseId, new DocumentActor(null, "Officer"), Ct));

    private Task<int> LastSequenceAsync(Guid agencyId, DocumentKind kind) =>
        app.WithDbAsync((db, _) => db.IssuedDocuments.Where(d => d.AgencyId == agencyId && d.Kind == kind && d.Year == Year)
            .Select(d => (int?)d.Sequence).MaxAsync().ContinueWith(t => t.Result ?? 0, TaskScheduler.Default));

    private async Task<byte[]> PdfAsync(IssuedDocument document) =>
        await app.WithDbAsync(async (_, sp) =>
        {
            await using var stream = sp.GetRequiredService<IBlobStore>().Open(document.PdfSha256)!;
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            return copy.ToArray();
        });

    [Fact]
    public async Task A_penalty_decision_is_numbered_rendered_with_embedded_Chinese_fonts_sealed_and_recorded()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var caseId = Guid.NewGuid();
        var before = await LastSequenceAsync(scjg, DocumentKind.PenaltyDecision);
        var result = await IssueAsync(DocumentKind.PenaltyDecision, SampleFacts.Complete(), scjg, caseId);

        var document = Assert.IsType<IssuedDocument>(result.Document);
        // Case tests running alongside issue penalty decisions of the same agency at their decision steps: the number is
        // the next free one, not necessarily before + 1 (gaplessness under concurrency is tested below).
        Assert.True(document.Sequence > before, $"{document.Sequence} <= {before}");
        Assert.Equal($"安市监罚〔{Year}〕{document.Sequence}号", document.Number);
        var pdf = await PdfAsync(document);
        Assert.Equal(document.PdfSha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));

        // The PDF holds the Chinese text (extractable: embedded subset fonts with a ToUnicode map) and embeds TrueType fonts.
        using (var reader = PdfDocument.Open(pdf))
        {
            var text = string.Concat(reader.GetPages().Select(p => p.Text));
            foreach (var expected in new[] { "安和县市场监督管理局", "行政处罚决定书", document.Number, "罚款人民币伍万元整", "六十日内向安和县人民政府申请行政复议", "电子签章" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            var fonts = reader.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
            Assert.True(fonts.Count >= 2, string.Join(", ", fonts));
            Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+", f)); // subset-embedded fonts are tagged ABCDEF+Name
        }

        Assert.True(pdf.AsSpan().IndexOf("/FontFile2"u8) >= 0, "PDF 中没有嵌入 TrueType 字体（/FontFile2）");
        var preview = Environment.GetEnvironmentVariable("SANXIANG_DOCUMENT_PREVIEW");
        if (!string.IsNullOrEmpty(preview))
        {
            Directory.CreateDirectory(preview);
            await File.WriteAllBytesAsync(Path.Combine(preview, $"{app.Provider}-{document.Kind}.pdf"), pdf, Ct);
        }

        // The record: document-issued with the hashes and the seal; the leaf index is kept on the document.
        var entry = await app.WithDbAsync((db, _) => db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Index == document.LedgerIndex));
        Assert.Equal(DocumentIssuer.LedgerKind, entry.Kind);
        Assert.Equal(caseId, entry.CaseId);
        var payload = JsonDocument.Parse(entry.Payload).RootElement.GetProperty("facts");
        Assert.Equal(document.Number, payload.GetProperty("number").GetString());
        Assert.Equal(document.PdfSha256, payload.GetProperty("pdf").GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(Sm3.Hash(pdf)), payload.GetProperty("pdf").GetProperty("sm3").GetString());
        Assert.DoesNotContain("惠民超市", Encoding.UTF8.GetString(entry.Payload), StringComparison.Ordinal);

        // The seal verifies with nothing but the published key.
        var keyText = await app.Client().GetStringAsync("/verify/keys/SCJG", Ct);
        var vkey = keyText.Split('\n').Single(l => l.StartsWith("SCJG/seal+", StringComparison.Ordinal));
        var key = Sm2NoteKey.FromVerifierKey(vkey);
        var signature = Convert.FromBase64String(payload.GetProperty("seal").GetProperty("signature").GetString()!);
        Assert.True(key.Verify(SHA256.HashData(pdf), signature));
        Assert.False(key.Verify(SHA256.HashData([.. pdf, 0]), signature));
        var keyFile = Directory.EnumerateFiles(app.DataDirectory, "SCJG.sm2.key", SearchOption.AllDirectories).Single();
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public async Task An_incomplete_decision_is_refused_in_Chinese_and_uses_no_number()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var before = await LastSequenceAsync(scjg, DocumentKind.NoPenaltyDecision);
        // Other tests append to the same log at the same time: count only this kind's entries (its numbers read 不罚〔…〕).
        var entries = await NoPenaltyEntriesAsync();

        var refused = await IssueAsync(DocumentKind.NoPenaltyDecision, SampleFacts.Complete() with { Remedy = null }, scjg);
        Assert.False(refused.Issued);
        Assert.Equal(["申请行政复议、提起行政诉讼的途径和期限"], refused.Missing);
        Assert.Equal(entries, await NoPenaltyEntriesAsync());
        Assert.Equal(before, await LastSequenceAsync(scjg, DocumentKind.NoPenaltyDecision));

        var issued = await IssueAsync(DocumentKind.NoPenaltyDecision, SampleFacts.Complete(), scjg);
        Assert.Equal(before + 1, issued.Document!.Sequence);
        Assert.Equal($"安市监不罚〔{Year}〕{before + 1}号", issued.Document.Number);
    }

    private Task<int> NoPenaltyEntriesAsync() => app.WithDbAsync(async (db, _) =>
        (await db.LedgerEntries.Where(e => e.Kind == "document-issued").Select(e => e.Payload).ToListAsync())
            .Count(p => System.Text.Encoding.UTF8.GetString(p).Contains("不罚〔", StringComparison.Ordinal)));

    [Fact]
    public async Task A_rolled_back_issue_gives_its_number_back()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var before = await LastSequenceAsync(scjg, DocumentKind.InspectionRecord);
        await app.WithDbAsync(async (db, sp) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var inside = await sp.GetRequiredService<DocumentIssuer>().IssueAsync(db, DocumentKind.InspectionRecord, SampleFacts.Complete(), scjg, null, new DocumentActor(null, null), Ct);
            Assert.Equal(before + 1, inside.Document!.Sequence);
            await tx.RollbackAsync(Ct);
            return 0;
        });

        var issued = await IssueAsync(DocumentKind.InspectionRecord, SampleFacts.Complete(), scjg);
        Assert.Equal(before + 1, issued.Document!.Sequence);
    }

    [Fact]
    public async Task Many_parallel_issuers_get_consecutive_numbers_without_gaps_or_duplicates()
    {
        var agencies = new[] { await AgencyIdAsync("STHJ"), await AgencyIdAsync("RSJ") };
        const int perAgency = 12;
        var before = new Dictionary<Guid, int>();
        foreach (var agency in agencies)
        {
            before[agency] = await LastSequenceAsync(agency, DocumentKind.ServiceReceipt);
        }

        var started = DateTime.UtcNow;
        var results = await Task.WhenAll(agencies.SelectMany(agency => Enumerable.Range(0, perAgency).Select(_ =>
            Task.Run(() => IssueAsync(DocumentKind.ServiceReceipt, SampleFacts.Complete(), agency), Ct))));
        var elapsed = DateTime.UtcNow - started;
        TestContext.Current.TestOutputHelper?.WriteLine($"{app.Provider}: {results.Length} documents issued by {results.Length} parallel issuers in {elapsed.TotalMilliseconds:0} ms");

        foreach (var agency in agencies)
        {
            var sequences = results.Select(r => r.Document!).Where(d => d.AgencyId == agency).Select(d => d.Sequence).Order().ToList();
            Assert.Equal(Enumerable.Range(before[agency] + 1, perAgency), sequences);
            var stored = await app.WithDbAsync((db, _) => db.IssuedDocuments.Where(d => d.AgencyId == agency && d.Kind == DocumentKind.ServiceReceipt && d.Year == Year)
                .Select(d => d.Sequence).OrderBy(s => s).ToListAsync());
            Assert.Equal(Enumerable.Range(1, stored.Count), stored);
        }

        Assert.Equal(results.Length, results.Select(r => r.Document!.Number).Distinct().Count());
        Assert.Equal(results.Length, results.Select(r => r.Document!.LedgerIndex).Distinct().Count());
    }

    [Fact]
    public async Task The_verify_page_accepts_the_genuine_file_and_rejects_a_changed_byte_or_a_wrong_number()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var document = (await IssueAsync(DocumentKind.PenaltyDecision, SampleFacts.Person(), scjg)).Document!;
        var pdf = await PdfAsync(document);
        var client = app.Client();

        // The QR code's address: the number alone says who issued what, not to whom.
        var landing = await client.GetAsync($"/verify/document/{Uri.EscapeDataString(document.Number)}", Ct);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        var landingHtml = await landing.Content.ReadAsStringAsync(Ct);
        Assert.Contains("该编号的文书已由本平台出具", landingHtml, StringComparison.Ordinal);
        Assert.Contains("安和县市场监督管理局", landingHtml, StringComparison.Ordinal);

        var (status, html) = await PostVerifyAsync(client, document.Number, pdf, null);
        Assert.True(status == HttpStatusCode.OK, html);
        Assert.Contains("data-kind=\"Authentic\"", html, StringComparison.Ordinal);
        Assert.Contains("真实：与本平台出具的文书一致", html, StringComparison.Ordinal);
        Assert.Contains("有效（SM2 签名经出具机关公钥验证通过）", html, StringComparison.Ordinal);
        Assert.Contains($"第 <a href=\"/api/v1/ledger/entries?start={document.LedgerIndex}", html, StringComparison.Ordinal);
        foreach (var personal in new[] { "刘小红", "360736199001011234", "幸福路", "13800001111" })
        {
            Assert.DoesNotContain(personal, html, StringComparison.Ordinal);
        }

        var changed = pdf.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        (status, html) = await PostVerifyAsync(client, document.Number, changed, null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("不一致：该文件不是本平台以此编号出具的文书", html, StringComparison.Ordinal);

        // Larger than the platform's general form limit (1 MB): the page takes files up to 20 MB.
        (status, html) = await PostVerifyAsync(client, document.Number, [.. pdf, .. new byte[1_500_000]], null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);

        (status, html) = await PostVerifyAsync(client, $"安市监罚〔{Year}〕99999号", pdf, null);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("查无此文书编号", html, StringComparison.Ordinal);

        (status, html) = await PostVerifyAsync(client, document.Number.Replace('〔', '[').Replace('〕', ']'), null, document.PdfSha256.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-kind=\"Authentic\"", html, StringComparison.Ordinal);

        (status, html) = await PostVerifyAsync(client, document.Number, null, "abc");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("SHA-256 格式不正确", html, StringComparison.Ordinal);
        (status, html) = await PostVerifyAsync(client, "not a number", null, document.PdfSha256);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("文书编号格式不正确", html, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, string)> PostVerifyAsync(HttpClient client, string number, byte[]? file, string? sha256)
    {
        var page = await client.GetStringAsync("/verify/document", Ct);
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(number), "number" },
        };
        if (sha256 is not null)
        {
            form.Add(new StringContent(sha256), "sha256");
        }

        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new("application/pdf");
            form.Add(content, "file", "决定书.pdf");
        }

        var response = await client.PostAsync("/verify/document", form, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Fact]
    public async Task The_verify_API_answers_in_JSON_and_problem_details()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var document = (await IssueAsync(DocumentKind.PenaltyNotice, SampleFacts.Complete(), scjg)).Document!;
        var pdf = await PdfAsync(document);
        var client = app.Client();

        var ok = await client.PostAsJsonAsync("/api/v1/documents/verify", new { number = document.Number, sha256 = document.DocxSha256 }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(body.TryGetProperty("verdict", out _), body.GetRawText());
        Assert.Equal("Authentic", body.GetProperty("verdict").GetString());
        Assert.Equal("DOCX", body.GetProperty("matchedFormat").GetString());
        Assert.True(body.GetProperty("signatureValid").GetBoolean());
        Assert.Equal("行政处罚告知书", body.GetProperty("title").GetString());

        var raw = new ByteArrayContent(pdf);
        raw.Headers.ContentType = new("application/pdf");
        var streamed = await client.PostAsync($"/api/v1/documents/verify?number={Uri.EscapeDataString(document.Number)}", raw, Ct);
        Assert.Equal("PDF", (await streamed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("matchedFormat").GetString());

        var altered = await client.PostAsJsonAsync("/api/v1/documents/verify", new { number = document.Number, sha256 = new string('0', 64) }, Ct);
        Assert.Equal("Altered", (await altered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("verdict").GetString());

        var unknown = await client.PostAsJsonAsync("/api/v1/documents/verify", new { number = $"安市监告〔{Year}〕99999号", sha256 = document.PdfSha256 }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有出具过编号", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var bad = await client.PostAsJsonAsync("/api/v1/documents/verify", new { number = document.Number, sha256 = "xyz" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("sha256 格式不正确", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_owning_agency_downloads_the_files()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var document = (await IssueAsync(DocumentKind.ClosingReport, SampleFacts.Complete(), scjg)).Document!;
        var pdf = await PdfAsync(document);

        var own = await app.SignInAsync("scjg.officer");
        var response = await own.GetAsync($"/api/v1/documents/{document.Id}.pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync(Ct));
        var docx = await own.GetAsync($"/api/v1/documents/{document.Id}.docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(document.DocxSha256, Convert.ToHexStringLower(SHA256.HashData(await docx.Content.ReadAsByteArrayAsync(Ct))));

        var other = await app.SignInAsync("sthj.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/documents/{document.Id}.pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync($"/api/v1/documents/{document.Id}.pdf", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_issued_document_cannot_be_changed_and_another_agency_cannot_issue_in_its_name()
    {
        var scjg = await AgencyIdAsync("SCJG");
        var document = (await IssueAsync(DocumentKind.HearingNotice, SampleFacts.Complete(), scjg)).Document!;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async (db, _) =>
        {
            var row = await db.IssuedDocuments.SingleAsync(d => d.Id == document.Id);
            row.PdfSha256 = new string('0', 64);
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("已出具的执法文书不得修改", refused.Message, StringComparison.Ordinal);

        var sthj = await AgencyIdAsync("STHJ");
        await Assert.ThrowsAsync<Sanxiang.Data.Access.AgencyAccessDeniedException>(() => app.WithDbAsync(async (_, sp) =>
        {
            var options = sp.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<SanxiangDbContext>>();
            await using var scoped = new SanxiangDbContext(options, new Sanxiang.Data.Access.FixedAccessScope(Sanxiang.Data.Access.AccessScope.Agency(sthj)));
            return await sp.GetRequiredService<DocumentIssuer>().IssueAsync(scoped, DocumentKind.HearingNotice, SampleFacts.Complete(), scjg, null, new DocumentActor(null, null), Ct);
        }));
    }
}

public sealed class DocumentIssueTestsOnSqlite(SqliteApp app) : DocumentIssueTests(app);

public sealed class DocumentIssueTestsOnPostgres(PostgresApp app) : DocumentIssueTests(app);
