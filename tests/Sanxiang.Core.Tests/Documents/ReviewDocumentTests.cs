using DocumentFormat.OpenXml.Packaging;
using Sanxiang.Core.Documents;
using Sanxiang.Tests.Documents;
using UglyToad.PdfPig;

namespace Sanxiang.Core.Tests.Documents;

/// <summary>The legal-review documents (REV-3, REV-4, REV-5): 法制审核意见书 and 重大执法决定集体讨论记录.</summary>
public sealed class ReviewDocumentTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DocumentFacts Facts => SampleFacts.Complete();

    private static ReviewTerms Review => Facts.Review!;

    private static DiscussionTerms Discussion => Facts.Discussion!;

    /// <summary>The sample's review, second round, with problems found in the procedure and the evidence.</summary>
    private static DocumentFacts WithProblems()
    {
        var points = Review.Points.ToList();
        points[2] = points[2] with { Answer = ReviewAnswer.HasProblem, Note = "行政处罚告知书送达回证缺少受送达人签名" };
        points[3] = points[3] with { Answer = ReviewAnswer.HasProblem, Note = "违法所得的计算缺少销售记录佐证" };
        return Facts with
        {
            Review = Review with
            {
                Round = 2,
                Points = points,
                Opinion = ReviewOpinionKind.ProblemsFound,
                Problems =
                [
                    new ReviewProblem("《行政处罚告知书》（安市监告〔2026〕5号）的送达回证无受送达人签名，也未注明留置送达的见证人", "补充送达证据，或者依法重新送达"),
                    new ReviewProblem("违法所得36.00元仅有当事人陈述，缺少销售记录佐证。", "调取当事人销售台账或者收银记录；"),
                ],
                Remarks = null,
            },
        };
    }

    [Fact]
    public void The_review_opinion_lists_the_case_the_round_every_matter_answered_the_opinion_and_the_reviewer()
    {
        var content = DocumentTemplates.Build(DocumentKind.ReviewOpinion, Facts, "安市监法审〔2026〕3号");
        var text = string.Join("\n", content.Text());

        Assert.Equal("法制审核意见书", content.Title);
        Assert.Null(content.Seal); // an internal opinion, not addressed to the party: no remedy notice, no seal block
        foreach (var expected in new[]
        {
            "安市监法审〔2026〕3号", "安和县惠民超市有限公司销售超过保质期的食品案", "安市监立〔2026〕3号",
            "安和县市场监督管理局城关市场监督管理所（提交人：刘芳）", "2026年11月18日", "第一次审核", "审核事项", "审核结论", "不涉嫌犯罪，无需移送",
            "审核意见：", "经审核，上述审核事项均符合规定，同意承办机构提出的处理意见。", "本案拟罚款数额较大，建议提交局集体讨论决定。",
            "赵敏", "法制审核人员资格证号", "A20193607360123", "审核机构（法制机构）", "安和县市场监督管理局法规股", "2026年11月27日",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        var table = Assert.Single(content.Blocks.OfType<TableBlock>());
        Assert.Equal(ReviewTerms.StandardPointTitles, table.Rows.Select(r => r[1]));
        Assert.All(table.Rows, r => Assert.Equal("符合", r[2]));
        Assert.DoesNotContain("存在以下问题", text, StringComparison.Ordinal);
        Assert.DoesNotContain("申请行政复议", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_with_problems_numbers_them_with_what_to_correct_and_asks_for_resubmission()
    {
        var content = DocumentTemplates.Build(DocumentKind.ReviewOpinion, WithProblems(), "安市监法审〔2026〕4号");
        var text = string.Join("\n", content.Text());

        Assert.Contains("第二次审核", text, StringComparison.Ordinal);
        Assert.Contains("经审核，本案存在以下问题：", text, StringComparison.Ordinal);
        Assert.Contains("1．《行政处罚告知书》（安市监告〔2026〕5号）的送达回证无受送达人签名，也未注明留置送达的见证人。整改要求：补充送达证据，或者依法重新送达。", text, StringComparison.Ordinal);
        Assert.Contains("2．违法所得36.00元仅有当事人陈述，缺少销售记录佐证。整改要求：调取当事人销售台账或者收银记录。", text, StringComparison.Ordinal);
        Assert.Contains("重新报送法制审核", text, StringComparison.Ordinal);
        Assert.DoesNotContain("同意承办机构", text, StringComparison.Ordinal);
        var rows = Assert.Single(content.Blocks.OfType<TableBlock>()).Rows;
        Assert.Equal(["3", "执法程序是否合法", "存在问题", "行政处罚告知书送达回证缺少受送达人签名"], rows[2]);
    }

    [Fact]
    public void The_discussion_record_holds_time_place_chair_participants_with_their_opinions_the_matter_and_the_conclusion()
    {
        var content = DocumentTemplates.Build(DocumentKind.DiscussionRecord, Facts, "安市监议〔2026〕2号");
        var text = string.Join("\n", content.Text());

        Assert.Equal("重大执法决定集体讨论记录", content.Title);
        Assert.Null(content.Seal);
        foreach (var expected in new[]
        {
            "安市监议〔2026〕2号", "2026年11月25日9时00分至10时20分", "安和县市场监督管理局三楼会议室", "主持人", "刘志强",
            "刘志强（党组书记、局长）、陈立（党组成员、副局长）、黄梅（党组成员、副局长）", "李明、张华（承办人员），赵敏（法制审核人员）", "陈静",
            "讨论事项：", "安市监立〔2026〕3号", "销售超过保质期的食品", "拟作出的决定", "没收违法所得36.00元、没收超过保质期的“康乐”牌纯牛奶12盒，并处罚款50000.00元",
            "刘志强（党组书记、局长）：本案事实清楚，证据确凿，程序合法，同意承办机构和法制审核的意见。",
            "黄梅（党组成员、副局长）：同意处理意见。建议对辖区超市开展一次临期食品专项检查。",
            "讨论结论：", "经集体讨论，与会人员一致同意承办机构的处理意见", "主持人（签名）：", "记录人（签名）：",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_participant_who_said_nothing_is_recorded_as_such_not_given_words()
    {
        var facts = Facts with
        {
            Discussion = Discussion with { Participants = [.. Discussion.Participants, new DiscussionParticipant("周文", "党组成员、纪检组长", null)] },
        };
        var text = string.Join("\n", DocumentTemplates.Build(DocumentKind.DiscussionRecord, facts, "安市监议〔2026〕2号").Text());
        Assert.Contains("周文（党组成员、纪检组长）：未发表意见。", text, StringComparison.Ordinal);
    }

    public static TheoryData<DocumentKind, string> Numbered => new()
    {
        { DocumentKind.ReviewOpinion, "安市监法审〔2026〕3号" },
        { DocumentKind.DiscussionRecord, "安市监议〔2026〕3号" },
    };

    [Theory]
    [MemberData(nameof(Numbered))]
    public void The_new_kinds_are_numbered_with_their_own_word_and_are_not_decisions(DocumentKind kind, string number)
    {
        Assert.Equal(number, DocumentNumber.Format("安市监", kind, 2026, 3));
        Assert.Equal(number, DocumentNumber.Normalise(number.Replace('〔', '[').Replace('〕', ']'), out _));
        Assert.False(kind.IsDecision());
        Assert.False(kind.NumberedByCase());
        Assert.True(DocumentKinds.TryParse(kind.Title(), out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void The_review_opinion_renders_to_a_docx_that_opens_and_holds_every_matter_and_the_opinion()
    {
        var facts = WithProblems();
        var content = DocumentTemplates.Build(DocumentKind.ReviewOpinion, facts, "安市监法审〔2026〕4号");
        var text = DocxText(content);
        foreach (var expected in KeyTexts(content).Concat(["安市监法审〔2026〕4号", "法制审核意见书", "存在问题", "整改要求：补充送达证据，或者依法重新送达。", "A20193607360123"]))
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_discussion_record_renders_to_a_docx_that_opens_and_holds_the_opinions_and_the_conclusion()
    {
        var content = DocumentTemplates.Build(DocumentKind.DiscussionRecord, Facts, "安市监议〔2026〕2号");
        var text = DocxText(content);
        foreach (var expected in KeyTexts(content).Concat(["安市监议〔2026〕2号", "重大执法决定集体讨论记录", "陈立（党组成员、副局长）：同意。"]))
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_review_opinion_prints_to_a_pdf_from_which_the_number_title_every_matter_and_the_opinion_are_read_back()
    {
        foreach (var (facts, number, opinion) in new[]
        {
            (Facts, "安市监法审〔2026〕3号", "经审核，上述审核事项均符合规定，同意承办机构提出的处理意见。"),
            (WithProblems(), "安市监法审〔2026〕4号", "整改要求：调取当事人销售台账或者收银记录。"),
        })
        {
            var text = PdfText(DocumentTemplates.Build(DocumentKind.ReviewOpinion, facts, number));
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains("法制审核意见书", text, StringComparison.Ordinal);
            foreach (var point in ReviewTerms.StandardPointTitles)
            {
                Assert.Contains(point, text, StringComparison.Ordinal);
            }

            Assert.Contains(opinion, text, StringComparison.Ordinal);
            Assert.Contains("A20193607360123", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_discussion_record_prints_to_a_pdf_from_which_the_number_title_opinions_and_conclusion_are_read_back()
    {
        var text = PdfText(DocumentTemplates.Build(DocumentKind.DiscussionRecord, Facts, "安市监议〔2026〕2号"));
        foreach (var expected in new[]
        {
            "安市监议〔2026〕2号", "重大执法决定集体讨论记录", "刘志强", "陈立（党组成员、副局长）：同意。当事人积极配合调查，按一般情节裁量适当。",
            "讨论结论：", "与会人员一致同意承办机构的处理意见", "主持人（签名）：",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("date", "文书日期")]
    [InlineData("case-number", "案号")]
    [InlineData("cause", "案由")]
    [InlineData("no-review", "审核次数、送审机构、审核事项、审核意见和审核人员")]
    [InlineData("round", "审核次数（第几次审核）")]
    [InlineData("unit", "送审机构（承办机构）")]
    [InlineData("submitter", "提交人")]
    [InlineData("submitted", "送审时间")]
    [InlineData("submitted-late", "不晚于审核日期的送审时间")]
    [InlineData("no-points", "审核事项")]
    [InlineData("unanswered", "审核事项“执法程序是否合法”的审核结论（符合或者存在问题）")]
    [InlineData("point-left-out", "审核事项“是否涉嫌犯罪需要移送司法机关”的审核结论（符合或者存在问题）")]
    [InlineData("untitled-point", "审核事项名称")]
    [InlineData("problem-without-note", "审核事项“执法程序是否合法”存在问题的具体说明")]
    [InlineData("no-opinion", "审核意见（同意或者存在问题）")]
    [InlineData("problems-found-none-listed", "存在的问题及整改要求")]
    [InlineData("agree-despite-problem", "与审核事项一致的审核意见（审核事项“执法程序是否合法”存在问题，不能同意）")]
    [InlineData("agree-with-problems-listed", "与所列问题一致的审核意见（已列出存在的问题，不能同意）")]
    [InlineData("problem-without-correction", "第2个问题的整改要求")]
    [InlineData("problem-without-text", "第1个问题的内容")]
    [InlineData("reviewer", "审核人员姓名")]
    [InlineData("qualification", "法制审核人员资格证号")]
    public void The_review_opinion_is_refused_without_each_element_named_in_Chinese(string change, string expected)
    {
        var r = Review;
        var p = WithProblems().Review!;
        var facts = change switch
        {
            "date" => Facts with { Date = null },
            "case-number" => Facts with { CaseNumber = null },
            "cause" => Facts with { Cause = " " },
            "no-review" => Facts with { Review = null },
            "round" => Facts with { Review = r with { Round = 0 } },
            "unit" => Facts with { Review = r with { SubmittingUnit = "" } },
            "submitter" => Facts with { Review = r with { Submitter = " " } },
            "submitted" => Facts with { Review = r with { SubmittedOn = null } },
            "submitted-late" => Facts with { Review = r with { SubmittedOn = new DateOnly(2026, 11, 28) } },
            "no-points" => Facts with { Review = r with { Points = [] } },
            "unanswered" => Facts with { Review = r with { Points = [.. r.Points.Select(x => x.Title == "执法程序是否合法" ? x with { Answer = null } : x)] } },
            "point-left-out" => Facts with { Review = r with { Points = [.. r.Points.Take(7)] } },
            "untitled-point" => Facts with { Review = r with { Points = [.. r.Points, new ReviewPoint(" ", ReviewAnswer.Conforms)] } },
            "problem-without-note" => WithProblems() with { Review = p with { Points = [.. p.Points.Select(x => x.Title == "执法程序是否合法" ? x with { Note = null } : x)] } },
            "no-opinion" => Facts with { Review = r with { Opinion = null } },
            "problems-found-none-listed" => Facts with { Review = r with { Opinion = ReviewOpinionKind.ProblemsFound } },
            "agree-despite-problem" => Facts with { Review = r with { Points = [.. r.Points.Select(x => x.Title == "执法程序是否合法" ? x with { Answer = ReviewAnswer.HasProblem, Note = "未告知听证权利" } : x)] } },
            "agree-with-problems-listed" => Facts with { Review = r with { Problems = p.Problems } },
            "problem-without-correction" => WithProblems() with { Review = p with { Problems = [p.Problems[0], p.Problems[1] with { Correction = "" }] } },
            "problem-without-text" => WithProblems() with { Review = p with { Problems = [p.Problems[0] with { Problem = " " }, p.Problems[1]] } },
            "reviewer" => Facts with { Review = r with { Reviewer = "" } },
            "qualification" => Facts with { Review = r with { ReviewerQualificationNumber = " " } },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var missing = DocumentTemplates.CheckComplete(DocumentKind.ReviewOpinion, facts);
        if (change == "no-points")
        {
            // With no matter at all, each of the eight of REV-3 is unanswered too.
            Assert.Equal(["审核事项", .. ReviewTerms.StandardPointTitles.Select(t => $"审核事项“{t}”的审核结论（符合或者存在问题）")], missing);
        }
        else
        {
            Assert.Equal([expected], missing);
        }

        var refused = Assert.Throws<DocumentIncompleteException>(() => DocumentTemplates.Build(DocumentKind.ReviewOpinion, facts, "安市监法审〔2026〕1号"));
        Assert.StartsWith("法制审核意见书缺少以下要素，不能出具：", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agency_may_add_its_own_matters_but_they_are_answered_too()
    {
        var r = Review;
        var extra = new ReviewPoint("是否已听取当事人陈述、申辩", null);
        Assert.Equal(["审核事项“是否已听取当事人陈述、申辩”的审核结论（符合或者存在问题）"],
            DocumentTemplates.CheckComplete(DocumentKind.ReviewOpinion, Facts with { Review = r with { Points = [.. r.Points, extra] } }));
        Assert.Empty(DocumentTemplates.CheckComplete(DocumentKind.ReviewOpinion,
            Facts with { Review = r with { Points = [.. r.Points, extra with { Answer = ReviewAnswer.Conforms }] } }));
        Assert.All(ReviewTerms.StandardPoints(), x => Assert.Null(x.Answer));
        Assert.Equal(8, ReviewTerms.StandardPoints().Count);
    }

    [Theory]
    [InlineData("date", "文书日期")]
    [InlineData("case-number", "案号")]
    [InlineData("cause", "案由")]
    [InlineData("no-discussion", "讨论时间、地点、主持人、参加人员及其意见、拟作出的决定和讨论结论")]
    [InlineData("start", "讨论时间")]
    [InlineData("end-before-start", "讨论的结束时间（应晚于开始时间）")]
    [InlineData("place", "讨论地点")]
    [InlineData("chair", "主持人")]
    [InlineData("no-participants", "参加人员及其发表的意见")]
    [InlineData("no-opinions", "参加人员及其发表的意见")]
    [InlineData("unnamed-participant", "参加人员姓名")]
    [InlineData("post", "参加人员“陈立”的职务")]
    [InlineData("recorder", "记录人")]
    [InlineData("proposed", "拟作出的决定")]
    [InlineData("conclusion", "讨论结论")]
    public void The_discussion_record_is_refused_without_each_element_named_in_Chinese(string change, string expected)
    {
        var d = Discussion;
        var facts = change switch
        {
            "date" => Facts with { Date = null },
            "case-number" => Facts with { CaseNumber = "" },
            "cause" => Facts with { Cause = null },
            "no-discussion" => Facts with { Discussion = null },
            "start" => Facts with { Discussion = d with { Start = default, End = null } },
            "end-before-start" => Facts with { Discussion = d with { End = new DateTimeOffset(2026, 11, 25, 8, 0, 0, Cst) } },
            "place" => Facts with { Discussion = d with { Place = " " } },
            "chair" => Facts with { Discussion = d with { Chair = "" } },
            "no-participants" => Facts with { Discussion = d with { Participants = [] } },
            "no-opinions" => Facts with { Discussion = d with { Participants = [.. d.Participants.Select(x => x with { Opinion = " " })] } },
            "unnamed-participant" => Facts with { Discussion = d with { Participants = [.. d.Participants, new DiscussionParticipant("", "副局长", "同意。")] } },
            "post" => Facts with { Discussion = d with { Participants = [.. d.Participants.Select(x => x.Name == "陈立" ? x with { Post = "" } : x)] } },
            "recorder" => Facts with { Discussion = d with { Recorder = "" } },
            "proposed" => Facts with { Discussion = d with { ProposedDecision = " " } },
            "conclusion" => Facts with { Discussion = d with { Conclusion = "" } },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.Equal([expected], DocumentTemplates.CheckComplete(DocumentKind.DiscussionRecord, facts));
        var refused = Assert.Throws<DocumentIncompleteException>(() => DocumentTemplates.Build(DocumentKind.DiscussionRecord, facts, "安市监议〔2026〕1号"));
        Assert.StartsWith("重大执法决定集体讨论记录缺少以下要素，不能出具：", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Every single-line piece of the laid-out text (what both renderers must print).</summary>
    private static IEnumerable<string> KeyTexts(DocumentContent content) =>
        content.Text().Where(t => t.Length > 0 && !t.Contains('\n', StringComparison.Ordinal));

    private static string DocxText(DocumentContent content)
    {
        var bytes = DocumentDocx.Render(content, Print);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return doc.MainDocumentPart!.Document!.Body!.InnerText;
    }

    private static string PdfText(DocumentContent content)
    {
        PdfFonts.Use();
        var pdf = DocumentPdf.Render(content, Print, new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
        var preview = Environment.GetEnvironmentVariable("SANXIANG_DOCUMENT_PREVIEW");
        if (!string.IsNullOrEmpty(preview))
        {
            Directory.CreateDirectory(preview);
            File.WriteAllBytes(Path.Combine(preview, $"core-{content.Number}.pdf"), pdf);
        }

        using var reader = PdfDocument.Open(pdf);
        return string.Concat(reader.GetPages().Select(p => p.Text));
    }

    private static DocumentPrint Print => new("https://example.invalid/verify/document/x", [[true]], TinyPng);

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

/// <summary>
/// The TrueType CJK fonts test.sh installs (fonts-arphic-uming for the body, fonts-wqy-zenhei for titles; decision 0008),
/// handed to the PDF renderer once per process. The web layer finds fonts by family (DocumentFonts); here the files are known.
/// </summary>
internal static class PdfFonts
{
    private static readonly string[] Body = ["/usr/share/fonts/truetype/arphic/uming.ttc", @"C:\Windows\Fonts\simsun.ttc"];
    private static readonly string[] Title = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", @"C:\Windows\Fonts\simhei.ttf"];
    private static readonly Lazy<bool> Loaded = new(Load);

    public static void Use() => Assert.True(Loaded.Value);

    private static bool Load()
    {
        var body = Face(Body) ?? throw new InvalidOperationException("没有找到 TrueType 中文字体：请安装 fonts-arphic-uming（test.sh 会安装）。");
        DocumentPdf.UseFonts(body, Face(Title) ?? body);
        return true;
    }

    private static byte[]? Face(string[] files)
    {
        foreach (var file in files.Where(File.Exists))
        {
            if (TrueTypeFace.Extract(File.ReadAllBytes(file), 0, out _) is { } face)
            {
                return face;
            }
        }

        return null;
    }
}
