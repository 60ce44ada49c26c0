using System.Text;
using Sanxiang.Core.Workflow;
using SkiaSharp;

namespace Sanxiang.Web.Workflow;

/// <summary>
/// Draws a <see cref="FlowChartLayout"/> to PNG with SkiaSharp: the same boxes, paths, arrowheads and texts as the SVG
/// (<see cref="FlowChartSvg"/>), at <paramref name="scale"/> times the size for printing. Text is drawn with the CJK font that
/// <see cref="ChartFonts"/> found; a line the font draws wider than the layout's estimate is narrowed to fit, never clipped.
/// </summary>
public static class FlowChartPng
{
    public const float Scale = 2f;

    /// <summary>The characters of the chart that the typeface has no glyph for (empty when it can draw everything).</summary>
    public static IReadOnlyList<string> MissingCharacters(FlowChartLayout layout, SKTypeface typeface)
    {
        using var font = new SKFont(typeface, 12);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rune in layout.AllTexts.SelectMany(t => t.Text.EnumerateRunes()).Distinct())
        {
            if (!Rune.IsWhiteSpace(rune) && !font.ContainsGlyphs(rune.ToString()))
            {
                missing.Add(rune.ToString());
            }
        }

        return [.. missing];
    }

    public static byte[] Render(FlowChartLayout layout, ChartTypefaces fonts, float scale = Scale)
    {
        var width = (int)Math.Ceiling(layout.Width * scale);
        var height = (int)Math.Ceiling(layout.Height * scale);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}×{height} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);

        using var dash = SKPathEffect.CreateDash([6f, 4f], 0);
        foreach (var text in layout.Captions)
        {
            DrawText(canvas, text, text.Kind == ChartTextKind.Title ? FlowChartSvg.Ink : FlowChartSvg.Muted, fonts);
        }

        foreach (var edge in layout.Edges)
        {
            var conditional = edge.Transition.IsConditional;
            var colour = SKColor.Parse(conditional ? FlowChartSvg.Muted : FlowChartSvg.Ink);
            using var builder = new SKPathBuilder();
            builder.MoveTo(P(edge.Start));
            foreach (var s in edge.Segments)
            {
                if (s.IsCurve)
                {
                    builder.CubicTo(P(s.Control1!.Value), P(s.Control2!.Value), P(s.End));
                }
                else
                {
                    builder.LineTo(P(s.End));
                }
            }

            using var path = builder.Detach();

            using var stroke = new SKPaint
            {
                Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = conditional ? 1.3f : 1.6f,
                PathEffect = conditional ? dash : null,
            };
            canvas.DrawPath(path, stroke);

            using var headBuilder = new SKPathBuilder();
            headBuilder.MoveTo(P(edge.Arrowhead[0]));
            headBuilder.LineTo(P(edge.Arrowhead[1]));
            headBuilder.LineTo(P(edge.Arrowhead[2]));
            headBuilder.Close();
            using var head = headBuilder.Detach();
            using var fill = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
            canvas.DrawPath(head, fill);

            foreach (var text in edge.LabelTexts)
            {
                DrawText(canvas, text, FlowChartSvg.Muted, fonts);
            }
        }

        foreach (var box in layout.Boxes)
        {
            var b = box.Bounds;
            var rect = new SKRoundRect(new SKRect((float)b.X, (float)b.Y, (float)b.Right, (float)b.Bottom), 6, 6);
            using var fill = new SKPaint { Color = SKColor.Parse(box.OnMainLine ? "#ffffff" : FlowChartSvg.OptionalFill), Style = SKPaintStyle.Fill, IsAntialias = true };
            using var border = new SKPaint
            {
                Color = SKColor.Parse(box.OnMainLine ? FlowChartSvg.Red : FlowChartSvg.Muted), Style = SKPaintStyle.Stroke, IsAntialias = true,
                StrokeWidth = box.OnMainLine ? 1.8f : 1.4f, PathEffect = box.OnMainLine ? null : dash,
            };
            canvas.DrawRoundRect(rect, fill);
            canvas.DrawRoundRect(rect, border);
            foreach (var text in box.Texts)
            {
                DrawText(canvas, text, text.Kind == ChartTextKind.TimeLimit ? FlowChartSvg.RedDark : FlowChartSvg.Ink, fonts);
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKPoint P(ChartPoint p) => new((float)p.X, (float)p.Y);

    private static void DrawText(SKCanvas canvas, ChartText text, string colour, ChartTypefaces fonts)
    {
        var typeface = text.Bold ? fonts.Bold ?? fonts.Regular : fonts.Regular;
        using var font = new SKFont(typeface, (float)text.FontSize)
        {
            Embolden = text.Bold && fonts.Bold is null,
            Subpixel = true,
            Edging = SKFontEdging.Antialias,
        };
        // The layout sized everything by the estimate; a font that draws wider is narrowed to the estimate.
        var estimate = (float)TextMetrics.Width(text.Text, text.FontSize);
        var measured = font.MeasureText(text.Text);
        if (measured > estimate && measured > 0)
        {
            font.ScaleX = estimate / measured;
        }

        using var paint = new SKPaint { Color = SKColor.Parse(colour), IsAntialias = true };
        var align = text.Anchor == ChartTextAnchor.Middle ? SKTextAlign.Center : SKTextAlign.Left;
        canvas.DrawText(text.Text, (float)text.X, (float)text.Baseline, align, font, paint);
    }
}

/// <summary>The faces a chart is drawn with: a regular CJK face and, when there is one, its bold face.</summary>
public sealed record ChartTypefaces(SKTypeface Regular, SKTypeface? Bold, string Description);
