using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision.Evaluation;

/// <summary>A deduction on one point of the form, with its reason.</summary>
public sealed record ItemMark(string Code, decimal Deduction, string? Reason);

/// <summary>The evaluator's finding on a veto item: it holds (with the reason) or, for a flagged one, why it does not.</summary>
public sealed record VetoMark(string Code, bool Holds, string? Reason);

/// <summary>Everything an evaluator entered for one file.</summary>
public sealed record FileMarks(IReadOnlyList<ItemMark> Items, IReadOnlyList<VetoMark> Vetoes, string? Comment)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FileMarks FromJson(string json) => JsonSerializer.Deserialize<FileMarks>(json, Json)!;
}

/// <summary>A file's score, grade and whether a veto made it fail.</summary>
public sealed record FileScore(decimal Score, string Grade, bool Vetoed);

/// <summary>
/// Checks an evaluator's marks against the frozen form and computes the file's score (100 minus the deductions), its grade
/// and the veto. A deduction is between 0 and the point's value in steps of 0.5 and needs a reason; a veto that holds needs
/// a reason; a veto the platform flagged must be answered either way, with the reason when dismissed.
/// </summary>
public static class EvaluationScoring
{
    public const int MaxReason = 300;
    public const int MaxComment = 2000;

    public static (FileScore? Score, IReadOnlyList<RegistryProblem> Problems) Score(ScoringForm form, IReadOnlyList<PreCheckFlag> flags, FileMarks marks)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(marks);
        var problems = new List<RegistryProblem>();
        var items = form.Items.ToDictionary(i => i.Code);
        foreach (var dup in marks.Items.GroupBy(m => m.Code).Where(g => g.Count() > 1))
        {
            problems.Add(new("items", $"评查要点 {dup.Key} 重复打分。"));
        }

        foreach (var m in marks.Items)
        {
            var field = "item" + m.Code;
            if (!items.TryGetValue(m.Code, out var item))
            {
                problems.Add(new(field, $"评分表中没有第 {m.Code} 项评查要点。"));
                continue;
            }

            if (m.Deduction < 0 || m.Deduction > item.Points || decimal.Remainder(m.Deduction * 2, 1) != 0)
            {
                problems.Add(new(field, $"第 {m.Code} 项“{item.Text}”扣分应在 0 至 {ScoringForm.Text(item.Points)} 分之间，以 0.5 分为单位（填写的是 {m.Deduction.ToString("0.##", CultureInfo.InvariantCulture)}）。"));
            }
            else if (m.Deduction > 0 && string.IsNullOrWhiteSpace(m.Reason))
            {
                problems.Add(new(field, $"第 {m.Code} 项扣 {ScoringForm.Text(m.Deduction)} 分，应写明扣分理由。"));
            }

            CheckText(problems, field, m.Reason, MaxReason, $"第 {m.Code} 项的扣分理由");
        }

        var vetoes = form.Vetoes.ToDictionary(v => v.Code);
        foreach (var v in marks.Vetoes)
        {
            var field = "veto" + v.Code;
            if (!vetoes.TryGetValue(v.Code, out var veto))
            {
                problems.Add(new(field, $"评分表中没有否决项 {v.Code}。"));
                continue;
            }

            var flagged = flags.Any(f => f.Veto == v.Code);
            if (v.Holds && string.IsNullOrWhiteSpace(v.Reason))
            {
                problems.Add(new(field, $"认定否决项“{veto.Text}”成立，应写明事实和理由。"));
            }
            else if (!v.Holds && flagged && string.IsNullOrWhiteSpace(v.Reason))
            {
                problems.Add(new(field, $"平台预检提示了否决项“{veto.Text}”，认定不成立的，应写明理由。"));
            }

            CheckText(problems, field, v.Reason, MaxReason, $"否决项“{veto.Text}”的理由");
        }

        foreach (var flag in flags.Where(f => f.Veto is not null).DistinctBy(f => f.Veto))
        {
            if (marks.Vetoes.All(v => v.Code != flag.Veto))
            {
                problems.Add(new("veto" + flag.Veto, $"平台预检提示了否决项“{vetoes[flag.Veto!].Text}”（{flag.Text}），请认定成立或者不成立。"));
            }
        }

        CheckText(problems, "comment", marks.Comment, MaxComment, "评查意见");
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var score = ScoringForm.Total - marks.Items.Sum(m => m.Deduction);
        var vetoed = marks.Vetoes.Any(v => v.Holds);
        return (new FileScore(score, form.Grade(score, vetoed), vetoed), []);
    }

    private static void CheckText(List<RegistryProblem> problems, string field, string? text, int max, string what)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length > max)
        {
            problems.Add(new(field, $"{what}不能超过 {max} 个字（现有 {text.Length} 个）。"));
        }
        else if (text.IndexOfAny(['<', '>']) >= 0)
        {
            problems.Add(new(field, $"{what}不能含有尖括号“<”“>”，请用文字表述。"));
        }
    }

    /// <summary>The form frozen into an evaluation, read back from <see cref="ScoringForm.ToJson"/>.</summary>
    public static ScoringForm FormFromJson(string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        return new ScoringForm(
            (string)o["name"]!,
            [.. o["vetoes"]!.AsArray().Select(v => new VetoItem((string)v!["code"]!, (string)v["text"]!, (string?)v["preCheck"]))],
            [.. o["parts"]!.AsArray().Select(p => new ScoringPart((string)p!["name"]!, (decimal)p["points"]!,
                [.. p["groups"]!.AsArray().Select(g => new ScoringGroup((string)g!["name"]!, (decimal)g["points"]!,
                    [.. g["items"]!.AsArray().Select(i => new ScoringItem((string)i!["code"]!, (string)i["text"]!, (decimal)i["points"]!))]))]))],
            (decimal)o["excellent"]!, (decimal)o["pass"]!);
    }
}

