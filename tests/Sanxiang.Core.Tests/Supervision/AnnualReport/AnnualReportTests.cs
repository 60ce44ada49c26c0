using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Supervision.AnnualReport;

/// <summary>The annual report's pure parts: the figures' layout and arithmetic, the year and commentary rules, the digest, the document and spreadsheet.</summary>
public sealed class AnnualReportTests
{
    private static readonly DateOnly Today = new(2026, 1, 15);

    private static AnnualInputs Inputs() => new()
    {
        LicensingApplications = 12, LicensingGranted = 10, LicensingRefused = 1,
        PenaltyDecisions = 5, PenaltySummary = 2, PenaltyGeneral = 3,
        DecisionKinds =
        [
            new HashSet<PenaltyKind> { PenaltyKind.Warning },
            new HashSet<PenaltyKind> { PenaltyKind.Warning, PenaltyKind.CriticismNotice },
            new HashSet<PenaltyKind> { PenaltyKind.Fine, PenaltyKind.ConfiscateIllegalGains },
            new HashSet<PenaltyKind> { PenaltyKind.Fine, PenaltyKind.ConfiscateIllegalGains, PenaltyKind.ConfiscateIllegalProperty, PenaltyKind.RevokeLicence },
            new HashSet<PenaltyKind> { PenaltyKind.SuspendProduction },
        ],
        FineYuan = 65_000, ConfiscationYuan = 1_350, NoPenalty = 2, Transferred = 1,
        PublishedOnTime = 7, PublishedLate = 2, PublicationMissing = 1, PublicationDue = 10,
        GeneralPenaltiesPublished = 3, WithFullText = 3, Officers = 40, Reviewers = 2,
    };

    private static AnnualFigures Figures() => AnnualReportFigures.Assemble(2025, "SCJG", "安和县市场监督管理局", Today, Inputs());

    [Fact]
    public void A_decision_counts_once_per_group_of_kinds_it_imposes()
    {
        var f = Figures();
        Assert.Equal(2, f.ValueOf("penalty.warning"));        // 警告 + 通报批评 together is one decision
        Assert.Equal(2, f.ValueOf("penalty.fine"));
        Assert.Equal(2, f.ValueOf("penalty.confiscation"));   // 没收违法所得 + 没收非法财物 together is one decision
        Assert.Equal(1, f.ValueOf("penalty.licence"));
        Assert.Equal(1, f.ValueOf("penalty.business"));
        Assert.Equal(0, f.ValueOf("penalty.detention"));
        Assert.Equal(65_000, f.ValueOf("penalty.fine-yuan"));
        Assert.Equal(1_350, f.ValueOf("penalty.confiscation-yuan"));
        Assert.Equal(5, f.ValueOf("penalty.decisions"));
        Assert.Equal(f.ValueOf("penalty.decisions"), f.ValueOf("penalty.summary") + f.ValueOf("penalty.general"));
    }

    [Fact]
    public void What_the_platform_does_not_record_says_so_and_is_never_zero()
    {
        var f = Figures();
        foreach (var key in new[] { "remedy.reconsideration", "remedy.litigation", "coercion.self", "other.levy" })
        {
            var figure = f.Find(key)!;
            Assert.False(figure.Recorded);
            Assert.Null(figure.Value);
            Assert.Equal("本平台未记录", figure.Display());
            Assert.Equal("本平台未记录", figure.DisplayWithUnit());
        }
    }

    [Fact]
    public void Rates_keep_their_parts_and_show_a_dash_without_a_denominator()
    {
        var f = Figures();
        Assert.Equal("70.0%（7/10）", f.Find("publicity.on-time-rate")!.Display());
        Assert.Equal("100.0%（3/3）", f.Find("publicity.full-text-rate")!.Display());
        Assert.Equal("5.0%（2/40）", f.Find("officers.reviewer-ratio")!.Display());
        var empty = AnnualReportFigures.Assemble(2025, "X", "某局", Today, new AnnualInputs());
        Assert.Equal("—", empty.Find("publicity.on-time-rate")!.Display());
        Assert.Equal("0 件", empty.Find("penalty.decisions")!.DisplayWithUnit());
        Assert.Equal("65,000 元", f.Find("penalty.fine-yuan")!.DisplayWithUnit());
    }

