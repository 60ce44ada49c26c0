namespace Sanxiang.Core.Tabular;

/// <summary>
/// One problem found in an import file, in Chinese.
/// </summary>
/// <param name="Row">The spreadsheet's own row number (the header is row 1, and a CSV record with a quoted line break is
/// still one row, as Excel shows it); null for a problem with the whole file (encoding, size, too many rows).</param>
/// <param name="ColumnHeader">The column's header as it stands in the file, when the problem is in one column.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ImportProblem(int? Row, string? ColumnHeader, string Message)
{
    /// <summary>The full sentence for a person: "第 5 行“证件编号”：长度为 35 个字符，超过上限 30 个字符。"</summary>
    public override string ToString() => (Row, ColumnHeader) switch
    {
        (null, null) => Message,
        (null, { } header) => "“" + header + "”列：" + Message,
        ({ } row, null) => CellParsers.F($"第 {row} 行：{Message}"),
        ({ } row, { } header) => CellParsers.F($"第 {row} 行“{header}”：{Message}"),
    };
}

/// <summary>A row read from the file, with its spreadsheet row number (for messages about it later, e.g. from the database).</summary>
public sealed record ImportedRow<TRow>(int RowNumber, TRow Value);

/// <summary>
/// The outcome of reading an import file: every problem, or, only when there is none, the rows. "Nothing is imported if
/// any row fails" is the caller's rule; this type makes it the easy path: <see cref="Rows"/> refuses to answer while
/// <see cref="Problems"/> is not empty. A dry run shows <see cref="Problems"/> and imports nothing.
/// </summary>
public sealed class ImportResult<TRow>
{
    private readonly IReadOnlyList<ImportedRow<TRow>> _rows;

    internal ImportResult(IReadOnlyList<ImportedRow<TRow>> rows, IReadOnlyList<ImportProblem> problems, int dataRowCount, int totalProblemCount)
    {
        _rows = rows;
        Problems = problems;
        DataRowCount = dataRowCount;
        TotalProblemCount = totalProblemCount;
    }

    /// <summary>True when the file was read and no row has a problem: the rows may be imported.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>
    /// The problems in row order (those of the whole file last). At most <see cref="TabularLimits.MaxProblems"/> are listed; the last one then says how
    /// many more there were (<see cref="TotalProblemCount"/>).
    /// </summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>How many problems were found, including those not listed.</summary>
    public int TotalProblemCount { get; }

    /// <summary>How many non-empty data rows were read (blank rows are not counted).</summary>
    public int DataRowCount { get; }

    /// <summary>The rows; only when <see cref="IsValid"/>. Reading them from an invalid result is a bug.</summary>
    public IReadOnlyList<ImportedRow<TRow>> Rows => IsValid
        ? _rows
        : throw new InvalidOperationException("The import has problems; nothing may be imported. Show Problems instead.");

    /// <summary>
    /// The same result with further problems found by the caller (e.g. a certificate number that already exists in the
    /// database), so that they are shown in the same list and the import stays all-or-nothing.
    /// </summary>
    public ImportResult<TRow> WithProblems(IEnumerable<ImportProblem> more)
    {
        var added = more.ToList();
        if (added.Count == 0)
        {
            return this;
        }

        var all = Problems.Concat(added).OrderBy(p => p.Row ?? int.MaxValue).ToList();
        return new ImportResult<TRow>(_rows, all, DataRowCount, TotalProblemCount + added.Count);
    }
}
