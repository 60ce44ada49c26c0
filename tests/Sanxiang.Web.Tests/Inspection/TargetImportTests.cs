using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Validation;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Inspection;

/// <summary>
/// The inspection-target directory (检查对象名录库): the import counts before it writes, writes all rows and one log entry
/// in one go, re-imports as unchanged, refuses a file with a bad row as a whole, and stays within the caller's agency
/// and the importing roles; through the API and the workbench page.
/// </summary>
public abstract partial class TargetImportTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "统一社会信用代码,名称,地址,所属乡镇（街道）,行业,信用风险分类,标签,隶属机关代码,状态\r\n";

    /// <summary>A fresh, valid unified social credit code, so that tests sharing the database never meet.</summary>
    private static string NewCode()
    {
        var body = "91360736" + string.Concat(Enumerable.Range(0, 9).Select(_ => UnifiedSocialCreditCode.Alphabet[RandomNumberGenerator.GetInt32(UnifiedSocialCreditCode.Alphabet.Length)]));
        return body + UnifiedSocialCreditCode.ComputeCheckCharacter(body);
    }

    private static string Row(string code, string name, string grade, string tags = "", string status = "") =>
        $"{code},{name},安和县人民路{name.Length}号,城关镇,餐饮服务,{grade},{tags},,{status}\r\n";

    [Fact]
    public async Task A_dry_run_counts_and_writes_nothing_then_the_import_inserts_and_a_reimport_is_unchanged_until_a_grade_changes()
    {
        var head = await app.SignInAsync("scjg.unithead");
        var codes = new[] { NewCode(), NewCode(), NewCode() };
        var csv = Header + Row(codes[0], "甲餐饮店", "A", "学校周边、夜市") + Row(codes[1], "乙餐饮店", "较高") + Row(codes[2], "丙餐饮店", "D", status: "注销");
        var events = await Events();

        var dry = await ImportAsync(head, csv, dryRun: true);
        Assert.Equal((true, false, 3, 0, 0), (dry.GetProperty("valid").GetBoolean(), dry.GetProperty("applied").GetBoolean(),
            dry.GetProperty("new").GetInt32(), dry.GetProperty("changed").GetInt32(), dry.GetProperty("unchanged").GetInt32()));
        Assert.Empty(await Targets(codes));
        Assert.Equal(events, await Events());

        var applied = await ImportAsync(head, csv, dryRun: false);
        Assert.Equal((true, 3), (applied.GetProperty("applied").GetBoolean(), applied.GetProperty("new").GetInt32()));
        var stored = await Targets(codes);
        var scjg = await AgencyId("SCJG");
        Assert.Equal(3, stored.Count);
        Assert.All(stored, t => Assert.Equal(scjg, t.AgencyId));
        var first = stored.Single(t => t.CreditCode == codes[0]);
        Assert.Equal(("甲餐饮店", "A", true), (first.Name, first.Grade, first.Active));
        Assert.Equal(["学校周边", "夜市"], first.Tags);
        Assert.Equal(("C", false), (stored.Single(t => t.CreditCode == codes[1]).Grade, stored.Single(t => t.CreditCode == codes[2]).Active));

        // One log entry for the whole file, with the file's hash and the counts.
        var logged = await app.WithDbAsync((db, _) => db.LedgerEntries.Where(e => e.Kind == "inspection-targets-imported" && e.AgencyId == scjg)
            .OrderByDescending(e => e.Index).FirstAsync(Ct));
        Assert.Equal(events + 1, await Events());
        var facts = JsonNode.Parse(logged.Payload)!["facts"]!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv))), (string?)facts["file"]!["sha256"]);
        Assert.Equal((3, 3, 0, 0), ((int)facts["rows"]!, (int)facts["new"]!, (int)facts["changed"]!, (int)facts["unchanged"]!));

        var again = await ImportAsync(head, csv, dryRun: false);
        Assert.Equal((0, 0, 3), (again.GetProperty("new").GetInt32(), again.GetProperty("changed").GetInt32(), again.GetProperty("unchanged").GetInt32()));

        var regraded = csv.Replace(codes[1] + ",乙餐饮店,安和县人民路4号,城关镇,餐饮服务,较高", codes[1] + ",乙餐饮店,安和县人民路4号,城关镇,餐饮服务,B", StringComparison.Ordinal);
        Assert.NotEqual(csv, regraded);
        var preview = await ImportAsync(head, regraded, dryRun: true);
        Assert.Equal((0, 1, 2), (preview.GetProperty("new").GetInt32(), preview.GetProperty("changed").GetInt32(), preview.GetProperty("unchanged").GetInt32()));
        Assert.Equal("C", (await Targets([codes[1]])).Single().Grade);
        await ImportAsync(head, regraded, dryRun: false);
        Assert.Equal("B", (await Targets([codes[1]])).Single().Grade);

        // The directory exported in the import layout imports back with nothing to change.
        var export = await head.GetByteArrayAsync("/api/v1/inspection/targets/export.xlsx", Ct);
        Assert.Equal((byte)'P', export[0]);
        var raw = await head.PostAsync("/api/v1/inspection/targets/import?dryRun=true", new ByteArrayContent(export), Ct);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var back = JsonDocument.Parse(await raw.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal((0, 0), (back.GetProperty("new").GetInt32(), back.GetProperty("changed").GetInt32()));
        Assert.True(back.GetProperty("unchanged").GetInt32() >= 3);
    }

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_names_the_row_and_column()
    {
        var head = await app.SignInAsync("scjg.head");
        var (good, bad) = (NewCode(), NewCode());
        var wrongCheck = bad[..17] + (bad[17] == '0' ? '1' : '0');
        var csv = Header + Row(good, "好的餐饮店", "A") + Row(wrongCheck, "坏的餐饮店", "B") + Row(NewCode(), "分类错的店", "E");

        var response = await PostAsync(head, "/api/v1/inspection/targets/import?dryRun=false", Encoding.UTF8.GetBytes(csv));
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains("未导入任何数据", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        var problems = problem.GetProperty("report").GetProperty("problems").EnumerateArray()
            .Select(p => (Row: p.GetProperty("row").GetInt32(), Column: p.GetProperty("column").GetString(), Text: p.GetProperty("text").GetString()!)).ToList();
        Assert.Contains(problems, p => p.Row == 3 && p.Column == "统一社会信用代码" && p.Text.StartsWith("第 3 行“统一社会信用代码”：", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 4 && p.Column == "信用风险分类" && p.Text.Contains("“E”不是信用风险分类", StringComparison.Ordinal));
        Assert.Empty(await Targets([good]));

        var empty = await head.PostAsync("/api/v1/inspection/targets/import?dryRun=true", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("没有收到文件", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n" + csv));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        var malformed = await head.PostAsync("/api/v1/inspection/targets/import?dryRun=true", broken, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        // A file over the spreadsheet engine's limit is refused before it is read (the body's length known or not).
        var huge = new byte[Sanxiang.Web.Registry.RegistryUploads.MaxBytes + 1];
        var tooLarge = await head.PostAsync("/api/v1/inspection/targets/import?dryRun=true", new ByteArrayContent(huge), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("MB 的上限", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var streamed = new StreamContent(new MemoryStream(huge));
        streamed.Headers.ContentLength = null;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await head.PostAsync("/api/v1/inspection/targets/import?dryRun=true", streamed, Ct)).StatusCode);

        // The page shows the same problems in its table, and writes nothing either.
        var page = await UploadPageAsync(head, Encoding.UTF8.GetBytes(csv), dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("data-testid=\"import-problems\"", html, StringComparison.Ordinal);
        Assert.Contains("导入未通过：共 2 处问题，未导入任何数据", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("<td data-label=\"行号\" class=\"num\">3</td><td data-label=\"列\">统一社会信用代码</td>"), html);
        Assert.Empty(await Targets([good]));
    }

    [Fact]
    public async Task The_page_checks_then_imports_and_lists_with_filters_and_grade_counts()
    {
        var head = await app.SignInAsync("scjg.unithead");
        var industry = "测试行业" + RandomNumberGenerator.GetInt32(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var codes = new[] { NewCode(), NewCode() };
        var csv = Header + $"{codes[0]},页面甲店,安和县新街1号,枫林乡,{industry},D,,,\r\n" + $"{codes[1]},页面乙店,安和县新街2号,枫林乡,{industry},A,,SCJG,\r\n";

        var dry = await UploadPageAsync(head, Encoding.UTF8.GetBytes(csv), dryRun: true);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var dryHtml = await dry.Content.ReadAsStringAsync(Ct);
        Assert.Contains("导入后将：新增 2 个，修改 0 个，未变 0 个。", dryHtml, StringComparison.Ordinal);
        Assert.Empty(await Targets(codes));

        var applied = await UploadPageAsync(head, Encoding.UTF8.GetBytes(csv), dryRun: false);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains("本次导入：新增 2 个，修改 0 个，未变 0 个。", await applied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, (await Targets(codes)).Count);

        var filtered = await head.GetStringAsync("/workbench/inspections/targets?industry=" + Uri.EscapeDataString(industry) + "&grade=D", Ct);
        Assert.Contains("名录（1 个对象）", filtered, StringComparison.Ordinal);
        Assert.Contains(codes[0], filtered, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[1], filtered, StringComparison.Ordinal);
        var byName = await head.GetStringAsync("/workbench/inspections/targets?q=" + Uri.EscapeDataString("页面乙"), Ct);
        Assert.Contains(codes[1], byName, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"grade-counts\"", byName, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"import-form\"", byName, StringComparison.Ordinal);

        var list = JsonDocument.Parse(await head.GetStringAsync("/api/v1/inspection/targets?industry=" + Uri.EscapeDataString(industry), Ct)).RootElement;
        Assert.Equal(("SCJG", 2, 50), (list.GetProperty("agencyCode").GetString(), list.GetProperty("total").GetInt32(), list.GetProperty("pageSize").GetInt32()));
        Assert.True(list.GetProperty("gradeCounts").GetProperty("D").GetInt32() >= 1);
        var csvTemplate = (await app.Client().GetStringAsync("/api/v1/inspection/targets/template.csv", Ct)).TrimStart('\uFEFF');
        Assert.StartsWith(Header.TrimEnd(), csvTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_agency_neither_sees_nor_imports_into_this_directory_and_an_officer_may_not_import()
    {
        var head = await app.SignInAsync("scjg.unithead");
        var code = NewCode();
        await ImportAsync(head, Header + Row(code, "本机关的店", "C"), dryRun: false);

        var other = await app.SignInAsync("zhzf.officer");
        var own = JsonDocument.Parse(await other.GetStringAsync("/api/v1/inspection/targets?q=" + code, Ct)).RootElement;
        Assert.Equal(("ZHZF", 0), (own.GetProperty("agencyCode").GetString(), own.GetProperty("total").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/inspection/targets?agency=SCJG", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/workbench/inspections/targets?agency=SCJG", Ct)).StatusCode);
        var otherPage = await other.GetStringAsync("/workbench/inspections/targets?q=" + code, Ct);
        Assert.Contains("名录（0 个对象）", otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"mono nowrap\">" + code + "</td>", otherPage, StringComparison.Ordinal);
        var export = await other.GetStringAsync("/api/v1/inspection/targets/export.csv", Ct);
        Assert.DoesNotContain(code, export, StringComparison.Ordinal);

        // Another agency's head imports the same credit code: it lands in that agency's own directory, not in this one.
        var otherHead = await app.SignInAsync("zhzf.head");
        var imported = await ImportAsync(otherHead, Header + Row(code, "改名企图", "A"), dryRun: false);
        Assert.Equal(1, imported.GetProperty("new").GetInt32());
        var rows = await Targets([code]);
        Assert.Equal(2, rows.Count);
        var scjg = await AgencyId("SCJG");
        Assert.Equal(("本机关的店", "C"), rows.Where(t => t.AgencyId == scjg).Select(t => (t.Name, t.Grade)).Single());
        var zhzf = await AgencyId("ZHZF");
        Assert.Equal(("改名企图", "A"), rows.Where(t => t.AgencyId == zhzf).Select(t => (t.Name, t.Grade)).Single());

        // An officer reads the directory but may not import: 403 from the API and the page, nothing written.
        var officer = await app.SignInAsync("scjg.officer");
        var fresh = NewCode();
        var refused = await PostAsync(officer, "/api/v1/inspection/targets/import?dryRun=false", Encoding.UTF8.GetBytes(Header + Row(fresh, "官员导入", "A")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("承办机构负责人", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var page = await officer.GetStringAsync("/workbench/inspections/targets?q=" + code, Ct);
        Assert.Contains("class=\"mono nowrap\">" + code + "</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"import-form\"", page, StringComparison.Ordinal);
        var pagePost = await UploadPageAsync(officer, Encoding.UTF8.GetBytes(Header + Row(fresh, "官员导入", "A")), dryRun: false);
        Assert.Equal(HttpStatusCode.Forbidden, pagePost.StatusCode);
        Assert.Empty(await Targets([fresh]));

        // A supervisor reads any agency's directory, without the form.
        await app.CreateAccountAsync("sfj.sup.targets." + code[^6..].ToLowerInvariant(), "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var supervisor = await app.SignInAsync("sfj.sup.targets." + code[^6..].ToLowerInvariant());
        await Sanxiang.Web.Tests.Accounts.TwoFactorTests.EnrolAsync(app, supervisor);
        var county = await supervisor.GetStringAsync("/workbench/inspections/targets?agency=SCJG&q=" + code, Ct);
        Assert.Contains("class=\"mono nowrap\">" + code + "</td>", county, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"import-form\"", county, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(supervisor, "/api/v1/inspection/targets/import", Encoding.UTF8.GetBytes(Header + Row(fresh, "监督导入", "A")))).StatusCode);

        // Roles outside the directory (a reviewer) get neither the page nor the list.
        var reviewer = await app.SignInAsync("scjg.reviewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/v1/inspection/targets", Ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await reviewer.GetAsync("/workbench/inspections/targets", Ct)).StatusCode);
    }

    private Task<Guid> AgencyId(string code) => app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync(Ct));

    private Task<List<Sanxiang.Core.Inspection.InspectionTarget>> Targets(IReadOnlyCollection<string> codes) =>
        app.WithDbAsync((db, _) => db.InspectionTargets.AsNoTracking().Where(t => codes.Contains(t.CreditCode)).ToListAsync(Ct));

    private Task<int> Events() => app.WithDbAsync((db, _) => db.LedgerEntries.CountAsync(e => e.Kind == "inspection-targets-imported", Ct));

    private static Task<JsonElement> ImportAsync(HttpClient client, string csv, bool dryRun) => ImportAsync(client, Encoding.UTF8.GetBytes(csv), dryRun);

    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, bool dryRun)
    {
        var response = await PostAsync(client, $"/api/v1/inspection/targets/import?dryRun={(dryRun ? "true" : "false")}", file);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts the file as a multipart form, as a script or a browser would (the API takes the raw body too).</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] file)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "targets.csv" } };
        return client.PostAsync(path, form, Ct);
    }

    /// <summary>Uploads through the page's form, with its anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> UploadPageAsync(HttpClient client, byte[] file, bool dryRun)
    {
        var page = await client.GetStringAsync("/workbench/inspections/targets", Ct);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "页面没有防伪令牌");
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        if (dryRun)
        {
            form.Add(new StringContent("true"), "dryRun");
        }

        form.Add(new ByteArrayContent(file), "file", "targets.csv");
        return await client.PostAsync("/workbench/inspections/targets?handler=Import", form, Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class TargetImportTestsOnSqlite(SqliteApp app) : TargetImportTests(app);

public sealed class TargetImportTestsOnPostgres(PostgresApp app) : TargetImportTests(app);