/// <summary>One agency's results: files, average (a vetoed file counts 0), grades and its place.</summary>
public sealed record AgencyEvaluationResult(Guid AgencyId, string Agency, int Files, int Scored, decimal Average, int Excellent, int Passed, int Failed, int Vetoed, int Rank);

public static class EvaluationRanking
{
    /// <summary>
    /// Ranks agencies by average score (a vetoed file counts 0), then by the share of excellent files, then by name; equal
    /// averages and shares share a place.
    /// </summary>
    public static IReadOnlyList<AgencyEvaluationResult> Rank(IEnumerable<EvaluatedFile> files)
    {
        var rows = files.GroupBy(f => (f.AgencyId, f.AgencyName)).Select(g =>
        {
            var scored = g.Where(f => f.Score is not null).ToList();
            var average = scored.Count == 0 ? 0m : decimal.Round(scored.Average(f => f.Vetoed ? 0m : f.Score!.Value), 1, MidpointRounding.AwayFromZero);
            return new AgencyEvaluationResult(g.Key.AgencyId, g.Key.AgencyName, g.Count(), scored.Count, average,
                scored.Count(f => f.Grade == EvaluationGrades.Excellent), scored.Count(f => f.Grade == EvaluationGrades.Passed),
                scored.Count(f => f.Grade == EvaluationGrades.Fail), scored.Count(f => f.Vetoed), 0);
        }).OrderByDescending(r => r.Average).ThenByDescending(r => r.Files == 0 ? 0 : (decimal)r.Excellent / r.Files).ThenBy(r => r.Agency, StringComparer.Ordinal).ToList();
        var ranked = new List<AgencyEvaluationResult>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var same = i > 0 && rows[i].Average == rows[i - 1].Average && rows[i].Excellent * rows[i - 1].Files == rows[i - 1].Excellent * rows[i].Files;
            ranked.Add(rows[i] with { Rank = same ? ranked[i - 1].Rank : i + 1 });
        }

        return ranked;
    }
}
