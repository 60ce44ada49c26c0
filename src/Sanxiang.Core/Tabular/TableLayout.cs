using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Sanxiang.Core.Tabular;

/// <summary>The file formats of import and export.</summary>
public enum TabularFileFormat
{
    /// <summary>Comma-separated, UTF-8 (RFC 4180).</summary>
    Csv,

    /// <summary>Excel workbook (Office Open XML).</summary>
    Xlsx,
}

/// <summary>File extension and media type of each <see cref="TabularFileFormat"/>.</summary>
public static class TabularFileFormats
{
    public static string Extension(TabularFileFormat format) => format switch
    {
        TabularFileFormat.Csv => ".csv",
        TabularFileFormat.Xlsx => ".xlsx",
    };

    public static string ContentType(TabularFileFormat format) => format switch
    {
        TabularFileFormat.Csv => "text/csv; charset=utf-8",
        TabularFileFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
}

/// <summary>
/// Declares the columns of a <see cref="TableLayout{TRow}"/> in export order, the keys that must be unique within a
/// file, and how a row of parsed cells becomes a <typeparamref name="TRow"/>:
/// <code>
/// var b = new TableLayoutBuilder&lt;OfficerRow&gt;("执法人员");
/// var number = b.Required("证件编号", "certificate_number", CellParsers.Text(30, AllowedCharacters.ChineseLettersAndDigits("-")),
///     o =&gt; o.Number, "执法证件上的编号", "闽0100-2024-0001");
/// var name = b.Required("姓名", "name", CellParsers.Text(50), o =&gt; o.Name, "执法人员姓名", "张三");
/// var until = b.Optional("有效期至", "valid_to", CellParsers.Date(), o =&gt; o.ValidTo, "证件有效期截止日", "2027-12-31");
/// b.Unique(number);
/// var layout = b.Build(row =&gt; new OfficerRow(row.Get(number), row.Get(name), row.GetValueOrNull(until)));
/// </code>
/// A built layout is immutable and safe to share between requests.
/// </summary>
public sealed partial class TableLayoutBuilder<TRow> where TRow : class
{
    private readonly object _owner = new();
    private readonly List<TableColumn> _columns = [];
    private readonly List<UniqueKey> _uniqueKeys = [];
    private readonly List<Func<IReadOnlyList<ImportedRow<TRow>>, IEnumerable<ImportProblem>>> _crossRowChecks = [];
    private bool _built;

    /// <param name="title">The data sheet's name and the table's Chinese name (e.g. 执法人员); at most 31 characters, none of []:*?/\.</param>
    public TableLayoutBuilder(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (title.Length > 31 || title.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) >= 0 || title == XlsxTableWriter.InstructionsSheetName)
        {
            throw new ArgumentException($"“{title}” cannot be an Excel sheet name.", nameof(title));
        }

        Title = title;
    }

    public string Title { get; }

    /// <summary>A column that every row must fill.</summary>
    public TableColumn<T> Required<T>(string header, string key, CellParser<T> parser, Func<TRow, T> export, string description, string example) =>
        Add(header, key, required: true, parser, row => (true, export(row)), description, example);

    /// <summary>A column that may be left empty (reference-type value, null when empty).</summary>
    public TableColumn<T> Optional<T>(string header, string key, CellParser<T> parser, Func<TRow, T?> export, string description, string example)
        where T : class => Add(header, key, required: false, parser, row => export(row) is { } v ? (true, v) : (false, default!), description, example);

    /// <summary>A column that may be left empty (value-type value, null when empty).</summary>
    public TableColumn<T> Optional<T>(string header, string key, CellParser<T> parser, Func<TRow, T?> export, string description, string example)
        where T : struct => Add(header, key, required: false, parser, row => export(row) is { } v ? (true, v) : (false, default), description, example);

    /// <summary>
    /// The combination of these columns' values may appear only once in a file (e.g. the certificate number). Rows whose
    /// key is incomplete (an optional part empty, or unparseable) are not compared. Values compare with their default
    /// equality; use the overload with a comparer for e.g. case-insensitive text.
    /// </summary>
    public void Unique(params TableColumn[] columns)
    {
        ArgumentOutOfRangeException.ThrowIfZero(columns.Length);
        foreach (var column in columns)
        {
            CheckOwn(column);
        }

        _uniqueKeys.Add(new UniqueKey(columns, [.. columns.Select(_ => (IEqualityComparer<object>)EqualityComparer<object>.Default)]));
    }

    /// <summary>One column's values may appear only once in a file, compared by <paramref name="comparer"/>.</summary>
    public void Unique<T>(TableColumn<T> column, IEqualityComparer<T> comparer)
    {
        CheckOwn(column);
        _uniqueKeys.Add(new UniqueKey([column], [new BoxedComparer<T>(comparer)]));
    }

