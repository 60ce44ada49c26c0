using System.Globalization;
using System.Text;
using System.Xml;

namespace Sanxiang.Core.Workflow;

/// <summary>
/// Writes a <see cref="FlowChartLayout"/> as a standalone SVG document (also fit to be inlined in HTML): a viewBox, a
/// <c>&lt;title&gt;</c> and a Chinese <c>aria-label</c> for screen readers, presentation attributes only (no <c>style</c>, so a
/// strict Content-Security-Policy does not strip it), every text XML-escaped by the writer.
/// </summary>
public static class FlowChartSvg
{
    public const string Ink = "#1f2933";
    public const string Muted = "#5b6773";
    public const string Red = "#a61b1b";
    public const string RedDark = "#7d1212";
    public const string OptionalFill = "#f7f8fa";
    public const string Dash = "6 4";

    private const string Ns = "http://www.w3.org/2000/svg";

    public static string Render(FlowChartLayout layout)
    {
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("svg", Ns);
            xml.WriteAttributeString("viewBox", $"0 0 {N(layout.Width)} {N(layout.Height)}");
            xml.WriteAttributeString("width", N(layout.Width));
            xml.WriteAttributeString("height", N(layout.Height));
            xml.WriteAttributeString("role", "img");
            xml.WriteAttributeString("aria-label", layout.Description);
            xml.WriteAttributeString("font-family", FlowChart.FontFamily);
            xml.WriteAttributeString("data-procedure", layout.Definition.Procedure.Slug());
            xml.WriteElementString("title", Ns, layout.Title);
            xml.WriteElementString("desc", Ns, layout.Description);

            Rect(xml, 0, 0, layout.Width, layout.Height, "#ffffff", null);

            foreach (var text in layout.Captions)
            {
                Text(xml, text, text.Kind == ChartTextKind.Title ? Ink : Muted);
            }

            foreach (var edge in layout.Edges)
            {
                var t = edge.Transition;
                xml.WriteStartElement("g", Ns);
                xml.WriteAttributeString("class", t.IsConditional ? "transition conditional" : "transition");
                xml.WriteAttributeString("data-from", t.From);
                xml.WriteAttributeString("data-to", t.To);
                xml.WriteElementString("title", Ns, TransitionTitle(layout.Definition, t));
                var colour = t.IsConditional ? Muted : Ink;
                xml.WriteStartElement("path", Ns);
                xml.WriteAttributeString("d", PathData(edge));
                xml.WriteAttributeString("fill", "none");
                xml.WriteAttributeString("stroke", colour);
                xml.WriteAttributeString("stroke-width", t.IsConditional ? "1.3" : "1.6");
                if (t.IsConditional)
                {
                    xml.WriteAttributeString("stroke-dasharray", Dash);
                }

                xml.WriteEndElement();
                xml.WriteStartElement("polygon", Ns);
                xml.WriteAttributeString("points", string.Join(' ', edge.Arrowhead.Select(p => $"{N(p.X)},{N(p.Y)}")));
                xml.WriteAttributeString("fill", colour);
                xml.WriteEndElement();
                foreach (var text in edge.LabelTexts)
                {
                    Text(xml, text, Muted);
                }

                xml.WriteEndElement();
            }

            foreach (var box in layout.Boxes)
            {
                var b = box.Bounds;
                xml.WriteStartElement("g", Ns);
                xml.WriteAttributeString("class", box.OnMainLine ? "step" : "step optional");
                xml.WriteAttributeString("data-step", box.Step.Code);
                xml.WriteElementString("title", Ns, StepTitle(box.Step));
                xml.WriteStartElement("rect", Ns);
                xml.WriteAttributeString("x", N(b.X));
                xml.WriteAttributeString("y", N(b.Y));
                xml.WriteAttributeString("width", N(b.Width));
                xml.WriteAttributeString("height", N(b.Height));
                xml.WriteAttributeString("rx", "6");
                xml.WriteAttributeString("fill", box.OnMainLine ? "#ffffff" : OptionalFill);
                xml.WriteAttributeString("stroke", box.OnMainLine ? Red : Muted);
                xml.WriteAttributeString("stroke-width", box.OnMainLine ? "1.8" : "1.4");
                if (!box.OnMainLine)
                {
                    xml.WriteAttributeString("stroke-dasharray", Dash);
                }

                xml.WriteEndElement();
                foreach (var text in box.Texts)
                {
                    Text(xml, text, text.Kind == ChartTextKind.TimeLimit ? RedDark : Ink);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return output.ToString();
    }

    /// <summary>The tooltip of a step: who acts, the time limit with its basis.</summary>
    public static string StepTitle(Step step) =>
        $"{step.Name}（{step.RoleName}）" + (step.TimeLimit is { } l ? $"：{l.Sentence}依据{l.Basis}" : "");

    public static string TransitionTitle(WorkflowDefinition definition, Transition t) =>
        $"{definition.Step(t.From).Name} → {definition.Step(t.To).Name}：{t.Action}" + (t.Condition is { } c ? $"（条件：{c}）" : "");

    /// <summary>The path as SVG path data (M, L, C), the same geometry the PNG renderer draws.</summary>
    public static string PathData(ChartEdge edge)
    {
        var d = new StringBuilder($"M{N(edge.Start.X)},{N(edge.Start.Y)}");
        foreach (var s in edge.Segments)
        {
            d.Append(s.IsCurve
                ? $" C{N(s.Control1!.Value.X)},{N(s.Control1.Value.Y)} {N(s.Control2!.Value.X)},{N(s.Control2.Value.Y)} {N(s.End.X)},{N(s.End.Y)}"
                : $" L{N(s.End.X)},{N(s.End.Y)}");
        }

        return d.ToString();
    }

    private static void Rect(XmlWriter xml, double x, double y, double width, double height, string fill, string? stroke)
    {
        xml.WriteStartElement("rect", Ns);
        xml.WriteAttributeString("x", N(x));
        xml.WriteAttributeString("y", N(y));
        xml.WriteAttributeString("width", N(width));
        xml.WriteAttributeString("height", N(height));
        xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            xml.WriteAttributeString("stroke", stroke);
        }

        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, ChartText text, string fill)
    {
        xml.WriteStartElement("text", Ns);
        xml.WriteAttributeString("x", N(text.X));
        xml.WriteAttributeString("y", N(text.Baseline));
        xml.WriteAttributeString("font-size", N(text.FontSize));
        if (text.Bold)
        {
            xml.WriteAttributeString("font-weight", "bold");
        }

        if (text.Anchor == ChartTextAnchor.Middle)
        {
            xml.WriteAttributeString("text-anchor", "middle");
        }

        xml.WriteAttributeString("fill", fill);
        xml.WriteString(text.Text);
        xml.WriteEndElement();
    }

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
