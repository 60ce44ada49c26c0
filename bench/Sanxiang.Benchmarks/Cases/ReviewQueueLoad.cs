using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Data;

namespace Sanxiang.Benchmarks.Cases;

/// <summary>
/// The reviewers' workbench (<c>/workbench/reviews</c>) with many reviewed cases: the real server on Kestrel, on SQLite and
/// (with <c>--postgres</c> or <c>SANXIANG_TEST_POSTGRES</c>) on a fresh PostgreSQL database, filled through the real API
/// with <c>--cases</c> general-procedure cases taken into legal review (opened, declared, registered, investigated,
/// notified, submitted): of every six, four agreed, one returned with a problem, one left waiting. Then, timed, the
/// reviewer's page and its CSV are fetched <c>--reads</c> times one after the other; the page's queue count and the
/// database's counts are checked against what was made. <c>dotnet bench/…/Sanxiang.Benchmarks.dll review-queue --cases 600</c>.
/// </summary>
public static partial class ReviewQueueLoad
{
    private static readonly Dictionary<string, string?> Notice = new()
    {
        ["penalty.kinds"] = "罚款、没收违法所得", ["penalty.fine"] = "60000", ["penalty.confiscation"] = "120", ["penalty.tier"] = "一般",
        ["notice.rights-told"] = "true",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CaseApiLoad.Options(args);

        var web = Path.GetFullPath(options.GetValueOrDefault("web", "src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll"));
        var cases = int.Parse(options.GetValueOrDefault("cases", "600"), CultureInfo.InvariantCulture);
        var reads = int.Parse(options.GetValueOrDefault("reads", "20"), CultureInfo.InvariantCulture);
        var postgres = options.GetValueOrDefault("postgres", Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES") ?? "");
        var root = Path.Combine(Path.GetTempPath(), "sanxiang-review-queue-" + Guid.NewGuid().ToString("N")[..8]);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{cases} cases into review, {reads} reads; folder {root}");
        Console.WriteLine("| database | cases | what | reads | median | p95 | max | bytes |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
        var ok = true;
        try
        {
            var file = Path.Combine(root, "sqlite", "sanxiang.db");
            ok &= await DatabaseAsync("SQLite", web, Path.Combine(root, "sqlite"), new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), cases, reads);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                ok &= await CaseApiLoad.WithFreshPostgresAsync(postgres, connection =>
                    DatabaseAsync("PostgreSQL", web, Path.Combine(root, "postgres"), new DatabaseSettings(DatabaseProvider.Postgres, connection), cases, reads));
            }
            else
            {
                Console.WriteLine("PostgreSQL: no --postgres and no SANXIANG_TEST_POSTGRES, skipped");
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        Console.WriteLine(ok ? "all counts match" : "COUNTS DO NOT MATCH");
        return ok ? 0 : 1;
    }

    private static async Task<bool> DatabaseAsync(string label, string web, string data, DatabaseSettings settings, int cases, int reads)
    {
        Directory.CreateDirectory(data);
        var password = "Bb!" + Guid.NewGuid().ToString("N")[..14] + "9aZ";
        using var server = await CaseApiLoad.StartAsync(web, data, settings, password);
        try
        {
            Guid lead, second;
            int before, waitingBefore;
            await using (var db = CaseApiLoad.Open(settings))
            {
                var ids = await db.Users.Where(u => u.UserName == "scjg.officer" || u.UserName == "scjg.officer2").OrderBy(u => u.UserName)
                    .Select(u => u.OfficerId!.Value).ToListAsync();
                (lead, second) = (ids[0], ids[1]);
                before = await db.Cases.CountAsync(c => c.Steps.Any(s => s.To == "review"));
                waitingBefore = await db.Cases.CountAsync(c => c.Status == "review");
            }

            var address = server.Address;
            var failures = new ConcurrentQueue<string>();
            var clock = Stopwatch.StartNew();
            var next = -1;
            var waiting = 0;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var officer = await CaseApiLoad.SignInAsync(address, "scjg.officer", password);
                using var officer2 = await CaseApiLoad.SignInAsync(address, "scjg.officer2", password);
                using var unitHead = await CaseApiLoad.SignInAsync(address, "scjg.unithead", password);
                using var reviewer = await CaseApiLoad.SignInAsync(address, "scjg.reviewer", password);
                int i;
                while ((i = Interlocked.Increment(ref next)) < cases)
                {
                    if (!await MakeAsync(i, officer, officer2, unitHead, reviewer, lead, second, failures))
                    {
                        return;
                    }

                    if (i % 6 == 5)
                    {
                        Interlocked.Increment(ref waiting);
                    }
                }
            })));
            Console.WriteLine($"  {label}: {cases} cases made through the API in {clock.Elapsed.TotalSeconds:0} s");

