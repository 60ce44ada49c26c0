using System.Globalization;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;

namespace Sanxiang.Core.Supervision.Evaluation;

/// <summary>
/// 行政执法案卷评查情况通报: the evaluation's report, laid out as a <see cref="DocumentContent"/> so the case documents'
/// DOCX and PDF renderers draw it. The per-file table names the case numbers (the report is internal); an agency gets the
/// report limited to its own files.
/// </summary>
public static class EvaluationReport
{
    public static DocumentContent Build(CaseFileEvaluation evaluation, ScoringForm form, string issuer, IReadOnlyList<EvaluatedFile> files, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(files);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        string P(decimal d) => d.ToString("0.0", CultureInfo.InvariantCulture);
        var scored = files.Where(f => f.Score is not null).ToList();
        var ranking = EvaluationRanking.Rank(files);
        var average = scored.Count == 0 ? 0m : decimal.Round(scored.Average(f => f.Vetoed ? 0m : f.Score!.Value), 1, MidpointRounding.AwayFromZero);
        var blocks = new List<DocumentBlock>
        {
            new ParagraphBlock("各行政执法机关：", Indent: false),
            new ParagraphBlock($"根据行政执法案卷评查制度，{issuer}组织开展了{evaluation.Title}。现将评查情况通报如下："),
            new ParagraphBlock("一、评查范围和方法", Indent: true, Bold: true),
            new ParagraphBlock($"本次评查的范围是{LegalPeriods.Text(evaluation.PeriodFrom)}至{LegalPeriods.Text(evaluation.PeriodTo)}期间结案归档的行政执法案卷。"
                + $"平台从各机关的案卷中随机抽取，每个机关抽取{N(evaluation.PerAgency)}件（不足的全部抽取），共抽取{N(ranking.Count)}个机关的案卷{N(files.Count)}件。"
                + $"抽取前已在行政执法全过程记录中公布随机种子的承诺值（{evaluation.Commitment}）和冻结的案卷名单摘要，抽取后公布种子，任何人可以复核抽取结果。"
                + "评查实行交叉评查，评查人员不评查本机关的案卷。"),
            new ParagraphBlock($"评查使用《{form.Name}》：设否决项{N(form.Vetoes.Count)}项，存在否决项的案卷评为不合格；其余按百分制评分，"
                + string.Join("、", form.Parts.Select(p => $"{p.Name}{ScoringForm.Text(p.Points)}分"))
                + $"，{ScoringForm.Text(form.Excellent)}分以上为优秀，{ScoringForm.Text(form.Pass)}分以上不满{ScoringForm.Text(form.Excellent)}分为合格，不满{ScoringForm.Text(form.Pass)}分为不合格。"
                + "平台对能够从数据中核查的否决情形作了预检，提示评查人员逐项认定。"),
            new ParagraphBlock("二、评查结果", Indent: true, Bold: true),
            new ParagraphBlock(scored.Count == 0 ? "尚无评分结果。"
                : $"已评查案卷{N(scored.Count)}件，平均得分{P(average)}分（否决的案卷按0分计），其中优秀{N(scored.Count(f => f.Grade == EvaluationGrades.Excellent))}件、"
                  + $"合格{N(scored.Count(f => f.Grade == EvaluationGrades.Passed))}件、不合格{N(scored.Count(f => f.Grade == EvaluationGrades.Fail))}件（因否决项不合格{N(scored.Count(f => f.Vetoed))}件）。"
                  + "各机关得分和排名见表1，逐卷结果见表2。"),
            new TableBlock("表1　各机关案卷评查得分和排名", ["排名", "机关", "抽查", "平均分", "优秀", "合格", "不合格"],
                [.. ranking.Select(r => (IReadOnlyList<string>)[N(r.Rank), r.Agency, N(r.Files), P(r.Average), N(r.Excellent), N(r.Passed), N(r.Failed)])]),
            new TableBlock("表2　逐卷评查结果", ["序号", "机关", "案号", "得分", "等次", "评查人员"],
                [.. files.OrderBy(f => f.Order).Select(f => (IReadOnlyList<string>)[N(f.Order), f.AgencyName, f.CaseNumber,
                    f.Score is { } s ? (f.Vetoed ? "否决" : ScoringForm.Text(s)) : "未评", f.Grade ?? "—", $"{f.EvaluatorName}（{f.EvaluatorAgencyName}）"])]),
        };

        var problems = Problems(form, scored);
        blocks.Add(new ParagraphBlock("三、存在的主要问题", Indent: true, Bold: true));
        if (problems.Count == 0)
        {
            blocks.Add(new ParagraphBlock("本次评查的案卷未发现扣分或者否决情形。"));
        }
        else
        {
            var k = 0;
            foreach (var (what, count, examples) in problems)
            {
                blocks.Add(new ParagraphBlock($"（{Chinese(++k)}）{what}：涉及{N(count)}件案卷。{string.Join("；", examples)}。"));
            }
        }

        blocks.Add(new ParagraphBlock("四、工作要求", Indent: true, Bold: true));
        blocks.Add(new ParagraphBlock(evaluation.Summary is { Length: > 0 } summary ? summary
            : "各机关要对照评查发现的问题逐件整改，举一反三，规范执法程序和执法文书，落实法制审核和全过程记录制度，不断提高办案质量。"));
        return new DocumentContent(issuer, $"关于{evaluation.Title}情况的通报", evaluation.Number, blocks, new SealBlock(issuer, today));
    }

    /// <summary>Vetoes first, then the points most often deducted, each with up to three cases as examples.</summary>
    public static IReadOnlyList<(string What, int Count, IReadOnlyList<string> Examples)> Problems(ScoringForm form, IReadOnlyList<EvaluatedFile> scored)
    {
        ArgumentNullException.ThrowIfNull(form);
        var marks = scored.Where(f => f.MarksJson is not null).Select(f => (File: f, Marks: FileMarks.FromJson(f.MarksJson!))).ToList();
        var list = new List<(string, int, IReadOnlyList<string>)>();
        foreach (var veto in form.Vetoes)
        {
            var hit = marks.Where(m => m.Marks.Vetoes.Any(v => v.Code == veto.Code && v.Holds)).ToList();
            if (hit.Count > 0)
            {
                list.Add(($"否决项“{veto.Text}”", hit.Count, [.. hit.Take(3).Select(m => $"{m.File.CaseNumber}：{m.Marks.Vetoes.First(v => v.Code == veto.Code).Reason}")]));
            }
        }

        foreach (var item in form.Items)
        {
            var hit = marks.Where(m => m.Marks.Items.Any(i => i.Code == item.Code && i.Deduction > 0)).ToList();
            if (hit.Count > 0)
            {
                list.Add(($"“{item.Text}”扣分", hit.Count, [.. hit.Take(3).Select(m => $"{m.File.CaseNumber}：{m.Marks.Items.First(i => i.Code == item.Code).Reason}")]));
            }
        }

        return [.. list.OrderByDescending(p => p.Item1.StartsWith("否决", StringComparison.Ordinal)).ThenByDescending(p => p.Item2).Take(10)];
    }

    private static string Chinese(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
