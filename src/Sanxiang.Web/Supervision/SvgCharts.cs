using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Sanxiang.Web.Supervision;

/// <summary>A series of a line chart: its name (the legend), one value per label, and its colour class (s1 … s4).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int> Values, string Css);

/// <summary>A bar: its label, value, the text shown at its end, and its colour class.</summary>
public sealed record ChartBar(string Label, double Value, string Text, string Css = "s1");

/// <summary>
/// Charts drawn on the server as inline SVG (decision 0018): no script, nothing from a CDN, readable by the page's own
/// Content-Security-Policy (colours are classes of site.css, never style attributes), printable, and the same numbers as
/// the table beside each chart. Every text is HTML-encoded; every chart has a title and a description for screen readers,
/// and each mark a tooltip (&lt;title&gt;).
/// </summary>
public static class SvgCharts
{
    private const int FontSize = 12;

    /// <summary>A line chart over <paramref name="labels"/> (a trend): gridlines at round values, a legend on top.</summary>
    public static IHtmlContent Line(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string testId)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        const int width = 720, height = 260, left = 44, right = 36, top = 34, bottom = 36;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var max = Nice(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var n = Math.Max(labels.Count, 1);
        double X(int i) => left + (n == 1 ? plotW / 2.0 : plotW * i / (double)(n - 1));
        double Y(int v) => top + plotH - plotH * v / (double)max;

        var svg = Open(width, height, title, $"{title}：{string.Join("；", series.Select(s => $"{s.Name}合计 {s.Values.Sum()}"))}", testId, "line");
        Grid(svg, max, left, width - right, Y);
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i += step)
        {
            Text(svg, X(i), height - bottom + 18, labels[i], "middle", "axis");
        }

