using System.Globalization;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Supervision.AnnualReport;

/// <summary>One line of the figures as the spreadsheet lists it.</summary>
public sealed record AnnualFigureRow(string Section, string Key, string Label, string Value, string Unit, string? Note);

/// <summary>
/// 行政执法数据年度报告 laid out as a <see cref="DocumentContent"/> (drawn by the case documents' DOCX and PDF renderers,
/// as the patrol report is) and as a spreadsheet of the figures (the tabular engine's .xlsx writer).
/// </summary>
public static class AnnualReportDocument
{
    /// <summary>The report's title: 安和县市场监督管理局2025年度行政执法数据报告.</summary>
    public static string Title(string agencyName, int year) => string.Create(CultureInfo.InvariantCulture, $"{agencyName}{year}年度行政执法数据报告");

    /// <param name="status">草稿 (figures as computed today, marked as such), 已公布 or 已更正.</param>
    public static DocumentContent Build(AnnualFigures figures, AnnualCommentary commentary, int version, string status, DateOnly? publishedOn, string? correctionReason)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(commentary);
        var year = figures.Year;
        var blocks = new List<DocumentBlock>
        {
            new ParagraphBlock(string.Create(CultureInfo.InvariantCulture,
                $"根据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）关于行政执法机关在每年1月31日前公开本机关上年度行政执法总体情况有关数据的要求，现将{figures.AgencyName}{year}年度行政执法数据报告如下。")),
        };
        if (status == AnnualReportStatus.Draft)
        {
            blocks.Add(new ParagraphBlock($"（草稿：以下数据按{LegalPeriods.Text(figures.ComputedOn)}平台数据生成，公布时固定。）"));
        }

        foreach (var section in figures.Sections)
        {
            blocks.Add(new ParagraphBlock(section.Title, Indent: true, Bold: true));
            // Three columns (the renderers give four-column tables a narrow first column for a serial number).
            blocks.Add(new TableBlock(null, ["项目", "数量", "说明"],
                [.. section.Figures.Select(f => (IReadOnlyList<string>)[f.Label, f.DisplayWithUnit(), f.Note ?? ""])]));
        }

        var n = figures.Sections.Count;
        foreach (var (label, text) in new[] { ("工作总结", commentary.WorkSummary), ("存在问题", commentary.Problems), ("下一步工作", commentary.NextSteps) })
        {
            n++;
            blocks.Add(new ParagraphBlock($"{Numeral(n)}、{label}", Indent: true, Bold: true));
            var paragraphs = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (paragraphs.Length == 0)
            {
                blocks.Add(new ParagraphBlock("（尚未填写）"));
            }

            blocks.AddRange(paragraphs.Select(p => new ParagraphBlock(p)));
        }

        blocks.Add(new ParagraphBlock(string.Create(CultureInfo.InvariantCulture,
            $"说明：本报告数据由行政执法信息平台按{year}年1月1日至12月31日（北京时间）统计；执法人员按{year}年12月31日有效的执法人员名单统计。"
            + $"标注“{AnnualFigure.NotRecorded}”的项目，平台未设相应记录，不作统计，相关情况以本机关台账为准。")));
        if (version > 1 && correctionReason is not null)
        {
            blocks.Add(new ParagraphBlock(string.Create(CultureInfo.InvariantCulture, $"更正说明：本报告为第{version}版，更正原因：{correctionReason}")));
        }

        var number = status == AnnualReportStatus.Draft
            ? "草稿"
            : string.Create(CultureInfo.InvariantCulture, $"第{version}版 {status}{(publishedOn is { } on ? "，" + LegalPeriods.Text(on) + "公布" : "")}");
        return new DocumentContent(figures.AgencyName, Title(figures.AgencyName, year), number, blocks,
            new SealBlock(figures.AgencyName, publishedOn ?? figures.ComputedOn));
    }

    public static IEnumerable<AnnualFigureRow> Rows(AnnualFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.Sections.SelectMany(s => s.Figures.Select(f =>
            new AnnualFigureRow(s.Title, f.Key, f.Label, f.Display(), f.IsRate || !f.Recorded ? "" : f.Unit, f.Note)));
    }

    /// <summary>The spreadsheet's columns (the same layout reads it back in tests).</summary>
    public static readonly TableLayout<AnnualFigureRow> Layout = BuildLayout();

    private static TableLayout<AnnualFigureRow> BuildLayout()
    {
        var b = new TableLayoutBuilder<AnnualFigureRow>("年度执法数据");
        var section = b.Required("类别", "section", CellParsers.Text(40), r => r.Section, "报告中的部分", "二、行政处罚");
        var key = b.Required("指标代码", "key", CellParsers.Text(60), r => r.Key, "指标的固定代码，见 docs/annual-report.md", "penalty.fine");
        var label = b.Required("指标", "label", CellParsers.Text(100), r => r.Label, "指标名称", "罚款");
        var value = b.Required("数量", "value", CellParsers.Text(60), r => r.Value, "统计结果；比率附分子和分母；平台未记录的写“本平台未记录”", "12");
        var unit = b.Optional("单位", "unit", CellParsers.Text(10), r => r.Unit.Length == 0 ? null : r.Unit, "件、元、户、人等", "件");
        var note = b.Optional("说明", "note", CellParsers.Text(200), r => r.Note, "统计口径说明", "按决定作出之日统计");
        return b.Build(ctx => new AnnualFigureRow(ctx.Get(section), ctx.Get(key), ctx.Get(label), ctx.Get(value), ctx.GetOrNull(unit) ?? "", ctx.GetOrNull(note)));
    }

    private static string Numeral(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => "十" + Numeral(n - 10),
    };
}