            using var client = await CaseApiLoad.SignInAsync(address, "scjg.reviewer", password);
            var (page, pageBytes, queue) = await TimeAsync(client, "/workbench/reviews", reads, failures);
            var (csv, csvBytes, _) = await TimeAsync(client, "/workbench/reviews?handler=csv", reads, failures);
            Report(label, before + cases, "queue and figures page", page, pageBytes);
            Report(label, before + cases, "figures as CSV", csv, csvBytes);

            await using var check = CaseApiLoad.Open(settings);
            var reviewed = await check.Cases.CountAsync(c => c.Steps.Any(s => s.To == "review"));
            var inReview = await check.Cases.CountAsync(c => c.Status == "review");
            var ok = failures.IsEmpty && reviewed == before + cases && inReview == waitingBefore + waiting && queue == inReview;
            Console.WriteLine($"  {label}: cases ever in review {reviewed} (expected {before + cases}), waiting {inReview} (expected {waitingBefore + waiting}), page's queue {queue}: "
                + (ok ? "match" : "MISMATCH"));
            foreach (var f in failures.Take(10))
            {
                Console.WriteLine("  failed: " + f);
            }

            return ok;
        }
        finally
        {
            server.Process.Kill(entireProcessTree: true);
            await server.Process.WaitForExitAsync();
        }
    }

    /// <summary>One case into review; of every six, four agreed, one returned with a problem, one left waiting.</summary>
    private static async Task<bool> MakeAsync(int i, HttpClient officer, HttpClient officer2, HttpClient unitHead, HttpClient reviewer, Guid lead, Guid second,
        ConcurrentQueue<string> failures)
    {
        var today = ChinaTime.Today(TimeProvider.System);
        async Task<bool> Post(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var response = await client.PostAsJsonAsync(path, body);
            if (response.StatusCode == expected)
            {
                return true;
            }

            failures.Enqueue($"{path}: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync())[..200]}");
            return false;
        }

        var opened = await officer.PostAsJsonAsync("/api/v1/cases", CaseApiLoad.OpenRequest(lead, second, today));
        if (opened.StatusCode != HttpStatusCode.Created)
        {
            failures.Enqueue($"open: {(int)opened.StatusCode}");
            return false;
        }

        var id = (await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var steps = $"/api/v1/cases/{id}/steps";
        var agreed = new Dictionary<string, string?>
        {
            ["review.point.body"] = "符合", ["review.point.officers"] = "符合", ["review.point.procedure"] = "符合", ["review.point.facts"] = "符合",
            ["review.point.law"] = "符合", ["review.point.powers"] = "符合", ["review.point.documents"] = "符合", ["review.point.crime"] = "符合",
            ["review.opinion"] = "同意", ["review.note"] = "主体合法，事实清楚，证据确凿，适用法律正确，程序合法，裁量适当。",
        };
        var ok = await Post(officer, $"/api/v1/cases/{id}/recusals", new { officerId = lead, conflict = false })
            && await Post(officer2, $"/api/v1/cases/{id}/recusals", new { officerId = second, conflict = false })
            && await Post(unitHead, steps, new { to = "investigate", facts = CaseApiLoad.Registration })
            && await Post(officer, steps, new { to = "examine", facts = CaseApiLoad.Investigation })
            && await Post(unitHead, steps, new { to = "notify", facts = new Dictionary<string, string?>(Notice) { ["notice.served-on"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } })
            && await Post(officer, steps, new { to = "review", facts = new Dictionary<string, string?> { ["notice.statement-waived"] = "true", ["review.responsibility"] = "true" } });
        return ok && (i % 6) switch
        {
            5 => true,
            4 => await Post(reviewer, steps, new
            {
                to = "examine",
                facts = new Dictionary<string, string?>(agreed)
                {
                    ["review.point.facts"] = "存在问题", ["review.point.facts.note"] = "货值金额缺少票据佐证。", ["review.opinion"] = "存在问题",
                    ["review.problems"] = "货值金额认定依据不足；补充进货票据和销售记录",
                },
            }),
            _ => await Post(reviewer, steps, new { to = "decide", facts = agreed }),
        };
    }

    private static async Task<(List<double> Times, long Bytes, int Queue)> TimeAsync(HttpClient client, string path, int reads, ConcurrentQueue<string> failures)
    {
        var times = new List<double>();
        long bytes = 0;
        var queue = -1;
        for (var i = 0; i < reads; i++)
        {
            var t = Stopwatch.StartNew();
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            times.Add(t.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Enqueue($"{path}: {(int)response.StatusCode}");
                continue;
            }

            bytes = body.Length;
            if (QueueCount().Match(System.Text.Encoding.UTF8.GetString(body)) is { Success: true } m)
            {
                queue = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return ([.. times.Order()], bytes, queue);
    }

    private static void Report(string label, int cases, string what, List<double> sorted, long bytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {cases} | {what} | {sorted.Count} | {sorted[sorted.Count / 2]:0} ms | {sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)]:0} ms | {sorted[^1]:0} ms | {bytes:N0} |"));

    [GeneratedRegex("data-testid=\"queue-count\">(\\d+) 件")]
    private static partial Regex QueueCount();
}
