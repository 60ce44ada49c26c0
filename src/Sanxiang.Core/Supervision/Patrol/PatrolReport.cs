using System.Globalization;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;

namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>
/// 网上巡查情况通报: the patrol's report, laid out as a <see cref="DocumentContent"/> so that the case documents' DOCX and
/// PDF renderers draw it (same fonts, page and type sizes, GB/T 9704-2012).
/// </summary>
public static class PatrolReport
{
    public static DocumentContent Build(OnlinePatrol patrol, string issuer, IReadOnlyList<PatrolAgency> agencies, IReadOnlyList<PatrolFinding> findings,
        IReadOnlyList<PatrolSample> samples, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(patrol);
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(samples);
        var q = patrol.Quarter;
        var sent = findings.Where(f => f.Status != PatrolWorkflow.Dismissed).ToList();
        var names = agencies.ToDictionary(a => a.AgencyId, a => a.AgencyName);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var blocks = new List<DocumentBlock>
        {
            new ParagraphBlock("各行政执法机关：", Indent: false),
            new ParagraphBlock($"根据行政执法公示制度的要求，{issuer}于{LegalPeriods.Text(patrol.StartedOn)}对{N(agencies.Count)}个行政执法机关{q.Chinese}"
                + $"（{LegalPeriods.Text(patrol.PeriodFrom)}至{LegalPeriods.Text(patrol.PeriodTo)}）在行政执法信息公示平台公示的内容开展了网上巡查。"
                + (patrol.Partial ? $"巡查时本季度尚未结束，巡查范围截至{LegalPeriods.Text(patrol.PeriodTo)}，此后公示的内容在下次巡查中检查。" : "")
                + "现将巡查情况通报如下："),
            new ParagraphBlock("一、巡查内容和方式", Indent: true, Bold: true),
            new ParagraphBlock("本次巡查由平台对各机关公示页面和开放数据逐项自动检查：执法事项清单和执法人员名单是否公示并现行有效；公示的执法决定载明的执法人员是否在执法人员名单内；"
                + "执法决定是否在规定期限内公示；一般程序行政处罚决定是否公示全文；被撤销、确认违法或者责令重作的决定是否在三日内撤回；公示文本中是否仍有应当隐去的个人信息。"
                + $"同时按随机种子（{patrol.Seed}）从每个机关本季度公示的决定中各抽取不超过{N(PatrolSampling.Size)}件进行人工核查，共抽查{N(samples.Count)}件。"),
            new ParagraphBlock("二、巡查结果", Indent: true, Bold: true),
            new ParagraphBlock(sent.Count == 0
                ? "本次巡查未发现问题。"
                : $"本次巡查共发现问题{N(sent.Count)}个，涉及{N(sent.Select(f => f.AgencyId).Distinct().Count())}个机关，其中严重问题{N(sent.Count(f => f.Severity == PatrolSeverity.Serious))}个；"
                  + $"已确认整改{N(sent.Count(f => f.Status == PatrolWorkflow.Confirmed))}个。各机关情况如下表。"),
            new TableBlock("表1　各机关巡查情况", ["机关", "公示人员", "应公示决定", "应撤回", "在公示决定", "抽查", "问题", "已整改"],
                [.. agencies.OrderBy(a => a.SortOrder).Select(a => (IReadOnlyList<string>)[
                    a.AgencyName, N(a.Officers), N(a.TasksDue), N(a.Withdrawals), N(a.Entries),
                    N(samples.Count(s => s.AgencyId == a.AgencyId)),
                    N(sent.Count(f => f.AgencyId == a.AgencyId)),
                    N(sent.Count(f => f.AgencyId == a.AgencyId && f.Status == PatrolWorkflow.Confirmed))])]),
        };
        if (sent.Count > 0)
        {
            blocks.Add(new ParagraphBlock("三、发现的问题及整改情况", Indent: true, Bold: true));
            foreach (var group in sent.OrderBy(f => agencies.FirstOrDefault(a => a.AgencyId == f.AgencyId)?.SortOrder ?? 0).ThenBy(f => f.Number).GroupBy(f => f.AgencyId))
            {
                blocks.Add(new ParagraphBlock($"（{names.GetValueOrDefault(group.Key, "")}）", Indent: true, Bold: true));
                foreach (var f in group)
                {
                    blocks.Add(new ParagraphBlock($"{N(f.Number)}. 【{f.Kind.Chinese()}·{f.Severity.Chinese()}】{f.Entry}：{f.Found}（依据：{f.Rule}；来源：{f.Source}）"));
                    var answer = f.Answer is null
                        ? f.AnswerDueOn is { } due ? $"尚未答复（答复期限{LegalPeriods.Text(due)}{(f.IsOverdue(today) ? "，已逾期" : "")}）。" : "尚未下发。"
                        : $"{f.Answer}（{f.AnsweredByName}，{(f.AnsweredOn is { } on ? LegalPeriods.Text(on) : "")}）";
                    blocks.Add(new ParagraphBlock($"整改答复：{answer}"));
                    blocks.Add(new ParagraphBlock($"审核状态：{f.Status}{(f.Review is null ? "" : "。意见：" + f.Review)}"));
                }
            }
        }

        blocks.Add(new ParagraphBlock(sent.Count > 0 ? "四、工作要求" : "三、工作要求", Indent: true, Bold: true));
        blocks.Add(new ParagraphBlock(patrol.AnswerDueOn is { } d
            ? $"请有关机关对照问题逐项整改，于{LegalPeriods.Text(d)}前在平台答复整改情况；举一反三，落实公示专员审核责任，确保公示信息及时、准确、完整，依法保护个人信息。"
            : "请各机关落实公示专员审核责任，确保公示信息及时、准确、完整，依法保护个人信息。"));
        return new DocumentContent(issuer, patrol.Title, $"网上巡查 {q.Code}（{patrol.Status}）", blocks, new SealBlock(issuer, today));
    }
}