    /// <summary>
    /// A check over all rows that parsed, run once the whole file is read (e.g. "a parent agency named in the file must
    /// also be in it"). Report problems with their rows' numbers.
    /// </summary>
    public void CrossRowCheck(Func<IReadOnlyList<ImportedRow<TRow>>, IEnumerable<ImportProblem>> check) => _crossRowChecks.Add(check);

    /// <summary>
    /// Finishes the layout. <paramref name="build"/> runs for each row whose cells all parsed; it returns the row, or
    /// reports what is wrong with <see cref="RowContext.Fail(TableColumn, string)"/> (e.g. "有效期至早于有效期自") and
    /// returns null.
    /// </summary>
    public TableLayout<TRow> Build(Func<RowContext, TRow?> build)
    {
        if (_built)
        {
            throw new InvalidOperationException("Build may be called once.");
        }

        ArgumentOutOfRangeException.ThrowIfZero(_columns.Count);
        _built = true;
        return new TableLayout<TRow>(_owner, Title, [.. _columns], [.. _uniqueKeys], [.. _crossRowChecks], build);
    }

    private LayoutColumn<TRow, T> Add<T>(string header, string key, bool required, CellParser<T> parser,
        Func<TRow, (bool, T)> export, string description, string example)
    {
        if (_built)
        {
            throw new InvalidOperationException("The layout is already built.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(header);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        header = header.Trim();
        if (HeaderMatcher.Normalise(header) != header || header.Length > 100)
        {
            throw new ArgumentException($"The header “{header}” must have no spaces or asterisks and at most 100 characters.", nameof(header));
        }

        if (!KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"The key “{key}” must be lower-case ASCII letters, digits and underscores.", nameof(key));
        }

        if (_columns.Any(c => c.Header == header || c.Key == key || c.Header == key || c.Key == header))
        {
            throw new ArgumentException($"The header “{header}” or key “{key}” is already used.", nameof(header));
        }

        var column = new LayoutColumn<TRow, T>(_owner, _columns.Count, header, key, required, description, example, parser, export);
        _columns.Add(column);
        return column;
    }

    private void CheckOwn(TableColumn column)
    {
        if (!ReferenceEquals(column.Owner, _owner))
        {
            throw new ArgumentException($"The column {column.Header} belongs to another layout.", nameof(column));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    private sealed class BoxedComparer<T>(IEqualityComparer<T> inner) : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => inner.Equals((T)x!, (T)y!);

        public int GetHashCode(object obj) => inner.GetHashCode((T)obj);
    }
}

/// <summary>Columns whose combined values must be unique within a file.</summary>
internal sealed record UniqueKey(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IEqualityComparer<object>> Comparers);

/// <summary>
/// The parsed cells of one row, handed to the row builder: read values with <see cref="Get{T}"/> and friends, report
/// row-level problems with <see cref="Fail(TableColumn, string)"/>.
/// </summary>
public sealed class RowContext
{
    private readonly object _owner;
    private readonly object?[] _values;
    private readonly bool[] _present;
    private readonly Action<string?, string> _fail;

    internal RowContext(object owner, int rowNumber, object?[] values, bool[] present, Action<string?, string> fail)
    {
        _owner = owner;
        RowNumber = rowNumber;
        _values = values;
        _present = present;
        _fail = fail;
    }

    /// <summary>The spreadsheet row number (header = 1).</summary>
    public int RowNumber { get; }

    internal bool Failed { get; private set; }

    /// <summary>Whether the cell has a value (false only for an empty optional column).</summary>
    public bool Has(TableColumn column) => _present[Own(column)];

    /// <summary>The value of a required column (or of an optional one known to be present).</summary>
    public T Get<T>(TableColumn<T> column) => TryGet(column, out var value)
        ? value
        : throw new InvalidOperationException($"The optional column {column.Header} is empty in row {RowNumber}; use TryGet or GetOrNull.");

    public bool TryGet<T>(TableColumn<T> column, [MaybeNullWhen(false)] out T value)
    {
        var index = Own(column);
        if (_present[index])
        {
            value = (T)_values[index]!;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The value, or null when the optional cell is empty.</summary>
    public T? GetOrNull<T>(TableColumn<T> column) where T : class => TryGet(column, out var value) ? value : null;

    /// <summary>The value, or null when the optional cell is empty.</summary>
    public T? GetValueOrNull<T>(TableColumn<T> column) where T : struct => TryGet(column, out var value) ? value : null;

    /// <summary>Reports a problem with one column of this row (in Chinese); the row is not imported.</summary>
    public void Fail(TableColumn column, string message)
    {
        Own(column);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Failed = true;
        _fail(column.Header, message);
    }

    /// <summary>Reports a problem with the row as a whole (in Chinese); the row is not imported.</summary>
    public void Fail(string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Failed = true;
        _fail(null, message);
    }

    private int Own(TableColumn column) => ReferenceEquals(column.Owner, _owner)
        ? column.Index
        : throw new ArgumentException($"The column {column.Header} belongs to another layout.", nameof(column));
}

/// <summary>
/// A documented column layout for importing and exporting <typeparamref name="TRow"/> as .xlsx or CSV. Build one with
/// <see cref="TableLayoutBuilder{TRow}"/>. Reading never throws for a bad file: every problem comes back in the
/// <see cref="ImportResult{TRow}"/>, in Chinese, with its row and column.
/// </summary>
public sealed class TableLayout<TRow> where TRow : class
{
    internal TableLayout(object owner, string title, IReadOnlyList<TableColumn> columns, IReadOnlyList<UniqueKey> uniqueKeys,
        IReadOnlyList<Func<IReadOnlyList<ImportedRow<TRow>>, IEnumerable<ImportProblem>>> crossRowChecks, Func<RowContext, TRow?> build)
    {
        Owner = owner;
        Title = title;
        Columns = columns;
        UniqueKeys = uniqueKeys;
        CrossRowChecks = crossRowChecks;
        BuildRow = build;
    }

    /// <summary>The table's Chinese name, also the data sheet's name.</summary>
    public string Title { get; }

    /// <summary>The columns in export order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    internal object Owner { get; }

    internal IReadOnlyList<UniqueKey> UniqueKeys { get; }

    internal IReadOnlyList<Func<IReadOnlyList<ImportedRow<TRow>>, IEnumerable<ImportProblem>>> CrossRowChecks { get; }

    internal Func<RowContext, TRow?> BuildRow { get; }

    /// <summary>
    /// Reads an .xlsx or CSV file (told apart by its first bytes, not its name) and checks every row. A dry run shows
    /// <see cref="ImportResult{TRow}.Problems"/>; an import proceeds only when <see cref="ImportResult{TRow}.IsValid"/>.
    /// A non-seekable stream is first copied to memory, up to <see cref="TabularLimits.MaxFileBytes"/>.
    /// </summary>
    public ImportResult<TRow> Read(Stream content, TabularLimits? limits = null) =>
        TableImporter.Read(this, content, limits ?? TabularLimits.Default);

    /// <summary>
    /// <see cref="Read"/> for a stream that only allows asynchronous reads (an ASP.NET Core request body): the file is
    /// copied to memory first, up to <see cref="TabularLimits.MaxFileBytes"/>.
    /// </summary>
    public async Task<ImportResult<TRow>> ReadAsync(Stream content, TabularLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= TabularLimits.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxFileBytes)
            {
                return TableImporter.FileTooLarge<TRow>(limits);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return Read(buffer, limits);
    }

    /// <summary>Writes the rows with a header row. CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting, formula-injection guard. .xlsx: see <see cref="XlsxTableWriter"/>.</summary>
    public void Write(Stream output, TabularFileFormat format, IEnumerable<TRow> rows)
    {
        var cells = rows.Select(row => Columns.Select(c => ((IExportColumn<TRow>)c).Export(row)).ToArray());
        WriteCells(output, format, cells);
    }

    /// <summary>The template to download: the header, one example row and, in .xlsx, the 填写说明 sheet.</summary>
    public void WriteTemplate(Stream output, TabularFileFormat format) =>
        WriteCells(output, format, [Columns.Select(c => (string?)c.CanonicalExample).ToArray()]);

    /// <summary><see cref="Write"/> to a stream that only allows asynchronous writes (an HTTP response).</summary>
    public async Task WriteAsync(Stream output, TabularFileFormat format, IEnumerable<TRow> rows, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        Write(buffer, format, rows);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary><see cref="WriteTemplate"/> to a stream that only allows asynchronous writes.</summary>
    public async Task WriteTemplateAsync(Stream output, TabularFileFormat format, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        WriteTemplate(buffer, format);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>
    /// The column table in Markdown (列名, 必填, 格式, 示例, 说明), for docs/import-format.md, generated from the same
    /// layout that reads the files.
    /// </summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| 列名 | 必填 | 格式 | 示例 | 说明 |\n|---|---|---|---|---|\n");
        foreach (var column in Columns)
        {
            text.Append("| ").Append(Cell(column.Header)).Append("（`").Append(column.Key).Append("`） | ")
                .Append(column.Required ? "是" : "否").Append(" | ")
                .Append(Cell(column.FormatDescription)).Append(" | ")
                .Append(Cell(column.CanonicalExample)).Append(" | ")
                .Append(Cell(column.Description)).Append(" |\n");
        }

        return text.ToString();

        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
    }

    private void WriteCells(Stream output, TabularFileFormat format, IEnumerable<string?[]> rows)
    {
        switch (format)
        {
            case TabularFileFormat.Csv:
                CsvTableWriter.Write(output, Columns, rows);
                break;
            case TabularFileFormat.Xlsx:
                XlsxTableWriter.Write(output, Title, Columns, rows);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }
}
