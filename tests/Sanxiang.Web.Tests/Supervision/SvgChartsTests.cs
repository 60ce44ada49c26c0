using AngleSharp.Html.Parser;
using Sanxiang.Web.Supervision;

namespace Sanxiang.Web.Tests.Supervision;

/// <summary>The server-drawn charts: well-formed SVG with a title and description, every label encoded, marks to scale.</summary>
public sealed class SvgChartsTests
{
    private static string Html(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Bars_are_to_scale_and_labels_are_encoded()
    {
        var svg = Html(SvgCharts.Bars("各执法主体<立案>", [new ChartBar("<script>alert(1)</script>", 50, "50 件"), new ChartBar("县市场监管局", 100, "100 件")], "t1"));
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        var doc = new HtmlParser().ParseDocument(svg);
        Assert.Equal("各执法主体<立案>", doc.QuerySelector("svg > title")!.TextContent);
        var bars = doc.QuerySelectorAll("rect.bar").Select(r => double.Parse(r.GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(bars[1] / 2, bars[0], 1);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_has_one_point_per_label_and_the_calendar_one_square_per_day()
    {
        var doc = new HtmlParser().ParseDocument(Html(SvgCharts.Line("趋势", ["1月", "2月", "3月"], [new ChartSeries("立案", [1, 7, 3], "s1")], "t2")));
        Assert.Equal(3, doc.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal("10", doc.QuerySelectorAll("text.axis").Select(t => t.TextContent).First(t => t == "10"));

        var from = new DateOnly(2026, 3, 1);
        var calendar = new HtmlParser().ParseDocument(Html(SvgCharts.Calendar("日历", from, new DateOnly(2026, 3, 31),
            new Dictionary<DateOnly, (int, int)> { [new DateOnly(2026, 3, 9)] = (4, 0), [new DateOnly(2026, 3, 10)] = (1, 0) }, "t3")));
        var days = calendar.QuerySelectorAll("rect.day[x]").Where(r => r.QuerySelector("title") is not null).ToList();
        Assert.Equal(31, days.Count);
        Assert.Contains("l4", days.Single(d => d.QuerySelector("title")!.TextContent.StartsWith("2026年3月9日", StringComparison.Ordinal)).ClassName, StringComparison.Ordinal);
        Assert.Contains("l1", days.Single(d => d.QuerySelector("title")!.TextContent.StartsWith("2026年3月10日", StringComparison.Ordinal)).ClassName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(7, 10)]
    [InlineData(23, 50)]
    [InlineData(100, 100)]
    [InlineData(101, 200)]
    public void Axes_end_at_a_round_number(int max, int nice) => Assert.Equal(nice, SvgCharts.Nice(max));
}
