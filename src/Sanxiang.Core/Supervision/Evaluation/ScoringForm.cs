using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision.Evaluation;

/// <summary>A veto item (否决项): when it holds, the file fails outright whatever its points.</summary>
/// <param name="Code">V1, V2 … in the form's order.</param>
/// <param name="PreCheck">The platform's pre-check that can flag it from the data (<see cref="EvaluationPreChecks"/>), if any.</param>
public sealed record VetoItem(string Code, string Text, string? PreCheck);

/// <summary>One scored point of the form: the evaluator deducts up to <see cref="Points"/> with a reason.</summary>
/// <param name="Code">1, 2 … across the whole form in its order.</param>
public sealed record ScoringItem(string Code, string Text, decimal Points);

/// <summary>A group of points inside a part (主体认定, 事实证据 …).</summary>
public sealed record ScoringGroup(string Name, decimal Points, IReadOnlyList<ScoringItem> Items);

/// <summary>A part of the form: 卷面 (form) or 内容 (content).</summary>
public sealed record ScoringPart(string Name, decimal Points, IReadOnlyList<ScoringGroup> Groups);

/// <summary>
/// 案卷评查评分表: veto items, then parts of points (by default 卷面 20 and 内容 80, the content split into subject, facts and
/// evidence, law, discretion, procedure, documents and archiving), and the grade thresholds. Written by the supervisor as
/// plain text (<see cref="Parse"/>; docs/case-file-evaluation.md) and frozen into each evaluation, so a later change of
/// the form never changes a finished evaluation's scores.
/// </summary>
public sealed record ScoringForm(string Name, IReadOnlyList<VetoItem> Vetoes, IReadOnlyList<ScoringPart> Parts, decimal Excellent, decimal Pass)
{
    public const decimal Total = 100m;
    public const int MaxLength = 20_000;
    public const int MaxItems = 200;
    public const int MaxTextLength = 200;

    public IEnumerable<ScoringItem> Items => Parts.SelectMany(p => p.Groups).SelectMany(g => g.Items);

    /// <summary>The grade of a score (优秀 / 合格 / 不合格); a vetoed file is 不合格 whatever its points.</summary>
    public string Grade(decimal score, bool vetoed) =>
        vetoed ? EvaluationGrades.Fail : score >= Excellent ? EvaluationGrades.Excellent : score >= Pass ? EvaluationGrades.Passed : EvaluationGrades.Fail;

    /// <summary>
    /// Reads the text form. Lines: <c># 注释</c>; <c>名称 …</c>; <c>优秀 90</c> and <c>合格 70</c>; <c>否决 文字</c> (optionally
    /// ending in <c>【预检：代码】</c>); <c>= 部分 分值</c>; <c>== 分项 分值</c>; <c>- 评查要点 分值</c>. Every problem is reported
    /// with its line number; the points must add up: items to their group, groups to their part, parts to 100.
    /// </summary>
    public static (ScoringForm? Form, IReadOnlyList<RegistryProblem> Problems) Parse(string? text)
    {
        var problems = new List<RegistryProblem>();
        void Problem(int line, string message) => problems.Add(new RegistryProblem("form", line > 0 ? $"评分表第 {line} 行：{message}" : $"评分表：{message}"));

        if (string.IsNullOrWhiteSpace(text))
        {
            Problem(0, "评分表不能为空；可以在默认评分表的基础上修改。");
            return (null, problems);
        }

        if (text.Length > MaxLength)
        {
            Problem(0, $"评分表不能超过 {MaxLength} 个字符（现有 {text.Length} 个）。");
            return (null, problems);
        }

        string name = "";
        decimal? excellent = null, pass = null;
        var vetoes = new List<(int Line, string Text, string? Check)>();
        var parts = new List<(int Line, string Name, decimal Points, List<(int Line, string Name, decimal Points, bool Implicit, List<(int Line, string Text, decimal Points)> Items)> Groups)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var n = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length > MaxTextLength + 20)
            {
                Problem(n, $"一行不能超过 {MaxTextLength} 个字。");
                continue;
            }

