using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Workflow;

/// <summary>
/// The published flow charts (PUB-1, PUB-3): <c>GET /flowcharts/{procedure}.svg</c> and <c>.png</c>, anonymous and cacheable,
/// drawn from the same <see cref="WorkflowDefinition"/> that case handling enforces. One layout per procedure, two renderers.
/// </summary>
public static class FlowChartEndpoints
{
    public const string CacheControl = "public, max-age=3600";

    public static IEndpointRouteBuilder MapFlowCharts(this IEndpointRouteBuilder app)
    {
        var charts = app.MapGroup("/flowcharts").AllowAnonymous().WithTags("执法流程图");
        charts.MapGet("/{procedure}.svg", Svg).WithName("FlowChartSvg")
            .WithSummary("执法流程图（SVG），由平台执行的流程定义生成；procedure 取 summary-penalty、general-penalty、coercive-measure、inspection、licensing、confirmation、other")
            .Produces(200, contentType: "image/svg+xml").ProducesProblem(404);
        charts.MapGet("/{procedure}.png", Png).WithName("FlowChartPng")
            .WithSummary("执法流程图（PNG，打印用，2 倍分辨率）；服务器缺少中文字体时返回 503")
            .Produces(200, contentType: "image/png").ProducesProblem(404).ProducesProblem(503);
        return app;
    }

    private static IResult Svg(string procedure, HttpContext http, FlowChartImages images)
    {
        if (!Procedures.TryParseSlug(procedure, out var kind))
        {
            return UnknownProcedure(http, procedure);
        }

        return Send(http, images.Svg(kind), "image/svg+xml; charset=utf-8", null);
    }

    private static IResult Png(string procedure, HttpContext http, FlowChartImages images)
    {
        if (!Procedures.TryParseSlug(procedure, out var kind))
        {
            return UnknownProcedure(http, procedure);
        }

        var png = images.Png(kind);
        if (png.Problem is { } problem)
        {
            return Problems.Result(http, StatusCodes.Status503ServiceUnavailable, problem);
        }

        return Send(http, png.Image!, "image/png", $"{kind.Slug()}.png");
    }

    private static IResult Send(HttpContext http, RenderedChart chart, string contentType, string? fileName)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.ETag = chart.ETag;
        if (fileName is not null)
        {
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
        }

        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == chart.ETag || tag.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(chart.Bytes, contentType);
    }

    private static IResult UnknownProcedure(HttpContext http, string procedure) =>
        Problems.Result(http, StatusCodes.Status404NotFound,
            $"没有名为“{procedure}”的执法程序流程图。可用的有：" +
            string.Join("、", Enum.GetValues<ProcedureKind>().Select(k => $"{k.Slug()}（{Procedures.For(k).Name}）")) + "。");
}

/// <summary>A rendered chart with its strong validator.</summary>
public sealed record RenderedChart(byte[] Bytes, string ETag)
{
    public static RenderedChart Of(byte[] bytes) => new(bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
}

/// <summary>Either a PNG or the Chinese reason there is none.</summary>
public sealed record PngResult(RenderedChart? Image, string? Problem);

/// <summary>
/// Lays out and renders each procedure's chart once per process (the definitions are code, so they change only with a
/// release) and keeps the bytes.
/// </summary>
public sealed class FlowChartImages(ChartFonts fonts)
{
    private readonly ConcurrentDictionary<ProcedureKind, Lazy<FlowChartLayout>> layouts = new();
    private readonly ConcurrentDictionary<ProcedureKind, Lazy<RenderedChart>> svgs = new();
    private readonly ConcurrentDictionary<ProcedureKind, Lazy<PngResult>> pngs = new();

    public FlowChartLayout Layout(ProcedureKind kind) =>
        layouts.GetOrAdd(kind, k => new Lazy<FlowChartLayout>(() => FlowChart.Layout(Procedures.For(k)))).Value;

    public RenderedChart Svg(ProcedureKind kind) =>
        svgs.GetOrAdd(kind, k => new Lazy<RenderedChart>(() => RenderedChart.Of(Encoding.UTF8.GetBytes(FlowChartSvg.Render(Layout(k)))))).Value;

    public PngResult Png(ProcedureKind kind) => pngs.GetOrAdd(kind, k => new Lazy<PngResult>(() => RenderPng(k))).Value;

    private PngResult RenderPng(ProcedureKind kind)
    {
        var svgLink = $"/flowcharts/{kind.Slug()}.svg";
        if (fonts.Typefaces is not { } faces)
        {
            return new PngResult(null,
                "服务器未安装中文字体，无法生成 PNG 流程图。请系统管理员安装 Noto CJK 字体（Debian/Ubuntu：apt-get install fonts-noto-cjk），" +
                $"或在配置项 FlowCharts:FontFile 中指定一个中文字体文件，然后重启平台。矢量版流程图不受影响：{svgLink}");
        }

        var layout = Layout(kind);
        var missing = FlowChartPng.MissingCharacters(layout, faces.Regular);
        if (missing.Count > 0)
        {
            return new PngResult(null,
                $"服务器上的字体 {faces.Description} 缺少流程图所需的字符“{string.Concat(missing)}”，无法生成 PNG 流程图。" +
                $"请系统管理员安装 fonts-noto-cjk 后重启平台。矢量版流程图不受影响：{svgLink}");
        }

        return new PngResult(RenderedChart.Of(FlowChartPng.Render(layout, faces)), null);
    }
}
