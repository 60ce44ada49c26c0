using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Sanxiang.Core.Redaction;
using Sanxiang.Core.Tests.Redaction;

namespace Sanxiang.Benchmarks.Publication;

/// <summary>
/// Issue 7, item 10: <see cref="Redactor.Redact"/> (text alone, default policy, as the corpus tests call it) over the texts of
/// the annotated corpus, read at run time from the repository (<c>--corpus</c>, default
/// <c>tests/Sanxiang.Core.Tests/Redaction/Corpus</c>, its top-level <c>*.txt</c>), annotations stripped by the tests' own
/// <c>AnnotatedCorpus.Parse</c> (compiled in). One warm-up round, then <c>--runs</c> timed runs of at least <c>--seconds</c>
/// each, in two ways: one decision at a time (as the platform calls it) and all texts joined into one text.
/// <c>dotnet bench/Sanxiang.Benchmarks/bin/Release/net10.0/Sanxiang.Benchmarks.dll redaction --runs 5</c>.
/// </summary>
public static class RedactionThroughput
{
    public static int Run(string[] args)
    {
        var options = Cases.CaseApiLoad.Options(args);
        var folder = Path.GetFullPath(options.GetValueOrDefault("corpus", "tests/Sanxiang.Core.Tests/Redaction/Corpus"));
        var runs = int.Parse(options.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "3"), CultureInfo.InvariantCulture);
        var texts = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(f => AnnotatedCorpus.Parse(Path.GetFileName(f), File.ReadAllText(f)).Input).ToList();
        var one = string.Join("\n\n", texts);
        var bytes = texts.Sum(t => Encoding.UTF8.GetByteCount(t));
        var oneBytes = Encoding.UTF8.GetByteCount(one);
        var optimized = typeof(Redactor).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sanxiang.Core {(optimized ? "optimized (Release)" : "NOT optimized (Debug)")}; {texts.Count} texts from {folder}, {bytes:N0} bytes of UTF-8 ({texts.Sum(t => t.Length):N0} characters), {bytes / (double)texts.Count:0} bytes per decision on average"));

        var spans = 0;
        foreach (var t in texts)
        {
            spans += Redactor.Redact(t).Spans.Count;
        }

        Redactor.Redact(one);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spans} spans per round ({spans / (double)texts.Count:0.0} per decision)"));
        Console.WriteLine("| run | way | rounds | decisions | MB | seconds | MB/s | decisions/s | per decision | load |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var run = 1; run <= runs; run++)
        {
            Measure(run, "one by one", () =>
            {
                foreach (var t in texts)
                {
                    Redactor.Redact(t);
                }
            }, bytes, texts.Count, seconds);
            Measure(run, "as one text", () => Redactor.Redact(one), oneBytes, texts.Count, seconds);
        }

        return 0;
    }

    private static void Measure(int run, string way, Action round, long bytes, int decisions, double seconds)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var rounds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            round();
            rounds++;
        }

        var s = clock.Elapsed.TotalSeconds;
        var mb = bytes * (double)rounds / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run} | {way} | {rounds} | {decisions * rounds:N0} | {mb:0.00} | {s:0.00} | {mb / s:0.00} | {decisions * rounds / s:N0} | {s * 1000 / (decisions * rounds):0.000} ms | {load} |"));
    }
}
