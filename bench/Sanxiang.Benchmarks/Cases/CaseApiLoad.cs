using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sanxiang.Core;
using Sanxiang.Data;
using Sanxiang.Data.Access;

namespace Sanxiang.Benchmarks.Cases;

/// <summary>
/// Cases opened and stepped per second through the real API (<c>/api/v1/cases</c>) of the real server on Kestrel (a child
/// process, as in the evidence harness), with N concurrent clients, on SQLite (a file in a temp folder) and, when a
/// PostgreSQL connection is given (<c>--postgres</c> or <c>SANXIANG_TEST_POSTGRES</c>), on a fresh PostgreSQL database
/// created for the run and dropped after it. Each client is its own set of signed-in sessions (officer, second officer,
/// unit head). Per round and client count, in phases: open a case (POST), both officers declare no conflict (two POSTs),
/// the unit head approves registration (register → investigate, with the opinion), the officer ends the investigation
/// (investigate → examine, with the report), then a read of each case. After each round the cases, steps and log entries
/// are counted in the database and the run fails if any is missing or extra; on PostgreSQL the round's rolled-back
/// transactions are reported. Options: --web, --cases (per round), --clients (e.g. 1,8), --postgres, --only sqlite|postgres.
/// <c>dotnet bench/Sanxiang.Benchmarks/bin/Release/net10.0/Sanxiang.Benchmarks.dll case-api --web
/// src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll --cases 200 --clients 1,8 --postgres "Host=…;Database=sanxiang_bench;…"</c>.
/// </summary>
public static partial class CaseApiLoad
{
    private const string Item = "360736-SCJG-CF-001";

    internal static readonly Dictionary<string, string?> Registration = new() { ["register.opinion"] = "经审查，符合立案条件，同意立案，由刘建国、欧阳志远承办。" };

    internal static readonly Dictionary<string, string?> Investigation = new()
    {
        ["investigation.certificate-shown"] = "true",
        ["investigation.report"] = "经查，当事人于2026年10月销售的豇豆经抽检克百威含量0.12mg/kg，超过食品安全国家标准限量，货值金额480元，违法所得120元。",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);

