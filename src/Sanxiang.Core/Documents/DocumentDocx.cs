using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Sanxiang.Core.Documents;

/// <summary>
/// Writes a document as Word (Office Open XML), for the officer who must print it on the agency's paper or file it in a
/// paper case file. A4, GB/T 9704 margins; the body in 仿宋 and the title in 黑体 (the East Asian font attributes are set, so
/// Word uses them for Chinese text), fixed 28 pt lines; the verification QR code and address in the footer.
/// </summary>
public static class DocumentDocx
{
    public const string BodyFont = "仿宋";
    public const string TitleFont = "黑体";
    public const string LatinFont = "Times New Roman";

    public static byte[] Render(DocumentContent content, DocumentPrint print)
    {
        using var stream = new MemoryStream();
        Render(content, print, stream);
        return stream.ToArray();
    }

    public static void Render(DocumentContent content, DocumentPrint print, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(print);
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        // Fixed package metadata: the same content gives the same file, so its hash means something.
        doc.PackageProperties.Title = content.Title + " " + content.Number;
        doc.PackageProperties.Creator = content.AgencyName;
        var main = doc.AddMainDocumentPart();
        AddStyles(main);
        var body = new Body();

        body.Append(Centered(content.AgencyName, TitleFont, DocumentPage.TitlePt, spacingAfter: 0));
        body.Append(Centered(content.Title, TitleFont, DocumentPage.TitlePt, spacingAfter: 6));
        body.Append(Para(Run(content.Number, BodyFont, DocumentPage.BodyPt), JustificationValues.Right, indent: false, spacingAfter: 12));

        foreach (var block in content.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    body.Append(Para(Run(p.Text, BodyFont, DocumentPage.BodyPt, p.Bold), JustificationValues.Both, p.Indent));
                    break;
                case FieldsBlock f:
                    foreach (var field in f.Fields)
                    {
                        body.Append(Para(Run($"{field.Label}：{field.Value}", BodyFont, DocumentPage.BodyPt), JustificationValues.Left, indent: false));
                    }

                    break;
                case GridBlock g:
                    body.Append(Grid(g));
                    break;
                case TableBlock t:
                    if (t.Caption is not null)
                    {
                        body.Append(Para(Run(t.Caption, BodyFont, DocumentPage.BodyPt, bold: true), JustificationValues.Center, indent: false));
                    }

                    body.Append(Table(t));
                    break;
                case SignatureBlock s:
                    body.Append(Para(Run("", BodyFont, DocumentPage.BodyPt), JustificationValues.Left, indent: false));
                    foreach (var line in s.Lines)
                    {
                        body.Append(Para(Run(line, BodyFont, DocumentPage.BodyPt), JustificationValues.Left, indent: false));
                    }

                    break;
            }
        }

        if (content.Seal is { } seal)
        {
            body.Append(Para(Run("", BodyFont, DocumentPage.BodyPt), JustificationValues.Left, indent: false));
            body.Append(Para(Run(seal.AgencyName, BodyFont, DocumentPage.BodyPt), JustificationValues.Right, indent: false, rightIndentChars: 4));
            body.Append(Para(Run("（印章）", BodyFont, DocumentPage.BodyPt), JustificationValues.Right, indent: false, rightIndentChars: 6));
            body.Append(Para(Run(seal.DateText, BodyFont, DocumentPage.BodyPt), JustificationValues.Right, indent: false, rightIndentChars: 4));
        }

