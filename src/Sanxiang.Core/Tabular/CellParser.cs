namespace Sanxiang.Core.Tabular;

/// <summary>How the source file stored a cell: CSV cells are always <see cref="Text"/>.</summary>
public enum CellKind
{
    /// <summary>A string (every CSV cell, an Excel text cell).</summary>
    Text,

    /// <summary>An Excel number; <see cref="TabularCell.Text"/> holds it with at most 15 significant digits, as Excel shows it.</summary>
    Number,

    /// <summary>An Excel boolean; the text is <c>TRUE</c> or <c>FALSE</c>.</summary>
    Boolean,

    /// <summary>An Excel number formatted as a date; the text is <c>yyyy-MM-dd</c>, or <c>yyyy-MM-dd HH:mm:ss</c> when it has a time of day.</summary>
    Date,
}

/// <summary>One non-empty cell as a parser sees it: the text is trimmed, never empty.</summary>
public readonly record struct TabularCell(string Text, CellKind Kind)
{
    /// <summary>A text cell, as every CSV cell is.</summary>
    public static TabularCell FromText(string text) => new(text, CellKind.Text);
}

/// <summary>The outcome of parsing one cell: a value, or a Chinese reason that names what is wrong and what is expected.</summary>
public readonly struct CellResult<T>
{
    private readonly T _value;

    private CellResult(T value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Null on success; otherwise the reason, in Chinese (without the row and column, which the engine adds).</summary>
    public string? Error { get; }

    public bool IsSuccess => Error is null;

    /// <summary>The parsed value; reading it from a failure is a bug.</summary>
    public T Value => IsSuccess ? _value : throw new InvalidOperationException("A failed cell result has no value: " + Error);

#pragma warning disable CA1000 // the factories belong to the type they make: CellResult<int>.Failure("…")
    public static CellResult<T> Success(T value) => new(value, null);

    public static CellResult<T> Failure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new CellResult<T>(default!, reason);
    }
#pragma warning restore CA1000
}

/// <summary>How a writer stores a column's values in .xlsx, so that Excel shows and re-reads them correctly.</summary>
internal enum XlsxStyle
{
    /// <summary>A string cell in a column formatted as text ("@"), so that 350100… stays text when edited.</summary>
    Text,

    /// <summary>A number cell, general format.</summary>
    Integer,

    /// <summary>A number cell with two decimals (yuan).</summary>
    Amount,

    /// <summary>A date serial with the format yyyy-mm-dd.</summary>
    Date,
}

/// <summary>
/// Turns a cell's text into a value (or a Chinese reason) and a value back into the text that parses to it again, so
/// that what is exported can be imported unchanged. Build them with <see cref="CellParsers"/>; add checks with
/// <see cref="Where"/>.
/// </summary>
public sealed class CellParser<T>
{
    private readonly Func<TabularCell, CellResult<T>> _parse;
    private readonly Func<T, string> _format;

    internal CellParser(Func<TabularCell, CellResult<T>> parse, Func<T, string> format, string formatDescription,
        XlsxStyle style = XlsxStyle.Text, IReadOnlyList<string>? choices = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formatDescription);
        _parse = parse;
        _format = format;
        FormatDescription = formatDescription;
        Style = style;
        Choices = choices;
    }

    /// <summary>What the cell must contain, in Chinese, for the template's instructions sheet (e.g. "日期，格式 yyyy-MM-dd").</summary>
    public string FormatDescription { get; }

    internal XlsxStyle Style { get; }

    /// <summary>The allowed values, when the column is a closed list (the .xlsx writer offers them as a drop-down).</summary>
    internal IReadOnlyList<string>? Choices { get; }

    /// <summary>Parses a trimmed, non-empty cell.</summary>
    public CellResult<T> Parse(TabularCell cell) => _parse(cell);

    /// <summary>Parses text as a CSV cell would give it (trimmed by the caller).</summary>
    public CellResult<T> Parse(string text) => _parse(TabularCell.FromText(text));

    /// <summary>The text that <see cref="Parse(string)"/> turns back into <paramref name="value"/>.</summary>
    public string Format(T value) => _format(value);

    /// <summary>
    /// A custom parser for a column whose rule the helpers do not cover. <paramref name="parse"/> receives the trimmed text
    /// and returns the value or a Chinese reason; <paramref name="format"/> must produce text that parses back to the value.
    /// </summary>
#pragma warning disable CA1000 // a factory on the type it makes
    public static CellParser<T> Create(Func<string, CellResult<T>> parse, Func<T, string> format, string formatDescription) =>
        new(cell => parse(cell.Text), format, formatDescription);
#pragma warning restore CA1000

    /// <summary>
    /// Adds a check after parsing: <paramref name="check"/> returns null when the value is acceptable, otherwise the
    /// Chinese reason (e.g. <c>code =&gt; UnifiedSocialCreditCode.Validate(code).Reason</c>).
    /// <paramref name="describe"/>, if given, is appended to the format description.
    /// </summary>
    public CellParser<T> Where(Func<T, string?> check, string? describe = null) => new(
        cell =>
        {
            var result = _parse(cell);
            if (!result.IsSuccess)
            {
                return result;
            }

            var reason = check(result.Value);
            return reason is null ? result : CellResult<T>.Failure(reason);
        },
        _format,
        describe is null ? FormatDescription : FormatDescription + "；" + describe,
        Style,
        Choices);
}