    [Fact]
    public void Every_key_is_unique_and_every_section_has_figures()
    {
        var f = Figures();
        var keys = f.Sections.SelectMany(s => s.Figures).Select(x => x.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(f.Sections, s => Assert.NotEmpty(s.Figures));
        Assert.Equal(["一、行政许可", "二、行政处罚", "三、行政强制", "四、行政检查", "五、其他行政执法行为", "六、听证、法制审核和救济", "七、执法决定公示", "八、行政执法人员"],
            f.Sections.Select(s => s.Title));
    }

    [Theory]
    [InlineData(2026, "尚未结束")]
    [InlineData(2027, "尚未开始")]
    [InlineData(2018, "不能早于")]
    [InlineData(null, "请填写报告年度")]
    public void Only_a_finished_year_may_be_reported(int? year, string reason)
    {
        var problem = AnnualReportRules.CheckYear(year, Today);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Null(AnnualReportRules.CheckYear(2025, Today));
        Assert.Equal(new DateOnly(2026, 1, 31), AnnualReportRules.DueOn(2025));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("见 <a href=\"x\">附件</a>", "<a href=\"x\">")]
    [InlineData("点此 javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("&lt;img src=x onerror=alert(1)&gt;", "&lt;img src=x onerro…")]
    public void Markup_is_refused_per_field_in_Chinese(string text, string found)
    {
        var (commentary, problems) = AnnualReportRules.Check(new AnnualCommentary("正常的总结。", text, "正常的计划。"), publishing: true);
        Assert.Null(commentary);
        var (field, message) = Assert.Single(problems);
        Assert.Equal("problems", field);
        Assert.Contains("“存在问题”只能填写纯文本", message, StringComparison.Ordinal);
        Assert.Contains(found, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparisons_and_long_texts_are_told_apart()
    {
        // 1<2 and “a < b” are not markup.
        var (ok, none) = AnnualReportRules.Check(new AnnualCommentary("罚款数额 1<2 万元的案件占多数；a < b。", null, null), publishing: false);
        Assert.Empty(none);
        Assert.Equal("罚款数额 1<2 万元的案件占多数；a < b。", ok!.WorkSummary);

        var (_, problems) = AnnualReportRules.Check(new AnnualCommentary(new string('字', AnnualReportRules.MaxLength + 1), " ", null), publishing: true);
        Assert.Equal(["workSummary", "problems", "nextSteps"], problems.Select(p => p.Field));
        Assert.Contains("不超过 3000 个字（现有 3001 个）", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("“存在问题”不能为空", problems[1].Message, StringComparison.Ordinal);

        var (draft, draftProblems) = AnnualReportRules.Check(new AnnualCommentary(" 总结\r\n第二段 ", null, null), publishing: false);
        Assert.Empty(draftProblems);
        Assert.Equal("总结\n第二段", draft!.WorkSummary);
        Assert.Null(draft.Problems);
    }

    [Fact]
    public void The_digest_covers_figures_and_commentary_and_survives_the_stored_snapshot()
    {
        var figures = Figures();
        var report = new Core.Supervision.AnnualReport.AnnualReport
        {
            Id = Guid.NewGuid(), AgencyId = Guid.NewGuid(), Year = 2025, Version = 1, Status = AnnualReportStatus.Published, AgencyName = figures.AgencyName,
            WorkSummary = "总结", Problems = "问题", NextSteps = "计划", FiguresJson = AnnualReportContent.Serialize(figures),
        };
        var digest = AnnualReportContent.Sha256Of(report, figures);
        Assert.Equal(digest, AnnualReportContent.Sha256Of(report, report.Figures()!));
        Assert.Matches("^[0-9a-f]{64}$", digest);

        report.Problems = "问题。";
        Assert.NotEqual(digest, AnnualReportContent.Sha256Of(report, figures));
        report.Problems = "问题";
        var changed = AnnualReportFigures.Assemble(2025, "SCJG", "安和县市场监督管理局", Today, Inputs() with { FineYuan = 65_001 });
        Assert.NotEqual(digest, AnnualReportContent.Sha256Of(report, changed));
        Assert.Contains("\"agencyCode\":\"SCJG\"", Encoding.UTF8.GetString(AnnualReportContent.Canonical(report, figures)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_has_the_sections_tables_and_commentary_and_renders_as_docx()
    {
        var content = AnnualReportDocument.Build(Figures(), new AnnualCommentary("全年工作总结。\n第二段。", "问题一。", "计划一。"), 2, AnnualReportStatus.Published,
            new DateOnly(2026, 1, 20), "罚款金额统计有误。");
        Assert.Equal("安和县市场监督管理局2025年度行政执法数据报告", content.Title);
        Assert.Equal(8, content.Blocks.OfType<TableBlock>().Count());
        var text = string.Join("\n", content.Blocks.OfType<ParagraphBlock>().Select(p => p.Text));
        foreach (var expected in new[] { "九、工作总结", "十、存在问题", "十一、下一步工作", "第二段。", "更正原因：罚款金额统计有误。", "国办发〔2018〕118号" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var rows = content.Blocks.OfType<TableBlock>().SelectMany(t => t.Rows).ToList();
        Assert.Contains(rows, r => r[0] == "被申请行政复议" && r[1] == "本平台未记录");

        var print = new DocumentPrint("http://127.0.0.1/annual-reports/x", [[true, false], [false, true]], [0x89, 0x50, 0x4E, 0x47]);
        using var stream = new MemoryStream(DocumentDocx.Render(content, print));
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart!.Document!.InnerText;
        Assert.Contains("安和县市场监督管理局2025年度行政执法数据报告", body, StringComparison.Ordinal);
        Assert.Contains("65,000 元", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spreadsheet_reads_back_through_the_tabular_reader()
    {
        var figures = Figures();
        using var buffer = new MemoryStream();
        AnnualReportDocument.Layout.Write(buffer, TabularFileFormat.Xlsx, AnnualReportDocument.Rows(figures));
        buffer.Position = 0;
        var read = AnnualReportDocument.Layout.Read(buffer);
        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => p.Message)));
        var rows = read.Rows.Select(r => r.Value).ToList();
        Assert.Equal(figures.Sections.Sum(s => s.Figures.Count), rows.Count);
        Assert.Contains(rows, r => r.Key == "penalty.fine-yuan" && r.Value == "65,000" && r.Unit == "元");
        Assert.Contains(rows, r => r.Key == "remedy.litigation" && r.Value == "本平台未记录");
    }
}