            if (line.IndexOfAny(['<', '>']) >= 0)
            {
                Problem(n, "不能含有尖括号“<”“>”（评分表是纯文字）。");
                continue;
            }

            if (line.StartsWith("名称", StringComparison.Ordinal))
            {
                name = line[2..].Trim(' ', '：', ':');
                continue;
            }

            if (line.StartsWith("优秀", StringComparison.Ordinal) || line.StartsWith("合格", StringComparison.Ordinal))
            {
                if (!TryPoints(line[2..].Trim(' ', '：', ':', '分'), out var t) || t > Total)
                {
                    Problem(n, $"“{line[..2]}”后应写分数线（0 至 100 分，例如“{line[..2]} {(line[0] == '优' ? "90" : "70")}”）。");
                }
                else if (line[0] == '优')
                {
                    excellent = t;
                }
                else
                {
                    pass = t;
                }

                continue;
            }

            if (line.StartsWith("否决", StringComparison.Ordinal))
            {
                var body = line[2..].Trim(' ', '：', ':');
                string? check = null;
                var mark = body.IndexOf("【预检：", StringComparison.Ordinal);
                if (mark >= 0 && body.EndsWith('】'))
                {
                    check = body[(mark + 4)..^1].Trim();
                    body = body[..mark].Trim();
                    if (!EvaluationPreChecks.IsVetoCheck(check))
                    {
                        Problem(n, $"预检代码“{check}”不存在；可用的有：{string.Join("、", EvaluationPreChecks.VetoChecks.Select(c => c.Code))}。");
                    }
                }

                if (body.Length == 0)
                {
                    Problem(n, "否决项应写明内容，例如“否决 执法主体不合法”。");
                }
                else
                {
                    vetoes.Add((n, body, check));
                }

                continue;
            }

            var level = line.StartsWith("==", StringComparison.Ordinal) ? 2 : line.StartsWith('=') ? 1 : line.StartsWith('-') ? 3 : 0;
            if (level == 0)
            {
                Problem(n, "无法识别。每行应以“否决”“= ”（部分）、“== ”（分项）、“- ”（评查要点）、“优秀”“合格”或“名称”开头，“#”开头的是注释。");
                continue;
            }

            var content = line[(level == 2 ? 2 : 1)..].Trim();
            var space = content.LastIndexOfAny([' ', '\t', '　']);
            var pointsText = space < 0 ? "" : content[(space + 1)..].TrimEnd('分');
            if (space < 0 || !TryPoints(pointsText, out var points) || points <= 0)
            {
                Problem(n, "行末应写分值（大于 0 的数，最多一位小数，与文字之间用空格隔开），例如“- 案卷封面填写完整规范 2”。");
                continue;
            }

            var label = content[..space].Trim();
            if (label.Length == 0)
            {
                Problem(n, "应写明名称或评查要点。");
                continue;
            }

            if (label.Length > MaxTextLength)
            {
                Problem(n, $"文字不能超过 {MaxTextLength} 个字。");
                continue;
            }

