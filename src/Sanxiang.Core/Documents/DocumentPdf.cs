using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Sanxiang.Core.Documents;

/// <summary>
/// Prints a document to PDF with PDFsharp (decision 0008): A4, GB/T 9704 margins, the body in a Song (宋/明) face and the
/// title in a Hei (黑) face, both embedded as subsets with a ToUnicode map (so the text can be searched and copied),
/// justified lines with the Chinese line-breaking rules (no closing punctuation at the start of a line, no opening
/// one at the end, figures kept together), the seal position with the agency's electronic seal mark, and on every page
/// the number, the page count and the QR code of the public verification page.
/// <para>PDFsharp embeds TrueType outlines only (glyf); the font bytes come from the caller (the web layer looks them up).</para>
/// </summary>
public static class DocumentPdf
{
    public const string BodyFamily = "Sanxiang Body";
    public const string TitleFamily = "Sanxiang Title";

    private static readonly object Gate = new();
    private static readonly DocumentFontResolver Resolver = new();

    /// <summary>
    /// Hands PDFsharp the font files (TrueType, a single face: see <see cref="TrueTypeFace.Extract"/>). PDFsharp's font
    /// resolver is global to the process; the first faces given win, later calls with other bytes are ignored.
    /// </summary>
    public static void UseFonts(byte[] body, byte[] title)
    {
        lock (Gate)
        {
            Resolver.Set(body, title);
            if (GlobalFontSettings.FontResolver is not DocumentFontResolver)
            {
                GlobalFontSettings.FontResolver = Resolver;
            }
        }
    }

    public static bool HasFonts => Resolver.IsSet;

    public static byte[] Render(DocumentContent content, DocumentPrint print, DateTimeOffset issuedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(print);
        if (!HasFonts)
        {
            throw new InvalidOperationException("未配置文书字体：请先调用 DocumentPdf.UseFonts。");
        }

        using var document = new PdfDocument();
        document.Info.Title = $"{content.Title} {content.Number}";
        document.Info.Author = content.AgencyName;
        document.Info.Subject = content.Title;
        document.Info.Creator = "三项制度行政执法信息平台";
        document.Info.CreationDate = issuedAtUtc.UtcDateTime;
        document.Info.ModificationDate = issuedAtUtc.UtcDateTime;
        document.Options.CompressContentStreams = true;
        document.PageLayout = PdfPageLayout.SinglePage;

        var writer = new PdfLayout(document);
        writer.Write(content);
        writer.Finish(content, print);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private sealed class DocumentFontResolver : IFontResolver
    {
        private byte[]? _body;
        private byte[]? _title;

        public bool IsSet => _body is not null;

        public void Set(byte[] body, byte[] title)
        {
            _body ??= body;
            _title ??= title;
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
        {
            BodyFamily => new FontResolverInfo(BodyFamily, bold, false),
            TitleFamily => new FontResolverInfo(TitleFamily, false, false),
            _ => new FontResolverInfo(BodyFamily, bold, false),
        };

        public byte[]? GetFont(string faceName) => faceName == TitleFamily ? _title : _body;
    }
}

/// <summary>The page writer: a cursor that moves down the page and starts a new page when a line does not fit.</summary>
internal sealed class PdfLayout(PdfDocument document)
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly double Left = DocumentPage.Points(DocumentPage.LeftMm);
    private static readonly double Right = DocumentPage.Points(DocumentPage.WidthMm - DocumentPage.RightMm);
    private static readonly double Top = DocumentPage.Points(DocumentPage.TopMm);
    private static readonly double Bottom = DocumentPage.Points(DocumentPage.HeightMm - DocumentPage.BottomMm);
    private static readonly double Width = Right - Left;

    private readonly Dictionary<(string, double, bool), XFont> _fonts = [];
    private readonly List<PdfPage> _pages = [];
    private XGraphics? _gfx;
    private double _y;

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("no page");

    private XFont Font(string family, double size, bool bold = false)
    {
        if (!_fonts.TryGetValue((family, size, bold), out var font))
        {
            font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            _fonts[(family, size, bold)] = font;
        }

        return font;
    }

    public void Write(DocumentContent content)
    {
        NewPage();
        var title = Font(DocumentPdf.TitleFamily, DocumentPage.TitlePt);
        var body = Font(DocumentPdf.BodyFamily, DocumentPage.BodyPt);
        Centered(content.AgencyName, title, DocumentPage.TitlePt * 1.5);
        Centered(content.Title, title, DocumentPage.TitlePt * 1.5);
        _y += 6;
        Line(content.Number, body, DocumentPage.BodyLinePt, XStringAlignment.Far, 0);
        _y += 10;

        foreach (var block in content.Blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    Paragraph(p.Text, Font(DocumentPdf.BodyFamily, DocumentPage.BodyPt, p.Bold), DocumentPage.BodyLinePt, p.Indent ? 2 : 0);
                    break;
                case FieldsBlock f:
                    foreach (var field in f.Fields)
                    {
                        Field(field, body, DocumentPage.BodyLinePt);
                    }

                    break;
                case GridBlock g:
                    Grid(g);
                    break;
                case TableBlock t:
                    _y += 6;
                    if (t.Caption is not null)
                    {
                        EnsureSpace(DocumentPage.BodyLinePt * 2);
                        Centered(t.Caption, Font(DocumentPdf.BodyFamily, DocumentPage.BodyPt, bold: true), DocumentPage.BodyLinePt);
                    }

                    Table(t);
                    _y += 6;
                    break;
                case SignatureBlock s:
                    _y += DocumentPage.BodyLinePt / 2;
                    foreach (var line in s.Lines)
                    {
                        _y += 6;
                        Paragraph(line, body, DocumentPage.BodyLinePt, 0);
                    }

                    break;
            }
        }

        if (content.Seal is { } seal)
        {
            Seal(seal, body);
        }
    }

