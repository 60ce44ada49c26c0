using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Sanxiang.Core.Tabular;

/// <summary>
/// Reads CSV as RFC 4180 describes it (comma-separated, fields in double quotes may hold commas, quotes doubled as "",
/// and line breaks; CRLF, LF or CR end a record), leniently where Excel is lenient (a stray quote inside an unquoted field
/// is kept as text). The bytes must be UTF-8, with or without a BOM: they are decoded strictly, so a GBK/GB18030 file (what
/// Excel on Chinese Windows saves as "CSV (逗号分隔)") is refused at its first non-UTF-8 byte, not turned into U+FFFD.
/// A record is one spreadsheet row, even when a quoted field spans lines, so row numbers match what Excel shows.
/// A cell that starts with an apostrophe followed by = + - @ tab, CR or another apostrophe loses that apostrophe: it is
/// the guard <see cref="CsvTableWriter"/> adds against formula injection.
/// </summary>
internal sealed class CsvTableSource(Stream stream, TabularLimits limits) : ITableSource
{
    private const int ChunkBytes = 64 * 1024;

    private readonly StringBuilder _field = new();
    private readonly List<SourceCell> _cells = [];
    private readonly Queue<SourceRow> _completed = new();
    private int _row = 1;
    private int _column;
    private bool _inQuotes;
    private bool _quotePending;
    private bool _afterCarriageReturn;
    private int _quoteStartRow;

    public IEnumerable<SourceRow> ReadRows()
    {
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes);
        try
        {
            var carried = 0;
            long total = 0;
            var first = true;
            while (true)
            {
                var read = stream.ReadAtLeast(bytes.AsSpan(carried, ChunkBytes - carried), ChunkBytes - carried, throwOnEndOfStream: false);
                total += read;
                if (total > limits.MaxFileBytes)
                {
                    throw new TabularFileException(CellParsers.F($"文件超过 {TableImporter.Megabytes(limits.MaxFileBytes)} MB 的上限；请拆分成多个文件分别导入。"));
                }

                var available = carried + read;
                var final = read == 0 || available < ChunkBytes;
                var start = 0;
                if (first)
                {
                    first = false;
                    start = SkipByteOrderMark(bytes.AsSpan(0, available));
                }

                var status = Utf8.ToUtf16(bytes.AsSpan(start, available - start), chars.AsSpan(0, ChunkBytes), out var consumed, out var written,
                    replaceInvalidSequences: false, isFinalBlock: final);
                Process(chars.AsSpan(0, written));
                while (_completed.Count > 0)
                {
                    yield return _completed.Dequeue();
                }

                if (status == System.Buffers.OperationStatus.InvalidData)
                {
                    throw new TabularFileException(EncodingMessage(bytes.AsSpan(start + consumed, available - start - consumed)));
                }

                carried = available - start - consumed;
                bytes.AsSpan(start + consumed, carried).CopyTo(bytes);
                if (final)
                {
                    break;
                }
            }

            Finish();
            while (_completed.Count > 0)
            {
                yield return _completed.Dequeue();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public IEnumerable<ImportProblem> TrailingProblems(Func<int, string?> headerOf) => [];

    public void Dispose()
    {
    }

    private static int SkipByteOrderMark(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return 3;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new TabularFileException("文件是 UTF-16 编码（Excel 的“Unicode 文本”格式），不是 CSV UTF-8。请在 Excel 中用“另存为”，" +
                                           "保存类型选择“CSV UTF-8（逗号分隔）(*.csv)”，再重新上传。");
        }

        return 0;
    }

    private string EncodingMessage(ReadOnlySpan<byte> invalid)
    {
        var looksLikeGbk = invalid.Length >= 2 && invalid[0] is >= 0x81 and <= 0xFE && invalid[1] is >= 0x40 and <= 0xFE and not 0x7F;
        var what = looksLikeGbk ? "，看起来是 GBK/GB18030 编码（Excel 在中文 Windows 上保存 CSV 的默认编码）" : "";
        return CellParsers.F($"文件不是 UTF-8 编码：第 {_row} 行有 UTF-8 无法识别的字节{what}。请在 Excel 中用“另存为”，保存类型选择“CSV UTF-8（逗号分隔）(*.csv)”，再重新上传。");
    }

    private void Process(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (c == '\n' && !_inQuotes)
                {
                    continue;
                }
            }

            if (_inQuotes)
            {
                if (_quotePending)
                {
                    _quotePending = false;
                    if (c == '"')
                    {
                        Append(c);
                        continue;
                    }

                    _inQuotes = false; // the quote closed the field; c is read as outside quotes below
                }
                else if (c == '"')
                {
                    _quotePending = true;
                    continue;
                }
                else
                {
                    Append(c);
                    continue;
                }
            }

            switch (c)
            {
                case ',':
                    EndField();
                    break;
                case '\r':
                    EndRecord();
                    _afterCarriageReturn = true;
                    break;
                case '\n':
                    EndRecord();
                    break;
                case '"' when _field.Length == 0:
                    _inQuotes = true;
                    _quoteStartRow = _row;
                    break;
                default:
                    Append(c);
                    break;
            }
        }
    }

    private void Finish()
    {
        if (_inQuotes && !_quotePending)
        {
            throw new TabularFileException(new ImportProblem(_quoteStartRow, null,
                "这一行有一个英文双引号（\"）开始的内容一直到文件末尾都没有结束引号；请检查这一行的双引号是否成对。"));
        }

        _inQuotes = false;
        if (_field.Length > 0 || _column > 0)
        {
            EndRecord();
        }
    }

    private void Append(char c)
    {
        _field.Append(c);
        if (_field.Length > limits.MaxCellCharacters)
        {
            throw new TabularFileException(new ImportProblem(_inQuotes ? _quoteStartRow : _row, null, CellParsers.F(
                $"{ColumnName.Letters(_column)} 列的内容超过 {limits.MaxCellCharacters:N0} 个字符的上限，已停止读取；请检查双引号是否成对。")));
        }
    }

    private void EndField()
    {
        if (_field.Length > 0)
        {
            var text = _field.ToString();
            if (text.Length >= 2 && text[0] == '\'' && CsvTableWriter.NeedsGuard(text[1]))
            {
                text = text[1..];
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                if (_column >= limits.MaxColumns)
                {
                    throw new TabularFileException(new ImportProblem(_row, null, CellParsers.F(
                        $"第 {_column + 1} 列（{ColumnName.Letters(_column)} 列）有内容，超过了最多 {limits.MaxColumns} 列的上限。")));
                }

                _cells.Add(new SourceCell(_column, text, CellKind.Text));
            }

            _field.Clear();
        }

        _column++;
    }

    private void EndRecord()
    {
        EndField();
        if (_cells.Count > 0)
        {
            _completed.Enqueue(new SourceRow(_row, [.. _cells]));
            _cells.Clear();
        }

        _column = 0;
        _row++;
    }
}
