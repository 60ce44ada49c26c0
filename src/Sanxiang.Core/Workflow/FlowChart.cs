namespace Sanxiang.Core.Workflow;

/// <summary>
/// Lays a workflow definition out top-down, in the manner of Sugiyama's layered drawing:
/// <list type="number">
/// <item>transitions back to an earlier step (found by a depth-first walk that follows each step's main exit first) are
/// turned round for layering, so the main line always runs downwards;</item>
/// <item>steps are layered by longest path from the start; every transition that spans layers is split into a chain of
/// routing points, one per rank, and a conditional transition's label is one of those points, with its size, so labels take
/// part in the layout like boxes and can never overlap one;</item>
/// <item>within each rank, items are ordered by the barycentre of their neighbours (alternating sweeps down and up), the main
/// line pinned to one straight vertical, branches beside it, returns on the other side;</item>
/// <item>x positions solve, rank by rank, "as close as possible to the neighbours, never closer to each other than their
/// widths allow" exactly (weighted isotonic regression with the pool-adjacent-violators algorithm), so nothing in one rank
/// overlaps, and ranks are stacked in disjoint bands, so nothing in different ranks does.</item>
/// </list>
/// Text widths are estimates (<see cref="TextMetrics"/>), so the layout needs no font and is the same on every machine.
/// </summary>
public static class FlowChart
{
    public const string FontFamily = "\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif";

    private const double Margin = 24;
    private const double NameSize = 15;
    private const double LimitSize = 12;
    private const double LabelSize = 12;
    private const double LineHeight = 1.35;
    private const double BoxPaddingX = 14;
    private const double BoxHeight = 54;
    private const double MinBoxWidth = 112;
    private const double RankGap = 22;
    private const double BoxGap = 28;
    private const double PathGap = 12;
    private const double DummyWidth = 4;
    private const double LabelMaxWidth = 9 * LabelSize;
    private const double LabelLinePad = 8;
    private const double ArrowLength = 9;
    private const double ArrowHalfWidth = 4.5;
    private const double AttachSpacing = 16;

    private static readonly string[] LegendLines =
    [
        "实线框为必经环节，虚线框为视情况进行的环节；虚线箭头旁注明流转条件。",
        "时限中的“日”为自然日，首日不计入，期满日为法定休假日的顺延至休假日结束的次日；“工作日”不含休息日和法定节假日。",
    ];

    public static FlowChartLayout Layout(WorkflowDefinition definition) => new Builder(definition).Build();

    private sealed class Item
    {
        public required int Rank { get; init; }
        public required double Width { get; init; }
        public double Height { get; init; }
        public Step? Step { get; init; }
        public Chain? Chain { get; init; }
        public bool IsLabel { get; init; }
        public IReadOnlyList<string> LabelLines { get; init; } = [];
        public bool Pinned { get; set; }
        public double X { get; set; }
        public double Top { get; set; }
        public List<Item> Up { get; } = [];
        public List<Item> Down { get; } = [];

        /// <summary>Where paths pass: the centre, except for a label, whose path runs down its left edge.</summary>
        public double AnchorOffset => IsLabel ? -Width / 2 + 3 : 0;

        public double Anchor => X + AnchorOffset;

        public bool IsBox => Step is not null;

        /// <summary>Sorting group for ties: returns left of the main line, branches right of it.</summary>
        public int Side => Pinned ? 0 : Chain is { Backward: true } ? -1 : 1;
    }

    private sealed class Chain(Transition transition, bool backward, bool main)
    {
        public Transition Transition { get; } = transition;
        public bool Backward { get; } = backward;
        public bool Main { get; } = main;

        /// <summary>Top to bottom: the upper box, routing points, the lower box.</summary>
        public List<Item> Items { get; } = [];
    }

    private sealed class Builder(WorkflowDefinition d)
    {
        private readonly Dictionary<string, Item> boxes = new(StringComparer.Ordinal);
        private readonly List<Chain> chains = [];
        private List<Item>[] ranks = [];

