using System.Xml.Linq;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Core.Tests.Workflow;

public sealed class FlowChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<ProcedureKind> Kinds => [.. Enum.GetValues<ProcedureKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void No_two_boxes_overlap_and_no_label_overlaps_a_box_or_another_label(ProcedureKind kind)
    {
        var layout = FlowChart.Layout(Procedures.For(kind));
        var boxes = layout.Boxes.Select(b => (b.Step.Name, b.Bounds)).ToList();
        var labels = layout.Edges.Where(e => e.LabelBounds is not null).Select(e => (e.Transition.Condition!, Bounds: e.LabelBounds!.Value)).ToList();
        Assert.NotEmpty(labels);
        AssertApart(boxes, boxes, gap: 20);
        AssertApart(labels, boxes, gap: 4);
        AssertApart(labels, labels, gap: 0);

        // Every text line lies inside the chart, box texts inside their box, label lines inside their label.
        var frame = new ChartRect(0, 0, layout.Width, layout.Height);
        Assert.All(layout.AllTexts, t => Assert.True(Inside(t.Bounds, frame), $"“{t.Text}”超出图幅"));
        foreach (var box in layout.Boxes)
        {
            Assert.All(box.Texts, t => Assert.True(Inside(t.Bounds, box.Bounds, inset: 6), $"“{t.Text}”超出环节框"));
        }

        foreach (var edge in layout.Edges.Where(e => e.LabelBounds is not null))
        {
            Assert.All(edge.LabelTexts, t => Assert.True(Inside(t.Bounds, edge.LabelBounds!.Value), $"“{t.Text}”超出标注范围"));
        }

        // Captions (title, basis, legend) clear the boxes too.
        AssertApart(layout.Captions.Select(c => (c.Text, c.Bounds)).ToList(), boxes, gap: 4);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Arrows_run_between_their_own_boxes_and_through_no_other(ProcedureKind kind)
    {
        var layout = FlowChart.Layout(Procedures.For(kind));
        foreach (var edge in layout.Edges)
        {
            var from = layout.Boxes.Single(b => b.Step.Code == edge.Transition.From).Bounds;
            var to = layout.Boxes.Single(b => b.Step.Code == edge.Transition.To).Bounds;
            Assert.True(OnBorder(edge.Start, from), $"{edge.Transition.Action} 不从“{edge.Transition.From}”出发");
            Assert.True(OnBorder(edge.Arrowhead[0], to), $"{edge.Transition.Action} 的箭头不指向“{edge.Transition.To}”");
            foreach (var point in edge.Sample())
            {
                foreach (var box in layout.Boxes.Where(b => b.Step.Code != edge.Transition.From && b.Step.Code != edge.Transition.To))
                {
                    Assert.False(box.Bounds.ContainsStrictly(point), $"{edge.Transition.Action} 穿过了“{box.Step.Name}”");
                }

                foreach (var other in layout.Edges.Where(e => e != edge && e.LabelBounds is not null))
                {
                    Assert.False(other.LabelBounds!.Value.ContainsStrictly(point, 1), $"{edge.Transition.Action} 穿过了标注“{other.Transition.Condition}”");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Main_line_runs_straight_down_and_branches_sit_beside_it(ProcedureKind kind)
    {
        var d = Procedures.For(kind);
        var layout = FlowChart.Layout(d);
        var main = d.MainLine.Select(s => layout.Boxes.Single(b => b.Step.Code == s.Code)).ToList();
        Assert.All(main, b => Assert.True(b.OnMainLine));
        Assert.All(main, b => Assert.Equal(main[0].Bounds.CenterX, b.Bounds.CenterX, 1));
        Assert.True(main.Zip(main.Skip(1)).All(p => p.First.Bounds.Bottom < p.Second.Bounds.Y), "主线环节没有自上而下排列");
        foreach (var side in layout.Boxes.Where(b => !b.OnMainLine))
        {
            Assert.True(Math.Abs(side.Bounds.CenterX - main[0].Bounds.CenterX) > 40, $"“{side.Step.Name}”压在主线上");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Svg_is_XML_with_every_step_and_transition_and_accessible_names(ProcedureKind kind)
    {
        var d = Procedures.For(kind);
        var layout = FlowChart.Layout(d);
        var svg = FlowChartSvg.Render(layout);
        var root = XDocument.Parse(svg).Root!;

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal($"0 0 {layout.Width} {layout.Height}", (string?)root.Attribute("viewBox"));
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.StartsWith(d.Name + "流程图：", (string?)root.Attribute("aria-label"), StringComparison.Ordinal);
        Assert.StartsWith("\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif", (string?)root.Attribute("font-family"), StringComparison.Ordinal);
        Assert.Equal(d.Name + "流程图", root.Element(Svg + "title")?.Value);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null || e.Name.LocalName is "style" or "script" or "foreignObject");

        var steps = root.Descendants(Svg + "g").Where(g => g.Attribute("data-step") is not null).ToList();
        Assert.Equal(d.Steps.Select(s => s.Code), steps.Select(g => (string)g.Attribute("data-step")!));
        foreach (var step in d.Steps)
        {
            var texts = steps.Single(g => (string?)g.Attribute("data-step") == step.Code).Elements(Svg + "text").Select(t => t.Value).ToList();
            Assert.Equal(step.Name, texts[0]);
            if (step.TimeLimit is { } limit)
            {
                Assert.Equal(limit.ChartText, texts[1]);
            }
        }

        var transitions = root.Descendants(Svg + "g").Where(g => g.Attribute("data-from") is not null).ToList();
        Assert.Equal(d.Transitions.Select(t => (t.From, t.To)), transitions.Select(g => ((string)g.Attribute("data-from")!, (string)g.Attribute("data-to")!)));
        foreach (var t in d.Transitions.Where(t => t.IsConditional))
        {
            var g = transitions.Single(x => (string?)x.Attribute("data-from") == t.From && (string?)x.Attribute("data-to") == t.To);
            Assert.Equal(t.Condition, string.Concat(g.Elements(Svg + "text").Select(x => x.Value)));
            Assert.NotNull(g.Element(Svg + "path")?.Attribute("stroke-dasharray"));
        }
    }

    [Fact]
    public void Text_is_escaped()
    {
        var d = Procedures.Other with
        {
            Name = "测试<程序>&\"引号\"",
            Steps = [.. Procedures.Other.Steps.Select(s => s.Code == "open" ? s with { Name = "启动</text><script>alert(1)</script>" } : s)],
        };
        var svg = FlowChartSvg.Render(FlowChart.Layout(d));
        var root = XDocument.Parse(svg).Root!;
        Assert.Empty(root.Descendants(Svg + "script"));
        Assert.Equal("测试<程序>&\"引号\"流程图", root.Element(Svg + "title")!.Value);
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "启动</text><script>alert(1)</script>");
    }

    [Fact]
    public void Adding_a_step_to_a_procedure_changes_its_chart()
    {
        var original = Procedures.GeneralPenalty;
        // A county adds an internal check of the decision document between 决定 and 送达.
        var modified = original with
        {
            Steps = [.. original.Steps.SelectMany(s => s.Code == "decide"
                ? new[] { s, new Step("proofread", "文书核校", Roles.UnitHead,
                    new TimeLimit(2, PeriodUnit.WorkingDays, new PeriodStart("decide", StepMoment.Completed, "决定作出之日"), "核校决定书",
                        new Citation(StatutoryDays.PenaltyLaw, "（示例）"))) }
                : [s])],
            Transitions = [.. original.Transitions.Select(t => t is { From: "decide", To: "serve" } ? t with { To = "proofread" } : t),
                new Transition("proofread", "serve", "核校无误")],
        };
        Assert.Empty(modified.Validate());

        var before = FlowChart.Layout(original);
        var after = FlowChart.Layout(modified);
        var svgBefore = FlowChartSvg.Render(before);
        var svgAfter = FlowChartSvg.Render(after);

        Assert.DoesNotContain("文书核校", svgBefore, StringComparison.Ordinal);
        Assert.Contains("文书核校", svgAfter, StringComparison.Ordinal);
        Assert.Contains("决定作出之日起2个工作日内", svgAfter, StringComparison.Ordinal);
        Assert.Equal(before.Boxes.Count + 1, after.Boxes.Count);
        Assert.True(after.Height > before.Height, $"图高应增加：{before.Height} → {after.Height}");

        // The new box sits on the main line between 决定 and 送达, with arrows in and out.
        var box = (string code) => after.Boxes.Single(b => b.Step.Code == code).Bounds;
        Assert.True(box("decide").Bottom < box("proofread").Y && box("proofread").Bottom < box("serve").Y);
        Assert.Equal(box("decide").CenterX, box("proofread").CenterX, 1);
        Assert.Contains(after.Edges, e => e.Transition is { From: "decide", To: "proofread" });
        Assert.Contains(after.Edges, e => e.Transition is { From: "proofread", To: "serve" });
        Assert.DoesNotContain(after.Edges, e => e.Transition is { From: "decide", To: "serve" });
        Assert.Contains("data-step=\"proofread\"", svgAfter, StringComparison.Ordinal);
        Assert.Contains("→文书核校→", after.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_is_deterministic()
    {
        foreach (var d in Procedures.All)
        {
            Assert.Equal(FlowChartSvg.Render(FlowChart.Layout(d)), FlowChartSvg.Render(FlowChart.Layout(d)));
        }
    }

    [Fact]
    public void Text_width_counts_CJK_as_one_em_and_ASCII_as_055()
    {
        Assert.Equal(40, TextMetrics.Width("立案调查", 10), 6);
        Assert.Equal(5.5 * 3, TextMetrics.Width("123", 10), 6);
        Assert.Equal(10 + 5.5 * 2 + 10, TextMetrics.Width("在15日", 10), 6);
        Assert.Equal(10, TextMetrics.Width("（", 10), 6);
        Assert.Equal(["情节复杂或者", "重大违法行为"], TextMetrics.Wrap("情节复杂或者重大违法行为", 12, 9 * 12));
        Assert.Equal(["审核提出问题，", "需补正"], TextMetrics.Wrap("审核提出问题，需补正", 12, 9 * 12));
        Assert.Equal(["当事人申请听证"], TextMetrics.Wrap("当事人申请听证", 12, 9 * 12));
        Assert.All(TextMetrics.Wrap("时限中的“日”为自然日，首日不计入，期满日为法定休假日的顺延至休假日结束的次日。", 12, 200),
            line => Assert.True(TextMetrics.Width(line, 12) <= 200));
    }

    private static void AssertApart(List<(string Name, ChartRect Bounds)> first, List<(string Name, ChartRect Bounds)> second, double gap)
    {
        foreach (var a in first)
        {
            foreach (var b in second.Where(b => !ReferenceEquals(a.Name, b.Name) || a.Bounds != b.Bounds))
            {
                var grown = new ChartRect(a.Bounds.X - gap / 2, a.Bounds.Y - gap / 2, a.Bounds.Width + gap, a.Bounds.Height + gap);
                Assert.False(grown.Intersects(b.Bounds), $"“{a.Name}”与“{b.Name}”重叠或间距小于 {gap}");
            }
        }
    }

    private static bool Inside(ChartRect inner, ChartRect outer, double inset = 0) =>
        inner.X >= outer.X + inset - 0.01 && inner.Right <= outer.Right - inset + 0.01 && inner.Y >= outer.Y - 0.01 && inner.Bottom <= outer.Bottom + 0.01;

    private static bool OnBorder(ChartPoint p, ChartRect r) =>
        p.X > r.X && p.X < r.Right && (Math.Abs(p.Y - r.Y) < 0.01 || Math.Abs(p.Y - r.Bottom) < 0.01);
}
