namespace Sanxiang.Core.Workflow;

/// <summary>
/// A flow chart laid out in pixels, independent of any output format: the SVG writer and the PNG renderer both draw exactly
/// this, so the two cannot differ. Made by <see cref="FlowChart.Layout"/> from a <see cref="WorkflowDefinition"/>.
/// </summary>
public sealed record FlowChartLayout(
    WorkflowDefinition Definition,
    double Width,
    double Height,
    string Title,
    string Description,
    IReadOnlyList<ChartText> Captions,
    IReadOnlyList<ChartBox> Boxes,
    IReadOnlyList<ChartEdge> Edges)
{
    /// <summary>Every piece of text on the chart (to check a font covers it).</summary>
    public IEnumerable<ChartText> AllTexts =>
        Captions.Concat(Boxes.SelectMany(b => b.Texts)).Concat(Edges.SelectMany(e => e.LabelTexts));
}

public readonly record struct ChartPoint(double X, double Y);

public readonly record struct ChartRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public double CenterX => X + Width / 2;

    /// <summary>True when the two rectangles share interior area (touching edges do not count).</summary>
    public bool Intersects(ChartRect other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool ContainsStrictly(ChartPoint p, double inset = 0) =>
        p.X > X + inset && p.X < Right - inset && p.Y > Y + inset && p.Y < Bottom - inset;
}

public enum ChartTextAnchor
{
    Start,
    Middle,
}

public enum ChartTextKind
{
    Title,
    Subtitle,
    StepName,
    TimeLimit,
    Condition,
    Legend,
}

/// <summary>One line of text; <see cref="Baseline"/> is the y of the alphabetic baseline, as in SVG.</summary>
public sealed record ChartText(string Text, double X, double Baseline, double FontSize, bool Bold, ChartTextAnchor Anchor, ChartTextKind Kind)
{
    /// <summary>The box the line occupies by the width estimate (ascent 0.88 em, descent 0.12 em).</summary>
    public ChartRect Bounds
    {
        get
        {
            var width = TextMetrics.Width(Text, FontSize);
            var left = Anchor == ChartTextAnchor.Middle ? X - width / 2 : X;
            return new ChartRect(left, Baseline - FontSize * 0.88, width, FontSize);
        }
    }
}

/// <summary>A step's box: its name and, on a second line, its time limit.</summary>
/// <param name="OnMainLine">False for a step taken only under a condition (drawn with a dashed border beside the main line).</param>
public sealed record ChartBox(Step Step, ChartRect Bounds, bool OnMainLine, IReadOnlyList<ChartText> Texts);

/// <summary>A piece of an edge's path: a straight line to <see cref="End"/>, or a cubic Bézier curve when the controls are set.</summary>
public sealed record ChartSegment(ChartPoint End, ChartPoint? Control1 = null, ChartPoint? Control2 = null)
{
    public bool IsCurve => Control1 is not null;
}

/// <summary>An arrow for one transition: its path, its arrowhead (a triangle) and, for a conditional transition, its label.</summary>
/// <param name="IsBackward">True for a transition that returns to an earlier step (drawn upwards).</param>
/// <param name="OnMainLine">True for the main line's transitions.</param>
public sealed record ChartEdge(
    Transition Transition,
    ChartPoint Start,
    IReadOnlyList<ChartSegment> Segments,
    IReadOnlyList<ChartPoint> Arrowhead,
    ChartRect? LabelBounds,
    IReadOnlyList<ChartText> LabelTexts,
    bool IsBackward,
    bool OnMainLine)
{
    /// <summary>Points along the path (curves sampled), for tests and hit checks.</summary>
    public IEnumerable<ChartPoint> Sample(int perSegment = 16)
    {
        var from = Start;
        yield return from;
        foreach (var s in Segments)
        {
            for (var i = 1; i <= perSegment; i++)
            {
                var t = (double)i / perSegment;
                yield return s.IsCurve ? Bezier(from, s.Control1!.Value, s.Control2!.Value, s.End, t)
                    : new ChartPoint(from.X + (s.End.X - from.X) * t, from.Y + (s.End.Y - from.Y) * t);
            }

            from = s.End;
        }
    }

    private static ChartPoint Bezier(ChartPoint p0, ChartPoint p1, ChartPoint p2, ChartPoint p3, double t)
    {
        var u = 1 - t;
        return new ChartPoint(
            u * u * u * p0.X + 3 * u * u * t * p1.X + 3 * u * t * t * p2.X + t * t * t * p3.X,
            u * u * u * p0.Y + 3 * u * u * t * p1.Y + 3 * u * t * t * p2.Y + t * t * t * p3.Y);
    }
}