        public FlowChartLayout Build()
        {
            var mainLine = d.MainLine;
            var mainCodes = mainLine.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
            var mainTransitions = mainLine.Zip(mainLine.Skip(1))
                .Select(p => d.Transitions.First(t => t.From == p.First.Code && t.To == p.Second.Code && !t.IsConditional))
                .ToHashSet();

            var backward = FindBackwardTransitions();
            var layers = LongestPathLayers(backward);
            var rankCount = layers.Values.DefaultIfEmpty(0).Max() * 2 + 1;
            ranks = [.. Enumerable.Range(0, rankCount).Select(_ => new List<Item>())];

            foreach (var step in d.Steps)
            {
                var width = Math.Max(MinBoxWidth, Math.Max(
                    TextMetrics.Width(step.Name, NameSize), step.TimeLimit is { } l ? TextMetrics.Width(l.ChartText, LimitSize) : 0) + 2 * BoxPaddingX);
                var box = new Item { Rank = layers[step.Code] * 2, Width = Math.Ceiling(width), Height = BoxHeight, Step = step, Pinned = mainCodes.Contains(step.Code) };
                boxes[step.Code] = box;
                ranks[box.Rank].Add(box);
            }

            foreach (var t in d.Transitions)
            {
                var back = backward.Contains(t);
                var chain = new Chain(t, back, mainTransitions.Contains(t));
                var upper = boxes[back ? t.To : t.From];
                var lower = boxes[back ? t.From : t.To];
                chain.Items.Add(upper);
                var labelRank = t.IsConditional ? (back ? lower.Rank - 1 : upper.Rank + 1) : -1;
                for (var r = upper.Rank + 1; r < lower.Rank; r++)
                {
                    Item point;
                    if (r == labelRank)
                    {
                        var lines = TextMetrics.Wrap(t.Condition!, LabelSize, LabelMaxWidth);
                        var textWidth = lines.Max(line => TextMetrics.Width(line, LabelSize));
                        point = new Item
                        {
                            Rank = r, Width = Math.Ceiling(textWidth + LabelLinePad + 4), Height = Math.Ceiling(lines.Count * LabelSize * LineHeight),
                            Chain = chain, IsLabel = true, LabelLines = lines,
                        };
                    }
                    else
                    {
                        point = new Item { Rank = r, Width = DummyWidth, Chain = chain, Pinned = chain.Main };
                    }

                    chain.Items.Add(point);
                    ranks[r].Add(point);
                }

                chain.Items.Add(lower);
                for (var i = 0; i + 1 < chain.Items.Count; i++)
                {
                    chain.Items[i].Down.Add(chain.Items[i + 1]);
                    chain.Items[i + 1].Up.Add(chain.Items[i]);
                }

                chains.Add(chain);
            }

            PlaceHorizontally();
            var contentBottom = PlaceVertically();
            return Assemble(mainCodes, contentBottom);
        }

        /// <summary>Depth-first from the start, main exits first: an edge to a step still on the walk's stack returns upwards.</summary>
        private HashSet<Transition> FindBackwardTransitions()
        {
            var backward = new HashSet<Transition>();
            var state = d.Steps.ToDictionary(s => s.Code, _ => 0, StringComparer.Ordinal);

            void Visit(string code)
            {
                state[code] = 1;
                foreach (var t in d.From(code))
                {
                    if (!state.TryGetValue(t.To, out var s))
                    {
                        continue;
                    }

                    if (s == 1)
                    {
                        backward.Add(t);
                    }
                    else if (s == 0)
                    {
                        Visit(t.To);
                    }
                }

                state[code] = 2;
            }

            Visit(d.Start);
            foreach (var step in d.Steps.Where(s => state[s.Code] == 0))
            {
                Visit(step.Code);
            }

            return backward;
        }

        private Dictionary<string, int> LongestPathLayers(HashSet<Transition> backward)
        {
            var edges = d.Transitions.Select(t => backward.Contains(t) ? (From: t.To, To: t.From) : (t.From, t.To)).ToList();
            var indegree = d.Steps.ToDictionary(s => s.Code, s => edges.Count(e => e.To == s.Code), StringComparer.Ordinal);
            var layer = d.Steps.ToDictionary(s => s.Code, _ => 0, StringComparer.Ordinal);
            var ready = new Queue<string>(d.Steps.Where(s => indegree[s.Code] == 0).Select(s => s.Code));
            while (ready.TryDequeue(out var code))
            {
                foreach (var (_, to) in edges.Where(e => e.From == code))
                {
                    layer[to] = Math.Max(layer[to], layer[code] + 1);
                    if (--indegree[to] == 0)
                    {
                        ready.Enqueue(to);
                    }
                }
            }

            return layer;
        }

