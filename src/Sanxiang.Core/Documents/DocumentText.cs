using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Sanxiang.Core.Documents;

/// <summary>
/// The text of an issued document as it was served, read back from its DOCX (PUB-6: the published full text equals the
/// served text except for redactions): one line per paragraph in reading order, a table's cells one row per line separated
/// by a full-width space, line breaks inside a paragraph kept. Headers and footers (the verification QR line) are not part
/// of the text.
/// </summary>
public static class DocumentText
{
    /// <exception cref="InvalidDataException">The bytes are not a readable DOCX (message in Chinese).</exception>
    public static string FromDocx(Stream docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(docx, false);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            throw new InvalidDataException("文书文件不是可以读取的 DOCX 文件。", e);
        }

        using (document)
        {
            var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("文书文件没有正文。");
            var text = new StringBuilder();
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        text.Append(Line(paragraph)).Append('\n');
                        break;
                    case Table table:
                        foreach (var row in table.Elements<TableRow>())
                        {
                            text.AppendJoin('　', row.Elements<TableCell>().Select(c => string.Join(" ", c.Elements<Paragraph>().Select(Line))).Where(c => c.Length > 0))
                                .Append('\n');
                        }

                        break;
                }
            }

            return text.ToString().TrimEnd('\n') + "\n";
        }
    }

    /// <summary>A paragraph's text, with its explicit line breaks and tabs.</summary>
    private static string Line(Paragraph paragraph)
    {
        var line = new StringBuilder();
        foreach (var part in paragraph.Descendants())
        {
            switch (part)
            {
                case Text t:
                    line.Append(t.Text);
                    break;
                case Break:
                    line.Append('\n');
                    break;
                case TabChar:
                    line.Append('\t');
                    break;
            }
        }

        return line.ToString();
    }
}
