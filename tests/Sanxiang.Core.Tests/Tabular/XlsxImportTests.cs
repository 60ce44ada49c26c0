using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Tabular;

public sealed class XlsxImportTests
{
    private static double Serial(int year, int month, int day) => new DateOnly(year, month, day).DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    /// <summary>A fixture whose first visible sheet has the sample header in row 1.</summary>
    private static (XlsxFixture Fixture, XlsxFixture.SheetSpec Sheet) WithHeader(string name = "执法人员")
    {
        var fixture = new XlsxFixture();
        var sheet = fixture.Sheet(name).Text(1, SampleLayout.Headers);
        return (fixture, sheet);
    }

    /// <summary>Fills row <paramref name="row"/> with a valid sample row as shared strings.</summary>
    private static XlsxFixture.SheetSpec ValidRow(XlsxFixture.SheetSpec sheet, int row, string number = "FJ-0001") =>
        sheet.Text(row, number, "张三", "市场监管", "有效", "2024-01-01", null, null, null, "是", null);

    [Fact]
    public void Reads_every_kind_of_cell()
    {
        var (fixture, sheet) = WithHeader();
        sheet.Shared("A2", "FJ-0001")
            .Inline("B2", "张三")
            .RichText("C2", "市场监管", "、食品安全")
            .Shared("D2", "暂停")
            .Number("E2", Serial(2024, 1, 1), XlsxFixture.BuiltInDate)
            .Number("F2", Serial(2028, 12, 31), XlsxFixture.ChineseDate)
            .Number("G2", 0.1 + 0.2, XlsxFixture.TwoDecimals) // 0.30000000000000004, shown by Excel as 0.30
            .Number("H2", 3)
            .Boolean("I2", true)
            .Formula("J2", "CONCATENATE(\"甲\",\"乙\")", "甲乙", CellValues.String);

        var result = SampleLayout.Read(fixture.Build());

        Assert.True(result.IsValid, SampleLayout.Problems(result));
        var row = Assert.Single(result.Rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("FJ-0001", row.Value.Number);
        Assert.Equal("张三", row.Value.Name);
        Assert.Equal(["市场监管", "食品安全"], row.Value.Fields);
        Assert.Equal(SampleStatus.Suspended, row.Value.Status);
        Assert.Equal(new DateOnly(2024, 1, 1), row.Value.ValidFrom);
        Assert.Equal(new DateOnly(2028, 12, 31), row.Value.ValidTo);
        Assert.Equal(30, row.Value.MaxFineFen);
        Assert.Equal(3, row.Value.Count);
        Assert.True(row.Value.Reviewer);
        Assert.Equal("甲乙", row.Value.Note);
    }

    [Fact]
    public void A_date_serial_in_a_general_cell_and_a_formula_date_are_read()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2).Number("E2", Serial(2025, 3, 1)).Formula("F2", "E2+365", Serial(2026, 3, 1).ToString(System.Globalization.CultureInfo.InvariantCulture), style: XlsxFixture.BuiltInDate);
        var row = Assert.Single(SampleLayout.Read(fixture.Build()).Rows).Value;
        Assert.Equal(new DateOnly(2025, 3, 1), row.ValidFrom);
        Assert.Equal(new DateOnly(2026, 3, 1), row.ValidTo);
    }

    [Fact]
    public void The_1904_date_system_is_honoured()
    {
        var (fixture, sheet) = WithHeader();
        fixture.Date1904 = true;
        ValidRow(sheet, 2).Number("E2", new DateOnly(2024, 1, 1).DayNumber - new DateOnly(1904, 1, 1).DayNumber, XlsxFixture.BuiltInDate);
        Assert.Equal(new DateOnly(2024, 1, 1), Assert.Single(SampleLayout.Read(fixture.Build()).Rows).Value.ValidFrom);
    }

    [Fact]
    public void A_date_with_a_time_is_refused()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2).Number("E2", Serial(2024, 1, 1) + 0.5, XlsxFixture.DateTimeFormat);
        Assert.Equal(new ImportProblem(2, "有效期自", "“2024-01-01 12:00:00”包含时间：只需填写日期，例如 2025-03-01。"),
            Assert.Single(SampleLayout.Read(fixture.Build()).Problems));
    }

    [Fact]
    public void A_certificate_number_typed_as_a_number_is_refused_once_excel_has_rounded_it()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2).Number("A2", 350100202400012345);
        ValidRow(sheet, 3, "FJ-0003").Number("A3", 350100);
        var problems = SampleLayout.Read(fixture.Build()).Problems;
        Assert.Equal([new ImportProblem(2, "证件编号",
            "该单元格是数字格式，超过 15 位的数字已被 Excel 改动（如身份证号、证件编号后几位变成 0）；请把该列设置为“文本”格式后重新输入。")], problems);
    }

    [Fact]
    public void A_formula_without_a_cached_value_and_an_error_value_are_refused_with_the_cell_named()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2).Formula("E2", "DATE(2024,1,1)", cached: null);
        ValidRow(sheet, 3, "FJ-0003").Error("H3", "#DIV/0!");
        ValidRow(sheet, 4, "FJ-0004").Formula("B4", "VLOOKUP(A4,名单!A:B,2,FALSE)", "#N/A", CellValues.Error);

        Assert.Equal(
        [
            new ImportProblem(2, "有效期自", "E2 是公式，但文件里没有保存计算结果；请在 Excel 中打开后保存一次再上传，或把公式改为数值。"),
            new ImportProblem(3, "人数", "H3 的值是错误 #DIV/0!；请改正公式，或直接填写内容。"),
            new ImportProblem(4, "姓名", "B4 的值是错误 #N/A；请改正公式，或直接填写内容。"),
        ], SampleLayout.Read(fixture.Build()).Problems);
    }

    [Fact]
    public void Merged_cells_are_refused_with_the_range_named()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2);
        ValidRow(sheet, 3, "FJ-0003").Merge("B3:C3");
        ValidRow(sheet, 4, "FJ-0004").Merge("J4:J6");

        Assert.Equal(
        [
            new ImportProblem(3, "姓名", "B3:C3 是合并单元格；请取消合并，每个单元格分别填写。"),
            new ImportProblem(4, "备注", "J4:J6 是合并单元格；请取消合并，每个单元格分别填写。"),
        ], SampleLayout.Read(fixture.Build()).Problems);
        Assert.Equal("第 3 行“姓名”：B3:C3 是合并单元格；请取消合并，每个单元格分别填写。",
            SampleLayout.Read(fixture.Build()).Problems[0].ToString());
    }

    [Fact]
    public void A_merged_title_above_the_header_is_refused()
    {
        var fixture = new XlsxFixture();
        fixture.Sheet("执法人员").Text(1, "某县执法人员名单").Merge("A1:J1").Text(2, SampleLayout.Headers);
        var problems = SampleLayout.Read(fixture.Build()).Problems;
        Assert.Equal(new ImportProblem(1, "某县执法人员名单",
            "A 列的表头“某县执法人员名单”不是本表的列；本表的列为：证件编号、姓名、执法领域、状态、有效期自、有效期至、罚款上限、人数、是否法制审核人员、备注。"), problems[0]);
    }

    [Fact]
    public void Hidden_sheets_are_skipped_and_the_first_visible_sheet_is_read()
    {
        var fixture = new XlsxFixture();
        fixture.Sheet("旧数据", SheetStateValues.Hidden).Text(1, "无关");
        fixture.Sheet("代码表", SheetStateValues.VeryHidden).Text(1, "无关");
        var sheet = fixture.Sheet("执法人员").Text(1, SampleLayout.Headers);
        ValidRow(sheet, 2);
        fixture.Sheet("填写说明").Text(1, "说明");
        Assert.Equal("FJ-0001", Assert.Single(SampleLayout.Read(fixture.Build()).Rows).Value.Number);
    }

    [Fact]
    public void A_workbook_without_a_visible_sheet_is_refused()
    {
        var fixture = new XlsxFixture();
        fixture.Sheet("隐藏", SheetStateValues.Hidden).Text(1, SampleLayout.Headers);
        Assert.Equal("工作簿里没有可见的工作表；请把数据放在第一个工作表中，并取消隐藏。", Assert.Single(SampleLayout.Read(fixture.Build()).Problems).Message);
    }

    [Fact]
    public void Blank_and_formatted_empty_rows_are_ignored_and_row_numbers_are_the_sheets()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2);
        sheet.Blank("A3").Inline("B4", "  ");
        sheet.Text(7, "FJ-0007", "李四", "市场监管", "有效", "2024-01-01", null, null, null, "不是", null);
        for (var r = 8; r < 200; r++)
        {
            sheet.Blank(XlsxFixture.Ref(0, r)).Blank(XlsxFixture.Ref(9, r));
        }

        var result = SampleLayout.Read(fixture.Build());
        Assert.Equal([new ImportProblem(7, "是否法制审核人员", "“不是”无效：只能填写“是”或“否”。")], result.Problems);
        Assert.Equal(2, result.DataRowCount);
    }

    [Fact]
    public void Header_problems_are_named_in_xlsx_too()
    {
        var bytes = XlsxFixture.FromRows(["姓名", "证件编号", "证件编号", "执法领域", "状态", "有效期自", "是否法制审核人员"]);
        Assert.Equal([new ImportProblem(1, "证件编号", "“证件编号”列重复出现（B 列和 C 列）；每列只能出现一次。")], SampleLayout.Read(bytes).Problems);
    }

    [Fact]
    public void A_damaged_file_or_another_zip_is_not_a_workbook()
    {
        const string NotAWorkbook = "文件不是有效的 Excel（.xlsx）文件，可能已损坏或只是改了扩展名。请在 Excel 中打开，用“另存为”，保存类型选择“Excel 工作簿(*.xlsx)”，再重新上传。";
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2);
        var good = fixture.Build();
        Assert.Equal(NotAWorkbook, Assert.Single(SampleLayout.Read(good[..(good.Length / 2)]).Problems).Message);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            entry.Write("不是工作簿");
        }

        Assert.Equal(NotAWorkbook, Assert.Single(SampleLayout.Read(zip.ToArray()).Problems).Message);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_declared_size_before_anything_is_inflated()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2);
        fixture.BombStrings = 1_500; // 1,500 x 30,000 x 3 bytes = 135 MB of XML
        var bytes = fixture.Build();
        Assert.True(bytes.Length < 2 * 1024 * 1024, $"{bytes.Length:N0} bytes");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var problem = Assert.Single(SampleLayout.Read(bytes).Problems);
        Assert.Equal("Excel 文件解压后的内容超过 128 MB 的上限（数据太多，或是异常文件），已停止读取；每个导入文件最多 20,000 行数据，请检查文件或拆分后分别导入。", problem.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024);
    }

    [Fact]
    public void A_zip_bomb_that_lies_about_its_size_is_stopped_while_streaming()
    {
        var (fixture, sheet) = WithHeader();
        ValidRow(sheet, 2);
        fixture.BombStrings = 1_500;
        var bytes = LieAboutSize(fixture.Build(), "xl/sharedStrings.xml");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var problem = Assert.Single(SampleLayout.Read(bytes, new TabularLimits { MaxUncompressedBytes = 8 * 1024 * 1024 }).Problems);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(problem.Message.StartsWith("Excel 文件解压后的内容超过 8 MB 的上限", StringComparison.Ordinal)
                    || problem.Message.StartsWith("文件不是有效的 Excel", StringComparison.Ordinal), problem.Message);
        Assert.True(allocated < 64 * 1024 * 1024, $"allocated {allocated:N0} B");
    }

    [Fact]
    public void One_hundred_thousand_rows_give_one_message_and_reading_stops_early()
    {
        var bytes = HundredThousandRows(100_001);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = SampleLayout.Read(bytes);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(new ImportProblem(null, null,
            "数据超过 20,000 行（读到第 20,002 行时停止读取）；请把文件拆分成每个不超过 20,000 行数据的多个文件，分别导入。"),
            Assert.Single(result.Problems));

        var full = HundredThousandRows(20_000);
        var beforeFull = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(SampleLayout.Read(full).IsValid);
        var allocatedFull = GC.GetAllocatedBytesForCurrentThread() - beforeFull;
        Assert.True(allocated < allocatedFull * 1.5, $"100k rows allocated {allocated:N0} B, 20k rows {allocatedFull:N0} B");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    internal static byte[] HundredThousandRows(int count)
    {
        var (fixture, sheet) = WithHeader();
        sheet.GeneratedFrom = 2;
        sheet.GeneratedCount = count;
        var date = Serial(2024, 1, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        sheet.Generated = row =>
        [
            new Cell { CellReference = "A" + row, DataType = CellValues.InlineString, InlineString = new InlineString(new Text("FJ-" + row)) },
            new Cell { CellReference = "B" + row, DataType = CellValues.InlineString, InlineString = new InlineString(new Text("张三")) },
            new Cell { CellReference = "C" + row, DataType = CellValues.InlineString, InlineString = new InlineString(new Text("市场监管、食品安全")) },
            new Cell { CellReference = "D" + row, DataType = CellValues.InlineString, InlineString = new InlineString(new Text("有效")) },
            new Cell { CellReference = "E" + row, StyleIndex = XlsxFixture.BuiltInDate, CellValue = new CellValue(date) },
            new Cell { CellReference = "G" + row, CellValue = new CellValue("5000") },
            new Cell { CellReference = "I" + row, DataType = CellValues.Boolean, CellValue = new CellValue("1") },
        ];
        return fixture.Build();
    }

    /// <summary>Rewrites the uncompressed size that the zip headers declare for one entry to 1 KB (local header and central directory).</summary>
    private static byte[] LieAboutSize(byte[] zip, string entryName)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        var bytes = (byte[])zip.Clone();
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034B50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), 1024);
                patched++;
            }
            else if (signature == 0x02014B50 && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), 1024);
                patched++;
            }
        }

        Assert.Equal(2, patched);
        return bytes;
    }
}
