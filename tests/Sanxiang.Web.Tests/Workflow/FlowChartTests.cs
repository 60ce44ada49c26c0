using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;
using Sanxiang.Web.Tests.Infrastructure;
using Sanxiang.Web.Workflow;

namespace Sanxiang.Web.Tests.Workflow;

/// <summary>The published flow charts (PUB-1, PUB-3) through the HTTP pipeline: SVG, PNG and the portal page.</summary>
public abstract class FlowChartTests(SanxiangApp app)
{
    public static TheoryData<ProcedureKind> Kinds => [.. Enum.GetValues<ProcedureKind>()];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Svg_is_served_anonymously_with_every_Chinese_step_name(ProcedureKind kind)
    {
        var d = Procedures.For(kind);
        var response = await app.Client().GetAsync($"/flowcharts/{kind.Slug()}.svg", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.NotNull(response.Headers.ETag);

        var svg = await response.Content.ReadAsStringAsync(Ct);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        var texts = root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.All(d.Steps, s => Assert.Contains(s.Name, texts));
        Assert.All(d.Steps.Where(s => s.TimeLimit is not null), s => Assert.Contains(s.TimeLimit!.ChartText, texts));
        Assert.Equal(d.Transitions.Count, root.Descendants().Count(e => e.Attribute("data-from") is not null));
        Assert.Equal(d.Name + "流程图", root.Elements().First(e => e.Name.LocalName == "title").Value);
    }

    [Fact]
    public async Task A_cached_chart_is_revalidated_with_its_ETag()
    {
        var client = app.Client();
        var first = await client.GetAsync("/flowcharts/general-penalty.svg", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/flowcharts/general-penalty.svg");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData(ProcedureKind.GeneralPenalty)]
    [InlineData(ProcedureKind.CoerciveMeasure)]
    [InlineData(ProcedureKind.Licensing)]
    public async Task Png_is_a_PNG_twice_the_layout_size(ProcedureKind kind)
    {
        var response = await app.Client().GetAsync($"/flowcharts/{kind.Slug()}.png", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal($"{kind.Slug()}.png", response.Content.Headers.ContentDisposition?.FileName);

        var png = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        var layout = FlowChart.Layout(Procedures.For(kind));
        Assert.Equal((int)Math.Ceiling(layout.Width * FlowChartPng.Scale), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal((int)Math.Ceiling(layout.Height * FlowChartPng.Scale), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 20_000, $"PNG 只有 {png.Length} 字节，不像画了文字的流程图");
    }

    [Theory]
    [InlineData("/flowcharts/no-such-procedure.svg")]
    [InlineData("/flowcharts/GeneralPenalty.png")]
    [InlineData("/flowcharts/1.svg")]
    public async Task Unknown_procedure_is_a_Chinese_404_problem(string path)
    {
        var response = await app.Client().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("未找到", problem.RootElement.GetProperty("title").GetString());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("执法程序流程图", detail, StringComparison.Ordinal);
        Assert.Contains("general-penalty（行政处罚一般程序）", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_page_shows_every_chart_with_its_text_version_and_downloads()
    {
        var client = app.Client();
        var response = await client.GetAsync("/flowcharts", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("执法流程图", document.QuerySelector("h1")?.TextContent);

        foreach (var kind in Enum.GetValues<ProcedureKind>())
        {
            var d = Procedures.For(kind);
            var slug = kind.Slug();
            var section = document.QuerySelector($"[data-testid=flowchart-{slug}]");
            Assert.NotNull(section);
            Assert.Equal(d.Name, section.QuerySelector("h2")?.TextContent);

            var img = section.QuerySelector("img")!;
            Assert.Equal($"/flowcharts/{slug}.svg", img.GetAttribute("src"));
            Assert.StartsWith(d.Name + "流程图：", img.GetAttribute("alt"), StringComparison.Ordinal);
            Assert.Equal($"/flowcharts/{slug}.png", section.QuerySelector($"[data-testid=png-{slug}]")?.GetAttribute("href"));

            // The text version: one row per step, with its role, time limit and legal basis.
            var rows = section.QuerySelectorAll($"[data-testid=steps-{slug}] tbody tr");
            Assert.Equal(d.Steps.Count, rows.Length);
            for (var i = 0; i < d.Steps.Count; i++)
            {
                var step = d.Steps[i];
                var cells = rows[i].QuerySelectorAll("td");
                Assert.Equal(step.Name, cells[0].QuerySelector("strong")?.TextContent);
                Assert.Equal(step.RoleName, cells[1].TextContent.Trim());
                Assert.Equal(step.TimeLimit?.Sentence ?? "—", cells[2].TextContent.Trim());
                Assert.Equal(step.TimeLimit?.Basis.ToString() ?? "—", cells[3].TextContent.Trim());
                foreach (var t in d.From(step.Code))
                {
                    Assert.Contains($"{t.Action} → {d.Step(t.To).Name}", cells[4].TextContent, StringComparison.Ordinal);
                }
            }

            // Every image the page points at is actually served.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(img.GetAttribute("src"), Ct)).StatusCode);
        }

        var general = document.QuerySelector("[data-testid=steps-general-penalty]")!.TextContent;
        Assert.Contains("自立案之日起90日内作出行政处罚决定。", general, StringComparison.Ordinal);
        Assert.Contains("《行政处罚法》第六十条", general, StringComparison.Ordinal);
        Assert.Contains("当事人申请听证：组织听证 → 听证", general, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_navigation_links_to_the_flow_charts()
    {
        var html = await app.Client().GetStringAsync("/", Ct);
        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("nav.site-nav a").Select(a => (a.TextContent, a.GetAttribute("href")));
        Assert.Contains(("执法流程图", "/flowcharts"), links);
    }
}

public sealed class FlowChartTestsOnSqlite(SqliteApp app) : FlowChartTests(app);

public sealed class FlowChartTestsOnPostgres(PostgresApp app) : FlowChartTests(app);

/// <summary>A server without any CJK font: the PNG is refused with a clear Chinese 503, the SVG still works.</summary>
public sealed class FlowChartWithoutFontsTests
{
    [Fact]
    public async Task Png_without_a_Chinese_font_is_a_503_problem_naming_fonts_noto_cjk()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sanxiang-nofont-{Guid.NewGuid():N}.db");
        var emptyFonts = Directory.CreateTempSubdirectory("sanxiang-nofonts-").FullName;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Sanxiang", $"Data Source={file}");
            b.UseSetting("Storage:DataDirectory", file + ".data");
            // Searching only an empty folder: no font manager, no system fonts.
            b.UseSetting("FlowCharts:FontDirectories:0", emptyFonts);
        });
        try
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var response = await client.GetAsync("/flowcharts/general-penalty.png", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("服务暂不可用", problem.RootElement.GetProperty("title").GetString());
            var detail = problem.RootElement.GetProperty("detail").GetString()!;
            Assert.Contains("中文字体", detail, StringComparison.Ordinal);
            Assert.Contains("fonts-noto-cjk", detail, StringComparison.Ordinal);
            Assert.Contains("/flowcharts/general-penalty.svg", detail, StringComparison.Ordinal);

            var svg = await client.GetAsync("/flowcharts/general-penalty.svg", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        }
        finally
        {
            await factory.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }

            Directory.Delete(emptyFonts, recursive: true);
            if (Directory.Exists(file + ".data"))
            {
                Directory.Delete(file + ".data", recursive: true);
            }
        }
    }
}