        private void PlaceHorizontally()
        {
            // Start: the main line at 0, returns to the left, branches to the right, in table order.
            foreach (var rank in ranks)
            {
                double left = -200, right = 200;
                foreach (var item in rank)
                {
                    item.X = item.Pinned ? 0 : item.Side < 0 ? left -= 60 : right += 60;
                }

                Place(rank, rank.Select(i => i.Pinned ? 0 : i.X).ToList());
            }

            for (var sweep = 0; sweep < 8; sweep++)
            {
                for (var r = 1; r < ranks.Length; r++)
                {
                    OrderAndPlace(ranks[r], i => i.Up);
                }

                for (var r = ranks.Length - 2; r >= 0; r--)
                {
                    OrderAndPlace(ranks[r], i => i.Down);
                }
            }

            // Balance, order kept: each box between all its neighbours; the routing points of one transition towards one
            // common x, so that a long arrow runs straight instead of weaving from rank to rank.
            for (var pass = 0; pass < 12; pass++)
            {
                var straight = chains.ToDictionary(c => c, c => Straight(c.Items.Skip(1).SkipLast(1).Select(i => i.Anchor).ToList()));
                foreach (var rank in ranks)
                {
                    Place(rank, [.. rank.Select(i => i.IsBox || i.Pinned ? Barycentre(i, i.Up.Concat(i.Down)) : straight[i.Chain!])]);
                }
            }
        }

        /// <summary>
        /// The one x for a transition's routing points: the outermost one (furthest from the main line), since that one was
        /// pushed there by something in its way.
        /// </summary>
        private static double Straight(List<double> anchors) => anchors.Average() >= 0 ? anchors.Max() : anchors.Min();

        private static double Barycentre(Item item, IEnumerable<Item> neighbours)
        {
            if (item.Pinned)
            {
                return 0;
            }

            var list = neighbours.ToList();
            return list.Count == 0 ? item.Anchor : list.Average(n => n.Anchor);
        }

        private static void OrderAndPlace(List<Item> rank, Func<Item, List<Item>> neighbours)
        {
            var previous = rank.Select((item, index) => (item, index)).ToDictionary(p => p.item, p => p.index);
            var bary = rank.ToDictionary(i => i, i => Barycentre(i, neighbours(i)));
            rank.Sort((a, b) =>
            {
                var c = Math.Round(bary[a], 3).CompareTo(Math.Round(bary[b], 3));
                if (c == 0)
                {
                    c = a.Side.CompareTo(b.Side);
                }

                return c != 0 ? c : previous[a].CompareTo(previous[b]);
            });
            Place(rank, [.. rank.Select(i => bary[i])]);
        }

        /// <summary>
        /// Puts the rank's items, in their order, as close to their desired anchors as the minimum separations allow
        /// (least squares, weighted: the main line hardly moves, routing points keep paths straight).
        /// </summary>
        private static void Place(List<Item> rank, List<double> desiredAnchors)
        {
            var n = rank.Count;
            if (n == 0)
            {
                return;
            }

            var offsets = new double[n];
            for (var i = 1; i < n; i++)
            {
                var a = rank[i - 1];
                var b = rank[i];
                offsets[i] = offsets[i - 1] + a.Width / 2 + b.Width / 2 + (a.IsBox || b.IsBox ? BoxGap : PathGap);
            }

            // y_i = x_i - offset_i must be non-decreasing: pool adjacent violators on the targets.
            var blocks = new List<(double Sum, double Weight, int Count)>();
            for (var i = 0; i < n; i++)
            {
                var item = rank[i];
                var weight = item.Pinned ? 1e6 : item.IsBox ? 1.0 : 3.0;
                var target = desiredAnchors[i] - item.AnchorOffset - offsets[i];
                blocks.Add((target * weight, weight, 1));
                while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Weight > blocks[^1].Sum / blocks[^1].Weight)
                {
                    var last = blocks[^1];
                    var prev = blocks[^2];
                    blocks.RemoveAt(blocks.Count - 1);
                    blocks[^1] = (prev.Sum + last.Sum, prev.Weight + last.Weight, prev.Count + last.Count);
                }
            }

            var k = 0;
            foreach (var (sum, weight, count) in blocks)
            {
                for (var j = 0; j < count; j++, k++)
                {
                    rank[k].X = sum / weight + offsets[k];
                }
            }
        }

        /// <summary>Stacks the ranks in bands below the title; returns the bottom of the last band.</summary>
        private double PlaceVertically()
        {
            var y = Margin + 56;
            for (var r = 0; r < ranks.Length; r++)
            {
                var height = ranks[r].Select(i => i.Height).DefaultIfEmpty(0).Max();
                foreach (var item in ranks[r])
                {
                    item.Top = y;
                }

                bandHeights[r] = height;
                y += height + (r + 1 < ranks.Length ? GapBelow(r) : 0);
            }

            return y;
        }

