namespace Sanxiang.Core.Tabular;

/// <summary>
/// Limits against hostile or mistaken files. A file over any of them gets one Chinese message and reading stops: the
/// file is never loaded whole. The defaults suit the registry (a county has hundreds of officers and items, not tens of
/// thousands) and leave room for a province-wide list; docs/import-format.md states them to the clerks.
/// </summary>
public sealed record TabularLimits
{
    /// <summary>Data rows (not counting the header and blank rows). More → "split the file".</summary>
    public const int DefaultMaxDataRows = 20_000;

    /// <summary>Size of the uploaded file.</summary>
    public const long DefaultMaxFileBytes = 32L * 1024 * 1024;

    /// <summary>Total uncompressed size of the .xlsx parts that are read (workbook, styles, shared strings, the sheet): a zip bomb stops here.</summary>
    public const long DefaultMaxUncompressedBytes = 128L * 1024 * 1024;

    /// <summary>Characters in one cell; Excel's own limit.</summary>
    public const int DefaultMaxCellCharacters = 32_767;

    /// <summary>Columns that may hold content.</summary>
    public const int DefaultMaxColumns = 256;

    /// <summary>Problems listed (they are all counted).</summary>
    public const int DefaultMaxProblems = 1_000;

    public static TabularLimits Default { get; } = new();

    public int MaxDataRows { get; init; } = DefaultMaxDataRows;

    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    public long MaxUncompressedBytes { get; init; } = DefaultMaxUncompressedBytes;

    public int MaxCellCharacters { get; init; } = DefaultMaxCellCharacters;

    public int MaxColumns { get; init; } = DefaultMaxColumns;

    public int MaxProblems { get; init; } = DefaultMaxProblems;
}