            switch (level)
            {
                case 1:
                    parts.Add((n, label, points, []));
                    break;
                case 2 when parts.Count == 0:
                    Problem(n, "分项（“== ”）应写在某个部分（“= ”）之下。");
                    break;
                case 2:
                    parts[^1].Groups.Add((n, label, points, false, []));
                    break;
                case 3 when parts.Count == 0:
                    Problem(n, "评查要点（“- ”）应写在某个部分（“= ”）之下。");
                    break;
                default:
                    var part = parts[^1];
                    if (part.Groups.Count == 0)
                    {
                        part.Groups.Add((part.Line, part.Name, part.Points, true, []));
                    }

                    part.Groups[^1].Items.Add((n, label, points));
                    break;
            }
        }

        excellent ??= 90m;
        pass ??= 70m;
        if (pass > excellent)
        {
            Problem(0, $"合格分数线（{Text(pass.Value)} 分）不能高于优秀分数线（{Text(excellent.Value)} 分）。");
        }

        if (parts.Count == 0)
        {
            Problem(0, "至少要有一个计分部分（例如“= 卷面 20”和“= 内容 80”）。");
        }

        var itemCount = 0;
        foreach (var part in parts)
        {
            if (part.Groups.Count == 0)
            {
                Problem(part.Line, $"部分“{part.Name}”下没有评查要点。");
                continue;
            }

            foreach (var group in part.Groups.Where(g => !g.Implicit))
            {
                if (group.Items.Count == 0)
                {
                    Problem(group.Line, $"分项“{group.Name}”下没有评查要点。");
                }
                else if (group.Items.Sum(i => i.Points) is var sum && sum != group.Points)
                {
                    Problem(group.Line, $"分项“{group.Name}”为 {Text(group.Points)} 分，其下评查要点合计 {Text(sum)} 分，分值不一致。");
                }
            }

            if (part.Groups.Any(g => g.Implicit) && part.Groups.Any(g => !g.Implicit))
            {
                Problem(part.Line, $"部分“{part.Name}”中，评查要点要么全部直接写在部分之下，要么全部写在分项之下，不能混用。");
            }

            var groupSum = part.Groups.Where(g => !g.Implicit).Sum(g => g.Points) + part.Groups.Where(g => g.Implicit).SelectMany(g => g.Items).Sum(i => i.Points);
            if (groupSum != part.Points)
            {
                Problem(part.Line, $"部分“{part.Name}”为 {Text(part.Points)} 分，其下{(part.Groups.Any(g => !g.Implicit) ? "分项" : "评查要点")}合计 {Text(groupSum)} 分，分值不一致。");
            }

            itemCount += part.Groups.Sum(g => g.Items.Count);
        }

        if (parts.Count > 0 && parts.Sum(p => p.Points) is var total && total != Total)
        {
            Problem(0, $"各部分合计 {Text(total)} 分（{string.Join(" + ", parts.Select(p => $"{p.Name} {Text(p.Points)}"))}），应为 100 分。");
        }

        if (itemCount > MaxItems)
        {
            Problem(0, $"评查要点不能超过 {MaxItems} 条（现有 {itemCount} 条）。");
        }

        foreach (var dup in parts.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            Problem(dup.Skip(1).First().Line, $"部分“{dup.Key}”重复。");
        }

        foreach (var dup in vetoes.GroupBy(v => v.Text).Where(g => g.Count() > 1))
        {
            Problem(dup.Skip(1).First().Line, $"否决项“{dup.Key}”重复。");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var code = 0;
        var form = new ScoringForm(
            name.Length == 0 ? "行政执法案卷评查评分表" : name,
            [.. vetoes.Select((v, i) => new VetoItem("V" + (i + 1).ToString(CultureInfo.InvariantCulture), v.Text, v.Check))],
            [.. parts.Select(p => new ScoringPart(p.Name, p.Points, [.. p.Groups.Select(g => new ScoringGroup(g.Name, g.Implicit ? g.Items.Sum(i => i.Points) : g.Points,
                [.. g.Items.Select(i => new ScoringItem((++code).ToString(CultureInfo.InvariantCulture), i.Text, i.Points))]))]))],
            excellent.Value, pass.Value);
        return (form, []);
    }

    public static string Text(decimal points) => points.ToString("0.#", CultureInfo.InvariantCulture);

    private static bool TryPoints(string text, out decimal points) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out points) && decimal.Round(points, 1) == points;

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["excellent"] = Excellent,
        ["pass"] = Pass,
        ["vetoes"] = new JsonArray([.. Vetoes.Select(v => (JsonNode)new JsonObject { ["code"] = v.Code, ["text"] = v.Text, ["preCheck"] = v.PreCheck })]),
        ["parts"] = new JsonArray([.. Parts.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["points"] = p.Points,
            ["groups"] = new JsonArray([.. p.Groups.Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g.Name,
                ["points"] = g.Points,
                ["items"] = new JsonArray([.. g.Items.Select(i => (JsonNode)new JsonObject { ["code"] = i.Code, ["text"] = i.Text, ["points"] = i.Points })]),
            })]),
        })]),
    };

    /// <summary>The default form: the common provincial layout (docs/case-file-evaluation.md).</summary>
    public static readonly string DefaultText = BuildDefault();

    private static string BuildDefault()
    {
        var b = new StringBuilder();
        b.AppendLine("名称 行政执法案卷评查评分表（通用）");
        b.AppendLine("# 评查结果：有否决项的案卷为不合格案卷；其余按得分评定，90 分以上为优秀，70 分以上不满 90 分为合格，不满 70 分为不合格。");
        b.AppendLine("优秀 90");
        b.AppendLine("合格 70");
        b.AppendLine("# 否决项：存在下列情形之一的，案卷评为不合格。【预检：…】表示平台会先从数据中检查并提示评查人员，由评查人员认定。");
        b.AppendLine("否决 执法主体不合法，或者超越法定职权作出行政执法决定【预检：agency】");
        b.AppendLine("否决 执法人员未取得行政执法证件或者证件失效【预检：certificate】");
        b.AppendLine("否决 执法人员少于两人（法律另有规定的除外）【预检：officers】");
        b.AppendLine("否决 认定事实不清，主要证据不足【预检：evidence】");
        b.AppendLine("否决 适用法律、法规、规章错误");
        b.AppendLine("否决 应当进行法制审核而未审核，或者审核未通过即作出决定【预检：review】");
        b.AppendLine("= 卷面 20");
        b.AppendLine("- 案卷封面、卷内目录、备考表填写完整、规范 4");
        b.AppendLine("- 卷内文书材料按照立案、调查、审核、决定、送达、执行的顺序排列，编页连续 4");
        b.AppendLine("- 文书使用统一格式文本，填写规范，字迹清楚、无涂改 4");
        b.AppendLine("- 文书编号（文号）规范、连续 3");
        b.AppendLine("- 签名、盖章、日期齐全 3");
        b.AppendLine("- 证据材料（照片、视听资料、电子数据）标注来源、时间、制作人 2");
        b.AppendLine("= 内容 80");
        b.AppendLine("== 主体认定 8");
        b.AppendLine("- 执法主体适格，在法定职权范围内实施 4");
        b.AppendLine("- 当事人认定准确，身份证明或者主体资格证明材料齐全 4");
        b.AppendLine("== 事实证据 20");
        b.AppendLine("- 违法事实认定清楚，时间、地点、情节等要素齐全 8");
        b.AppendLine("- 证据确实充分，证据之间相互印证，形成完整的证据链 8");
        b.AppendLine("- 证据收集程序合法，询问笔录、现场检查笔录制作规范 4");
        b.AppendLine("== 法律适用 14");
        b.AppendLine("- 适用法律、法规、规章准确，引用条款完整、具体 8");
        b.AppendLine("- 定性准确，违法行为与所引条款相符 6");
        b.AppendLine("== 自由裁量 10");
        b.AppendLine("- 处理结果符合裁量基准，过罚相当 6");
        b.AppendLine("- 从轻、减轻、从重情节认定有据，理由在文书中说明 4");
        b.AppendLine("== 执法程序 16");
        b.AppendLine("- 立案、调查、审核、决定等环节符合法定程序和时限 6");
        b.AppendLine("- 依法履行告知义务，保障当事人陈述、申辩和要求听证的权利 6");
        b.AppendLine("- 回避、审批、集体讨论等制度落实 4");
        b.AppendLine("== 执法文书 6");
        b.AppendLine("- 决定书载明事项完整，救济途径和期限告知正确 4");
        b.AppendLine("- 文书依法送达，送达回证或者送达凭证齐全 2");
        b.AppendLine("== 立卷归档 6");
        b.AppendLine("- 执行到位，罚没款缴纳凭证等执行材料齐全 3");
        b.AppendLine("- 按期结案归档，全过程记录材料完整归档 3");
        return b.ToString();
    }
}

/// <summary>评查等次.</summary>
public static class EvaluationGrades
{
    public const string Excellent = "优秀";
    public const string Passed = "合格";
    public const string Fail = "不合格";
    public static readonly IReadOnlyList<string> All = [Excellent, Passed, Fail];
}
