using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Sanxiang.Core.Tests.Tabular;

/// <summary>
/// Builds real .xlsx files with the Open XML SDK, cell by cell, the way other programs write them: shared or inline
/// strings, numbers with date formats, formulas with or without a cached value, merged ranges, hidden sheets.
/// </summary>
internal sealed class XlsxFixture
{
    /// <summary>Style indexes of the fixture's stylesheet.</summary>
    public const uint BuiltInDate = 1;       // numFmtId 14
    public const uint ChineseDate = 2;       // custom yyyy"年"m"月"d"日"
    public const uint TextFormat = 3;        // numFmtId 49 ("@")
    public const uint TwoDecimals = 4;       // custom 0.00 (not a date)
    public const uint DateTimeFormat = 5;    // custom yyyy-mm-dd hh:mm

    private readonly List<SheetSpec> _sheets = [];
    private readonly List<string> _sharedStrings = [];

    public bool Date1904 { get; set; }

    /// <summary>Shared strings of 30,000 characters each appended to the table (the zip-bomb test): about 90 KB of XML each, a few hundred bytes compressed.</summary>
    public int BombStrings { get; set; }

    public SheetSpec Sheet(string name, SheetStateValues? state = null)
    {
        var sheet = new SheetSpec(this, name, state);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>A data sheet whose first row is <paramref name="header"/> and whose next rows are text (shared strings).</summary>
    public static byte[] FromRows(params string?[][] rows)
    {
        var fixture = new XlsxFixture();
        var sheet = fixture.Sheet("数据");
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c] is { } text)
                {
                    sheet.Shared(Ref(c, r + 1), text);
                }
            }
        }

        return fixture.Build();
    }

    public static string Ref(int zeroBasedColumn, int row) => Letters(zeroBasedColumn) + row.ToString(CultureInfo.InvariantCulture);

    public static string Letters(int zeroBasedColumn)
    {
        var n = zeroBasedColumn + 1;
        var s = "";
        while (n > 0)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
            n = (n - 1) / 26;
        }

        return s;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();

            var sheets = new Sheets();
            uint id = 1;
            foreach (var spec in _sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                spec.Write(part);
                sheets.Append(new Sheet { Name = spec.Name, SheetId = id++, Id = workbookPart.GetIdOfPart(part), State = spec.State });
            }

            if (_sharedStrings.Count > 0 || BombStrings > 0)
            {
                var sst = workbookPart.AddNewPart<SharedStringTablePart>();
                using var writer = OpenXmlWriter.Create(sst);
                writer.WriteStartElement(new SharedStringTable());
                foreach (var text in _sharedStrings)
                {
                    writer.WriteElement(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                }

                var bomb = new string('炸', 30_000);
                for (var i = 0; i < BombStrings; i++)
                {
                    writer.WriteElement(new SharedStringItem(new Text(bomb)));
                }

                writer.WriteEndElement();
            }

            workbookPart.Workbook = new Workbook();
            if (Date1904)
            {
                workbookPart.Workbook.Append(new WorkbookProperties { Date1904 = true });
            }

            workbookPart.Workbook.Append(sheets);
        }

        return stream.ToArray();
    }

    private int AddShared(string text)
    {
        _sharedStrings.Add(text);
        return _sharedStrings.Count - 1;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.00" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "yyyy-mm-dd hh:mm" }),
        new Fonts(new Font()),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(
            new CellFormat { NumberFormatId = 0 },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, ApplyNumberFormat = true }));

    internal sealed class SheetSpec(XlsxFixture owner, string name, SheetStateValues? state)
    {
        private readonly SortedDictionary<int, List<(int Column, Cell Cell)>> _rows = [];
        private readonly List<string> _merges = [];

        public string Name { get; } = name;

        public EnumValue<SheetStateValues>? State { get; } = state is { } s ? new EnumValue<SheetStateValues>(s) : null;

        /// <summary>Rows generated while the part is written (the 100k-row test), after the explicit rows.</summary>
        public Func<int, IEnumerable<Cell>>? Generated { get; set; }

        public int GeneratedFrom { get; set; }

        public int GeneratedCount { get; set; }

        public SheetSpec Shared(string reference, string text) =>
            Add(reference, new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(owner.AddShared(text)) });

        public SheetSpec Inline(string reference, string text) =>
            Add(reference, new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });

        public SheetSpec RichText(string reference, params string[] runs) =>
            Add(reference, new Cell
            {
                DataType = CellValues.InlineString,
                InlineString = new InlineString([.. runs.Select(r => new Run(new RunProperties(new Bold()), new Text(r)))]),
            });

        public SheetSpec Number(string reference, double value, uint style = 0) =>
            Add(reference, new Cell { CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)), StyleIndex = style == 0 ? null : style });

        public SheetSpec Boolean(string reference, bool value) =>
            Add(reference, new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(value ? "1" : "0") });

        public SheetSpec Error(string reference, string value) =>
            Add(reference, new Cell { DataType = CellValues.Error, CellValue = new CellValue(value) });

        /// <summary>A formula; <paramref name="cached"/> null means no cached value (as written by a generator that does not calculate).</summary>
        public SheetSpec Formula(string reference, string formula, string? cached, CellValues? type = null, uint style = 0)
        {
            var cell = new Cell { CellFormula = new CellFormula(formula), StyleIndex = style == 0 ? null : style };
            if (type is { } t)
            {
                cell.DataType = t;
            }

            if (cached is not null)
            {
                cell.CellValue = new CellValue(cached);
            }

            return Add(reference, cell);
        }

        /// <summary>An empty cell that only carries a style (Excel writes these for formatted but blank cells).</summary>
        public SheetSpec Blank(string reference, uint style = TextFormat) => Add(reference, new Cell { StyleIndex = style });

        public SheetSpec Merge(string range)
        {
            _merges.Add(range);
            return this;
        }

        public SheetSpec Text(int row, params string?[] cells)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c] is { } text)
                {
                    Shared(Ref(c, row), text);
                }
            }

            return this;
        }

        private SheetSpec Add(string reference, Cell cell)
        {
            var row = int.Parse(reference.TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()), CultureInfo.InvariantCulture);
            var column = 0;
            foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
            {
                column = (column * 26) + (ch - 'A' + 1);
            }

            cell.CellReference = reference;
            if (!_rows.TryGetValue(row, out var cells))
            {
                _rows[row] = cells = [];
            }

            cells.Add((column, cell));
            return this;
        }

        internal void Write(WorksheetPart part)
        {
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            foreach (var (number, cells) in _rows)
            {
                writer.WriteStartElement(new Row { RowIndex = (uint)number });
                foreach (var (_, cell) in cells.OrderBy(c => c.Column))
                {
                    writer.WriteElement(cell);
                }

                writer.WriteEndElement();
            }

            if (Generated is { } generate)
            {
                for (var i = 0; i < GeneratedCount; i++)
                {
                    var number = GeneratedFrom + i;
                    writer.WriteStartElement(new Row { RowIndex = (uint)number });
                    foreach (var cell in generate(number))
                    {
                        writer.WriteElement(cell);
                    }

                    writer.WriteEndElement();
                }
            }

            writer.WriteEndElement();
            if (_merges.Count > 0)
            {
                writer.WriteElement(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)_merges.Count });
            }

            writer.WriteEndElement();
        }
    }
}
