using Sanxiang.Core.Documents;
using Sanxiang.Tests.Documents;

namespace Sanxiang.Core.Tests.Documents;

/// <summary>The served text read back from a document's DOCX, the basis of its published full text (PUB-6).</summary>
public sealed class DocumentTextTests
{
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Theory]
    [InlineData(DocumentKind.PenaltyDecision)]
    [InlineData(DocumentKind.NoPenaltyDecision)]
    [InlineData(DocumentKind.ServiceReceipt)]
    public void The_text_read_from_the_docx_holds_every_piece_of_the_document_in_reading_order(DocumentKind kind)
    {
        var content = DocumentTemplates.Build(kind, SampleFacts.Person(), DocumentNumber.Format("安市监", kind, 2026, 7));
        var docx = DocumentDocx.Render(content, new DocumentPrint("https://example.invalid/verify/document/x", [[true]], TinyPng));

        var text = DocumentText.FromDocx(new MemoryStream(docx));

        var at = 0;
        foreach (var piece in content.Text().Where(t => t.Length > 0))
        {
            var found = text.IndexOf(piece, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"“{piece}” is missing or out of order in:\n{text}");
            at = found + piece.Length;
        }

        Assert.DoesNotContain("example.invalid", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_docx_are_refused_in_Chinese()
    {
        var e = Assert.Throws<InvalidDataException>(() => DocumentText.FromDocx(new MemoryStream("这不是文书"u8.ToArray())));
        Assert.Equal("文书文件不是可以读取的 DOCX 文件。", e.Message);
    }
}

/// <summary>The decision's sentences read well whatever way the officer wrote the basis and the way to pay.</summary>
public sealed class DocumentWordingTests
{
    [Theory]
    [InlineData("依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，没收违法所得150元，并处罚款20000元。", "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项的规定")]
    [InlineData("《中华人民共和国食品安全法》第一百二十四条第一款第（一）项", "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项的规定")]
    [InlineData("根据《中华人民共和国广告法》第五十五条第一款的规定，处罚款30000元", "依据《中华人民共和国广告法》第五十五条第一款的规定")]
    [InlineData("《中华人民共和国行政处罚法》第三十三条第一款；", "依据《中华人民共和国行政处罚法》第三十三条第一款的规定")]
    public void The_basis_is_cited_once_as_provisions(string typed, string expected) =>
        Assert.Equal(expected, DocumentTemplates.BasisClause(typed));

    [Fact]
    public void A_penalty_decision_states_the_period_to_pay_once_and_cites_the_basis_once()
    {
        var facts = SampleFacts.Person();
        facts = facts with
        {
            PenaltyBasis = "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，没收违法所得150元，并处罚款20000元。",
            Performance = facts.Performance! with { Method = "自收到本决定书之日起十五日内，通过非税收入缴款系统缴纳罚没款。" },
        };
        var text = string.Join("\n", DocumentTemplates.Build(DocumentKind.PenaltyDecision, facts, "安市监罚〔2026〕7号").Text());
        Assert.Contains("依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项的规定，本机关决定", text, StringComparison.Ordinal);
        Assert.DoesNotContain("依据依据", text, StringComparison.Ordinal);
        Assert.Contains("当事人应当自收到本决定书之日起十五日内，通过非税收入缴款系统缴纳罚没款。", text, StringComparison.Ordinal);
    }
}
