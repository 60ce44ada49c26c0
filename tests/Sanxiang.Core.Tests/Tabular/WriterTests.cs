using System.Text;
using CsCheck;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Tabular;

public sealed class WriterTests
{
    private static readonly SampleRow Second = new("FJ-0002", "李四,“老李”\"x\"", ["消防"], SampleStatus.Revoked, new DateOnly(1900, 2, 28), null, null, 0, false,
        "=HYPERLINK(\"http://example.invalid\")");

    private static byte[] Write(TabularFileFormat format, params SampleRow[] rows)
    {
        using var stream = new MemoryStream();
        SampleLayout.Layout.Write(stream, format, rows);
        return stream.ToArray();
    }

    /// <summary>Rows compared by value (the lists inside are compared item by item).</summary>
    private static string Canonical(SampleRow r) =>
        string.Join("|", r.Number, r.Name, string.Join("、", r.Fields), r.Status, r.ValidFrom, r.ValidTo, r.MaxFineFen, r.Count, r.Reviewer, r.Note);

    private static void AssertRoundTrip(TabularFileFormat format, params SampleRow[] rows)
    {
        var result = SampleLayout.Read(Write(format, rows));
        Assert.True(result.IsValid, SampleLayout.Problems(result));
        Assert.Equal(rows.Select(Canonical), result.Rows.Select(r => Canonical(r.Value)));
        Assert.Equal(Enumerable.Range(2, rows.Length), result.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Csv_is_utf8_with_bom_crlf_quoted_and_guarded_against_formulas()
    {
        var bytes = Write(TabularFileFormat.Csv, SampleLayout.Example, Second);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(
            SampleLayout.HeaderLine + "\r\n"
            + "FJ-0001,张三,市场监管、食品安全,有效,2024-01-01,2028-12-31,5000.00,3,是,\"第一行\n第二行\"\r\n"
            + "FJ-0002,\"李四,“老李”\"\"x\"\"\",消防,注销,1900-02-28,,,0,否,\"'=HYPERLINK(\"\"http://example.invalid\"\")\"\r\n",
            text);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+8613800000000", "'+8613800000000")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("'abc", "''abc")]
    [InlineData("a=b", "a=b")]
    [InlineData("普通文本", "普通文本")]
    public void Csv_cells_that_excel_would_run_get_an_apostrophe(string value, string written)
    {
        var b = new TableLayoutBuilder<string>("表");
        var column = b.Required("值", "value", CellParser<string>.Create(CellResult<string>.Success, s => s, "任意文本"), v => v, "值", "x");
        var layout = b.Build(row => row.Get(column));
        using var stream = new MemoryStream();
        layout.Write(stream, TabularFileFormat.Csv, [value]);
        Assert.Equal("值\r\n" + written + "\r\n", Encoding.UTF8.GetString(stream.ToArray()[3..]));

        // … and reading it back gives the value again, apostrophe removed (the reader trims, so compare trimmed).
        stream.Position = 0;
        Assert.Equal(value.Trim(), Assert.Single(layout.Read(stream).Rows).Value);
    }

    [Theory]
    [InlineData(TabularFileFormat.Csv)]
    [InlineData(TabularFileFormat.Xlsx)]
    public void Write_then_read_gives_the_same_rows(TabularFileFormat format) =>
        AssertRoundTrip(format, SampleLayout.Example, Second, Second with { Number = "350100202400012345", Note = "_x0041_ 不是转义", MaxFineFen = 1 });

    [Fact]
    public void Random_rows_round_trip_through_csv_and_xlsx()
    {
        // Whole characters (a surrogate pair is one atom): commas, quotes, formula starts, separators, an escape look-alike, emoji, CJK Ext. B.
        string[] atoms = ["a", "张", ",", "\"", "'", "=", "+", "-", "@", " ", ";", "、", "；", "_x0041_", "😀", "𠀀"];
        Gen<string> Text(int max, params string[] extra) =>
            Gen.OneOf<string>([.. atoms, .. extra]).Array[1, max].Select(string.Concat).Select(s => s.Trim()).Where(s => s.Length > 0);
        var name = Text(8).Where(s => s.IndexOfAny(['、', '；', ';']) < 0 && s.Length <= 20);
        var item = name.Where(s => s.Length <= 10);
        var note = Text(20, "\n").Where(s => s.Length <= 200);
        var number = Gen.String[Gen.Char["ABC0123-"], 1, 20];
        var row = Gen.Select(number, name, item.Array[1, 4], Gen.Int[0, 2], Gen.Int[1, ExcelSerialMax], Gen.Long[0, 1_000_000_000_000], note.Null(), Gen.Bool)
            .Select((n, nm, fields, status, serial, fine, memo, reviewer) => new SampleRow(n, nm, [.. fields.Distinct()], (SampleStatus)status,
                new DateOnly(1900, 3, 1).AddDays(serial % 2_000_000), null, fine, null, reviewer, memo));

        row.Array[1, 5].Sample(rows =>
        {
            var distinct = rows.DistinctBy(r => r.Number).ToArray();
            AssertRoundTrip(TabularFileFormat.Csv, distinct);
            AssertRoundTrip(TabularFileFormat.Xlsx, distinct);
        }, iter: 60);
    }

    private const int ExcelSerialMax = 2_900_000;

    [Fact]
    public void Xlsx_control_characters_survive_as_excel_escapes()
    {
        var b = new TableLayoutBuilder<string>("表");
        var column = b.Required("值", "value", CellParser<string>.Create(CellResult<string>.Success, s => s, "任意文本"), v => v, "值", "x");
        var layout = b.Build(row => row.Get(column));
        using var stream = new MemoryStream();
        layout.Write(stream, TabularFileFormat.Xlsx, ["a\u0001b\rc_x0041_d"]);
        stream.Position = 0;
        Assert.Equal("a\u0001b\rc_x0041_d", Assert.Single(layout.Read(stream).Rows).Value);
    }

    [Fact]
    public void Xlsx_has_a_bold_frozen_header_text_columns_typed_cells_widths_drop_downs_and_instructions()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Write(TabularFileFormat.Xlsx, SampleLayout.Example,
            SampleLayout.Example with { Number = "350100202400012345" })), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["执法人员", "填写说明"], sheets.Select(s => s.Name!.Value));

        var data = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet;
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = styles.Fonts!.Elements<Font>().ToList();
        var rows = data.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Cell CellAt(string reference) => rows.SelectMany(r => r.Elements<Cell>()).Single(c => c.CellReference == reference);
        CellFormat FormatOf(Cell cell) => formats[(int)(cell.StyleIndex?.Value ?? 0)];

        // Header: bold, frozen.
        Assert.All(rows[0].Elements<Cell>(), c => Assert.NotNull(fonts[(int)FormatOf(c).FontId!.Value].Bold));
        var pane = data.GetFirstChild<SheetViews>()!.GetFirstChild<SheetView>()!.GetFirstChild<Pane>()!;
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);