        var web = Path.GetFullPath(options.GetValueOrDefault("web", "src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll"));
        var cases = int.Parse(options.GetValueOrDefault("cases", "200"), CultureInfo.InvariantCulture);
        var clients = options.GetValueOrDefault("clients", "1,8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var postgres = options.GetValueOrDefault("postgres", Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES") ?? "");
        var only = options.GetValueOrDefault("only", "all");
        var root = Path.Combine(Path.GetTempPath(), "sanxiang-case-api-" + Guid.NewGuid().ToString("N")[..8]);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{cases} cases per round, clients {string.Join(", ", clients)}; folder {root}");
        var ok = true;
        try
        {
            if (only is "all" or "sqlite")
            {
                var file = Path.Combine(root, "sqlite", "sanxiang.db");
                ok &= await DatabaseAsync("SQLite", web, Path.Combine(root, "sqlite"), new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), cases, clients);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            if (only is "all" or "postgres")
            {
                if (string.IsNullOrWhiteSpace(postgres))
                {
                    Console.WriteLine("PostgreSQL: no --postgres and no SANXIANG_TEST_POSTGRES, skipped");
                }
                else
                {
                    ok &= await WithFreshPostgresAsync(postgres, connection =>
                        DatabaseAsync("PostgreSQL", web, Path.Combine(root, "postgres"), new DatabaseSettings(DatabaseProvider.Postgres, connection), cases, clients));
                }
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

    /// <summary>The harness's options: <c>--name value</c> pairs.</summary>
    internal static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on a fresh PostgreSQL database named after the one given (plus 8 hex digits), created
    /// from the maintenance database and dropped after it, whatever happens.
    /// </summary>
    internal static async Task<bool> WithFreshPostgresAsync(string postgres, Func<string, Task<bool>> run)
    {
        var given = new NpgsqlConnectionStringBuilder(postgres);
        var name = (string.IsNullOrEmpty(given.Database) ? "sanxiang_bench" : given.Database) + "_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" ENCODING 'UTF8'");
        try
        {
            return await run(new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    internal static async Task ExecuteAsync(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }

    internal static SanxiangDbContext Open(DatabaseSettings settings)
    {
        var builder = new DbContextOptionsBuilder<SanxiangDbContext>();
        settings.Apply(builder);
        return new SanxiangDbContext(builder.Options, new FixedAccessScope(AccessScope.System));
    }

    /// <summary>One server on one database; every round of client counts against it, one after the other.</summary>
    private static async Task<bool> DatabaseAsync(string label, string web, string data, DatabaseSettings settings, int cases, int[] clients)
    {
        Directory.CreateDirectory(data);
        var password = "Bb!" + Guid.NewGuid().ToString("N")[..14] + "9aZ";
        using var server = await StartAsync(web, data, settings, password);
        try
        {
            Guid lead, second;
            await using (var db = Open(settings))
            {
                var ids = await db.Users.Where(u => u.UserName == "scjg.officer" || u.UserName == "scjg.officer2").OrderBy(u => u.UserName)
                    .Select(u => u.OfficerId!.Value).ToListAsync();
                (lead, second) = (ids[0], ids[1]);
            }

            Console.WriteLine($"{label}: {settings.Describe()}, server pid {server.Process.Id} ready in {server.Ready.TotalSeconds:0.0} s");
            // Warm-up: 50 cases through every phase on two clients (JIT tiering, pools, caches); not counted.
            var ok = await RoundAsync(label, server, password, settings, lead, second, 50, 2, report: false);
            Console.WriteLine($"| database | clients | phase | requests | seconds | per second | median | p95 | max | server CPU per request |");
            Console.WriteLine($"|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var n in clients)
            {
                ok &= await RoundAsync(label, server, password, settings, lead, second, cases, n, report: true);
            }

            return ok;
        }
        finally
        {
            server.Process.Kill(entireProcessTree: true);
            await server.Process.WaitForExitAsync();
        }
    }

    /// <summary>The request that opens the harness's case: a market-regulation penalty case against an organisation, with two officers.</summary>
    internal static object OpenRequest(Guid lead, Guid second, DateOnly today) => new
    {
        itemCode = Item,
        cause = "涉嫌经营农药残留超过食品安全标准限量的食用农产品案",
        source = "监督检查",
        party = new
        {
            kind = "Organisation",
            name = "安和县鲜丰农贸有限公司",
            creditCode = "91360736MA35R8QX1" + Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter("91360736MA35R8QX1"),
            representative = "王建华",
            address = "安和县城关镇人民路168号",
            phone = "0797-6320001",
        },
        occurredOn = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        seriousHarm = false,
        officerIds = new[] { lead, second },
    };

    internal static Task<WebServerProcess> StartAsync(string web, string data, DatabaseSettings settings, string password) =>
        WebServerProcess.StartAsync(web, data, password, new Dictionary<string, string>
        {
            ["Database__Provider"] = settings.Provider.ToString(),
            ["ConnectionStrings__Sanxiang"] = settings.ConnectionString,
            ["Security__SignInAttemptsPerMinute"] = "100000",
            // The load generator sends every request from one address: the per-address limits of the public search
            // and the open data would answer it 429 after the first minute's allowance.
            ["Security__PublicSearchesPerMinute"] = "100000000",
            ["Security__OpenDataDownloadsPerMinute"] = "100000000",
        }, TimeSpan.FromMinutes(5));

    /// <summary>The signed-in sessions of one client: the two officers of the case and the unit head who approves.</summary>
    private sealed record Sessions(HttpClient Officer, HttpClient Officer2, HttpClient UnitHead) : IDisposable
    {
        public void Dispose()
        {
            Officer.Dispose();
            Officer2.Dispose();
            UnitHead.Dispose();
        }
    }

    internal static async Task<HttpClient> SignInAsync(Uri address, string userName, string password)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var page = await client.GetStringAsync("/account/signin");
        var token = WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{userName}: sign-in failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>CPU time (user + system) the process has used so far, from /proc (clock ticks of 10 ms).</summary>
    private static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static async Task<bool> RoundAsync(string label, WebServerProcess server, string password, DatabaseSettings settings, Guid lead, Guid second,
        int cases, int clients, bool report)
    {
        var sessions = new List<Sessions>();
        for (var i = 0; i < clients; i++)
        {
            var address = server.Address;
            sessions.Add(new Sessions(await SignInAsync(address, "scjg.officer", password), await SignInAsync(address, "scjg.officer2", password),
                await SignInAsync(address, "scjg.unithead", password)));
        }

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var rollbacksBefore = await RollbacksAsync(settings);
        var failures = new ConcurrentQueue<string>();
        var today = ChinaTime.Today(TimeProvider.System);
        var body = OpenRequest(lead, second, today);

        // Each phase: every client takes the next case until none is left; one timing per successful request. The requests
        // of one case run one after the other (two writes to one case at once would be a lost race, answered 409).
        async Task<List<double>> Phase(string name, int count, Func<Sessions, int, Func<Func<Task<bool>>, Task<bool>>, Task> work)
        {
            var next = -1;
            var times = new ConcurrentBag<double>();
            async Task<bool> Timed(Func<Task<bool>> request)
            {
                var t = Stopwatch.StartNew();
                var done = await request();
                if (done)
                {
                    times.Add(t.Elapsed.TotalMilliseconds);
                }

                return done;
            }

            var cpu = CpuMs(server.Process.Id);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(sessions.Select(s => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await work(s, i, Timed);
                }
            })));
            var seconds = clock.Elapsed.TotalSeconds;
            cpu = CpuMs(server.Process.Id) - cpu;
            var sorted = times.Order().ToList();
            if (report && sorted.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {clients} | {name} | {sorted.Count} | {seconds:0.00} | {sorted.Count / seconds:0.0} | {sorted[sorted.Count / 2]:0.0} ms | {sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)]:0.0} ms | {sorted[^1]:0.0} ms | {cpu / sorted.Count:0.0} ms |"));
            }

            return sorted;
        }

        async Task<JsonElement?> Send(HttpClient client, string path, object payload, HttpStatusCode expected, string what)
        {
            var response = await client.PostAsJsonAsync(path, payload);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
            {
                failures.Enqueue($"{what}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                return null;
            }

            return JsonDocument.Parse(text).RootElement;
        }

        var ids = new Guid?[cases];
        await Phase("open (POST /cases)", cases, async (s, i, timed) => await timed(async () =>
        {
            var json = await Send(s.Officer, "/api/v1/cases", body, HttpStatusCode.Created, "open");
            ids[i] = json?.GetProperty("id").GetGuid();
            return json is not null;
        }));
        var opened = ids.Where(id => id is not null).Select(id => id!.Value).ToList();
        await Phase("declare no conflict (POST /recusals, 2 per case)", opened.Count, async (s, i, timed) =>
        {
            if (await timed(async () => await Send(s.Officer, $"/api/v1/cases/{opened[i]}/recusals", new { officerId = lead, conflict = false }, HttpStatusCode.OK, "recusal") is not null))
            {
                await timed(async () => await Send(s.Officer2, $"/api/v1/cases/{opened[i]}/recusals", new { officerId = second, conflict = false }, HttpStatusCode.OK, "recusal") is not null);
            }
        });
        await Phase("step register → investigate (unit head)", opened.Count, async (s, i, timed) => await timed(async () =>
            await Send(s.UnitHead, $"/api/v1/cases/{opened[i]}/steps", new { to = "investigate", facts = Registration }, HttpStatusCode.OK, "investigate")
                is { } json && Expect(json, "investigate", failures)));
        await Phase("step investigate → examine (officer)", opened.Count, async (s, i, timed) => await timed(async () =>
            await Send(s.Officer, $"/api/v1/cases/{opened[i]}/steps", new { to = "examine", facts = Investigation }, HttpStatusCode.OK, "examine")
                is { } json && Expect(json, "examine", failures)));
        await Phase("read (GET /cases/{id})", opened.Count, async (s, i, timed) => await timed(async () =>
        {
            var response = await s.Officer.GetAsync($"/api/v1/cases/{opened[i]}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Enqueue($"read: {(int)response.StatusCode}");
                return false;
            }

            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return Expect(json, "examine", failures) && json.GetProperty("steps").GetArrayLength() == 2;
        }));
        foreach (var s in sessions)
        {
            s.Dispose();
        }

        // The counts in the database, for exactly the cases of this round, and the log's own size against its rows.
        await using var db = Open(settings);
        var inExamine = await db.Cases.CountAsync(c => opened.Contains(c.Id) && c.Status == "examine");
        var steps = await db.CaseSteps.CountAsync(x => opened.Contains(x.CaseId));
        var numbers = await db.Cases.Where(c => opened.Contains(c.Id)).Select(c => c.Number).Distinct().CountAsync();
        var log = (await db.LedgerEntries.Where(e => e.CaseId != null && opened.Contains(e.CaseId.Value)).GroupBy(e => e.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).ToDictionary(g => g.Key, g => g.Count);
        var size = await db.LedgerState.Select(x => x.Size).SingleAsync();
        var rows = await db.LedgerEntries.LongCountAsync();
        var maxIndex = await db.LedgerEntries.MaxAsync(e => e.Index);
        // Each step with facts logs them (case-facts-recorded) and then the move (case-step).
        var expected = new Dictionary<string, int>
        {
            ["case-opened"] = cases, ["case-recusal-declared"] = 2 * cases, ["case-facts-recorded"] = 2 * cases, ["case-step"] = 2 * cases,
        };
        var ok = failures.IsEmpty && opened.Count == cases && inExamine == cases && numbers == cases && steps == 2 * cases && size == rows && maxIndex == size - 1
            && expected.All(kv => log.GetValueOrDefault(kv.Key) == kv.Value) && log.Keys.All(expected.ContainsKey);
        var rollbacks = await RollbacksAsync(settings, wait: true) - rollbacksBefore;
        if (report || !ok)
        {
            Console.WriteLine($"  {label}, {clients} client(s) (load {load} at the start): opened {opened.Count}/{cases}, in examine {inExamine}, distinct numbers {numbers}, step rows {steps}, log "
                + string.Join(", ", log.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")) + $"; log size {size}, rows {rows}, last index {maxIndex}: "
                + (ok ? "match" : "MISMATCH")
                + (settings.Provider == DatabaseProvider.Postgres ? $"; transactions rolled back in the round: {rollbacks}" : ""));
            foreach (var f in failures.Take(10))
            {
                Console.WriteLine("  failed: " + f);
            }

            if (failures.Count > 10)
            {
                Console.WriteLine($"  … {failures.Count - 10} more failures");
            }
        }

        return ok;
    }

    /// <summary>
    /// PostgreSQL only: transactions rolled back in the run's database so far (a lost race for a case number is one). A
    /// backend reports its counts when idle, at the latest after 10 s, hence the wait.
    /// </summary>
    private static async Task<long> RollbacksAsync(DatabaseSettings settings, bool wait = false)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return 0;
        }

        if (wait)
        {
            await Task.Delay(TimeSpan.FromSeconds(11));
        }

        await using var c = new NpgsqlConnection(settings.ConnectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database()", c);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static bool Expect(JsonElement json, string status, ConcurrentQueue<string> failures)
    {
        if (json.GetProperty("status").GetString() == status)
        {
            return true;
        }

        failures.Enqueue($"expected {status}, got {json.GetProperty("status").GetString()}");
        return false;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
