using System.Diagnostics;
using System.Text;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Tests.Tabular;

public sealed class CsvImportTests
{
    private const string Row = "FJ-0001,张三,市场监管、食品安全,有效,2024-01-01,2028-12-31,5000.00,3,是,无";

    private const string SaveAsUtf8 = "请在 Excel 中用“另存为”，保存类型选择“CSV UTF-8（逗号分隔）(*.csv)”，再重新上传。";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Reads_utf8_with_and_without_bom()
    {
        var text = SampleLayout.HeaderLine + "\r\n" + Row + "\r\n";
        foreach (var bytes in new[] { Utf8(text), [.. Encoding.UTF8.GetPreamble(), .. Utf8(text)] })
        {
            var result = SampleLayout.Read(bytes);
            Assert.True(result.IsValid, SampleLayout.Problems(result));
            var row = Assert.Single(result.Rows);
            Assert.Equal(2, row.RowNumber);
            Assert.Equal("FJ-0001", row.Value.Number);
            Assert.Equal("张三", row.Value.Name);
            Assert.Equal(["市场监管", "食品安全"], row.Value.Fields);
            Assert.Equal(SampleStatus.Valid, row.Value.Status);
            Assert.Equal(new DateOnly(2024, 1, 1), row.Value.ValidFrom);
            Assert.Equal(new DateOnly(2028, 12, 31), row.Value.ValidTo);
            Assert.Equal(500_000, row.Value.MaxFineFen);
            Assert.Equal(3, row.Value.Count);
            Assert.True(row.Value.Reviewer);
            Assert.Equal("无", row.Value.Note);
        }
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_a_record_is_one_row()
    {
        var text = SampleLayout.HeaderLine + "\r\n"
                   + "FJ-0001,\"张,三\",市场监管,有效,2024-01-01,,,,是,\"他说“好”和\"\"行\"\"\"\r\n"
                   + "FJ-0002,李四,市场监管,有效,2024-01-01,,,,否,\"第一行\r\n第二行\n第三行\"\r\n"
                   + "FJ-0003,王五,市场监管,无效,2024-01-01,,,,否,\n";
        var result = SampleLayout.ReadCsv(text);

        // The third record starts on line 6 of the text, but it is row 4 of the sheet, as Excel shows it.
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new ImportProblem(4, "状态", "“无效”不是可选的值：应为 有效、暂停、注销 之一。"), problem);

        var fixedText = text.Replace("无效", "有效", StringComparison.Ordinal);
        var rows = SampleLayout.ReadCsv(fixedText).Rows;
        Assert.Equal("张,三", rows[0].Value.Name);
        Assert.Equal("他说“好”和\"行\"", rows[0].Value.Note);
        Assert.Equal("第一行\n第二行\n第三行", rows[1].Value.Note);
        Assert.Equal([2, 3, 4], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Line_ends_may_be_crlf_lf_or_cr_and_blank_rows_keep_their_numbers()
    {
        var text = SampleLayout.HeaderLine + "\r" + Row + "\n\n , ,\r\n" + Row.Replace("FJ-0001", "FJ-0002", StringComparison.Ordinal) + "\r\n\r\n\r\n";
        var result = SampleLayout.ReadCsv(text);
        Assert.True(result.IsValid, SampleLayout.Problems(result));
        Assert.Equal([2, 5], result.Rows.Select(r => r.RowNumber));
        Assert.Equal(2, result.DataRowCount);
    }

    [Fact]
    public void A_gb18030_file_is_refused_with_how_to_save_it_as_utf8()
    {
        var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;
        var bytes = gb18030.GetBytes(SampleLayout.HeaderLine + "\r\n" + Row + "\r\n");

        var result = SampleLayout.Read(bytes);

        Assert.False(result.IsValid);
        Assert.Equal(new ImportProblem(null, null,
            "文件不是 UTF-8 编码：第 1 行有 UTF-8 无法识别的字节，看起来是 GBK/GB18030 编码（Excel 在中文 Windows 上保存 CSV 的默认编码）。" + SaveAsUtf8),
            Assert.Single(result.Problems));
    }

    [Fact]
    public void A_gbk_name_pasted_into_a_utf8_file_is_found_on_its_row()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var bytes = Utf8(SampleLayout.HeaderLine + "\r\n" + Row + "\r\n" + "FJ-0002,")
            .Concat(gbk.GetBytes("李四"))
            .Concat(Utf8(",市场监管,有效,2024-01-01,,,,是,\r\n"))
            .ToArray();

        var problem = Assert.Single(SampleLayout.Read(bytes).Problems);
        Assert.StartsWith("文件不是 UTF-8 编码：第 3 行有 UTF-8 无法识别的字节，看起来是 GBK/GB18030 编码", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_invalid_utf8_is_refused_without_guessing_gbk()
    {
        // Latin-1 "é" (0xE9) before a comma: not UTF-8, and not a GBK double-byte character either.
        var bytes = Utf8(SampleLayout.HeaderLine + "\r\nFJ-0001,Ren").Concat(new byte[] { 0xE9 }).Concat(Utf8(",市场监管,有效,2024-01-01,,,,是,\r\n")).ToArray();
        Assert.Equal("文件不是 UTF-8 编码：第 2 行有 UTF-8 无法识别的字节。" + SaveAsUtf8, Assert.Single(SampleLayout.Read(bytes).Problems).Message);

        // An overlong encoding of "/" (C0 AF) and a UTF-16 surrogate encoded in UTF-8 (ED A0 80) are invalid too; a
        // decoder that only looks for U+FFFD would let them through.
        foreach (var bad in new byte[][] { [0xC0, 0xAF], [0xED, 0xA0, 0x80] })
        {
            var file = Utf8(SampleLayout.HeaderLine + "\r\n").Concat(bad).ToArray();
            Assert.StartsWith("文件不是 UTF-8 编码：第 2 行", Assert.Single(SampleLayout.Read(file).Problems).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_multibyte_character_across_the_read_buffer_boundary_is_read_whole()
    {
        const int Chunk = 64 * 1024;
        var builder = new StringBuilder(SampleLayout.HeaderLine + "\r\n");
        var n = 0;
        while (Encoding.UTF8.GetByteCount(builder.ToString()) < Chunk + 1000)
        {
            builder.Append("FJ-").Append(n++).Append(",张三丰,市场监管,有效,2024-01-01,,,,是,备注备注备注\r\n");
        }

        // Shift the text one byte at a time until the boundary falls inside a three-byte character.
        var text = builder.ToString();
        var bytes = Utf8(text);
        var pad = 0;
        while ((bytes[Chunk] & 0xC0) != 0x80)
        {
            pad++;
            bytes = Utf8(text.Replace("FJ-0,", "FJ-0" + new string('0', pad) + ",", StringComparison.Ordinal));
        }

        var result = SampleLayout.Read(bytes);
        Assert.True(result.IsValid, SampleLayout.Problems(result));
        Assert.Equal(n, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal("张三丰", r.Value.Name));
    }

    [Fact]
    public void A_utf16_file_is_refused()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(SampleLayout.HeaderLine)).ToArray();
        Assert.Equal("文件是 UTF-16 编码（Excel 的“Unicode 文本”格式），不是 CSV UTF-8。" + SaveAsUtf8,
            Assert.Single(SampleLayout.Read(bytes).Problems).Message);
    }

    [Fact]
    public void An_old_xls_or_encrypted_workbook_is_refused()
    {
        byte[] compoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        Assert.Equal("这是旧版 Excel（.xls）文件，或设置了打开密码的 Excel 文件，无法读取。请在 Excel 中用“另存为”，保存类型选择“Excel 工作簿(*.xlsx)”（如有密码请先取消），再重新上传。",
            Assert.Single(SampleLayout.Read(compoundFile).Problems).Message);
    }

    [Fact]
    public void The_apostrophe_guard_is_removed_and_only_it()
    {
        var text = SampleLayout.HeaderLine + "\r\n"
                   + "FJ-0001,张三,市场监管,有效,2024-01-01,,,,是,'=SUM(A1:A2)\r\n"
                   + "FJ-0002,李四,市场监管,有效,2024-01-01,,,,是,'-5\r\n"
                   + "FJ-0003,王五,市场监管,有效,2024-01-01,,,,是,''@x\r\n"
                   + "FJ-0004,赵六,市场监管,有效,2024-01-01,,,,是,'abc\r\n";
        var rows = SampleLayout.ReadCsv(text).Rows;
        Assert.Equal(["=SUM(A1:A2)", "-5", "'@x", "'abc"], rows.Select(r => r.Value.Note));
    }

    [Fact]
    public void An_unclosed_quote_names_the_row_where_it_starts()
    {
        var text = SampleLayout.HeaderLine + "\r\n" + Row + "\r\nFJ-0002,\"李四,市场监管,有效\r\n" + Row + "\r\n";
        Assert.Equal(new ImportProblem(3, null, "这一行有一个英文双引号（\"）开始的内容一直到文件末尾都没有结束引号；请检查这一行的双引号是否成对。"),
            Assert.Single(SampleLayout.ReadCsv(text).Problems));
    }

    [Fact]
    public void A_cell_over_the_limit_stops_reading()
    {
        var text = SampleLayout.HeaderLine + "\r\n" + Row + "\r\nFJ-0002,李四,市场监管,有效,2024-01-01,,,,是,\"" + new string('长', 100);
        var problem = Assert.Single(SampleLayout.ReadCsv(text, new TabularLimits { MaxCellCharacters = 50 }).Problems);
        Assert.Equal(new ImportProblem(3, null, "J 列的内容超过 50 个字符的上限，已停止读取；请检查双引号是否成对。"), problem);
    }

    [Fact]
    public void Content_beyond_the_column_limit_stops_reading()
    {
        var text = SampleLayout.HeaderLine + "\r\n" + Row + new string(',', 300) + "x\r\n";
        Assert.Equal(new ImportProblem(2, null, "第 310 列（KX 列）有内容，超过了最多 256 列的上限。"), Assert.Single(SampleLayout.ReadCsv(text).Problems));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading()
    {
        var text = SampleLayout.HeaderLine + "\r\n" + string.Concat(Enumerable.Repeat(Row + "\r\n", 100));
        var limits = new TabularLimits { MaxFileBytes = 1024 };
        Assert.Equal("文件超过 0 MB 的上限；请拆分成多个文件分别导入。", Assert.Single(SampleLayout.ReadCsv(text, limits).Problems).Message);
        Assert.Equal("文件超过 32 MB 的上限；请拆分成多个文件分别导入。",
            Assert.Single(SampleLayout.Layout.Read(new NonSeekableStream(new byte[33 * 1024 * 1024])).Problems).Message);
    }

    [Fact]
    public async Task ReadAsync_reads_a_stream_that_cannot_seek()
    {
        var bytes = Utf8(SampleLayout.HeaderLine + "\r\n" + Row + "\r\n");
        var result = await SampleLayout.Layout.ReadAsync(new NonSeekableStream(bytes), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("FJ-0001", Assert.Single(result.Rows).Value.Number);
    }

    [Fact]
    public void An_empty_file_or_a_blank_first_row_is_refused()
    {
        Assert.Equal("文件是空的：第 1 行应为表头（列名），数据从第 2 行开始。", Assert.Single(SampleLayout.Read([]).Problems).Message);
        Assert.Equal("文件是空的：第 1 行应为表头（列名），数据从第 2 行开始。", Assert.Single(SampleLayout.Read([0xEF, 0xBB, 0xBF]).Problems).Message);
        Assert.Equal("第 1 行是空的：第 1 行应为表头（列名），数据从第 2 行开始。",
            Assert.Single(SampleLayout.ReadCsv("\r\n" + SampleLayout.HeaderLine + "\r\n" + Row).Problems).Message);
    }

    [Fact]
    public void A_header_only_file_is_valid_and_empty()
    {
        var result = SampleLayout.ReadCsv(SampleLayout.HeaderLine + "\r\n");
        Assert.True(result.IsValid);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_tab_separated_file_gets_a_hint()
    {
        var problem = SampleLayout.ReadCsv(string.Join("\t", SampleLayout.Headers) + "\r\n").Problems[0];
        Assert.Contains("表头里有制表符：文件可能是用制表符分隔的文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）(*.csv)”。", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_hundred_thousand_rows_give_one_message_and_reading_stops_early()
    {
        var bytes = CsvWithRows(100_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = SampleLayout.Read(bytes);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(new ImportProblem(null, null,
            "数据超过 20,000 行（读到第 20,002 行时停止读取）；请把文件拆分成每个不超过 20,000 行数据的多个文件，分别导入。"),
            Assert.Single(result.Problems));

        // Reading stopped at row 20,002: it allocates about what a 20,000-row file costs, not five times that.
        var full = CsvWithRows(20_000);
        var beforeFull = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(SampleLayout.Read(full).IsValid);
        var allocatedFull = GC.GetAllocatedBytesForCurrentThread() - beforeFull;
        Assert.True(allocated < allocatedFull * 1.5, $"100k rows allocated {allocated:N0} B, 20k rows {allocatedFull:N0} B");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    internal static byte[] CsvWithRows(int count)
    {
        var builder = new StringBuilder(SampleLayout.HeaderLine).Append("\r\n");
        for (var i = 0; i < count; i++)
        {
            builder.Append("FJ-").Append(i).Append(",张三,市场监管、食品安全,有效,2024-01-01,2028-12-31,5000.00,3,是,备注\r\n");
        }

        return Utf8(builder.ToString());
    }
}

/// <summary>A read-only stream that cannot seek, like an HTTP request body.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
