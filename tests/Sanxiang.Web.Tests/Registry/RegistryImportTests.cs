using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Registry;

/// <summary>
/// Spreadsheet import into a draft (issue 4 §8): a dry run lists every row's problem, a file with any problem imports
/// nothing, an exported list imports back unchanged, and hostile files get one clear message.
/// </summary>
public abstract class RegistryImportTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Tomorrow => Sanxiang.Core.ChinaTime.Today(TimeProvider.System).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private const string OfficerHeader = "姓名,性别,执法证件编号,发证机关,执法领域,有效期起,有效期止,证件状态,法制审核人员,法律职业资格证书编号\r\n";

    [Fact]
    public async Task An_exported_item_list_imports_back_unchanged_and_a_bad_file_imports_nothing()
    {
        var head = await app.SignInAsync("cgz.head");
        var draft = await CreateDraftAsync(head, "CGZ", "items");
        try
        {
            var xlsx = await app.Client().GetByteArrayAsync("/agencies/CGZ/items.xlsx", Ct);
            Assert.Equal((byte)'P', xlsx[0]);
            var same = await ImportAsync(head, draft, xlsx, apply: false);
            Assert.True(same.GetProperty("valid").GetBoolean(), same.ToString());
            var diff = same.GetProperty("diff");
            Assert.True(0 == diff.GetProperty("added").GetArrayLength() + diff.GetProperty("removed").GetArrayLength() + diff.GetProperty("changed").GetArrayLength(), diff.ToString());

            var rowsBefore = await Rows(draft);
            var csv = "事项编码,事项名称,执法类别,适用程序,实施依据,随机抽查\r\n" +
                      "360736-CGZ-CF-001,对违法建设的行政处罚,行政处罚,一般程序,《中华人民共和国城乡规划法》第六十五条：在乡、村庄规划区内未依法取得乡村建设规划许可证……,否\r\n" +
                      "360736-CGZ-CF-002,没有依据的事项,行政处罚,一般程序,,否\r\n" +
                      "360736-CGZ-CF-003,类别写错,罚款,一般程序,《中华人民共和国行政处罚法》第五十一条：违法事实确凿……,否\r\n" +
                      "360736-CGZ-CF-001,编码重复,行政处罚,一般程序,《中华人民共和国行政处罚法》第五十一条：违法事实确凿……,否\r\n" +
                      "360736-CGZ-JC-001,随机抽查未填比例,行政检查,行政检查,《中华人民共和国安全生产法》第六十五条：应急管理部门……,是\r\n";
            var dry = await ImportAsync(head, draft, Encoding.UTF8.GetBytes(csv), apply: false);
            Assert.False(dry.GetProperty("valid").GetBoolean());
            var problems = dry.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString(), p.GetProperty("message").GetString()!)).ToList();
            Assert.Contains(problems, p => p.Item1 == 3 && p.Item2 == "实施依据");
            Assert.Contains(problems, p => p.Item1 == 4 && p.Item2 == "执法类别" && p.Item3.Contains("行政处罚", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Item1 == 5 && p.Item3.Contains("重复", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Item1 == 6 && p.Item3.Contains("抽查比例", StringComparison.Ordinal));

            var applied = await head.PostAsync($"/api/v1/registry/drafts/{draft}/import?apply=true", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, applied.StatusCode);
            Assert.Contains("未导入任何数据", await applied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(rowsBefore, await Rows(draft));
        }
        finally
        {
            await head.PostAsync($"/api/v1/registry/drafts/{draft}/discard", null, Ct);
        }
    }

    [Fact]
    public async Task An_officer_list_import_checks_encoding_columns_and_certificate_numbers_county_wide_then_applies()
    {
        var head = await app.SignInAsync("nync.head");
        var draft = await CreateDraftAsync(head, "NYNC", "officers");
        try
        {
            var gbk = CodePagesEncoding().GetBytes(OfficerHeader + "钱多多,男,36073607099,省人民政府,农业综合执法,2026-01-01,2030-12-31,有效,否,\r\n");
            var encoding = await ImportAsync(head, draft, gbk, apply: false);
            Assert.Contains("UTF-8", encoding.GetProperty("problems")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

            var wrongColumns = await ImportAsync(head, draft, Encoding.UTF8.GetBytes("名字,证号\r\n张三,1\r\n"), apply: false);
            Assert.Contains(wrongColumns.GetProperty("problems").EnumerateArray(), p => p.GetProperty("text").GetString()!.Contains("执法证件编号", StringComparison.Ordinal));

            var reviewer = await ImportAsync(head, draft, Encoding.UTF8.GetBytes(OfficerHeader +
                "钱多多,男,36073607099,省人民政府,农业综合执法,2026-01-01,2030-12-31,有效,否,\r\n" +
                "赵审核,女,36073607098,省人民政府,农业综合执法,2026-01-01,2030-12-31,有效,是,\r\n"), apply: false);
            Assert.Contains(reviewer.GetProperty("problems").EnumerateArray(), p =>
                p.GetProperty("row").GetInt32() == 3 && p.GetProperty("column").GetString() == "法律职业资格证书编号");

            // Once the file itself is clean, its certificate numbers are checked against every other agency's list.
            var clash = await ImportAsync(head, draft, Encoding.UTF8.GetBytes(OfficerHeader +
                "钱多多,男,36073607099,省人民政府,农业综合执法,2026-01-01,2030-12-31,有效,否,\r\n" +
                "孙不同,女,36073601006,省人民政府,农业综合执法,2026-01-01,2030-12-31,有效,否,\r\n"), apply: false);
            var problem = Assert.Single(clash.GetProperty("problems").EnumerateArray()).GetProperty("text").GetString()!;
            Assert.Contains("第 3 行", problem, StringComparison.Ordinal);
            Assert.Contains("安和县市场监督管理局", problem, StringComparison.Ordinal);

            var good = Encoding.UTF8.GetBytes(OfficerHeader + "钱多多,男,36073607099,省人民政府,农业综合执法、农药管理,2026-01-01,2030-12-31,有效,否,\r\n");
            var applied = await ImportAsync(head, draft, good, apply: true);
            Assert.True(applied.GetProperty("applied").GetBoolean());
            Assert.Equal(1, await Rows(draft));
        }
        finally
        {
            await head.PostAsync($"/api/v1/registry/drafts/{draft}/discard", null, Ct);
        }
    }

    [Fact]
    public async Task A_file_of_100000_rows_gets_one_message_and_templates_download()
    {
        var head = await app.SignInAsync("zhzf.head");
        var draft = await CreateDraftAsync(head, "ZHZF", "officers");
        try
        {
            var before = await Rows(draft);
            Assert.True(before > 0);
            var big = new StringBuilder(OfficerHeader);
            for (var i = 0; i < 100_000; i++)
            {
                big.Append("某某,男,").Append(36080000000L + i).Append(",省人民政府,城市管理,2026-01-01,2030-12-31,有效,否,\r\n");
            }

            var report = await ImportAsync(head, draft, Encoding.UTF8.GetBytes(big.ToString()), apply: true, expect: HttpStatusCode.BadRequest);
            var message = report.GetProperty("report").GetProperty("problems")[0].GetProperty("message").GetString()!;
            Assert.Contains("20,000", message, StringComparison.Ordinal);
            Assert.Equal(before, await Rows(draft));
        }
        finally
        {
            await head.PostAsync($"/api/v1/registry/drafts/{draft}/discard", null, Ct);
        }

        var template = await app.Client().GetAsync("/api/v1/registry/templates/officers.xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal((byte)'P', (await template.Content.ReadAsByteArrayAsync(Ct))[0]);
        var csv = await app.Client().GetStringAsync("/api/v1/registry/templates/items.csv", Ct);
        Assert.StartsWith("事项编码,事项名称", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agency_directory_exports_and_imports_back_with_every_bad_row_named()
    {
        await app.CreateAccountAsync("sfj.sup.import", "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var supervisor = await app.SignInAsync("sfj.sup.import");
        await Sanxiang.Web.Tests.Accounts.TwoFactorTests.EnrolAsync(app, supervisor);
        var csv = (await app.Client().GetStringAsync("/lists/agencies.csv", Ct)).TrimStart('\uFEFF');
        Assert.StartsWith("代码,名称,简称", csv, StringComparison.Ordinal);
        Assert.Contains("11360736MB16430AXM", csv, StringComparison.Ordinal);

        var same = await PostAsync(supervisor, "/api/v1/registry/agencies/import", Encoding.UTF8.GetBytes(csv));
        Assert.True(same.GetProperty("valid").GetBoolean(), same.ToString());

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        var bad = lines[0] + "\r\n" + lines[1].Replace("11360736MB16430AXM", "11360736MB16430AXA", StringComparison.Ordinal) + "\r\n"
                  + string.Join(",", lines[0].Split(',').Select(h => h switch
                  {
                      "代码" => "WTZZ", "名称" => "某受委托组织", "简称" => "受委托组织", "案号前缀" => "安委", "统一社会信用代码" => "12360736MB7654321" + Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter("12360736MB7654321"),
                      "主体类型" => "受委托组织", "委托机关代码" => "NOPE", "层级" => "县级", "管辖范围" => "安和县", "主要职责" => "受委托实施处罚", "设立依据" => "委托书",
                      "办公地址" => "安和县某路1号", "办公电话" => "0797-6320001", "行政复议机关" => "安和县人民政府", "管辖法院" => "安和县人民法院", _ => "",
                  })) + "\r\n";
        var dry = await PostAsync(supervisor, "/api/v1/registry/agencies/import", Encoding.UTF8.GetBytes(bad));
        var problems = dry.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("text").GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("第 2 行", StringComparison.Ordinal) && p.Contains("统一社会信用代码", StringComparison.Ordinal));

        var phone = "0797-63" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var oldPhone = await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "NYZF").Select(a => a.Phone).SingleAsync());
        var changed = lines[0] + "\r\n" + lines.First(l => l.StartsWith("NYZF,", StringComparison.Ordinal)).Replace("," + oldPhone + ",", "," + phone + ",", StringComparison.Ordinal) + "\r\n";
        var applied = await PostAsync(supervisor, "/api/v1/registry/agencies/import?apply=true", Encoding.UTF8.GetBytes(changed));
        Assert.True(applied.GetProperty("applied").GetBoolean(), applied.ToString());
        Assert.Equal(phone, await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "NYZF").Select(a => a.Phone).SingleAsync()));

        var head = await app.SignInAsync("nyzf.head");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync("/api/v1/registry/agencies/import", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), Ct)).StatusCode);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, byte[] file)
    {
        var response = await client.PostAsync(path, new ByteArrayContent(file), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Guid> CreateDraftAsync(HttpClient client, string agency, string list)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/registry/agencies/{agency}/versions/{list}/drafts",
            new { effectiveFrom = Tomorrow, reason = "Correction", reasonText = "导入测试。" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, Guid draft, byte[] file, bool apply, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var response = await client.PostAsync($"/api/v1/registry/drafts/{draft}/import?apply={(apply ? "true" : "false")}", new ByteArrayContent(file), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expect, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<int> Rows(Guid draft) => app.WithDbAsync(async (db, _) =>
        await db.EnforcementItems.CountAsync(i => i.VersionId == draft, Ct) + await db.OfficerEntries.IgnoreQueryFilters().CountAsync(o => o.VersionId == draft, Ct));

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}

public sealed class RegistryImportTestsOnSqlite(SqliteApp app) : RegistryImportTests(app);

public sealed class RegistryImportTestsOnPostgres(PostgresApp app) : RegistryImportTests(app);
