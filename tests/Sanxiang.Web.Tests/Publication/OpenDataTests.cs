using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Validation;
using Sanxiang.Web.Publication;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Publication;

/// <summary>
/// PUB-9 and PUB-10 through the HTTP pipeline, anonymous: the open data of the published decisions (JSON, CSV, the entries
/// that left the portal), the 双公示 export with its rejected rows, the Atom feed, and bad input as problem details.
/// Entries are inserted directly with a marker of their own and dates in years no other test uses.
/// </summary>
public abstract class OpenDataTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Uscc(string first17) => first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);

    private static string Marker() => Guid.NewGuid().ToString("N")[..10];

    private async Task<PublishedDecision> InsertAsync(Action<PublishedDecision> shape, string agencyCode = "SCJG")
    {
        return await app.WithDbAsync(async (db, _) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode, Ct);
            var task = await db.PublicationTasks.Select(t => t.Id).FirstAsync(Ct);
            var d = new PublishedDecision
            {
                AgencyId = agency.Id,
                AgencyName = agency.Name,
                TaskId = task,
                CaseId = Guid.NewGuid(),
                Category = PublicationCategory.Penalty,
                Procedure = ProcedureKind.GeneralPenalty,
                Title = "行政处罚决定书",
                DocumentNumber = "安市监罚〔2001〕" + Marker() + "号",
                CaseNumber = "安市监立〔2001〕1号",
                ItemName = "对销售不符合食品安全标准的食品的处罚",
                PartyName = "安和县鲜丰农贸有限公司",
                PartyKind = PartyKind.Organisation,
                CreditCode = Uscc("91360736MA35X7Y89"),
                Representative = "王某某",
                Cause = "销售不符合食品安全标准的食品",
                Facts = "当事人销售超过保质期的食品。",
                Basis = "《中华人民共和国食品安全法》第一百二十四条第一款",
                PenaltyKinds = "警告、罚款",
                Result = "警告，罚款人民币12345元",
                FineYuan = 12_345,
                DecidedOn = new DateOnly(2001, 1, 2),
                PublishedOn = new DateOnly(2001, 1, 5),
                PublishedAtUtc = DateTimeOffset.UtcNow,
                PublicUntil = new DateOnly(2031, 1, 4),
                RepairableFrom = new DateOnly(2001, 4, 5),
                State = PublishedState.Public,
                ContentSha256 = new string('0', 64),
            };
            shape(d);
            db.PublishedDecisions.Add(d);
            await db.SaveChangesAsync(Ct);
            return d;
        });
    }

    [Fact]
    public async Task Open_data_lists_the_entries_on_the_portal_as_json_and_csv_and_since_leaves_out_older_ones()
    {
        var marker = Marker();
        var older = await InsertAsync(d => { d.PartyName = $"旧公司{marker}"; d.PublishedOn = new DateOnly(2003, 2, 1); });
        var newer = await InsertAsync(d => { d.PartyName = $"新公司{marker}"; d.PublishedOn = new DateOnly(2003, 3, 10); d.Cause = "=HYPERLINK(\"http://x\")"; });
        var gone = await InsertAsync(d =>
        {
            d.PartyName = "";
            d.DocumentNumber = $"安市监罚〔2003〕{marker}号";
            d.PublishedOn = new DateOnly(2003, 3, 11);
            d.State = PublishedState.Withdrawn;
            d.StateReason = "行政复议决定撤销原处罚决定";
            d.StateAtUtc = new DateTimeOffset(2003, 3, 20, 2, 0, 0, TimeSpan.Zero);
        });
        var elsewhere = await InsertAsync(d => { d.PartyName = $"他处公司{marker}"; d.PublishedOn = new DateOnly(2003, 3, 10); }, "ZHZF");
        var client = app.Client();

        var json = await client.GetAsync("/api/v1/public/open-data/decisions.json?agency=SCJG&since=2003-03-01&to=2003-12-31", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var body = await json.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"新公司{marker}", body, StringComparison.Ordinal);
        var decisions = JsonDocument.Parse(body).RootElement.GetProperty("decisions").EnumerateArray().ToList();
        var entry = Assert.Single(decisions, e => e.GetProperty("id").GetInt64() == newer.Id);
        Assert.Equal(("SCJG", newer.DocumentNumber, 12345L, "2003-03-10"), (entry.GetProperty("agencyCode").GetString(), entry.GetProperty("documentNumber").GetString(),
            entry.GetProperty("fineYuan").GetInt64(), entry.GetProperty("publishedOn").GetString()));
        Assert.EndsWith($"/decisions/{newer.Id}", entry.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(decisions, e => e.GetProperty("id").GetInt64() is var id && (id == older.Id || id == gone.Id || id == elsewhere.Id));
        Assert.All(decisions, e => Assert.True(string.CompareOrdinal(e.GetProperty("publishedOn").GetString(), "2003-03-01") >= 0));
        Assert.DoesNotContain("caseId", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("taskId", body, StringComparison.OrdinalIgnoreCase);

        var csv = await client.GetAsync("/api/v1/public/open-data/decisions.csv?agency=scjg&category=penalty&since=2003-03-01&to=2003-12-31", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("公示编号,执法主体,执法主体代码,决定类别", text, StringComparison.Ordinal);
        var line = text.Split("\r\n").Single(l => l.Contains($"新公司{marker}", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain($"旧公司{marker}", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"他处公司{marker}", text, StringComparison.Ordinal);

        var removed = await client.GetFromJsonAsync<JsonElement>("/api/v1/public/open-data/decisions-withdrawn.json?agency=SCJG&since=2003-03-01", Ct);
        var stub = Assert.Single(removed.EnumerateArray(), e => e.GetProperty("id").GetInt64() == gone.Id);
        Assert.Equal(("Withdrawn", "已撤回", "行政复议决定撤销原处罚决定", "2003-03-20", gone.DocumentNumber),
            (stub.GetProperty("state").GetString(), stub.GetProperty("stateName").GetString(), stub.GetProperty("reason").GetString(),
                stub.GetProperty("date").GetString(), stub.GetProperty("documentNumber").GetString()));
        Assert.DoesNotContain(removed.EnumerateArray(), e => e.GetProperty("id").GetInt64() == newer.Id);
        var removedCsv = await client.GetStringAsync("/api/v1/public/open-data/decisions-withdrawn.csv?agency=SCJG&since=2003-03-01", Ct);
        Assert.Contains($"{gone.DocumentNumber},已撤回,行政复议决定撤销原处罚决定,2003-03-20", removedCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_double_publicity_export_has_the_national_columns_and_lists_the_rows_that_fail_the_mandatory_fields()
    {
        var marker = Marker();
        var good = await InsertAsync(d => { d.PartyName = $"合规公司{marker}"; d.PublishedOn = new DateOnly(2004, 5, 6); d.ConfiscationYuan = 800; });
        var sole = await InsertAsync(d =>
        {
            d.PartyName = $"个体户{marker}";
            d.CreditCode = Uscc("92360736MA35X7Y89");
            d.PublishedOn = new DateOnly(2004, 5, 7);
            d.PenaltyKinds = "罚款、暂扣许可证件";
            d.PenaltyLicence = "食品经营许可证 JY2360736" + marker;
            d.PenaltyEffectiveUntil = new DateOnly(2004, 8, 31);
        });
        var person = await InsertAsync(d =>
        {
            d.PartyName = "张某";
            d.PartyKind = PartyKind.Person;
            d.CreditCode = null;
            d.Representative = null;
            d.PublishedOn = new DateOnly(2004, 5, 8);
        });
        var noBasis = await InsertAsync(d => { d.PartyName = $"缺依据公司{marker}"; d.Basis = null; d.PublishedOn = new DateOnly(2004, 5, 9); });
        var before = await InsertAsync(d => { d.PartyName = $"早先公司{marker}"; d.PublishedOn = new DateOnly(2004, 4, 30); });
        var licence = await InsertAsync(d =>
        {
            d.Category = PublicationCategory.Licensing;
            d.Procedure = ProcedureKind.Licensing;
            d.Title = "准予行政许可决定书";
            d.PartyName = $"持证公司{marker}";
            d.Basis = null;
            d.PenaltyKinds = null;
            d.FineYuan = null;
            d.Result = "准予食品经营许可";
            d.LicenceCategory = "普通";
            d.LicenceName = "食品经营许可证";
            d.LicenceNumber = "JY1360736" + marker;
            d.LicenceValidFrom = new DateOnly(2004, 5, 1);
            d.LicenceValidTo = new DateOnly(2009, 4, 30);
            d.PublishedOn = new DateOnly(2004, 5, 6);
        });
        var client = app.Client();

        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/public/double-publicity/penalties.json?agency=SCJG&from=2004-05-01&to=2004-05-31", Ct);
        Assert.Equal("行政处罚信息", json.GetProperty("layout").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        JsonElement Row(long id) => rows.Single(r => r.GetProperty("备注").GetString()!.StartsWith($"公示编号 {id}；", StringComparison.Ordinal));
        Assert.Equal("行政相对人名称", rows[0].EnumerateObject().First().Name);
        Assert.Equal(("1.2345", "0.08", "2001-01-02", "法人及非法人组织"), (Row(good.Id).GetProperty("罚款金额（万元）").GetString(),
            Row(good.Id).GetProperty("没收违法所得、没收非法财物的金额（万元）").GetString(), Row(good.Id).GetProperty("处罚决定日期").GetString(),
            Row(good.Id).GetProperty("行政相对人类别").GetString()));
        Assert.Equal("个体工商户", Row(sole.Id).GetProperty("行政相对人类别").GetString());
        Assert.Equal(("食品经营许可证 JY2360736" + marker, "2004-08-31"), (Row(sole.Id).GetProperty("暂扣或吊销证照名称及编号").GetString(),
            Row(sole.Id).GetProperty("处罚有效期").GetString()));
        Assert.Equal(JsonValueKind.Null, Row(good.Id).GetProperty("暂扣或吊销证照名称及编号").ValueKind);
        Assert.Equal(("自然人", "身份证", JsonValueKind.Null), (Row(person.Id).GetProperty("行政相对人类别").GetString(),
            Row(person.Id).GetProperty("证件类型").GetString(), Row(person.Id).GetProperty("证件号码").ValueKind));
        var uscc = await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "SCJG").Select(a => a.Uscc).SingleAsync(Ct));
        Assert.Equal(uscc, Row(good.Id).GetProperty("处罚机关统一社会信用代码").GetString());
        var rejected = Assert.Single(json.GetProperty("rejected").EnumerateArray());
        Assert.Equal(noBasis.Id, rejected.GetProperty("id").GetInt64());
        Assert.Equal("必填项“处罚依据”为空。", Assert.Single(rejected.GetProperty("reasons").EnumerateArray()).GetString());
        Assert.DoesNotContain(rows, r => r.GetProperty("行政相对人名称").GetString() == $"早先公司{marker}");
        Assert.DoesNotContain(rows, r => r.GetProperty("行政相对人名称").GetString() == $"持证公司{marker}");

        var csv = await client.GetAsync("/api/v1/public/double-publicity/penalties.csv?agency=SCJG&since=2004-05-01&to=2004-05-31", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("1", Assert.Single(csv.Headers.GetValues("X-Rejected-Rows")));
        Assert.Contains("/api/v1/public/double-publicity/penalties.json?agency=SCJG&since=2004-05-01&to=2004-05-31", Assert.Single(csv.Headers.GetValues("Link")),
            StringComparison.Ordinal);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', DoublePublicity.PenaltyColumns.Select(c => c.Header)), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"合规公司{marker},法人及非法人组织,", StringComparison.Ordinal) && l.Contains(",1.2345,0.08,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains($"缺依据公司{marker}", StringComparison.Ordinal));

        var licensing = await client.GetFromJsonAsync<JsonElement>("/api/v1/public/double-publicity/licensing.json?agency=SCJG&since=2004-05-01&to=2004-05-31", Ct);
        var granted = Assert.Single(licensing.GetProperty("rows").EnumerateArray());
        Assert.Equal(($"持证公司{marker}", "普通", "食品经营许可证", "2004-05-01", "2009-04-30", "2"),
            (granted.GetProperty("行政相对人名称").GetString(), granted.GetProperty("许可类别").GetString(), granted.GetProperty("许可证书名称").GetString(),
                granted.GetProperty("有效期自").GetString(), granted.GetProperty("有效期至").GetString(), granted.GetProperty("当前状态").GetString()));
        var licensingCsv = await client.GetAsync("/api/v1/public/double-publicity/licensing.csv?agency=SCJG&since=2004-05-01&to=2004-05-31", Ct);
        Assert.Equal("0", Assert.Single(licensingCsv.Headers.GetValues("X-Rejected-Rows")));
        Assert.False(licensingCsv.Headers.Contains("Link"));
        Assert.Contains("JY1360736" + marker, await licensingCsv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        _ = before;
        _ = licence;
    }

    [Fact]
    public async Task The_atom_feed_is_well_formed_escapes_markup_and_lists_withdrawals_with_their_reason()
    {
        var marker = Marker();
        var script = await InsertAsync(d => { d.PartyName = $"<script>alert('{marker}')</script>&某"; d.PublishedOn = new DateOnly(2005, 1, 5); });
        var gone = await InsertAsync(d =>
        {
            d.PartyName = "";
            d.DocumentNumber = $"安市监罚〔2005〕{marker}号";
            d.State = PublishedState.Withdrawn;
            d.StateReason = $"人民法院判决撤销{marker}";
            d.StateAtUtc = DateTimeOffset.UtcNow.AddSeconds(1);
        });
        var other = await InsertAsync(d => d.PartyName = $"他处{marker}", "ZHZF");
        var client = app.Client();

        var response = await client.GetAsync("/feeds/decisions.atom?agency=SCJG", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var raw = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", raw, StringComparison.Ordinal);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(raw).Root!;
        Assert.Equal(atom + "feed", feed.Name);
        Assert.StartsWith("tag:", feed.Element(atom + "id")!.Value, StringComparison.Ordinal);
        Assert.NotNull(feed.Element(atom + "updated"));
        Assert.Contains(feed.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "self" && ((string)l.Attribute("href")!).EndsWith("/feeds/decisions.atom?agency=SCJG", StringComparison.Ordinal));
        var entries = feed.Elements(atom + "entry").ToList();
        Assert.InRange(entries.Count, 2, DecisionFeed.MaxEntries);
        var updated = entries.Select(e => DateTimeOffset.Parse(e.Element(atom + "updated")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderByDescending(u => u), updated);

        XElement Entry(long id) => entries.Single(e => e.Element(atom + "id")!.Value.EndsWith($":decision/{id}", StringComparison.Ordinal));
        var first = Entry(script.Id);
        Assert.Contains($"<script>alert('{marker}')</script>&某", first.Element(atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Equal($"{script.AgencyName}行政处罚决定书（{script.DocumentNumber}）", first.Element(atom + "title")!.Value);
        Assert.EndsWith($"/decisions/{script.Id}", (string)first.Element(atom + "link")!.Attribute("href")!, StringComparison.Ordinal);
        var withdrawn = Entry(gone.Id);
        Assert.Contains("已撤回", withdrawn.Element(atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains($"人民法院判决撤销{marker}", withdrawn.Element(atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Element(atom + "id")!.Value.EndsWith($":decision/{other.Id}", StringComparison.Ordinal));

        var county = XDocument.Parse(await client.GetStringAsync("/feeds/decisions.atom", Ct)).Root!;
        Assert.NotEqual(feed.Element(atom + "id")!.Value, county.Element(atom + "id")!.Value);
        Assert.Contains(county.Elements(atom + "entry"), e => e.Element(atom + "id")!.Value.EndsWith($":decision/{other.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_open_data_the_double_publicity_export_and_the_feed()
    {
        var paths = (await app.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct)).GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/public/open-data/decisions.json", "/api/v1/public/open-data/decisions.csv", "/api/v1/public/open-data/decisions-withdrawn.json",
            "/api/v1/public/open-data/decisions-withdrawn.csv", "/api/v1/public/double-publicity/penalties.json", "/api/v1/public/double-publicity/penalties.csv",
            "/api/v1/public/double-publicity/licensing.json", "/api/v1/public/double-publicity/licensing.csv", "/feeds/decisions.atom",
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.Contains(item.GetProperty("get").GetProperty("summary").GetString()!, c => c >= '\u4e00' && c <= '\u9fff');
        }
    }

    [Theory]
    [InlineData("/api/v1/public/open-data/decisions.json?since=2026-13-01", "since")]
    [InlineData("/api/v1/public/open-data/decisions.csv?from=yesterday", "from")]
    [InlineData("/api/v1/public/open-data/decisions.json?from=2026-03-01&to=2026-02-01", "to")]
    [InlineData("/api/v1/public/open-data/decisions.csv?agency=NOSUCH", "agency")]
    [InlineData("/api/v1/public/open-data/decisions.json?category=fines", "category")]
    [InlineData("/api/v1/public/open-data/decisions-withdrawn.json?since=2026-01-01&from=2026-01-01", "since")]
    [InlineData("/api/v1/public/double-publicity/penalties.csv?from=2026-03-01&to=2026-02-01", "to")]
    [InlineData("/api/v1/public/double-publicity/licensing.json?agency=NOSUCH", "agency")]
    [InlineData("/feeds/decisions.atom?agency=NOSUCH", "agency")]
    public async Task Bad_input_is_a_400_problem_with_a_chinese_detail(string url, string field)
    {
        var response = await app.Client().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(detail, c => c >= '\u4e00' && c <= '\u9fff');
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {detail}");
    }
}

public sealed class OpenDataTestsOnSqlite(SqliteApp app) : OpenDataTests(app);

public sealed class OpenDataTestsOnPostgres(PostgresApp app) : OpenDataTests(app);
