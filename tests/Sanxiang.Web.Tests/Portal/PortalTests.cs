using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Portal;

public abstract partial class PortalTests(SanxiangApp app)
{
    [Fact]
    public async Task Home_lists_every_agency_with_a_link_to_its_page()
    {
        var client = app.Client();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("执法主体名录", document.QuerySelector("h1")?.TextContent);
        var links = document.QuerySelectorAll("[data-testid=agency-list] article h3 a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.True(links.Count >= 10, $"只有 {links.Count} 个执法主体");
        Assert.Contains(("安和县市场监督管理局", "/agencies/SCJG"), links);
        Assert.Contains(("安和县人力资源和社会保障局", "/agencies/RSJ"), links);
        Assert.Contains(links, l => l.TextContent == "安和县城关镇人民政府");
    }

    [Fact]
    public async Task Agency_page_publishes_officers_and_items_but_no_private_data()
    {
        var client = app.Client();
        var html = await client.GetStringAsync("/agencies/SCJG", TestContext.Current.CancellationToken);
        var document = new HtmlParser().ParseDocument(html);
        var rows = document.QuerySelectorAll("[data-testid=officer-list] tbody tr");
        Assert.True(rows.Length >= 4);
        Assert.Contains("安和县人民政府", html, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国食品安全法》", html, StringComparison.Ordinal);

        // The seeded officers all have mobile numbers: none of them may reach the public page.
        var mobiles = await app.WithDbAsync(async (db, _) =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Officers.Where(o => o.Mobile != null).Select(o => o.Mobile!)));
        Assert.NotEmpty(mobiles);
        Assert.DoesNotContain(mobiles, m => html.Contains(m, StringComparison.Ordinal));
        Assert.False(Mobile().IsMatch(document.Body!.TextContent), "公开页面出现了手机号码");
    }

    [Fact]
    public async Task Unknown_agency_and_unknown_route_get_a_Chinese_404_page()
    {
        var client = app.Client();
        foreach (var path in new[] { "/agencies/NOPE", "/no/such/page" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("未找到", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_page_carries_a_strict_content_security_policy()
    {
        var response = await app.Client().GetAsync("/", TestContext.Current.CancellationToken);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_reference_page_lists_the_endpoints_of_the_OpenAPI_document()
    {
        var client = app.Client();
        var json = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/agencies", json, StringComparison.Ordinal);
        Assert.Contains("三项制度行政执法信息平台 API", json, StringComparison.Ordinal);
        var html = await client.GetStringAsync("/api-docs", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/officers/{id}", html, StringComparison.Ordinal);
        Assert.Contains("/api/v1/workdays/due", html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();
}

public sealed class PortalTestsOnSqlite(SqliteApp app) : PortalTests(app);

public sealed class PortalTestsOnPostgres(PostgresApp app) : PortalTests(app);
