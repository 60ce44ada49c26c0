using System.Globalization;
using System.IO.Compression;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Sanxiang.Core.Tabular;

/// <summary>
/// Reads the first visible worksheet of an .xlsx workbook. The Open XML SDK opens the package and follows its
/// relationships (workbook → sheets, shared strings, styles); the parts themselves are streamed with an
/// <see cref="XmlReader"/> through a byte budget (<see cref="TabularLimits.MaxUncompressedBytes"/>), so a zip bomb stops
/// at the budget and a 100,000-row sheet is read only up to the row limit, never loaded whole.
/// <list type="bullet">
/// <item>Values: shared strings, inline strings, rich text (phonetic runs left out), numbers (as Excel shows them, 15
/// significant digits), booleans, error values (refused with the cell named), ISO dates, and numbers whose number
/// format is a date (built-in or custom, the 1900 and the 1904 date systems) as dates.</item>
/// <item>Formulas: their cached value (what Excel showed when the file was saved); a formula without one is refused.</item>
/// <item>Merged cells: refused, each range named (e.g. "B3:C3 是合并单元格").</item>
/// <item>Hidden and very hidden sheets, chart sheets and macro sheets are skipped.</item>
/// </list>
/// </summary>
internal sealed class XlsxTableSource : ITableSource
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private const int MaxMergesListed = 1000;

    private const string NotAWorkbook = "文件不是有效的 Excel（.xlsx）文件，可能已损坏或只是改了扩展名。请在 Excel 中打开，用“另存为”，" +
                                        "保存类型选择“Excel 工作簿(*.xlsx)”，再重新上传。";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly TabularLimits _limits;
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _worksheet;
    private readonly bool _date1904;
    private readonly bool[] _dateStyles;
    private readonly SharedStrings _strings;
    private readonly List<string> _merges = [];
    private readonly char[] _chunk = new char[4096];
    private long _budget;

    public XlsxTableSource(Stream stream, TabularLimits limits)
    {
        _limits = limits;
        _budget = limits.MaxUncompressedBytes;
        var start = stream.Position;
        CheckDeclaredSizes(stream);
        stream.Position = start;

        try
        {
            _document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings { AutoSave = false });
        }
        catch (Exception e) when (IsBadFile(e))
        {
            throw new TabularFileException(NotAWorkbook, e);
        }

        try
        {
            var workbook = _document.WorkbookPart ?? throw new TabularFileException(NotAWorkbook);
            (_worksheet, _date1904) = ReadWorkbook(workbook);
            _dateStyles = workbook.WorkbookStylesPart is { } styles ? ReadDateStyles(styles) : [];
            _strings = workbook.SharedStringTablePart is { } shared ? ReadSharedStrings(shared) : new SharedStrings();
        }
        catch (Exception e) when (IsBadFile(e))
        {
            _document.Dispose();
            throw new TabularFileException(NotAWorkbook, e);
        }
        catch
        {
            _document.Dispose();
            throw;
        }
    }

    public IEnumerable<SourceRow> ReadRows()
    {
        using var reader = Open(_worksheet);
        var sheet = new SheetReader(this, reader);
        while (true)
        {
            SourceRow? row;
            try
            {
                row = sheet.Next();
            }
            catch (Exception e) when (IsBadFile(e))
            {
                throw new TabularFileException(NotAWorkbook, e);
            }

            if (row is null)
            {
                yield break;
            }

            yield return row;
        }
    }

    public IEnumerable<ImportProblem> TrailingProblems(Func<int, string?> headerOf)
    {
        foreach (var range in _merges)
        {
            var topLeft = range.Split(':')[0];
            var row = ColumnName.RowOf(topLeft);
            var column = ColumnName.IndexOf(topLeft);
            yield return new ImportProblem(row > 0 ? row : null, column >= 0 ? headerOf(column) : null,
                CellParsers.F($"{range} 是合并单元格；请取消合并，每个单元格分别填写。"));
        }
    }

    public void Dispose() => _document.Dispose();

    private static bool IsBadFile(Exception e) => e is OpenXmlPackageException or InvalidDataException or FileFormatException
        or XmlException or InvalidOperationException or NotSupportedException or ArgumentException or IOException or FormatException;

    /// <summary>Refuses, before anything is decompressed, a package whose entries declare more than the budget.</summary>
    private void CheckDeclaredSizes(Stream stream)
    {
        long declared;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            declared = zip.Entries.Sum(e => e.Length);
        }
        catch (InvalidDataException e)
        {
            throw new TabularFileException(NotAWorkbook, e);
        }

        if (declared > _limits.MaxUncompressedBytes)
        {
            throw new TabularFileException(TooLargeUncompressed());
        }
    }

    private string TooLargeUncompressed() => CellParsers.F(
        $"Excel 文件解压后的内容超过 {TableImporter.Megabytes(_limits.MaxUncompressedBytes)} MB 的上限（数据太多，或是异常文件），已停止读取；每个导入文件最多 {_limits.MaxDataRows:N0} 行数据，请检查文件或拆分后分别导入。");

    private XmlReader Open(OpenXmlPart part) =>
        XmlReader.Create(new BudgetStream(part.GetStream(FileMode.Open, FileAccess.Read), this), Settings);

    private (WorksheetPart Sheet, bool Date1904) ReadWorkbook(WorkbookPart workbook)
    {
        var date1904 = false;
        using var reader = Open(workbook);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "workbookPr":
                    date1904 = reader.GetAttribute("date1904") is "1" or "true";
                    break;
                case "sheet":
                    var state = reader.GetAttribute("state");
                    var id = reader.GetAttribute("id", RelationshipsNamespace) ?? reader.GetAttribute("id", StrictRelationshipsNamespace);
                    if (state is "hidden" or "veryHidden" || id is null)
                    {
                        continue;
                    }

                    if (workbook.TryGetPartById(id, out var part) && part is WorksheetPart sheet)
                    {
                        return (sheet, date1904);
                    }

                    break;
            }
        }

        throw new TabularFileException("工作簿里没有可见的工作表；请把数据放在第一个工作表中，并取消隐藏。");
    }

    private bool[] ReadDateStyles(WorkbookStylesPart styles)
    {
        var customFormats = new Dictionary<int, string>();
        var cellFormats = new List<int>();
        var inCellXfs = false;
        using var reader = Open(styles);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                    customFormats[id] = reader.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    cellFormats.Add(int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var formatId) ? formatId : 0);
                    break;
            }
        }

        return [.. cellFormats.Select(id => IsDateFormat(id, customFormats.GetValueOrDefault(id)))];
    }

    /// <summary>
    /// Built-in date and time formats (14-22, 45-47, and 27-36 and 50-58, which are dates in the Chinese, Japanese and
    /// Korean locales), or a custom format with a date or time code (y m d h s) outside quotes, escapes and [brackets].
    /// </summary>
    internal static bool IsDateFormat(int id, string? code)
    {
        if (id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58))
        {
            return true;
        }

        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var section = code.Split(';')[0];
        var plain = new StringBuilder();
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            switch (c)
            {
                case '"':
                    var close = section.IndexOf('"', i + 1);
                    i = close < 0 ? section.Length : close;
                    break;
                case '[':
                    var end = section.IndexOf(']', i + 1);
                    i = end < 0 ? section.Length : end;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                default:
                    plain.Append(char.ToLowerInvariant(c));
                    break;
            }
        }

        var text = plain.ToString().Replace("general", "", StringComparison.Ordinal);
        return text.AsSpan().IndexOfAny("ymdhs") >= 0;
    }

    private SharedStrings ReadSharedStrings(SharedStringTablePart part)
    {
        var strings = new SharedStrings();
        using var reader = Open(part);
        var text = new StringBuilder();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                text.Clear();
                ReadRichText(reader, text, row: null); // leaves the reader on the node after </si>
                strings.Add(Unescape(text));
                continue;
            }

            reader.Read();
        }

        return strings;
    }

    /// <summary>
    /// Reads an &lt;si&gt; or &lt;is&gt; element: the text of its &lt;t&gt; elements (plain or in rich-text runs), leaving out
    /// phonetic runs. Leaves the reader after the element's end.
    /// </summary>
    private void ReadRichText(XmlReader reader, StringBuilder text, int? row)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!(reader.Depth <= depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "t":
                        ReadContent(reader, text, row);
                        continue;
                    case "rPh" or "phoneticPr":
                        reader.Skip();
                        continue;
                }
            }

            reader.Read();
        }

        reader.Read();
    }

    /// <summary>Appends an element's text content, streamed in chunks and capped at the cell limit; leaves the reader after the element.</summary>
    private void ReadContent(XmlReader reader, StringBuilder text, int? row)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!(reader.Depth <= depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                int read;
                while ((read = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    text.Append(_chunk, 0, read);
                    if (text.Length > _limits.MaxCellCharacters)
                    {
                        throw new TabularFileException(new ImportProblem(row, null, CellParsers.F(
                            $"文件中有单元格的内容超过 {_limits.MaxCellCharacters:N0} 个字符的上限，已停止读取。")));
                    }
                }
            }

            reader.Read();
        }

        reader.Read();
    }

    /// <summary>Decodes the _xHHHH_ escapes of ST_Xstring (Excel writes a carriage return as _x000D_, and a literal "_x" as _x005F_x).</summary>
    internal static string Unescape(StringBuilder text)
    {
        var s = text.ToString();
        if (!s.Contains("_x", StringComparison.Ordinal))
        {
            return s;
        }

        var result = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '_' && i + 6 < s.Length && s[i + 1] == 'x' && s[i + 6] == '_'
                && ushort.TryParse(s.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
                continue;
            }

            result.Append(s[i]);
        }

        return result.ToString();
    }

    internal static string FormatNumber(double value) => Math.Abs(value) < 1e15 && value == Math.Floor(value)
        ? ((long)value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("G15", CultureInfo.InvariantCulture);

    private static bool TryFormatDate(double serial, bool date1904, out string text)
    {
        text = "";
        var days = Math.Floor(serial);
        var seconds = Math.Round((serial - days) * 86400);
        if (seconds >= 86400)
        {
            days++;
            seconds = 0;
        }

        if (!ExcelDates.TryFromSerial((long)days, date1904, out var date))
        {
            return false;
        }

        text = seconds == 0
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(seconds))).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Reads rows from the sheet XML one at a time, collecting merged ranges when it reaches them.</summary>
    private sealed class SheetReader(XlsxTableSource source, XmlReader reader)
    {
        private readonly StringBuilder _text = new();
        private readonly List<SourceCell> _cells = [];
        private int _lastRow;

        public SourceRow? Next()
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "row":
                        var row = ReadRow();
                        if (row.Cells.Count > 0)
                        {
                            return row;
                        }

                        break;
                    case "mergeCell" when reader.GetAttribute("ref") is { } range && source._merges.Count < MaxMergesListed:
                        source._merges.Add(range);
                        break;
                }
            }

            return null;
        }

        private SourceRow ReadRow()
        {
            var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > _lastRow
                ? r
                : _lastRow + 1;
            _lastRow = number;
            _cells.Clear();
            if (reader.IsEmptyElement)
            {
                return new SourceRow(number, []);
            }

            var depth = reader.Depth;
            var column = -1;
            reader.Read();
            while (!(reader.Depth <= depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
                {
                    var reference = reader.GetAttribute("r");
                    var at = reference is null ? -1 : ColumnName.IndexOf(reference);
                    column = at >= 0 ? at : column + 1;
                    if (ReadCell(number, column, reference ?? ColumnName.Letters(column) + number.ToString(CultureInfo.InvariantCulture)) is { } cell)
                    {
                        _cells.Add(cell);
                    }

                    continue;
                }

                reader.Read();
            }

            return new SourceRow(number, _cells.Count == 0 ? [] : [.. _cells]);
        }

        /// <summary>Reads one &lt;c&gt; element; leaves the reader after it. Null for an empty cell.</summary>
        private SourceCell? ReadCell(int row, int column, string reference)
        {
            var type = reader.GetAttribute("t");
            var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            string? value = null;
            string? inline = null;
            var formula = false;

            if (reader.IsEmptyElement)
            {
                reader.Read();
                return null;
            }

            var depth = reader.Depth;
            reader.Read();
            while (!(reader.Depth <= depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "v":
                            _text.Clear();
                            source.ReadContent(reader, _text, row);
                            value = _text.ToString();
                            continue;
                        case "is":
                            _text.Clear();
                            source.ReadRichText(reader, _text, row);
                            inline = Unescape(_text);
                            continue;
                        case "f":
                            formula = true;
                            reader.Skip();
                            continue;
                        default:
                            reader.Skip();
                            continue;
                    }
                }

                reader.Read();
            }

            reader.Read();

            if (formula && value is null)
            {
                return Problem(CellParsers.F($"{reference} 是公式，但文件里没有保存计算结果；请在 Excel 中打开后保存一次再上传，或把公式改为数值。"));
            }

            SourceCell? cell = type switch
            {
                "s" => SharedString(value),
                "inlineStr" => Text(inline ?? value),
                "str" => Text(value is null ? null : Unescape(new StringBuilder(value))),
                "b" => value is null ? null : new SourceCell(column, value.Trim() is "1" or "true" ? "TRUE" : "FALSE", CellKind.Boolean),
                "e" => Problem(CellParsers.F($"{reference} 的值是错误 {value}；请改正公式，或直接填写内容。")),
                "d" => IsoDate(value),
                _ => Number(value),
            };

            if (column >= source._limits.MaxColumns && cell is not null)
            {
                throw new TabularFileException(new ImportProblem(row, null, CellParsers.F(
                    $"{reference} 有内容，超过了最多 {source._limits.MaxColumns} 列的上限。")));
            }

            return cell;

            SourceCell? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : new SourceCell(column, text, CellKind.Text);

            SourceCell Problem(string message) => new(column, "", CellKind.Text, message);

            SourceCell? SharedString(string? index) =>
                int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < source._strings.Count
                    ? Text(source._strings.Get(i))
                    : Problem(CellParsers.F($"{reference} 引用了文件中不存在的文本；文件可能已损坏，请在 Excel 中另存后再上传。"));

            SourceCell? IsoDate(string? text) =>
                DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
                    ? new SourceCell(column, instant.TimeOfDay == TimeSpan.Zero
                        ? instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), CellKind.Date)
                    : Text(text);

            SourceCell? Number(string? text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    return Problem(CellParsers.F($"{reference} 的数值“{text}”无法识别；文件可能已损坏，请在 Excel 中另存后再上传。"));
                }

                if (style < source._dateStyles.Length && source._dateStyles[style] && TryFormatDate(number, source._date1904, out var date))
                {
                    return new SourceCell(column, date, CellKind.Date);
                }

                return new SourceCell(column, FormatNumber(number), CellKind.Number);
            }
        }
    }

    /// <summary>The shared string table, kept compactly (one character buffer and offsets) since it must be held whole.</summary>
    private sealed class SharedStrings
    {
        private readonly List<int> _ends = [];
        private char[] _chars = new char[1024];
        private int _length;

        public int Count => _ends.Count;

        public void Add(string text)
        {
            if (_length + text.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
            }

            text.CopyTo(0, _chars, _length, text.Length);
            _length += text.Length;
            _ends.Add(_length);
        }

        public string Get(int index)
        {
            var start = index == 0 ? 0 : _ends[index - 1];
            return new string(_chars, start, _ends[index] - start);
        }
    }

    /// <summary>A part's stream that charges every byte read to the source's uncompressed budget.</summary>
    private sealed class BudgetStream(Stream inner, XlsxTableSource source) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            source._budget -= read;
            if (source._budget < 0)
            {
                throw new TabularFileException(source.TooLargeUncompressed());
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