    /// <summary>Footers on every page, now that the page count is known.</summary>
    public void Finish(DocumentContent content, DocumentPrint print)
    {
        _gfx?.Dispose();
        _gfx = null;
        var small = Font(DocumentPdf.BodyFamily, 9);
        var pageFont = Font(DocumentPdf.BodyFamily, 10.5);
        for (var i = 0; i < _pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            var qrSize = DocumentPage.Points(18);
            var qrTop = Bottom + DocumentPage.Points(8);
            DrawQr(gfx, print.QrModules, Left, qrTop, qrSize);
            var textX = Left + qrSize + 8;
            gfx.DrawString($"文书编号：{content.Number}", small, XBrushes.Black, textX, qrTop + 14, XStringFormats.BaseLineLeft);
            gfx.DrawString($"第 {i + 1} 页　共 {_pages.Count} 页", pageFont, XBrushes.Black,
                new XRect(Right - 120, qrTop + 14 - 10.5, 120, 14), XStringFormats.BottomRight);
            gfx.DrawString("扫描二维码或访问以下地址，上传文件或输入其 SHA-256 核验本文书真伪：", small, XBrushes.Black, textX, qrTop + 27, XStringFormats.BaseLineLeft);
            // The address as a person types it (the QR code holds it percent-encoded).
            gfx.DrawString(print.DisplayUrl, small, XBrushes.Black, textX, qrTop + 40, XStringFormats.BaseLineLeft);
        }
    }

