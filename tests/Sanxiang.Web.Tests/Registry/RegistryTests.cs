using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Registry;

/// <summary>The public registry (PUB-1, PUB-2, PUB-4, REV-6): read-only tests against the seeded demo county.</summary>
public abstract class RegistryTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_agency_page_shows_the_lists_in_force_today_and_as_they_stood_on_an_earlier_day()
    {
        var client = app.Client();
        var today = new HtmlParser().ParseDocument(await client.GetStringAsync("/agencies/SCJG", Ct));
        Assert.Contains("第 2 版", today.QuerySelector("[data-testid=version-items]")!.TextContent, StringComparison.Ordinal);
        var codesToday = Codes(today);
        Assert.Contains("360736-SCJG-QZ-001", codesToday);
        Assert.DoesNotContain("360736-SCJG-CF-011", codesToday);

        var response = await client.GetAsync("/agencies/SCJG?date=2025-06-01", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var then = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("第 1 版", then.QuerySelector("[data-testid=version-items]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(then.QuerySelector("[data-testid=historical-notice]"));
        var codesThen = Codes(then);
        Assert.Contains("360736-SCJG-CF-011", codesThen);
        Assert.DoesNotContain("360736-SCJG-QZ-001", codesThen);
        // The officer who left in 2026 is on the 2025 list only.
        Assert.Contains("方志诚", then.QuerySelector("[data-testid=officer-list]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("方志诚", today.QuerySelector("[data-testid=officer-list]")!.TextContent, StringComparison.Ordinal);

        // Before the first publication there is nothing to show, and the page says so.
        var before = await client.GetStringAsync("/agencies/SCJG?date=2024-12-31", Ct);
        Assert.Contains("当日尚未公布", before, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("yesterday")]
    [InlineData("1999-01-01")]
    public async Task A_malformed_or_absurd_date_gets_400_with_a_Chinese_message(string date)
    {
        var response = await app.Client().GetAsync($"/agencies/SCJG?date={date}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("日期", document.QuerySelector("[data-testid=date-error]")!.TextContent, StringComparison.Ordinal);

        var api = await app.Client().GetAsync($"/api/v1/registry/items?date={date}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Items_filter_by_category_and_search_text()
    {
        var client = app.Client();
        var coercion = Codes(new HtmlParser().ParseDocument(await client.GetStringAsync("/agencies/SCJG?category=Coercion", Ct)));
        Assert.Equal(["360736-SCJG-QZ-001"], coercion);
        var search = Codes(new HtmlParser().ParseDocument(await client.GetStringAsync("/agencies/SCJG?q=" + Uri.EscapeDataString("明码标价"), Ct)));
        Assert.Contains("360736-SCJG-CF-010", search);
        Assert.InRange(search.Count, 1, 3);
        var none = await client.GetStringAsync("/agencies/SCJG?q=" + Uri.EscapeDataString("不存在的事项名称"), Ct);
        Assert.Contains("没有符合筛选条件的事项", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diff_between_the_two_item_versions_shows_added_removed_and_changed_items()
    {
        var html = await app.Client().GetStringAsync("/agencies/SCJG/versions/items", Ct);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(2, document.QuerySelectorAll("[data-testid=versions] tbody tr").Length);
        var summary = document.QuerySelector("[data-testid=diff-summary]")!.TextContent;
        Assert.Contains("第 1 版 → 第 2 版：新增 1 项，删除 1 项", summary, StringComparison.Ordinal);
        var diff = document.QuerySelector("[data-testid=diff]")!.TextContent;
        Assert.Contains("360736-SCJG-QZ-001", diff, StringComparison.Ordinal);
        Assert.Contains("360736-SCJG-CF-011", diff, StringComparison.Ordinal);
        Assert.Contains("裁量基准", diff, StringComparison.Ordinal);
        Assert.Contains("实施依据", diff, StringComparison.Ordinal);

        var api = await app.Client().GetFromJsonAsync<JsonElement>("/api/v1/registry/agencies/SCJG/versions/officers/diff?from=1&to=2", Ct);
        Assert.Single(api.GetProperty("added").EnumerateArray());
        Assert.Contains("方志诚", api.GetProperty("removed")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(api.GetProperty("changed").EnumerateArray(), c => c.GetProperty("title").GetString()!.Contains("温家乐", StringComparison.Ordinal));

        var missing = await app.Client().GetAsync("/api/v1/registry/agencies/SCJG/versions/items/diff?from=1&to=9", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("没有第 9 版", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_downloaded_item_list_is_the_json_whose_hash_the_log_recorded_at_approval()
    {
        var client = app.Client();
        var json = await client.GetByteArrayAsync("/agencies/SCJG/items.json", Ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(json));
        var recorded = await app.WithDbAsync((db, _) => db.LedgerEntries
            .Where(e => e.Kind == "registry-version-approved").Select(e => e.Payload).ToListAsync());
        Assert.Contains(recorded, p => Encoding.UTF8.GetString(p).Contains($"\"sha256\":\"{sha}\"", StringComparison.Ordinal));
        var list = JsonDocument.Parse(json).RootElement;
        Assert.Equal(17, list.GetArrayLength());
        var seizure = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "360736-SCJG-QZ-001");
        Assert.True(seizure.GetProperty("legalReviewRequired").GetBoolean());

        // The earlier version stays downloadable, with its own hash.
        var v1 = await client.GetByteArrayAsync("/agencies/SCJG/items.json?version=1", Ct);
        Assert.NotEqual(sha, Convert.ToHexStringLower(SHA256.HashData(v1)));
    }

    [Fact]
    public async Task The_item_list_downloads_as_csv_for_a_spreadsheet_with_every_item_and_no_formula_injection()
    {
        var response = await app.Client().GetAsync("/agencies/SCJG/items.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("事项编码,事项名称,执法类别,适用程序,实施依据", text, StringComparison.Ordinal);
        foreach (var code in new[] { "360736-SCJG-CF-001", "360736-SCJG-QZ-001", "360736-SCJG-XK-001" })
        {
            Assert.Contains("\r\n" + code + ",", text, StringComparison.Ordinal);
        }

        var county = await app.Client().GetStringAsync("/lists/random-inspection.csv", Ct);
        Assert.StartsWith("执法主体,事项编码", county.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("安和县城关镇人民政府", county, StringComparison.Ordinal);
        var own = await app.Client().GetStringAsync("/lists/random-inspection.csv?agency=STHJ", Ct);
        Assert.DoesNotContain("安和县城关镇人民政府", own, StringComparison.Ordinal);
        Assert.Contains("360736-STHJ-JC-001", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/lists/items.csv?agency=NOPE", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_item_page_shows_the_legal_text_the_discretion_benchmark_and_the_service_guide()
    {
        var html = await app.Client().GetStringAsync("/agencies/SCJG/items/360736-SCJG-CF-001", Ct);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Contains("第一百二十四条", html, StringComparison.Ordinal);
        var tiers = document.QuerySelectorAll("[data-testid=discretion] tbody tr");
        Assert.True(tiers.Length >= 3);
        Assert.Contains("罚款", document.QuerySelector("[data-testid=discretion]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("人民路88号", document.QuerySelector("[data-testid=service-guide]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync("/agencies/SCJG/items/NOPE-1", Ct)).StatusCode);
    }

    [Fact]
    public async Task Certificate_verification_says_valid_expired_suspended_left_or_unknown()
    {
        var client = app.Client();
        async Task<(HttpStatusCode, string?, string)> Check(string number)
        {
            var response = await client.GetAsync($"/verify/certificate/{Uri.EscapeDataString(number)}", Ct);
            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
            var verdict = document.QuerySelector("[data-testid=verdict]");
            return (response.StatusCode, verdict?.GetAttribute("data-kind"), verdict?.TextContent ?? document.Body!.TextContent);
        }

        var (status, kind, text) = await Check("36073601006");
        Assert.Equal((HttpStatusCode.OK, "Valid"), (status, kind));
        Assert.Contains("刘建国", text, StringComparison.Ordinal);
        Assert.Contains("安和县市场监督管理局", text, StringComparison.Ordinal);
        Assert.Contains("食品安全", text, StringComparison.Ordinal);
        Assert.Equal("Expired", (await Check("36073601018")).Item2);
        Assert.Equal("Suspended", (await Check("36073601020")).Item2);
        Assert.Equal("NoLongerListed", (await Check("36073601015")).Item2);
        (status, kind, _) = await Check("99999999999");
        Assert.Equal((HttpStatusCode.NotFound, "Unknown"), (status, kind));
        (status, kind, text) = await Check("3607 3601");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("不允许的字符", text, StringComparison.Ordinal);

        // The form's ?number= redirects to the one address a QR code holds.
        var form = await client.GetAsync("/verify/certificate?number=36073601006", Ct);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/verify/certificate/36073601006", form.Headers.Location!.OriginalString);

        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/registry/certificates/36073601006", Ct);
        Assert.Equal("Valid", api.GetProperty("verdict").GetString());
        Assert.False(api.TryGetProperty("mobile", out _));
    }

    [Fact]
    public async Task Each_certificate_has_a_QR_code_in_PNG_and_SVG_that_points_at_its_verification_page()
    {
        var client = app.Client();
        var png = await client.GetAsync("/verify/certificate/36073601006/qr.png", Ct);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        var svg = await client.GetStringAsync("/verify/certificate/36073601006/qr.svg", Ct);
        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/verify/certificate/a%20b/qr.png", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_reviewer_ratio_is_published_and_shortfalls_are_flagged()
    {
        var ratios = await app.Client().GetFromJsonAsync<JsonElement>("/api/v1/registry/reviewer-ratios", Ct);
        Assert.True(ratios.GetArrayLength() >= 9);
        foreach (var r in ratios.EnumerateArray())
        {
            var expected = r.GetProperty("ratio").GetDouble() < 0.05;
            Assert.Equal(expected, r.GetProperty("belowMinimum").GetBoolean());
            Assert.True(r.GetProperty("reviewers").GetInt32() <= r.GetProperty("certifiedOfficers").GetInt32());
        }
    }

    [Fact]
    public async Task Expiring_certificates_are_listed_for_the_own_agency_and_need_a_sign_in()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/registry/expiring-certificates", Ct)).StatusCode);
        var client = await app.SignInAsync("scjg.head");
        var rows = await client.GetFromJsonAsync<JsonElement>("/api/v1/registry/expiring-certificates?days=3650", Ct);
        Assert.NotEmpty(rows.EnumerateArray());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("SCJG", r.GetProperty("agencyCode").GetString()));
        var days = rows.EnumerateArray().Select(r => r.GetProperty("daysLeft").GetInt32()).ToList();
        Assert.Equal(days.Order().ToList(), days);
    }

    [Fact]
    public async Task An_expired_or_suspended_certificate_cannot_be_assigned_to_new_work()
    {
        var today = Sanxiang.Core.ChinaTime.Today(TimeProvider.System);
        var (valid, expired, suspended, left) = await app.WithDbAsync(async (db, _) =>
        {
            var entries = await db.OfficerEntries.IgnoreQueryFilters().ToListAsync();
            Guid Person(string number) => entries.First(o => o.CertificateNumber == number).OfficerId;
            return (Person("36073601006"), Person("36073601018"), Person("36073601020"), Person("36073601015"));
        });
        Assert.Null(await app.WithDbAsync((db, _) => Sanxiang.Data.Registry.PublicViews.CheckAssignableAsync(db, valid, today, "食品安全")));
        Assert.Contains("过期", await app.WithDbAsync((db, _) => Sanxiang.Data.Registry.PublicViews.CheckAssignableAsync(db, expired, today)), StringComparison.Ordinal);
        Assert.Contains("暂扣", await app.WithDbAsync((db, _) => Sanxiang.Data.Registry.PublicViews.CheckAssignableAsync(db, suspended, today)), StringComparison.Ordinal);
        Assert.Contains("不在", await app.WithDbAsync((db, _) => Sanxiang.Data.Registry.PublicViews.CheckAssignableAsync(db, left, today)), StringComparison.Ordinal);
        Assert.Contains("不含", await app.WithDbAsync((db, _) => Sanxiang.Data.Registry.PublicViews.CheckAssignableAsync(db, valid, today, "生态环境")), StringComparison.Ordinal);
    }

    private static List<string> Codes(AngleSharp.Html.Dom.IHtmlDocument document) =>
        [.. document.QuerySelectorAll("[data-testid=item-list] tbody tr td:first-child").Select(td => td.TextContent.Trim())];
}

public sealed class RegistryTestsOnSqlite(SqliteApp app) : RegistryTests(app);

public sealed class RegistryTestsOnPostgres(PostgresApp app) : RegistryTests(app);
