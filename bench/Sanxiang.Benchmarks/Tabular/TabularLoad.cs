using System.Diagnostics;
using System.Globalization;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Benchmarks.Tabular;

/// <summary>
/// Timed harness for the spreadsheet engine, one operation per process so that <c>/usr/bin/time -v</c> reports its peak memory:
/// <code>
/// dotnet run -c Release --project bench/Sanxiang.Benchmarks -- tabular-load write xlsx 100001 /tmp/rows.xlsx
/// /usr/bin/time -v dotnet bench/Sanxiang.Benchmarks/bin/Release/net10.0/Sanxiang.Benchmarks.dll tabular-load read /tmp/rows.xlsx
/// </code>
/// The layout has ten columns of every parser kind (text, list, choice, dates, amount, whole number, yes/no).
/// </summary>
public static class TabularLoad
{
    public sealed record Row(string Number, string Name, IReadOnlyList<string> Fields, int Status, DateOnly From, DateOnly? To,
        long? Fine, int? Count, bool Reviewer, string? Note);

    public static TableLayout<Row> Layout { get; } = BuildLayout();

    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["write", var format, var rows, var path]:
                {
                    var count = int.Parse(rows, CultureInfo.InvariantCulture);
                    var clock = Stopwatch.StartNew();
                    using (var file = File.Create(path))
                    {
                        Layout.Write(file, format == "csv" ? TabularFileFormat.Csv : TabularFileFormat.Xlsx, Rows(count));
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} rows to {path} ({new FileInfo(path).Length:N0} bytes) in {clock.Elapsed.TotalMilliseconds:N0} ms"));
                    return 0;
                }

            case ["read", var path, ..]:
                {
                    var bytes = File.ReadAllBytes(path);
                    var warmUps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
                    for (var i = 0; i < warmUps; i++)
                    {
                        var warm = Stopwatch.StartNew();
                        Layout.Read(new MemoryStream(bytes));
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up {i + 1}: {warm.Elapsed.TotalMilliseconds:N0} ms"));
                    }

                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    var result = Layout.Read(new MemoryStream(bytes));
                    clock.Stop();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"read {path}: {clock.Elapsed.TotalMilliseconds:N0} ms, allocated {allocated / 1048576.0:N1} MiB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB, valid={result.IsValid}, data rows {result.DataRowCount:N0}, problems {result.TotalProblemCount:N0}"));
                    foreach (var problem in result.Problems.Take(3))
                    {
                        Console.WriteLine("  " + problem);
                    }

                    return 0;
                }

            default:
                Console.Error.WriteLine("usage: tabular-load write csv|xlsx ROWS PATH | tabular-load read PATH [WARMUPS]");
                return 2;
        }
    }

    private static IEnumerable<Row> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new Row(
                "FJ-" + i.ToString("D8", CultureInfo.InvariantCulture), "张三" + (i % 100).ToString(CultureInfo.InvariantCulture), ["市场监管", "食品安全"],
                i % 3, new DateOnly(2024, 1, 1).AddDays(i % 365), i % 2 == 0 ? new DateOnly(2028, 12, 31) : null,
                i % 5 == 0 ? null : 500_000 + i, i % 1000, i % 7 == 0, i % 4 == 0 ? "第一行\n第二行，含逗号" : null);
        }
    }

    private static TableLayout<Row> BuildLayout()
    {
        var b = new TableLayoutBuilder<Row>("执法人员");
        var number = b.Required("证件编号", "certificate_number", CellParsers.Text(20, AllowedCharacters.UpperCaseLettersAndDigits("-")), r => r.Number, "编号", "FJ-0001");
        var name = b.Required("姓名", "name", CellParsers.Text(20), r => r.Name, "姓名", "张三");
        var fields = b.Required("执法领域", "fields", CellParsers.List(CellParsers.Text(10)), r => r.Fields, "领域", "市场监管");
        var status = b.Required("状态", "status", CellParsers.Choice(("有效", 0), ("暂停", 1), ("注销", 2)), r => r.Status, "状态", "有效");
        var from = b.Required("有效期自", "valid_from", CellParsers.Date(), r => r.From, "起", "2024-01-01");
        var to = b.Optional("有效期至", "valid_to", CellParsers.Date(), r => r.To, "止", "2028-12-31");
        var fine = b.Optional("罚款上限", "max_fine", CellParsers.AmountInFen(), r => r.Fine, "元", "5000.00");
        var count = b.Optional("人数", "count", CellParsers.WholeNumber(0, 1000), r => r.Count, "数", "3");
        var reviewer = b.Required("是否法制审核人员", "reviewer", CellParsers.YesNo(), r => r.Reviewer, "是否", "是");
        var note = b.Optional("备注", "note", CellParsers.Text(200, multiline: true), r => r.Note, "备注", "无");
        b.Unique(number);
        return b.Build(row => new Row(row.Get(number), row.Get(name), row.Get(fields), row.Get(status), row.Get(from), row.GetValueOrNull(to),
            row.GetValueOrNull(fine), row.GetValueOrNull(count), row.Get(reviewer), row.GetOrNull(note)));
    }
}