        private readonly Dictionary<int, double> bandHeights = [];

        /// <summary>
        /// The gap between a rank and the next: taller where a path must travel far sideways, so that curves stay steep
        /// enough to tell apart.
        /// </summary>
        private double GapBelow(int rank)
        {
            var sideways = ranks[rank].SelectMany(i => i.Down.Select(n => Math.Abs(n.Anchor - i.Anchor))).DefaultIfEmpty(0).Max();
            return Math.Clamp(RankGap + (sideways - 40) * 0.12, RankGap, 3 * RankGap);
        }

        private FlowChartLayout Assemble(HashSet<string> mainCodes, double contentBottom)
        {
            // Horizontal extent of everything drawn, then centre it in the chart's width.
            var minX = ranks.SelectMany(r => r).Select(i => i.X - i.Width / 2).DefaultIfEmpty(0).Min();
            var maxX = ranks.SelectMany(r => r).Select(i => i.X + i.Width / 2).DefaultIfEmpty(0).Max();
            var contentWidth = maxX - minX;

            var title = d.Name + "流程图";
            var subtitle = "依据：" + d.Basis;
            var legendWidth = Math.Max(contentWidth, 26 * LabelSize);
            var legend = LegendLines.SelectMany(line => TextMetrics.Wrap(line, LabelSize, legendWidth)).ToList();

            var width = Math.Ceiling(Math.Max(Math.Max(contentWidth, legend.Max(l => TextMetrics.Width(l, LabelSize))),
                Math.Max(TextMetrics.Width(title, 20), TextMetrics.Width(subtitle, 12.5))) + 2 * Margin);
            var shift = width / 2 - (minX + maxX) / 2;
            foreach (var item in ranks.SelectMany(r => r))
            {
                item.X += shift;
            }

            var captions = new List<ChartText>
            {
                new(title, width / 2, Margin + 20, 20, true, ChartTextAnchor.Middle, ChartTextKind.Title),
                new(subtitle, width / 2, Margin + 44, 12.5, false, ChartTextAnchor.Middle, ChartTextKind.Subtitle),
            };
            var legendTop = contentBottom + 22;
            for (var i = 0; i < legend.Count; i++)
            {
                captions.Add(new ChartText(legend[i], Margin, legendTop + i * LabelSize * LineHeight + LabelSize * 0.88, LabelSize, false,
                    ChartTextAnchor.Start, ChartTextKind.Legend));
            }

            var height = Math.Ceiling(legendTop + legend.Count * LabelSize * LineHeight + Margin - 8);

            var chartBoxes = d.Steps.Select(step => MakeBox(boxes[step.Code], mainCodes.Contains(step.Code))).ToList();
            var attachments = ComputeAttachments();
            var edges = chains.Select(c => MakeEdge(c, attachments)).ToList();

            var main = d.MainLine.Select(s => s.Name);
            var side = d.Steps.Where(s => !mainCodes.Contains(s.Code)).Select(s => s.Name).ToList();
            var description = $"{title}：{string.Join("→", main)}" + (side.Count > 0 ? $"；视情况进行的环节：{string.Join("、", side)}" : "") + "。";
            return new FlowChartLayout(d, width, height, title, description, captions, chartBoxes, edges);
        }

        private static ChartBox MakeBox(Item item, bool onMainLine)
        {
            var step = item.Step!;
            var bounds = new ChartRect(item.X - item.Width / 2, item.Top, item.Width, item.Height);
            var texts = new List<ChartText>();
            if (step.TimeLimit is { } limit)
            {
                texts.Add(new ChartText(step.Name, item.X, Baseline(item.Top + 19, NameSize), NameSize, true, ChartTextAnchor.Middle, ChartTextKind.StepName));
                texts.Add(new ChartText(limit.ChartText, item.X, Baseline(item.Top + 39, LimitSize), LimitSize, false, ChartTextAnchor.Middle, ChartTextKind.TimeLimit));
            }
            else
            {
                texts.Add(new ChartText(step.Name, item.X, Baseline(item.Top + item.Height / 2, NameSize), NameSize, true, ChartTextAnchor.Middle, ChartTextKind.StepName));
            }

            return new ChartBox(step, bounds, onMainLine, texts);
        }

        /// <summary>The baseline that centres a CJK line (ink from about −0.88 em to +0.12 em) on <paramref name="centreY"/>.</summary>
        private static double Baseline(double centreY, double size) => centreY + size * 0.36;

