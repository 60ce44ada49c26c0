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