        var footer = AddFooter(main, content, print);
        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = Twips(DocumentPage.WidthMm), Height = Twips(DocumentPage.HeightMm) },
            new PageMargin
            {
                Top = (int)Twips(DocumentPage.TopMm),
                Bottom = (int)Twips(DocumentPage.BottomMm),
                Left = Twips(DocumentPage.LeftMm),
                Right = Twips(DocumentPage.RightMm),
                Header = 851U,
                Footer = 567U,
                Gutter = 0U,
            }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static uint Twips(double mm) => (uint)Math.Round(mm * 1440 / 25.4);

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = BodyFont, ComplexScript = LatinFont, Hint = FontTypeHintValues.EastAsia },
                    new FontSize { Val = HalfPoints(DocumentPage.BodyPt) },
                    new FontSizeComplexScript { Val = HalfPoints(DocumentPage.BodyPt) },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                    new AutoSpaceDE { Val = false },
                    new Kinsoku { Val = true }))));
        styles.Styles.Save();
    }

    private static string HalfPoints(double pt) => ((int)Math.Round(pt * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Run Run(string text, string eastAsiaFont, double size, bool bold = false)
    {
        var properties = new RunProperties(
            new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = eastAsiaFont, ComplexScript = LatinFont, Hint = FontTypeHintValues.EastAsia });
        if (bold)
        {
            properties.Append(new Bold());
        }

        properties.Append(new FontSize { Val = HalfPoints(size) }, new FontSizeComplexScript { Val = HalfPoints(size) });
        var run = new Run(properties);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static Paragraph Centered(string text, string font, double size, int spacingAfter) =>
        Para(Run(text, font, size), JustificationValues.Center, indent: false, spacingAfter: spacingAfter, lineTwips: (int)(size * 20 * 1.5));

    private static Paragraph Para(Run run, JustificationValues justification, bool indent, int spacingAfter = 0, int rightIndentChars = 0, int? lineTwips = null)
    {
        var properties = new ParagraphProperties();
        if (lineTwips is { } line)
        {
            properties.Append(new SpacingBetweenLines { Line = line.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact, After = (spacingAfter * 20).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else if (spacingAfter > 0)
        {
            properties.Append(new SpacingBetweenLines { After = (spacingAfter * 20).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (indent || rightIndentChars > 0)
        {
            // Character units (hundredths of a character): two characters of first-line indent, as official documents are set.
            properties.Append(new Indentation
            {
                FirstLineChars = indent ? 200 : null,
                RightChars = rightIndentChars > 0 ? rightIndentChars * 100 : null,
            });
        }

        properties.Append(new Justification { Val = justification });
        return new Paragraph(properties, run);
    }

    private static Table Frame(params OpenXmlElement[] children)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 6 },
                new BottomBorder { Val = BorderValues.Single, Size = 6 },
                new LeftBorder { Val = BorderValues.Single, Size = 6 },
                new RightBorder { Val = BorderValues.Single, Size = 6 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(children);
        return table;
    }

    private static TableCell Cell(string text, int widthTwips, double size, bool bold = false, int span = 1, JustificationValues? justification = null)
    {
        var properties = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = widthTwips.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        if (span > 1)
        {
            properties.Append(new GridSpan { Val = span });
        }

        var paragraph = Para(Run(text, BodyFont, size, bold), justification ?? JustificationValues.Left, indent: false, lineTwips: (int)(size * 20 * 1.5));
        return new TableCell(properties, paragraph);
    }

    private const int TextWidthTwips = 9026 - 40; // 210 − 28 − 26 = 156 mm, a little less for the borders.

    private static Table Grid(GridBlock grid)
    {
        // Four columns: label, value, label, value; a one-cell row spans the three value columns.
        int[] widths = [1800, 2520, 1620, 3046];
        var table = Frame(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray()));
        foreach (var row in grid.Rows)
        {
            var tr = new TableRow();
            if (row.Tall)
            {
                tr.Append(new TableRowProperties(new TableRowHeight { Val = 1600, HeightType = HeightRuleValues.AtLeast }));
            }

            if (row.Cells.Count == 1)
            {
                tr.Append(Cell(row.Cells[0].Label, widths[0], DocumentPage.GridPt, bold: true, justification: JustificationValues.Center),
                    Cell(row.Cells[0].Value, widths[1] + widths[2] + widths[3], DocumentPage.GridPt, span: 3));
            }
            else
            {
                tr.Append(Cell(row.Cells[0].Label, widths[0], DocumentPage.GridPt, bold: true, justification: JustificationValues.Center),
                    Cell(row.Cells[0].Value, widths[1], DocumentPage.GridPt),
                    Cell(row.Cells[1].Label, widths[2], DocumentPage.GridPt, bold: true, justification: JustificationValues.Center),
                    Cell(row.Cells[1].Value, widths[3], DocumentPage.GridPt));
            }

            table.Append(tr);
        }

        return table;
    }

    private static Table Table(TableBlock block)
    {
        var widths = ColumnWidths(block.Header.Count);
        var table = Frame(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray()));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(block.Header.Select((h, i) => Cell(h, widths[i], DocumentPage.TablePt, bold: true, justification: JustificationValues.Center)));
        table.Append(header);
        foreach (var row in block.Rows)
        {
            var tr = new TableRow();
            tr.Append(row.Select((c, i) => Cell(c, widths[i], DocumentPage.TablePt, justification: i == 0 ? JustificationValues.Center : null)));
            table.Append(tr);
        }

        return table;
    }

    /// <summary>Column widths of a table, in twips: a narrow first column (序号), the rest shared by weight.</summary>
    public static int[] ColumnWidths(int columns)
    {
        if (columns == 4)
        {
            return [800, 3300, 2000, TextWidthTwips - 6100];
        }

        var each = TextWidthTwips / columns;
        return [.. Enumerable.Repeat(each, columns)];
    }

    private static FooterPart AddFooter(MainDocumentPart main, DocumentContent content, DocumentPrint print)
    {
        var footer = main.AddNewPart<FooterPart>();
        var image = footer.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(print.QrPng, writable: false))
        {
            image.FeedData(png);
        }

        const long size = 18L * 36000; // 18 mm in EMU
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = size, Cy = size },
            new DW.DocProperties { Id = 1U, Name = "核验二维码", Description = print.VerifyUrl },
            new A.Graphic(new A.GraphicData(new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = "qr.png" }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = footer.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = size, Cy = size }),
                    new A.PresetGeometry { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });

        var caption = Run($"　文书编号：{content.Number}　扫描二维码或访问 {print.DisplayUrl} 核验本文书真伪", BodyFont, 9);
        var page = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            Run("第 ", BodyFont, 10.5), Field("PAGE"), Run(" 页　共 ", BodyFont, 10.5), Field("NUMPAGES"), Run(" 页", BodyFont, 10.5));
        footer.Footer = new Footer(
            new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Left }), new Run(drawing), caption),
            page);
        footer.Footer.Save();
        return footer;
    }

    private static SimpleField Field(string instruction) =>
        new(new Run(new RunProperties(new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont }, new FontSize { Val = "21" }), new Text("1"))) { Instruction = " " + instruction + " " };
}
