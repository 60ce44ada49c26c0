using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Registry;
using Sanxiang.Tests.Documents;

namespace Sanxiang.Core.Tests.Documents;

public sealed class DocumentTemplateTests
{
    public static TheoryData<DocumentKind> Kinds => [.. Enum.GetValues<DocumentKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_is_laid_out_from_complete_facts_with_its_title_number_and_facts(DocumentKind kind)
    {
        var facts = SampleFacts.Complete();
        Assert.Empty(DocumentTemplates.CheckComplete(kind, facts));
        var number = DocumentNumber.Format("安市监", kind, 2026, 15);
        var content = DocumentTemplates.Build(kind, facts, number);
        var text = string.Join("\n", content.Text());

        Assert.Equal(kind.Title(), content.Title);
        Assert.Equal("安和县市场监督管理局", content.AgencyName);
        Assert.Contains($"安市监{kind.Abbreviation()}〔2026〕15号", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
        string expected = kind switch
        {
            DocumentKind.RegistrationApproval => "日常监督检查",
            DocumentKind.InquiryRecord => "问：这批牛奶卖出去多少？卖多少钱一盒？",
            DocumentKind.InspectionRecord => "乳制品货架第二层",
            DocumentKind.EvidencePreservationNotice => "先行登记保存物品清单",
            DocumentKind.PenaltyNotice => "五个工作日内",
            DocumentKind.HearingNotice => "2026年11月20日9时00分",
            DocumentKind.PenaltyDecision => "罚款人民币伍万元整（50000.00元）",
            DocumentKind.NoPenaltyDecision => "决定对当事人不予行政处罚",
            DocumentKind.ServiceReceipt => "《行政处罚决定书》（安市监罚〔2026〕15号）",
            DocumentKind.ClosingReport => "缴清罚没款",
            DocumentKind.ReviewOpinion => "经审核，上述审核事项均符合规定，同意承办机构提出的处理意见。",
            DocumentKind.DiscussionRecord => "陈立（党组成员、副局长）：同意。当事人积极配合调查，按一般情节裁量适当。",
        };
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Equal(kind is DocumentKind.EvidencePreservationNotice or DocumentKind.PenaltyNotice or DocumentKind.HearingNotice or DocumentKind.PenaltyDecision
            or DocumentKind.NoPenaltyDecision, content.Seal is not null);
    }

    [Fact]
    public void A_penalty_decision_carries_every_element_of_Article_59()
    {
        var text = string.Join("\n", DocumentTemplates.Build(DocumentKind.PenaltyDecision, SampleFacts.Complete(), "安市监罚〔2026〕15号").Text());
        // (一) party and its identity and address
        Assert.Contains("安和县惠民超市有限公司", text, StringComparison.Ordinal);
        Assert.Contains("91360736MA35X7Y89K", text, StringComparison.Ordinal);
        Assert.Contains("安和县城关镇建设路16号", text, StringComparison.Ordinal);
        // (二) facts and evidence
        Assert.Contains("经查：2026年10月12日", text, StringComparison.Ordinal);
        Assert.Contains("1．现场检查笔录（1份），证明当事人经营场所陈列超过保质期食品的事实；", text, StringComparison.Ordinal);
        // (三) penalty and basis
        Assert.Contains("违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定", text, StringComparison.Ordinal);
        Assert.Contains("依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定", text, StringComparison.Ordinal);
        Assert.Contains("没收违法所得人民币叁拾陆元整（36.00元）", text, StringComparison.Ordinal);
        Assert.Contains("以上罚没款合计人民币伍万零叁拾陆元整（50036.00元）。", text, StringComparison.Ordinal);
        // (四) how and by when to perform
        Assert.Contains("自收到本决定书之日起十五日内，持本决定书到安和县农村商业银行", text, StringComparison.Ordinal);
        Assert.Contains("每日按罚款数额的百分之三加处罚款", text, StringComparison.Ordinal);
        // (五) remedies with organ, court and periods
        Assert.Contains("六十日内向安和县人民政府申请行政复议", text, StringComparison.Ordinal);
        Assert.Contains("六个月内依法向安和县人民法院提起行政诉讼", text, StringComparison.Ordinal);
        // (六) agency and date
        Assert.Contains("2026年11月27日", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_penalty_decision_without_remedy_or_performance_is_refused_with_the_missing_elements_in_Chinese()
    {
        var facts = SampleFacts.Complete() with
        {
            Remedy = null,
            Performance = null,
            Penalty = new PenaltyTerms([PenaltyKind.Fine]),
            Party = new PersonParty("刘小红", null, null, null),
        };
        var missing = DocumentTemplates.CheckComplete(DocumentKind.PenaltyDecision, facts);

        Assert.Equal(["当事人身份证件号码", "当事人地址（住所）", "罚款数额", "行政处罚的履行方式和期限", "申请行政复议、提起行政诉讼的途径和期限"], missing);
        var refused = Assert.Throws<DocumentIncompleteException>(() => DocumentTemplates.Build(DocumentKind.PenaltyDecision, facts, "安市监罚〔2026〕1号"));
        Assert.StartsWith("行政处罚决定书缺少以下要素，不能出具：当事人身份证件号码；", refused.Message, StringComparison.Ordinal);
        Assert.Equal("decision.document-complete", DocumentTemplates.DecisionCompleteGuard.Id);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Facts_with_only_the_agency_are_refused_for_every_kind(DocumentKind kind)
    {
        var missing = DocumentTemplates.CheckComplete(kind, new DocumentFacts { Agency = new DocumentAgency("安和县市场监督管理局", "安市监") });
        Assert.NotEmpty(missing);
        Assert.Contains(kind.IsDecision() ? "作出决定的日期" : "文书日期", missing);
        Assert.All(missing, m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
    }

    [Fact]
    public void Registration_and_records_need_two_certified_officers()
    {
        var facts = SampleFacts.Complete() with { Officers = [new DocumentOfficer("李明", "36070120001")] };
        Assert.Contains("两名以上执法人员的姓名和执法证件号码（《行政处罚法》第四十二条）", DocumentTemplates.CheckComplete(DocumentKind.InquiryRecord, facts));
    }

    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("1500", "壹仟伍佰元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("1005", "壹仟零伍元整")]
    [InlineData("10000", "壹万元整")]
    [InlineData("100100", "壹拾万零壹佰元整")]
    [InlineData("50036", "伍万零叁拾陆元整")]
    [InlineData("200000000", "贰亿元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("0.5", "伍角整")]
    [InlineData("1.05", "壹元零伍分")]
    [InlineData("12.34", "壹拾贰元叁角肆分")]
    [InlineData("3000.5", "叁仟元伍角整")]
    public void Amounts_are_written_in_capital_numerals(string yuan, string expected) =>
        Assert.Equal(expected, ChineseAmount.Capital(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("安市监罚〔2026〕15号", "安市监罚〔2026〕15号")]
    [InlineData(" 安市监罚[2026]15号 ", "安市监罚〔2026〕15号")]
    [InlineData("安市监罚【2026】15号", "安市监罚〔2026〕15号")]
    [InlineData("安市监罚（2026）15号", "安市监罚〔2026〕15号")]
    [InlineData("安市监罚〔2026〕015号", null)]
    [InlineData("安市监罚2026-15", null)]
    [InlineData("", null)]
    public void Numbers_are_formatted_and_normalised(string typed, string? expected)
    {
        Assert.Equal(expected, DocumentNumber.Normalise(typed, out var problem));
        Assert.Equal(expected is null, problem is not null);
        Assert.Equal("安市监不罚〔2026〕3号", DocumentNumber.Format("安市监", DocumentKind.NoPenaltyDecision, 2026, 3));
        Assert.Equal(Enum.GetValues<DocumentKind>().Length, Enum.GetValues<DocumentKind>().Select(k => k.Abbreviation()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_docx_opens_with_the_Open_XML_SDK_is_A4_sets_East_Asian_fonts_and_holds_the_text(DocumentKind kind)
    {
        var content = DocumentTemplates.Build(kind, SampleFacts.Person(), DocumentNumber.Format("安市监", kind, 2026, 7));
        var bytes = DocumentDocx.Render(content, new DocumentPrint("https://example.invalid/verify/document/x", [[true]], TinyPng));

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var text = body.InnerText;
        Assert.Contains(kind.Title(), text, StringComparison.Ordinal);
        Assert.Contains($"安市监{kind.Abbreviation()}〔2026〕7号", text, StringComparison.Ordinal);
        foreach (var piece in content.Text().Where(t => t.Length > 0 && !t.Contains('\n', StringComparison.Ordinal)))
        {
            Assert.Contains(piece, text, StringComparison.Ordinal);
        }

        var size = body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
        Assert.Equal(11906U, size.Width!.Value);
        Assert.Equal(16838U, size.Height!.Value);
        var fonts = body.Descendants<RunFonts>().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.False(string.IsNullOrEmpty(f.EastAsia?.Value)));
        Assert.Contains(fonts, f => f.EastAsia!.Value == DocumentDocx.TitleFont);
        Assert.Contains(fonts, f => f.EastAsia!.Value == DocumentDocx.BodyFont);
        var footer = doc.MainDocumentPart.FooterParts.Single();
        Assert.Single(footer.ImageParts);
        Assert.Contains("https://example.invalid/verify/document/x", footer.Footer!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_font_with_CFF_outlines_is_refused_with_a_reason()
    {
        byte[] otto = [0x4F, 0x54, 0x54, 0x4F, 0, 1, 0, 0, 0, 0, 0, 0, .. "CFF "u8, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 0];
        Assert.Null(TrueTypeFace.Extract(otto, 0, out var problem));
        Assert.Contains("CFF", problem, StringComparison.Ordinal);
        Assert.Null(TrueTypeFace.Extract("not a font"u8, 0, out problem));
        Assert.NotNull(problem);
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