    private static void DrawQr(XGraphics gfx, bool[][] modules, double x, double y, double size)
    {
        var n = modules.Length;
        if (n == 0)
        {
            return;
        }

        var cell = size / n;
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < modules[row].Length; col++)
            {
                if (modules[row][col])
                {
                    // A hair wider than the cell so that neighbouring modules do not show seams when printed.
                    gfx.DrawRectangle(XBrushes.Black, x + col * cell, y + row * cell, cell + 0.05, cell + 0.05);
                }
            }
        }
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(DocumentPage.WidthMm);
        page.Height = XUnit.FromMillimeter(DocumentPage.HeightMm);
        _pages.Add(page);
        _gfx = XGraphics.FromPdfPage(page);
        _y = Top;
    }

    private void EnsureSpace(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void Centered(string text, XFont font, double lineHeight)
    {
        foreach (var line in Wrap(text, font, Width, 0))
        {
            EnsureSpace(lineHeight);
            Gfx.DrawString(string.Concat(line.Tokens), font, XBrushes.Black, new XRect(Left, _y, Width, lineHeight), XStringFormats.Center);
            _y += lineHeight;
        }
    }

    private void Line(string text, XFont font, double lineHeight, XStringAlignment alignment, double rightInsetEm)
    {
        EnsureSpace(lineHeight);
        var format = new XStringFormat { Alignment = alignment, LineAlignment = XLineAlignment.Center };
        Gfx.DrawString(text, font, XBrushes.Black, new XRect(Left, _y, Width - rightInsetEm * font.Size, lineHeight), format);
        _y += lineHeight;
    }

    /// <summary>A labelled value with a hanging indent: a wrapped value lines up under the start of the value, not under the label.</summary>
    private void Field(DocumentField field, XFont font, double lineHeight)
    {
        var label = field.Label + "：";
        var labelWidth = Measure(label, font);
        if (labelWidth > Width / 2)
        {
            Paragraph(label + field.Value, font, lineHeight, 0);
            return;
        }

        var first = true;
        foreach (var line in Wrap(field.Value, font, Width - labelWidth, 0))
        {
            EnsureSpace(lineHeight);
            if (first)
            {
                Gfx.DrawString(label, font, XBrushes.Black, Left, _y + lineHeight / 2 + font.Size * 0.36, XStringFormats.BaseLineLeft);
                first = false;
            }

            DrawLine(Gfx, line, font, Left + labelWidth, _y, Width - labelWidth, lineHeight);
            _y += lineHeight;
        }
    }

    private void Paragraph(string text, XFont font, double lineHeight, int indentEm)
    {
        foreach (var line in Wrap(text, font, Width, indentEm * font.Size))
        {
            EnsureSpace(lineHeight);
            DrawLine(Gfx, line, font, Left + line.Indent, _y, Width - line.Indent, lineHeight);
            _y += lineHeight;
        }
    }

    /// <summary>Draws a line's tokens; a full line is justified (the space left over is shared between the tokens).</summary>
    private static void DrawLine(XGraphics gfx, WrappedLine line, XFont font, double x, double top, double width, double lineHeight)
    {
        var baseline = top + lineHeight / 2 + font.Size * 0.36;
        var gap = line.Justify && line.Tokens.Count > 1 ? Math.Max(0, (width - line.Width) / (line.Tokens.Count - 1)) : 0;
        if (gap > font.Size * 0.5)
        {
            gap = 0; // A line broken early by a long unbreakable token: set it ragged rather than letter-spaced.
        }

        for (var i = 0; i < line.Tokens.Count; i++)
        {
            gfx.DrawString(line.Tokens[i], font, XBrushes.Black, x, baseline, XStringFormats.BaseLineLeft);
            x += line.Widths[i] + gap;
        }
    }

    private void Grid(GridBlock grid)
    {
        var font = Font(DocumentPdf.BodyFamily, DocumentPage.GridPt);
        var bold = Font(DocumentPdf.BodyFamily, DocumentPage.GridPt, bold: true);
        double[] columns = [Width * 0.20, Width * 0.28, Width * 0.18, Width * 0.34];
        const double pad = 5;
        var lineHeight = DocumentPage.GridPt * 1.5;
        var pen = new XPen(XColors.Black, 0.75);
        foreach (var row in grid.Rows)
        {
            var cells = row.Cells.Count == 1
                ? new[] { (row.Cells[0].Label, columns[0], true), (row.Cells[0].Value, columns[1] + columns[2] + columns[3], false) }
                : [(row.Cells[0].Label, columns[0], true), (row.Cells[0].Value, columns[1], false), (row.Cells[1].Label, columns[2], true), (row.Cells[1].Value, columns[3], false)];
            var wrapped = cells.Select(c => Wrap(c.Item1, c.Item3 ? bold : font, c.Item2 - 2 * pad, 0)).ToList();
            var height = Math.Max(wrapped.Max(w => w.Count) * lineHeight + 2 * pad, row.Tall ? 80 : lineHeight + 2 * pad);
            EnsureSpace(height);
            var x = Left;
            for (var i = 0; i < cells.Length; i++)
            {
                var (_, w, isLabel) = cells[i];
                Gfx.DrawRectangle(pen, x, _y, w, height);
                var lines = wrapped[i];
                // Labels are centred in their cell; values start at the top left (a tall cell is for writing in).
                var y = isLabel || !row.Tall ? _y + (height - lines.Count * lineHeight) / 2 : _y + pad;
                foreach (var line in lines)
                {
                    var lineX = isLabel ? x + (w - line.Width) / 2 : x + pad;
                    DrawLine(Gfx, line with { Justify = line.Justify && !isLabel }, isLabel ? bold : font, lineX, y, w - 2 * pad, lineHeight);
                    y += lineHeight;
                }

                x += w;
            }

            _y += height;
        }

        _y += 8;
    }

    private void Table(TableBlock table)
    {
        var font = Font(DocumentPdf.BodyFamily, DocumentPage.TablePt);
        var bold = Font(DocumentPdf.BodyFamily, DocumentPage.TablePt, bold: true);
        var weights = DocumentDocx.ColumnWidths(table.Header.Count);
        var total = (double)weights.Sum();
        var widths = weights.Select(w => Width * w / total).ToArray();
        const double pad = 4;
        var lineHeight = DocumentPage.TablePt * 1.5;
        var pen = new XPen(XColors.Black, 0.75);

        void Row(IReadOnlyList<string> cells, bool header)
        {
            var f = header ? bold : font;
            var wrapped = cells.Select((c, i) => Wrap(c, f, widths[i] - 2 * pad, 0)).ToList();
            var height = wrapped.Max(w => Math.Max(1, w.Count)) * lineHeight + 2 * pad;
            EnsureSpace(height);
            var x = Left;
            for (var i = 0; i < cells.Count; i++)
            {
                Gfx.DrawRectangle(pen, x, _y, widths[i], height);
                var y = _y + (height - wrapped[i].Count * lineHeight) / 2;
                foreach (var line in wrapped[i])
                {
                    var centred = header || i == 0;
                    DrawLine(Gfx, line with { Justify = line.Justify && !centred }, f, centred ? x + (widths[i] - line.Width) / 2 : x + pad, y, widths[i] - 2 * pad, lineHeight);
                    y += lineHeight;
                }

                x += widths[i];
            }

            _y += height;
        }

        Row(table.Header, header: true);
        foreach (var row in table.Rows)
        {
            Row(row, header: false);
        }
    }

    /// <summary>
    /// 落款: the agency's name and the date, right-aligned with four characters' room, and the electronic seal mark over
    /// them, as a paper seal covers the name and the date (骑年盖月). The mark shows where the seal is; what makes the copy
    /// authentic is the signature recorded in the log, which the verification page checks.
    /// </summary>
    private void Seal(SealBlock seal, XFont font)
    {
        var needed = DocumentPage.BodyLinePt * 4 + 30;
        EnsureSpace(needed);
        _y += DocumentPage.BodyLinePt * 1.5;
        var nameWidth = Gfx.MeasureString(seal.AgencyName, font).Width;
        var dateWidth = Gfx.MeasureString(seal.DateText, font).Width;
        var nameRight = Right - font.Size * 2;
        var dateRight = nameRight - (nameWidth - dateWidth) / 2;
        var nameTop = _y;
        Gfx.DrawString(seal.AgencyName, font, XBrushes.Black, nameRight - nameWidth, nameTop + DocumentPage.BodyLinePt / 2 + font.Size * 0.36, XStringFormats.BaseLineLeft);
        _y += DocumentPage.BodyLinePt;
        Gfx.DrawString(seal.DateText, font, XBrushes.Black, dateRight - dateWidth, _y + DocumentPage.BodyLinePt / 2 + font.Size * 0.36, XStringFormats.BaseLineLeft);
        _y += DocumentPage.BodyLinePt;

        var center = new XPoint(nameRight - nameWidth / 2, nameTop + DocumentPage.BodyLinePt);
        DrawSealMark(Gfx, center, seal.AgencyName);
    }

    private void DrawSealMark(XGraphics gfx, XPoint center, string agency)
    {
        var red = XColor.FromArgb(185, 210, 16, 16);
        var radius = DocumentPage.Points(19);
        gfx.DrawEllipse(new XPen(red, 2.2), center.X - radius, center.Y - radius, radius * 2, radius * 2);

        // The name along the upper arc, each character upright to the centre, as on an official seal.
        var size = Math.Min(10.5, 180.0 / Math.Max(agency.Length, 1));
        var font = Font(DocumentPdf.BodyFamily, size, bold: true);
        var brush = new XSolidBrush(red);
        var sweep = Math.Min(210, agency.Length * 20.0);
        for (var i = 0; i < agency.Length; i++)
        {
            var angle = agency.Length == 1 ? 0 : -sweep / 2 + sweep * i / (agency.Length - 1);
            var state = gfx.Save();
            gfx.RotateAtTransform(angle, center);
            gfx.DrawString(agency[i].ToString(), font, brush, new XRect(center.X - size, center.Y - radius + 3, size * 2, size + 2), XStringFormats.TopCenter);
            gfx.Restore(state);
        }

        // A five-pointed star in the middle.
        var star = new XPoint[10];
        var outer = radius * 0.30;
        for (var k = 0; k < 10; k++)
        {
            var r = k % 2 == 0 ? outer : outer * 0.382;
            var a = -Math.PI / 2 + k * Math.PI / 5;
            star[k] = new XPoint(center.X + r * Math.Cos(a), center.Y + 2 + r * Math.Sin(a));
        }

        gfx.DrawPolygon(brush, star, XFillMode.Winding);
        var label = Font(DocumentPdf.BodyFamily, 7.5);
        gfx.DrawString("电子签章", label, brush, new XRect(center.X - radius, center.Y + radius * 0.45, radius * 2, 10), XStringFormats.TopCenter);
    }

    internal sealed record WrappedLine(List<string> Tokens, List<double> Widths, double Indent, bool Justify)
    {
        public double Width => Widths.Sum();
    }

    private const string NoLineStart = "，。、；：？！）》」』〕】’”…—%‰·．,.;:?!)]";
    private const string NoLineEnd = "（《「『〔【‘“([";

    /// <summary>
    /// Breaks text into lines of at most <paramref name="width"/>: CJK characters break anywhere, runs of Latin letters
    /// and figures stay together, closing punctuation never starts a line and opening punctuation never ends one.
    /// A hard line break (\n) ends a line without justifying it.
    /// </summary>
    private List<WrappedLine> Wrap(string text, XFont font, double width, double firstIndent)
    {
        var lines = new List<WrappedLine>();
        var paragraphs = text.Split('\n');
        for (var p = 0; p < paragraphs.Length; p++)
        {
            var indent = p == 0 ? firstIndent : 0;
            var current = new List<string>();
            var widths = new List<double>();
            double used = 0;
            foreach (var token in Tokens(paragraphs[p]).SelectMany(t => Measure(t, font) > width - firstIndent ? t.Select(c => c.ToString()) : [t]))
            {
                // A run of figures or letters wider than the line (a long code in a narrow cell) is broken into characters.
                var w = Measure(token, font);
                if (used + w > width - indent + 0.01 && current.Count > 0)
                {
                    // Move tokens down so that the next line does not start with closing punctuation and this one does
                    // not end with opening punctuation (避头尾).
                    var carried = 0;
                    if (NoLineStart.Contains(token[0]) && current.Count > 1)
                    {
                        carried = 1;
                    }

                    while (current.Count - carried > 1 && NoLineEnd.Contains(current[^(carried + 1)][^1]))
                    {
                        carried++;
                    }

                    var keep = current.Count - carried;
                    lines.Add(new WrappedLine(current[..keep], widths[..keep], indent, Justify: true));
                    current = current[keep..];
                    widths = widths[keep..];
                    used = widths.Sum();
                    indent = 0;
                }

                current.Add(token);
                widths.Add(w);
                used += w;
            }

            lines.Add(new WrappedLine(current, widths, indent, Justify: false));
        }

        return lines;
    }

    private readonly Dictionary<(string, XFont), double> _widths = [];

    private double Measure(string token, XFont font)
    {
        if (!_widths.TryGetValue((token, font), out var w))
        {
            w = Gfx.MeasureString(token, font).Width;
            _widths[(token, font)] = w;
        }

        return w;
    }

    /// <summary>One token per CJK character or punctuation mark; runs of ASCII letters, digits and their joiners as one.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || (text[i] is '.' or '-' or '/' or ':' or '@' or '_' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length)
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }
}
