using System.Text;

namespace Sanxiang.Core.Tabular;

/// <summary>
/// Writes CSV for Excel: UTF-8 with a BOM (without it Excel on Chinese Windows reads the file as GBK and shows mojibake),
/// CRLF line ends, and RFC 4180 quoting (a field with a comma, a double quote or a line break is quoted, quotes doubled).
/// <para>
/// Formula injection (CSV injection): Excel runs a cell that starts with = + - or @ as a formula, and tab or CR can hide
/// such a start. A cell that starts with one of these, or with an apostrophe, gets a leading apostrophe ('), which Excel
/// shows as text; <see cref="CsvTableSource"/> removes exactly that apostrophe again, so export → import gives back the
/// same text. The .xlsx writer needs no guard: it writes every text as a string cell, never a formula.
/// </para>
/// </summary>
public static class CsvTableWriter
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Whether a cell starting with <paramref name="first"/> gets the apostrophe guard.</summary>
    public static bool NeedsGuard(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'';

    public static void Write(Stream output, IReadOnlyList<TableColumn> columns, IEnumerable<string?[]> rows) =>
        Write(output, [.. columns.Select(c => c.Header)], rows);

    /// <summary>A CSV file with the given header row, for exports that are not an import layout (e.g. county-wide lists).</summary>
    public static void Write(Stream output, IReadOnlyList<string> headers, IEnumerable<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        WriteRecord(writer, [.. headers]);
        foreach (var row in rows)
        {
            WriteRecord(writer, row);
        }
    }

    /// <summary>
    /// The same file written asynchronously, row by row as <paramref name="rows"/> yields them (an HTTP response body,
    /// which refuses synchronous writes): nothing is held in memory but the writer's buffer.
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<string?[]> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(Record([.. headers]).AsMemory(), ct).ConfigureAwait(false);
            await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            {
                await writer.WriteAsync(Record(row).AsMemory(), ct).ConfigureAwait(false);
            }

            await writer.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    internal static string Escape(string value)
    {
        if (value.Length > 0 && NeedsGuard(value[0]))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string Record(string?[] cells)
    {
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        WriteRecord(line, cells);
        return line.ToString();
    }

    private static void WriteRecord(TextWriter writer, string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            if (cells[i] is { Length: > 0 } cell)
            {
                writer.Write(Escape(cell));
            }
        }

        writer.WriteLine();
    }
}