        /// <summary>
        /// Where each chain meets its boxes: the main line at the centre, the others spread along the side, ordered by where they go.
        /// </summary>
        private Dictionary<(Chain, Item), double> ComputeAttachments()
        {
            var result = new Dictionary<(Chain, Item), double>();
            foreach (var box in boxes.Values)
            {
                var bottom = chains.Where(c => c.Items[0] == box).Select(c => (Chain: c, Towards: c.Items[1].Anchor)).ToList();
                var top = chains.Where(c => c.Items[^1] == box).Select(c => (Chain: c, Towards: c.Items[^2].Anchor)).ToList();
                foreach (var side in new[] { bottom, top })
                {
                    var main = side.Where(s => s.Chain.Main).ToList();
                    var others = side.Where(s => !s.Chain.Main).OrderBy(s => s.Towards).ToList();
                    var spacing = Math.Min(AttachSpacing, (box.Width - 20) / Math.Max(1, side.Count));
                    if (main.Count > 0)
                    {
                        result[(main[0].Chain, box)] = box.X;
                        var left = others.Where(o => o.Towards < box.X - 0.5).Reverse().ToList();
                        var right = others.Where(o => o.Towards >= box.X - 0.5).ToList();
                        for (var i = 0; i < left.Count; i++)
                        {
                            result[(left[i].Chain, box)] = box.X - (i + 1) * spacing;
                        }

                        for (var i = 0; i < right.Count; i++)
                        {
                            result[(right[i].Chain, box)] = box.X + (i + 1) * spacing;
                        }
                    }
                    else
                    {
                        for (var i = 0; i < others.Count; i++)
                        {
                            result[(others[i].Chain, box)] = box.X + (i - (others.Count - 1) / 2.0) * spacing;
                        }
                    }
                }
            }

            return result;
        }

        private ChartEdge MakeEdge(Chain chain, Dictionary<(Chain, Item), double> attachments)
        {
            var upper = chain.Items[0];
            var lower = chain.Items[^1];
            var points = new List<ChartPoint> { new(attachments[(chain, upper)], upper.Top + upper.Height) };
            ChartRect? labelBounds = null;
            var labelTexts = new List<ChartText>();
            foreach (var point in chain.Items.Skip(1).SkipLast(1))
            {
                var bandTop = point.Top;
                var bandBottom = point.Top + bandHeights[point.Rank];
                points.Add(new ChartPoint(point.Anchor, bandTop));
                if (bandBottom > bandTop)
                {
                    points.Add(new ChartPoint(point.Anchor, bandBottom));
                }

                if (point.IsLabel)
                {
                    var left = point.X - point.Width / 2 + LabelLinePad;
                    labelBounds = new ChartRect(left, point.Top, point.Width - LabelLinePad, point.Height);
                    for (var i = 0; i < point.LabelLines.Count; i++)
                    {
                        labelTexts.Add(new ChartText(point.LabelLines[i], left + 2, Baseline(point.Top + (i + 0.5) * LabelSize * LineHeight, LabelSize),
                            LabelSize, false, ChartTextAnchor.Start, ChartTextKind.Condition));
                    }
                }
            }

            points.Add(new ChartPoint(attachments[(chain, lower)], lower.Top));
            if (chain.Backward)
            {
                points.Reverse();
            }

            // Leave room for the arrowhead: the path stops at its base, the triangle's tip touches the box.
            var tip = points[^1];
            var direction = chain.Backward ? -1 : 1;
            points[^1] = tip with { Y = tip.Y - direction * (ArrowLength - 1) };
            var arrowhead = new[]
            {
                tip,
                new ChartPoint(tip.X - ArrowHalfWidth, tip.Y - direction * ArrowLength),
                new ChartPoint(tip.X + ArrowHalfWidth, tip.Y - direction * ArrowLength),
            };

            var segments = new List<ChartSegment>();
            for (var i = 1; i < points.Count; i++)
            {
                var a = points[i - 1];
                var b = points[i];
                if (Math.Abs(a.X - b.X) < 0.5)
                {
                    segments.Add(new ChartSegment(b with { X = a.X }));
                }
                else
                {
                    var midY = (a.Y + b.Y) / 2;
                    segments.Add(new ChartSegment(b, new ChartPoint(a.X, midY), new ChartPoint(b.X, midY)));
                }
            }

            return new ChartEdge(chain.Transition, points[0], segments, arrowhead, labelBounds, labelTexts, chain.Backward, chain.Main);
        }
    }
}
