using System.Globalization;
using System.Text;

namespace Sanxiang.Core.Tabular;

/// <summary>A non-empty cell as a reader found it; <see cref="Problem"/> is set when the cell cannot be read (an Excel error value).</summary>
/// <param name="Column">Zero-based column index.</param>
internal readonly record struct SourceCell(int Column, string Text, CellKind Kind, string? Problem = null);

/// <summary>A row with at least one non-empty cell, in the file's own row numbering.</summary>
internal sealed record SourceRow(int RowNumber, IReadOnlyList<SourceCell> Cells);

/// <summary>A reader of one file format: rows in order, then problems found after the last row (Excel's merged cells).</summary>
internal interface ITableSource : IDisposable
{
    /// <summary>Rows in ascending order, blank rows left out. Throws <see cref="TabularFileException"/> when the file cannot be read on.</summary>
    IEnumerable<SourceRow> ReadRows();

    /// <summary>Problems known only once every row is read; <paramref name="headerOf"/> names a column by index.</summary>
    IEnumerable<ImportProblem> TrailingProblems(Func<int, string?> headerOf);
}

/// <summary>A problem that stops reading the file (bad encoding, too large, not a workbook). Caught by the importer; never escapes.</summary>
internal sealed class TabularFileException : Exception
{
    public TabularFileException()
    {
        Problem = new ImportProblem(null, null, "文件无法读取。");
    }

    public TabularFileException(string message)
        : base(message) => Problem = new ImportProblem(null, null, message);

    public TabularFileException(string message, Exception innerException)
        : base(message, innerException) => Problem = new ImportProblem(null, null, message);

    public TabularFileException(ImportProblem problem)
        : base(problem.ToString()) => Problem = problem;

    public ImportProblem Problem { get; }
}

/// <summary>Column letters (A, B, …, Z, AA, …) as Excel shows them, also used for CSV so that messages match what Excel shows.</summary>
internal static class ColumnName
{
    public static string Letters(int zeroBasedIndex)
    {
        var n = zeroBasedIndex + 1;
        var text = new StringBuilder();
        while (n > 0)
        {
            var rem = (n - 1) % 26;
            text.Insert(0, (char)('A' + rem));
            n = (n - 1) / 26;
        }

        return text.ToString();
    }

    /// <summary>Parses the column part of a reference such as "AB12"; -1 if there is none.</summary>
    public static int IndexOf(ReadOnlySpan<char> reference)
    {
        var n = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            n = (n * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (n > 16384)
            {
                return -1;
            }
        }

        return i == 0 ? -1 : n - 1;
    }

    /// <summary>Parses the row part of a reference such as "AB12"; -1 if there is none.</summary>
    public static int RowOf(ReadOnlySpan<char> reference)
    {
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            i++;
        }

        return int.TryParse(reference[i..], NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : -1;
    }
}

/// <summary>Row 1's cell texts compared with the layout's headers: spaces, a stray BOM and the asterisks that mark required columns are ignored.</summary>
internal static class HeaderMatcher
{
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not '*' and not '＊' and not '\uFEFF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
