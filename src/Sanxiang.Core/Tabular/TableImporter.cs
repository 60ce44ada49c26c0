namespace Sanxiang.Core.Tabular;

/// <summary>
/// The engine behind <see cref="TableLayout{TRow}.Read"/>: picks the reader from the file's first bytes, checks the
/// header row, parses every data row against the layout, checks unique keys across rows, and collects the problems.
/// </summary>
internal static class TableImporter
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EmptyZipSignature = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ImportResult<TRow> Read<TRow>(TableLayout<TRow> layout, Stream content, TabularLimits limits) where TRow : class
    {
        if (!content.CanSeek)
        {
            using var buffer = new MemoryStream();
            if (!CopyBounded(content, buffer, limits.MaxFileBytes))
            {
                return FileTooLarge<TRow>(limits);
            }

            buffer.Position = 0;
            return Read(layout, buffer, limits);
        }

        if (content.Length - content.Position > limits.MaxFileBytes)
        {
            return FileTooLarge<TRow>(limits);
        }

        Span<byte> head = stackalloc byte[8];
        var start = content.Position;
        var count = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = start;
        head = head[..count];

        if (head.StartsWith(CompoundFileSignature))
        {
            return Fatal<TRow>("这是旧版 Excel（.xls）文件，或设置了打开密码的 Excel 文件，无法读取。请在 Excel 中用“另存为”，" +
                               "保存类型选择“Excel 工作簿(*.xlsx)”（如有密码请先取消），再重新上传。");
        }

        try
        {
            using ITableSource source = head.StartsWith(ZipSignature) || head.StartsWith(EmptyZipSignature)
                ? new XlsxTableSource(content, limits)
                : new CsvTableSource(content, limits);
            return Import(layout, source, limits);
        }
        catch (TabularFileException e)
        {
            return new ImportResult<TRow>([], [e.Problem], 0, 1);
        }
    }

    public static ImportResult<TRow> FileTooLarge<TRow>(TabularLimits limits) =>
        Fatal<TRow>(CellParsers.F($"文件超过 {Megabytes(limits.MaxFileBytes)} MB 的上限；请拆分成多个文件分别导入。"));

    internal static string Megabytes(long bytes) => CellParsers.F($"{bytes / (1024.0 * 1024.0):0.#}");

    private static ImportResult<TRow> Fatal<TRow>(string message) => new([], [new ImportProblem(null, null, message)], 0, 1);

    private static bool CopyBounded(Stream from, Stream to, long max)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = from.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (to.Length + read > max)
            {
                return false;
            }

            to.Write(chunk, 0, read);
        }

        return true;
    }

    private static ImportResult<TRow> Import<TRow>(TableLayout<TRow> layout, ITableSource source, TabularLimits limits) where TRow : class
    {
        var problems = new ProblemList(limits.MaxProblems);
        using var rows = source.ReadRows().GetEnumerator();
        if (!rows.MoveNext())
        {
            return Fatal<TRow>("文件是空的：第 1 行应为表头（列名），数据从第 2 行开始。");
        }

        if (rows.Current.RowNumber != 1)
        {
            return Fatal<TRow>("第 1 行是空的：第 1 行应为表头（列名），数据从第 2 行开始。");
        }

        var header = MapHeader(layout, rows.Current, problems);
        if (problems.Total > 0)
        {
            return problems.ToResult<TRow>([], 0);
        }

        var imported = new List<ImportedRow<TRow>>();
        var seenKeys = layout.UniqueKeys.Select(k => new Dictionary<CompositeKey, int>(new CompositeKeyComparer(k.Comparers))).ToArray();
        var columnCount = layout.Columns.Count;
        var headerlessReported = new HashSet<int>();
        var dataRows = 0;

        while (rows.MoveNext())
        {
            var row = rows.Current;
            dataRows++;
            if (dataRows > limits.MaxDataRows)
            {
                return Fatal<TRow>(CellParsers.F(
                    $"数据超过 {limits.MaxDataRows:N0} 行（读到第 {row.RowNumber:N0} 行时停止读取）；请把文件拆分成每个不超过 {limits.MaxDataRows:N0} 行数据的多个文件，分别导入。"));
            }

            var values = new object?[columnCount];
            var present = new bool[columnCount];
            var texts = new string?[columnCount];
            var rowHasProblem = false;

            foreach (var cell in row.Cells)
            {
                var column = cell.Column < header.Length ? header[cell.Column] : null;
                if (column is null)
                {
                    if (headerlessReported.Add(cell.Column))
                    {
                        problems.Add(new ImportProblem(row.RowNumber, null, CellParsers.F(
                            $"{ColumnName.Letters(cell.Column)} 列有内容，但第 1 行该列没有表头；请填写表头，或删除该列的内容。")));
                    }

                    rowHasProblem = true;
                    continue;
                }

                if (cell.Problem is not null)
                {
                    problems.Add(new ImportProblem(row.RowNumber, column.Header, cell.Problem));
                    rowHasProblem = true;
                    continue;
                }

                var text = cell.Text.Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                texts[column.Index] = text;
                var (value, error) = column.ParseBoxed(new TabularCell(text, cell.Kind));
                if (error is not null)
                {
                    problems.Add(new ImportProblem(row.RowNumber, column.Header, error));
                    rowHasProblem = true;
                    continue;
                }

                values[column.Index] = value;
                present[column.Index] = true;
            }

            foreach (var column in layout.Columns)
            {
                if (column.Required && texts[column.Index] is null && !HasCellProblem(row, header, column))
                {
                    problems.Add(new ImportProblem(row.RowNumber, column.Header, "必填，不能为空。"));
                    rowHasProblem = true;
                }
            }

            for (var k = 0; k < layout.UniqueKeys.Count; k++)
            {
                var key = layout.UniqueKeys[k];
                if (!key.Columns.All(c => present[c.Index]))
                {
                    continue;
                }

                var composite = new CompositeKey([.. key.Columns.Select(c => values[c.Index]!)]);
                if (seenKeys[k].TryGetValue(composite, out var firstRow))
                {
                    problems.Add(new ImportProblem(row.RowNumber, key.Columns[0].Header, DuplicateMessage(key, texts, firstRow)));
                    rowHasProblem = true;
                }
                else
                {
                    seenKeys[k].Add(composite, row.RowNumber);
                }
            }

            if (rowHasProblem)
            {
                continue;
            }

            var context = new RowContext(layout.Owner, row.RowNumber, values, present,
                (column, message) => problems.Add(new ImportProblem(row.RowNumber, column, message)));
            var built = layout.BuildRow(context);
            if (context.Failed)
            {
                continue;
            }

            if (built is null)
            {
                throw new InvalidOperationException($"The row builder of {layout.Title} returned null for row {row.RowNumber} without calling Fail.");
            }

            imported.Add(new ImportedRow<TRow>(row.RowNumber, built));
        }

        foreach (var problem in source.TrailingProblems(i => i < header.Length ? header[i]?.Header : null))
        {
            problems.Add(problem);
        }

        if (problems.Total == 0)
        {
            foreach (var check in layout.CrossRowChecks)
            {
                foreach (var problem in check(imported))
                {
                    problems.Add(problem);
                }
            }
        }

        return problems.ToResult(imported, dataRows);
    }

    private static bool HasCellProblem(SourceRow row, TableColumn?[] header, TableColumn column) =>
        row.Cells.Any(c => c.Problem is not null && c.Column < header.Length && header[c.Column] == column);

    private static string DuplicateMessage(UniqueKey key, string?[] texts, int firstRow)
    {
        if (key.Columns.Count == 1)
        {
            var column = key.Columns[0];
            return CellParsers.F($"与第 {firstRow} 行重复：{column.Header}“{texts[column.Index]}”在文件中只能出现一次。");
        }

        var parts = string.Join("、", key.Columns.Select(c => c.Header + "“" + texts[c.Index] + "”"));
        return CellParsers.F($"与第 {firstRow} 行重复：{parts}的组合在文件中只能出现一次。");
    }

    /// <summary>Maps each column of row 1 to a layout column; null for an empty header cell.</summary>
    private static TableColumn?[] MapHeader<TRow>(TableLayout<TRow> layout, SourceRow row, ProblemList problems) where TRow : class
    {
        var width = row.Cells.Max(c => c.Column) + 1;
        var map = new TableColumn?[width];
        var foundAt = new Dictionary<TableColumn, int>();
        var expected = string.Join("、", layout.Columns.Select(c => c.Header));

        foreach (var cell in row.Cells)
        {
            var text = HeaderMatcher.Normalise(cell.Text);
            if (text.Length == 0)
            {
                continue;
            }

            var letter = ColumnName.Letters(cell.Column);
            var column = layout.Columns.FirstOrDefault(c => c.Header == text || string.Equals(c.Key, text, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                var hint = cell.Text.Contains('\t', StringComparison.Ordinal)
                    ? "表头里有制表符：文件可能是用制表符分隔的文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）(*.csv)”。"
                    : "本表的列为：" + expected + "。";
                problems.Add(new ImportProblem(1, cell.Text.Trim(), CellParsers.F($"{letter} 列的表头“{cell.Text.Trim()}”不是本表的列；{hint}")));
                continue;
            }

            if (foundAt.TryGetValue(column, out var first))
            {
                problems.Add(new ImportProblem(1, column.Header, CellParsers.F(
                    $"“{column.Header}”列重复出现（{ColumnName.Letters(first)} 列和 {letter} 列）；每列只能出现一次。")));
                continue;
            }

            foundAt[column] = cell.Column;
            map[cell.Column] = column;
        }

        foreach (var column in layout.Columns)
        {
            if (column.Required && !foundAt.ContainsKey(column))
            {
                problems.Add(new ImportProblem(1, column.Header, "缺少必填列；请在第 1 行加上这一列的表头（可以从模板复制）。"));
            }
        }

        return map;
    }

    /// <summary>The problems, at most a limit of them kept, all counted.</summary>
    private sealed class ProblemList(int max)
    {
        private readonly List<ImportProblem> _kept = [];

        public int Total { get; private set; }

        public void Add(ImportProblem problem)
        {
            Total++;
            if (_kept.Count < max)
            {
                _kept.Add(problem);
            }
        }

        public ImportResult<TRow> ToResult<TRow>(IReadOnlyList<ImportedRow<TRow>> rows, int dataRows)
        {
            var list = _kept.OrderBy(p => p.Row ?? int.MaxValue).ToList();
            if (Total > _kept.Count)
            {
                list.Add(new ImportProblem(null, null, CellParsers.F(
                    $"共发现 {Total:N0} 个问题，以上只列出前 {_kept.Count:N0} 个；请先改正这些问题，再重新检查。")));
            }

            return new ImportResult<TRow>(Total == 0 ? rows : [], list, dataRows, Total);
        }
    }

    private sealed class CompositeKey(object[] parts)
    {
        public object[] Parts { get; } = parts;
    }

    private sealed class CompositeKeyComparer(IReadOnlyList<IEqualityComparer<object>> comparers) : IEqualityComparer<CompositeKey>
    {
        public bool Equals(CompositeKey? x, CompositeKey? y)
        {
            for (var i = 0; i < comparers.Count; i++)
            {
                if (!comparers[i].Equals(x!.Parts[i], y!.Parts[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(CompositeKey obj)
        {
            var hash = new HashCode();
            for (var i = 0; i < comparers.Count; i++)
            {
                hash.Add(comparers[i].GetHashCode(obj.Parts[i]));
            }

            return hash.ToHashCode();
        }
    }
}