        // A long certificate number is a string cell in a text-formatted column, never a number.
        var number = CellAt("A3");
        Assert.Equal(CellValues.InlineString, number.DataType!.Value);
        Assert.Equal("350100202400012345", number.InlineString!.InnerText);
        Assert.Equal(49u, FormatOf(number).NumberFormatId!.Value);
        var columns = data.GetFirstChild<Columns>()!.Elements<Column>().ToList();
        Assert.Equal(49u, formats[(int)columns[0].Style!.Value].NumberFormatId!.Value);

        // Dates are dates, amounts numbers with two decimals.
        var date = CellAt("E2");
        Assert.Null(date.DataType);
        Assert.Equal(new DateOnly(2024, 1, 1).DayNumber - new DateOnly(1899, 12, 30).DayNumber, int.Parse(date.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("yyyy-mm-dd", styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == FormatOf(date).NumberFormatId!).FormatCode!.Value);
        Assert.Equal("5000.00", CellAt("G2").CellValue!.Text);
        Assert.Equal(2u, FormatOf(CellAt("G2")).NumberFormatId!.Value);

        // Widths follow the content; a Chinese header counts double.
        Assert.True(columns[8].Width!.Value > columns[1].Width!.Value, "是否法制审核人员 is wider than 姓名");

        // Closed lists are drop-downs.
        var validations = data.GetFirstChild<DataValidations>()!.Elements<DataValidation>().ToList();
        Assert.Equal(["D2:D20001", "I2:I20001"], validations.Select(v => v.SequenceOfReferences!.InnerText));
        Assert.Equal(["\"有效,暂停,注销\"", "\"是,否\""], validations.Select(v => v.Formula1!.Text));

        // The instructions sheet describes every column.
        var instructions = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString!.InnerText).ToArray()).ToList();
        Assert.Equal(["列名", "是否必填", "格式要求", "示例", "说明"], instructions[0]);
        Assert.Equal(["有效期自", "是", "日期，格式 yyyy-MM-dd（也接受 yyyy/M/d）", "2024-01-01", "证件有效期起始日"], instructions[5]);
        Assert.Equal(["有效期至", "否", "日期，格式 yyyy-MM-dd（也接受 yyyy/M/d）", "2028-12-31", "证件有效期截止日，长期有效的不填"], instructions[6]);
        Assert.Contains(instructions, r => r[0].StartsWith("3. 每个文件最多 20,000 行数据", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TabularFileFormat.Csv)]
    [InlineData(TabularFileFormat.Xlsx)]
    public void The_template_is_the_header_and_one_example_row_that_imports(TabularFileFormat format)
    {
        using var stream = new MemoryStream();
        SampleLayout.Layout.WriteTemplate(stream, format);
        stream.Position = 0;
        var result = SampleLayout.Layout.Read(stream);
        Assert.True(result.IsValid, SampleLayout.Problems(result));
        var row = Assert.Single(result.Rows).Value;
        Assert.Equal(Canonical(new SampleRow("FJ-0001", "张三", ["市场监管", "食品安全"], SampleStatus.Valid, new DateOnly(2024, 1, 1), new DateOnly(2028, 12, 31),
            500_000, 3, true, "无")), Canonical(row));
    }

    [Fact]
    public async Task Async_writers_serve_a_stream_that_cannot_seek()
    {
        var output = new WriteOnlyStream();
        await SampleLayout.Layout.WriteAsync(output, TabularFileFormat.Xlsx, [SampleLayout.Example], TestContext.Current.CancellationToken);
        Assert.Equal("FJ-0001", Assert.Single(SampleLayout.Read(output.Written.ToArray()).Rows).Value.Number);

        var template = new WriteOnlyStream();
        await SampleLayout.Layout.WriteTemplateAsync(template, TabularFileFormat.Csv, TestContext.Current.CancellationToken);
        Assert.StartsWith("\uFEFF" + SampleLayout.HeaderLine + "\r\n", Encoding.UTF8.GetString(template.Written.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void File_formats_name_their_extension_and_media_type()
    {
        Assert.Equal(".xlsx", TabularFileFormats.Extension(TabularFileFormat.Xlsx));
        Assert.Equal("text/csv; charset=utf-8", TabularFileFormats.ContentType(TabularFileFormat.Csv));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", TabularFileFormats.ContentType(TabularFileFormat.Xlsx));
    }

    /// <summary>An HTTP response body: write-only, no seeking.</summary>
    private sealed class WriteOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }
}
