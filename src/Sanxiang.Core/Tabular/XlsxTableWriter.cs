using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Sanxiang.Core.Tabular;

/// <summary>
/// Writes an .xlsx workbook with the Open XML SDK (the sheet streamed with <see cref="OpenXmlWriter"/>):
/// <list type="bullet">
/// <item>Sheet 1, named after the table: the header row in bold and frozen, column widths from the content (a Chinese
/// character counts double), every text as a string cell in a column formatted as text ("@"), so that certificate
/// numbers and credit codes stay text even when edited or newly typed; integers and amounts as numbers, dates as dates
/// (yyyy-mm-dd); columns with a closed list (是/否, kinds) offer it as a drop-down.</item>
/// <item>Sheet 2, 填写说明: each column's header, whether it is required, its format, an example and its meaning, then
/// the general rules.</item>
/// </list>
/// </summary>
internal static class XlsxTableWriter
{
    public const string InstructionsSheetName = "填写说明";

    private const uint HeaderStyle = 1;
    private const uint TextStyle = 2;
    private const uint DateStyle = 3;
    private const uint AmountStyle = 4;
    private const uint WrapStyle = 5;
    private const uint IntegerStyle = 0;

    public static void Write(Stream output, string title, IReadOnlyList<TableColumn> columns, IEnumerable<string?[]> rows)
    {
        // The package is built in memory: System.IO.Packaging needs a readable, seekable stream, which an HTTP response is not.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Styles();

            var dataPart = workbookPart.AddNewPart<WorksheetPart>();
            WriteData(dataPart, columns, rows as IReadOnlyList<string?[]> ?? [.. rows]);
            var instructionsPart = workbookPart.AddNewPart<WorksheetPart>();
            WriteInstructions(instructionsPart, title, columns);

            workbookPart.Workbook = new Workbook(new Sheets(
                new Sheet { Name = title, SheetId = 1, Id = workbookPart.GetIdOfPart(dataPart) },
                new Sheet { Name = InstructionsSheetName, SheetId = 2, Id = workbookPart.GetIdOfPart(instructionsPart) }));
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void WriteData(WorksheetPart part, IReadOnlyList<TableColumn> columns, IReadOnlyList<string?[]> rows)
    {
        var letters = columns.Select(c => ColumnName.Letters(c.Index)).ToArray();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(FrozenHeader());

        writer.WriteStartElement(new Columns());
        foreach (var column in columns)
        {
            var width = rows.Select(r => DisplayWidth(r[column.Index])).Append(DisplayWidth(column.Header) + 2).Max();
            writer.WriteElement(new Column
            {
                Min = (uint)column.Index + 1,
                Max = (uint)column.Index + 1,
                Width = Math.Clamp(width + 2, 8, 60),
                CustomWidth = true,
                Style = StyleOf(column),
            });
        }

        writer.WriteEndElement();

        writer.WriteStartElement(new SheetData());
        writer.WriteStartElement(new Row { RowIndex = 1 });
        foreach (var column in columns)
        {
            writer.WriteElement(TextCell(letters[column.Index] + "1", column.Header, HeaderStyle));
        }

        writer.WriteEndElement();

        var rowNumber = 1u;
        foreach (var row in rows)
        {
            rowNumber++;
            var suffix = rowNumber.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement(new Row { RowIndex = rowNumber });
            foreach (var column in columns)
            {
                if (row[column.Index] is { Length: > 0 } text)
                {
                    writer.WriteElement(ValueCell(letters[column.Index] + suffix, column, text));
                }
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement(); // sheetData

        var validations = columns.Select(DropDown).OfType<DataValidation>().ToList();
        if (validations.Count > 0)
        {
            writer.WriteElement(new DataValidations(validations) { Count = (uint)validations.Count });
        }

        writer.WriteEndElement(); // worksheet
    }

    private static void WriteInstructions(WorksheetPart part, string title, IReadOnlyList<TableColumn> columns)
    {
        string[] headers = ["列名", "是否必填", "格式要求", "示例", "说明"];
        double[] widths = [18, 10, 44, 24, 60];
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(FrozenHeader());
        writer.WriteElement(new Columns(widths.Select((w, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true, Style = WrapStyle,
        })));

        writer.WriteStartElement(new SheetData());
        var rowNumber = 1u;
        WriteRow(headers, HeaderStyle);
        foreach (var column in columns)
        {
            WriteRow([column.Header, column.Required ? "是" : "否", column.FormatDescription, column.CanonicalExample, column.Description], WrapStyle);
        }

        rowNumber++;
        foreach (var note in Notes(title))
        {
            WriteRow([note], TextStyle);
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet

        void WriteRow(string[] cells, uint style)
        {
            var suffix = rowNumber.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement(new Row { RowIndex = rowNumber });
            for (var i = 0; i < cells.Length; i++)
            {
                writer.WriteElement(TextCell(ColumnName.Letters(i) + suffix, cells[i], style));
            }

            writer.WriteEndElement();
            rowNumber++;
        }
    }

    private static IEnumerable<string> Notes(string title) =>
    [
        "填写规则",
        CellParsers.F($"1. 数据填在第一个工作表“{title}”中：第 1 行是表头（列名），请勿修改；数据从第 2 行开始，每行一条记录。列的顺序可以调整，非必填的列可以删除。"),
        "2. 不要合并单元格，不要在表头上方加标题行；本“填写说明”工作表导入时不读取。",
        CellParsers.F($"3. 每个文件最多 {TabularLimits.DefaultMaxDataRows:N0} 行数据，文件不超过 {TableImporter.Megabytes(TabularLimits.DefaultMaxFileBytes)} MB。"),
        "4. 编号类的列已设为“文本”格式，请保持，否则 Excel 会把长数字改成科学计数法并丢失后几位。",
        "5. 导入前系统先逐行检查（试导入）：只要有一行有问题，就一条也不导入，并列出每个问题所在的行、列和原因。",
        "6. 如需保存为 CSV，请在“另存为”中选择“CSV UTF-8（逗号分隔）(*.csv)”。",
    ];

    private static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
    {
        WorkbookViewId = 0,
    });

    private static uint StyleOf(TableColumn column) => column.Style switch
    {
        XlsxStyle.Text => TextStyle,
        XlsxStyle.Integer => IntegerStyle,
        XlsxStyle.Amount => AmountStyle,
        XlsxStyle.Date => DateStyle,
    };

    private static Cell ValueCell(string reference, TableColumn column, string text) => column.Style switch
    {
        XlsxStyle.Text => TextCell(reference, text, TextStyle),
        XlsxStyle.Integer => new Cell { CellReference = reference, StyleIndex = IntegerStyle, CellValue = new CellValue(text) },
        XlsxStyle.Amount => new Cell { CellReference = reference, StyleIndex = AmountStyle, CellValue = new CellValue(text) },
        XlsxStyle.Date => new Cell
        {
            CellReference = reference,
            StyleIndex = DateStyle,
            CellValue = new CellValue(ExcelDates.ToSerial(IsoDate(text)).ToString(CultureInfo.InvariantCulture)),
        },
    };

    /// <summary>The yyyy-MM-dd that a date parser formats (DateOnly.ParseExact is a quarter of the writer's time).</summary>
    private static DateOnly IsoDate(string text) =>
        text is [_, _, _, _, '-', _, _, '-', _, _]
            ? new DateOnly(int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture), int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture),
                int.Parse(text.AsSpan(8, 2), CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"A date column formatted “{text}”, not yyyy-MM-dd.");

    private static Cell TextCell(string reference, string text, uint style)
    {
        var escaped = Escape(text);
        var element = new Text(escaped);
        if (escaped.Length > 0 && (char.IsWhiteSpace(escaped[0]) || char.IsWhiteSpace(escaped[^1]) || escaped.Contains('\n', StringComparison.Ordinal)))
        {
            element.Space = SpaceProcessingModeValues.Preserve;
        }

        return new Cell { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style, InlineString = new InlineString(element) };
    }

    /// <summary>A drop-down of the allowed values, when they fit Excel's 255-character list and contain no comma or quote.</summary>
    private static DataValidation? DropDown(TableColumn column)
    {
        if (column.Choices is not { } choices || choices.Any(c => c.Contains(',', StringComparison.Ordinal) || c.Contains('"', StringComparison.Ordinal)))
        {
            return null;
        }

        var list = string.Join(",", choices);
        if (list.Length > 255)
        {
            return null;
        }

        var letter = ColumnName.Letters(column.Index);
        return new DataValidation
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowErrorMessage = true,
            ErrorTitle = column.Header,
            Error = "请从下拉列表中选择：" + string.Join("、", choices),
            SequenceOfReferences = new ListValue<StringValue> { InnerText = CellParsers.F($"{letter}2:{letter}{TabularLimits.DefaultMaxDataRows + 1}") },
            Formula1 = new Formula1("\"" + list + "\""),
        };
    }

    /// <summary>
    /// Escapes what XML 1.0 cannot hold (control characters, a carriage return that XML would turn into a line feed) as
    /// ST_Xstring's _xHHHH_, and a literal "_x" that would read as such an escape, as Excel does.
    /// </summary>
    internal static string Escape(string text)
    {
        if (!text.Any(c => c == '_' || NeedsEscape(c)))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (NeedsEscape(c) || (c == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                                   && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)))
            {
                result.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();

        static bool NeedsEscape(char c) => (c < 0x20 && c is not '\n' and not '\t') || c is '\uFFFE' or '\uFFFF';
    }

    /// <summary>Display width in Excel's units: a CJK or full-width character counts two; the longest line of a multi-line text.</summary>
    internal static int DisplayWidth(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var widest = 0;
        var current = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                widest = Math.Max(widest, current);
                current = 0;
                continue;
            }

            current += c >= 0x2E80 ? 2 : 1;
        }

        return Math.Max(widest, current);
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 49, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            {
                NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, ApplyAlignment = true,
            })
        { Count = 6 },
        new CellStyles(new CellStyle { Name = "常规", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
