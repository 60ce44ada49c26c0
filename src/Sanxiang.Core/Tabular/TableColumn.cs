namespace Sanxiang.Core.Tabular;

/// <summary>One column of a <see cref="TableLayout{TRow}"/>: what the template and the documentation say about it.</summary>
public abstract class TableColumn
{
    private protected TableColumn(object owner, int index, string header, string key, bool required, string description, string example)
    {
        Owner = owner;
        Index = index;
        Header = header;
        Key = key;
        Required = required;
        Description = description;
        Example = example;
    }

    internal object Owner { get; }

    /// <summary>Position in the layout (the order of export; imports accept any order).</summary>
    public int Index { get; }

    /// <summary>The Chinese header in row 1, e.g. 证件编号.</summary>
    public string Header { get; }

    /// <summary>A stable machine key (lower-case ASCII, digits, underscore), e.g. certificate_number; also accepted as the header.</summary>
    public string Key { get; }

    /// <summary>Whether every row must have a value.</summary>
    public bool Required { get; }

    /// <summary>What the column means, in Chinese, for the instructions sheet and the documentation.</summary>
    public string Description { get; }

    /// <summary>An example value (as text), used in the template's example row; it must parse.</summary>
    public string Example { get; }

    /// <summary>What the cell must contain, from the parser (e.g. "日期，格式 yyyy-MM-dd").</summary>
    public abstract string FormatDescription { get; }

    internal abstract XlsxStyle Style { get; }

    internal abstract IReadOnlyList<string>? Choices { get; }

    /// <summary>Parses a trimmed non-empty cell into a boxed value, or returns the reason.</summary>
    internal abstract (object? Value, string? Error) ParseBoxed(TabularCell cell);

    /// <summary>The example's text as the writer stores it (parsed, then formatted: "2025-3-1" becomes "2025-03-01").</summary>
    internal abstract string CanonicalExample { get; }
}

/// <summary>A column whose cells parse to <typeparamref name="T"/>; a row builder reads it with <see cref="RowContext.Get{T}"/>.</summary>
public abstract class TableColumn<T> : TableColumn
{
    private protected TableColumn(object owner, int index, string header, string key, bool required, string description, string example,
        CellParser<T> parser)
        : base(owner, index, header, key, required, description, example)
    {
        Parser = parser;
        var parsed = parser.Parse(example.Trim());
        if (string.IsNullOrWhiteSpace(example) || !parsed.IsSuccess)
        {
            throw new ArgumentException($"The example “{example}” of column {header} does not parse: {parsed.Error}", nameof(example));
        }

        CanonicalExample = parser.Format(parsed.Value);
    }

    public CellParser<T> Parser { get; }

    public override string FormatDescription => Parser.FormatDescription;

    internal override XlsxStyle Style => Parser.Style;

    internal override IReadOnlyList<string>? Choices => Parser.Choices;

    internal override string CanonicalExample { get; }

    internal override (object? Value, string? Error) ParseBoxed(TabularCell cell)
    {
        var result = Parser.Parse(cell);
        return result.IsSuccess ? (result.Value, null) : (null, result.Error);
    }
}

/// <summary>A column that can export its value from a row.</summary>
internal interface IExportColumn<in TRow>
{
    /// <summary>The cell text for a row, or null when an optional value is absent.</summary>
    string? Export(TRow row);
}

/// <summary>A column with the way to read its value back out of a row, for export.</summary>
internal sealed class LayoutColumn<TRow, T> : TableColumn<T>, IExportColumn<TRow>
{
    private readonly Func<TRow, (bool HasValue, T Value)> _export;

    public LayoutColumn(object owner, int index, string header, string key, bool required, string description, string example,
        CellParser<T> parser, Func<TRow, (bool HasValue, T Value)> export)
        : base(owner, index, header, key, required, description, example, parser) => _export = export;

    public string? Export(TRow row)
    {
        var (hasValue, value) = _export(row);
        return hasValue ? Parser.Format(value) : null;
    }
}