        var legendX = left;
        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{s.Css}\" x=\"{legendX}\" y=\"10\" width=\"14\" height=\"4\"/>");
            Text(svg, legendX + 20, 16, s.Name, "start", "legend");
            legendX += 28 + Width(s.Name);
            var points = string.Join(' ', s.Values.Select((v, i) => $"{F(X(i))},{F(Y(v))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series {s.Css}\" points=\"{points}\"/>");
            for (var i = 0; i < s.Values.Count; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot {s.Css}\" cx=\"{F(X(i))}\" cy=\"{F(Y(s.Values[i]))}\" r=\"{(labels.Count > 40 ? 1.5 : 3)}\"><title>{E(labels[i])} {E(s.Name)} {s.Values[i]}</title></circle>");
            }
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars, one per row (e.g. agencies), scaled to <paramref name="max"/> (default: the largest value).</summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<ChartBar> bars, string testId, double? max = null, double? target = null, string? targetLabel = null,
        int width = 720)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int row = 26, top = 8, textW = 110;
        var labelW = width < 600 ? 130 : 150;
        var height = top * 2 + Math.Max(bars.Count, 1) * row + (target is null ? 0 : 18);
        var plotW = width - labelW - textW;
        var scale = max ?? Math.Max(bars.Select(b => b.Value).DefaultIfEmpty(0).Max(), 1);
        var svg = Open(width, height, title, $"{title}：{string.Join("；", bars.Select(b => $"{b.Label} {b.Text}"))}", testId, "bars");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + i * row;
            var w = scale <= 0 ? 0 : Math.Max(b.Value > 0 ? 2 : 0, plotW * Math.Min(b.Value, scale) / scale);
            Text(svg, labelW - 8, y + row / 2.0 + 4, Fit(b.Label, labelW - 12), "end", "label");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"{labelW}\" y=\"{y + 5}\" width=\"{plotW}\" height=\"{row - 10}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {b.Css}\" x=\"{labelW}\" y=\"{y + 5}\" width=\"{F(w)}\" height=\"{row - 10}\"><title>{E(b.Label)}：{E(b.Text)}</title></rect>");
            Text(svg, labelW + w + 6, y + row / 2.0 + 4, b.Text, "start", "value");
        }

        if (target is { } t && scale > 0)
        {
            var x = labelW + plotW * Math.Min(t, scale) / scale;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"target\" x1=\"{F(x)}\" y1=\"{top}\" x2=\"{F(x)}\" y2=\"{height - 18}\"/>");
            Text(svg, x, height - 4, targetLabel ?? "", "middle", "axis");
        }

        return Close(svg);
    }

    /// <summary>
    /// A calendar heat map of activity: one square per day (weeks as columns, Monday on top), shaded by quintile of the
    /// busiest day, month names above. At most the last 53 weeks of the period are drawn.
    /// </summary>
    public static IHtmlContent Calendar(string title, DateOnly from, DateOnly to, IReadOnlyDictionary<DateOnly, (int Opened, int Decided)> days, string testId)
    {
        ArgumentNullException.ThrowIfNull(days);
        var first = to.AddDays(-370) > from ? to.AddDays(-370) : from;
        var start = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        var weeks = (to.DayNumber - start.DayNumber) / 7 + 1;
        const int cell = 12, gap = 2, left = 30, top = 22;
        var width = left + weeks * (cell + gap) + 12;
        var height = top + 7 * (cell + gap) + 30;
        var max = days.Where(d => d.Key >= first && d.Key <= to).Select(d => d.Value.Opened + d.Value.Decided).DefaultIfEmpty(0).Max();
        var total = days.Where(d => d.Key >= first && d.Key <= to).Sum(d => d.Value.Opened + d.Value.Decided);
        var svg = Open(width, height, title, $"{title}：{first:yyyy年M月d日}至{to:yyyy年M月d日}，立案和作出决定共 {total} 件次，单日最多 {max} 件次", testId, "calendar");
        string[] weekdays = ["一", "", "三", "", "五", "", "日"];
        for (var i = 0; i < 7; i++)
        {
            Text(svg, left - 6, top + i * (cell + gap) + cell - 2, weekdays[i], "end", "axis");
        }

        for (var w = 0; w < weeks; w++)
        {
            var monday = start.AddDays(7 * w);
            var shown = monday < first ? first : monday;
            var previous = monday.AddDays(-7) < first ? first : monday.AddDays(-7);
            if (w == 0 && shown.Day <= 21 || w > 0 && previous.Month != monday.Month)
            {
                Text(svg, left + w * (cell + gap), top - 8, $"{shown.Month}月", "start", "axis");
            }
        }

        for (var d = first; d <= to; d = d.AddDays(1))
        {
            var week = (d.DayNumber - start.DayNumber) / 7;
            var x = left + week * (cell + gap);
            var (opened, decided) = days.TryGetValue(d, out var v) ? v : (0, 0);
            var level = opened + decided == 0 || max == 0 ? 0 : 1 + Math.Min(3, (opened + decided - 1) * 4 / max);
            var y = top + ((int)d.DayOfWeek + 6) % 7 * (cell + gap);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"day l{level}\" x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" rx=\"2\"><title>{d:yyyy年M月d日}：立案 {opened} 件，作出决定 {decided} 件</title></rect>");
        }

        var legendX = width - 5 * (cell + gap) - 60;
        Text(svg, legendX - 6, height - 8, "少", "end", "axis");
        for (var l = 0; l <= 4; l++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"day l{l}\" x=\"{legendX + l * (cell + gap)}\" y=\"{height - 8 - cell + 2}\" width=\"{cell}\" height=\"{cell}\" rx=\"2\"/>");
        }

        Text(svg, legendX + 5 * (cell + gap) + 4, height - 8, "多", "start", "axis");
        return Close(svg);
    }

    /// <summary>The smallest "round" number (1, 2 or 5 times a power of ten, at least 5) not below <paramref name="value"/>.</summary>
    public static int Nice(int value)
    {
        if (value <= 5)
        {
            return 5;
        }

        var magnitude = (int)Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1, 2, 5, 10 })
        {
            if (m * magnitude >= value)
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static void Grid(StringBuilder svg, int max, int x1, int x2, Func<int, double> y)
    {
        for (var i = 0; i <= 5; i++)
        {
            var v = max * i / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x1}\" y1=\"{F(y(v))}\" x2=\"{x2}\" y2=\"{F(y(v))}\"/>");
            Text(svg, x1 - 6, y(v) + 4, v.ToString(CultureInfo.InvariantCulture), "end", "axis");
        }
    }

    private static StringBuilder Open(int width, int height, string title, string description, string testId, string kind)
    {
        var id = "c-" + testId;
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart {kind}\" data-testid=\"{E(testId)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{E(id)}-t {E(id)}-d\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-t\">{E(title)}</title><desc id=\"{E(id)}-d\">{E(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, string css) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{css}\" x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\">{E(text)}</text>");

    /// <summary>Approximate width at 12px: a CJK character a full em, anything else about 0.6 em.</summary>
    private static int Width(string text) => (int)Math.Ceiling(text.Sum(c => c > 0x2E80 ? FontSize : FontSize * 0.6));

    private static string Fit(string text, int width)
    {
        if (Width(text) <= width)
        {
            return text;
        }

        var s = text;
        while (s.Length > 1 && Width(s + "…") > width)
        {
            s = s[..^1];
        }

        return s + "…";
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
