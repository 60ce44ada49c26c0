using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using Sanxiang.Benchmarks.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Data;
using Sanxiang.Data.Publication;

namespace Sanxiang.Benchmarks.Publication;

/// <summary>
/// Issue 7, item 10: the public decision search at a million published decisions, on SQLite and PostgreSQL in one run.
/// Per database: a fresh database (SQLite file in a temp folder; PostgreSQL: a fresh database on the server given by
/// <c>--postgres</c>, dropped after), migrated and seeded by starting the real server once, then <c>--count</c> published
/// decisions (with their closed publication tasks) generated in publication order by <see cref="DecisionGenerator"/> and
/// bulk-loaded (SQLite: prepared inserts, 20,000 rows per transaction, the full-text triggers dropped during the load, the
/// index rebuilt with FTS5's 'rebuild', then the triggers recreated from the very statements sqlite_master held;
/// PostgreSQL: binary COPY with the table's secondary indexes (the pg_trgm GIN ones included) dropped and recreated from
/// their own definitions, then VACUUM (ANALYZE)). Then, serially and before the server runs, each query kind's draws through
/// <c>DecisionSearch.RunAsync</c> itself (the statements the server sends and the loading of the page's entries), one at
/// a time; then the real server (Release) on the database and, for each number of clients in <c>--clients</c>, a
/// closed-loop load per query kind over the public API, the search page and the entry page: requests, requests/s,
/// median, p95, max. Query kinds draw document numbers, company names and credit codes from the entries in the database.
/// <c>dotnet bench/…/Sanxiang.Benchmarks.dll decision-search --count 1000000 --db both --reuse true --clients 1,4,8</c>.
/// Options: --web, --count, --db sqlite|postgres|both, --postgres, --clients (8, or a list such as 1,4,8), --seconds per
/// kind (8), --warmup (2), --sql-runs (10), --folder (where the SQLite file goes; default the temp folder), --keep true
/// (keep the databases), --reuse true (keep them under fixed names and measure them again on the next run with the same
/// --count instead of generating them), --generate-only true.
/// </summary>
public static class DecisionSearchLoad
{
    private const int Batch = 20_000;

    /// <summary>One kind of request; <see cref="Make"/> gives its arguments for a draw.</summary>
    private sealed record Kind(string Name, Func<Random, Args> Make, bool Api = true);

    /// <summary>The search's arguments, as the API takes them (agency by code).</summary>
    private sealed record Args(string? Q = null, string? Party = null, string? Code = null, string? Number = null, string? Agency = null,
        string? Category = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, string? Path = null);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CaseApiLoad.Options(args);
        var web = Path.GetFullPath(options.GetValueOrDefault("web", "src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll"));
        var count = int.Parse(options.GetValueOrDefault("count", "1000000"), CultureInfo.InvariantCulture);
        var which = options.GetValueOrDefault("db", "both");
        var postgres = options.GetValueOrDefault("postgres", Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55440;Username=sanxiang;Database=sanxiang_search");
        var clients = options.GetValueOrDefault("clients", "8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "8"), CultureInfo.InvariantCulture);
        var warmup = double.Parse(options.GetValueOrDefault("warmup", "2"), CultureInfo.InvariantCulture);
        var sqlRuns = int.Parse(options.GetValueOrDefault("sql-runs", "10"), CultureInfo.InvariantCulture);
        // --reuse true: the databases are kept under fixed names and a later run with the same --count measures them
        // again (migrating them first) instead of generating them anew; --generate-only true stops after the load.
        var reuse = options.GetValueOrDefault("reuse", "false") == "true";
        var keep = reuse || options.GetValueOrDefault("keep", "false") == "true";
        var generateOnly = options.GetValueOrDefault("generate-only", "false") == "true";
        var folder = options.GetValueOrDefault("folder", Path.GetTempPath());
        var root = Path.Combine(folder, "sanxiang-decision-search-" + (reuse ? $"kept-{count}" : Guid.NewGuid().ToString("N")[..8]));
        var run = new Run(web, count, clients, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), sqlRuns, generateOnly);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {Load()}, {MemTotal()}");
        Console.WriteLine($"{count:N0} decisions, {string.Join("/", clients)} clients, {seconds} s per kind after {warmup} s warm-up; folder {root}");
        try
        {
            if (which is "both" or "sqlite")
            {
                var file = Path.Combine(root, "sqlite", "sanxiang.db");
                var generate = !(reuse && File.Exists(file));
                await run.DatabaseAsync("SQLite", Path.Combine(root, "sqlite"), new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), generate);
                SqliteConnection.ClearAllPools();
                if (keep)
                {
                    Console.WriteLine($"kept {file}");
                }
            }

            if (which is "both" or "postgres")
            {
                if (keep)
                {
                    var given = new NpgsqlConnectionStringBuilder(postgres);
                    var name = given.Database + "_" + (reuse ? $"kept_{count}" : Guid.NewGuid().ToString("N")[..8]);
                    var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString;
                    bool exists;
                    await using (var c = new NpgsqlConnection(admin))
                    {
                        await c.OpenAsync();
                        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", c);
                        command.Parameters.AddWithValue("n", name);
                        exists = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
                    }

                    if (!exists)
                    {
                        await CaseApiLoad.ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" ENCODING 'UTF8'");
                    }

                    var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
                    await run.DatabaseAsync("PostgreSQL", Path.Combine(root, "postgres"), new DatabaseSettings(DatabaseProvider.Postgres, connection), generate: !exists);
                    NpgsqlConnection.ClearAllPools();
                    Console.WriteLine($"kept PostgreSQL database {name}");
                }
                else
                {
                    await CaseApiLoad.WithFreshPostgresAsync(postgres, async connection =>
                    {
                        await run.DatabaseAsync("PostgreSQL", Path.Combine(root, "postgres"), new DatabaseSettings(DatabaseProvider.Postgres, connection), generate: true);
                        return true;
                    });
                }
            }
        }
        finally
        {
            if (!keep && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return 0;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private static string MemTotal() => File.ReadLines("/proc/meminfo").First().Replace("        ", " ", StringComparison.Ordinal);

    private sealed class Run(string web, int count, int[] clientLevels, TimeSpan measure, TimeSpan warm, int sqlRuns, bool generateOnly)
    {
        private int clients = clientLevels[0];

        public async Task DatabaseAsync(string label, string data, DatabaseSettings settings, bool generate)
        {
            Directory.CreateDirectory(data);
            var password = "Bb!" + Guid.NewGuid().ToString("N")[..14] + "9aZ";
            using (var first = await CaseApiLoad.StartAsync(web, data, settings, password))
            {
                Console.WriteLine($"\n## {label}: {settings.Describe()}; migrated{(generate ? " and seeded" : "")} by the server in {first.Ready.TotalSeconds:0.0} s");
            }

            Dictionary<string, Guid> ids;
            if (generate)
            {
                List<GeneratedAgency> agencies;
                Guid clerk;
                long before;
                await using (var db = CaseApiLoad.Open(settings))
                {
                    var cases = await db.Cases.IgnoreQueryFilters().Select(c => new { c.Id, c.AgencyId }).ToListAsync();
                    agencies = [.. (await db.Agencies.AsNoTracking().ToListAsync())
                        .Select(a => new GeneratedAgency(a.Id, a.Code, a.Name, a.CaseNumberPrefix, cases.FirstOrDefault(c => c.AgencyId == a.Id)?.Id ?? cases[0].Id))];
                    clerk = await db.Users.Where(u => u.UserName == "scjg.clerk").Select(u => u.Id).SingleAsync();
                    before = await db.PublishedDecisions.IgnoreQueryFilters().LongCountAsync();
                }

                var generator = new DecisionGenerator(agencies, count, Sanxiang.Core.ChinaTime.Today(TimeProvider.System), clerk);
                Console.WriteLine($"{label}: loading {count:N0} decisions (load {Load()}); {before} already published by the seeder");
                var clock = Stopwatch.StartNew();
                var phases = settings.Provider == DatabaseProvider.Sqlite
                    ? await LoadSqliteAsync(settings.ConnectionString, generator)
                    : await LoadPostgresAsync(settings.ConnectionString, generator);
                var total = clock.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: generated and loaded in {total.TotalSeconds:0} s ({count / total.TotalSeconds:0} decisions/s; {phases}); full text {generator.FullTextChars / (double)count:0} characters on average; load {Load()}"));
            }

            Console.WriteLine($"{label}: size {await SizesAsync(settings)}");
            if (generateOnly)
            {
                return;
            }

            Samples samples;
            await using (var db = CaseApiLoad.Open(settings))
            {
                ids = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id);
                samples = await SamplesAsync(db);
            }

            var kinds = Kinds(samples);
            Console.WriteLine($"{label}: {samples.MaxId:N0} entries; samples: {samples.Numbers.Count} numbers, {samples.Companies.Count} companies, {samples.Codes.Count} codes");
            await AloneAsync(label, settings, kinds, ids);
            using var server = await CaseApiLoad.StartAsync(web, data, settings, password);
            Console.WriteLine($"{label}: server pid {server.Process.Id} ready in {server.Ready.TotalSeconds:0.0} s, load {Load()}");
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, AllowAutoRedirect = false })
            {
                BaseAddress = server.Address,
                Timeout = TimeSpan.FromMinutes(3),
            };
            foreach (var level in clientLevels)
            {
                clients = level;
                Console.WriteLine($"\n{label}, {clients} closed-loop clients:\n| database | request | hits (total) | requests | req/s | median | p95 | max | errors | server CPU per request | load at start |");
                Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
                var all = new List<double>();
                foreach (var kind in kinds)
                {
                    var times = await HttpAsync(label, client, [kind], server.Process.Id);
                    if (kind.Api)
                    {
                        all.AddRange(times);
                    }
                }

                await HttpAsync(label, client, [.. kinds.Where(k => k.Api)], server.Process.Id, "API mix (every API kind above, drawn at random)");
                all.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label}, {clients} clients: every API request of the per-kind runs together: {all.Count} requests, median {Pct(all, 0.5):0.0} ms, p95 {Pct(all, 0.95):0.0} ms"));
            }
        }

        /// <summary>What the query kinds draw from: document numbers, organisations' names and codes of entries in force, read back from the database.</summary>
        private sealed record Samples(List<string> Numbers, List<string> Companies, List<string> Codes, long MaxId);

        private static async Task<Samples> SamplesAsync(SanxiangDbContext db)
        {
            var maxId = await db.PublishedDecisions.IgnoreQueryFilters().MaxAsync(d => d.Id);
            var step = Math.Max(1, maxId / 400);
            var rows = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.Id % step == 0 && d.State == PublishedState.Public && d.CreditCode != null && EF.Functions.Like(d.CreditCode, "91%"))
                .Select(d => new { d.DocumentNumber, d.PartyName, d.CreditCode }).Take(200).ToListAsync();
            return new Samples([.. rows.Select(r => r.DocumentNumber!).Where(n => n is not null)], [.. rows.Select(r => r.PartyName)], [.. rows.Select(r => r.CreditCode!)], maxId);
        }

        private static List<Kind> Kinds(Samples g)
        {
            var today = Sanxiang.Core.ChinaTime.Today(TimeProvider.System);
            var maxId = g.MaxId;
            string Pick(List<string> list, Random r) => list[r.Next(list.Count)];
            return
            [
                new("API q=食品安全 (common, 4 chars)", _ => new Args(Q: "食品安全")),
                new("API q=行政处罚决定 (in most texts)", _ => new Args(Q: "行政处罚决定")),
                new("API q=document number (rare)", r => new Args(Q: Pick(g.Numbers, r))),
                new("API q=company name (rare)", r => new Args(Q: Pick(g.Companies, r))),
                new("API q=鲟鱼子酱 (no hit, 4 chars)", _ => new Args(Q: "鲟鱼子酱")),
                new("API q=餐饮 (2 chars, common)", _ => new Args(Q: "餐饮")),
                new("API q=鲟鱼 (2 chars, no hit)", _ => new Args(Q: "鲟鱼")),
                new("API party=company name", r => new Args(Party: Pick(g.Companies, r))),
                new("API party=张某 (2 chars)", _ => new Args(Party: "张某")),
                new("API code=credit code", r => new Args(Code: Pick(g.Codes, r))),
                new("API number=document number", r => new Args(Number: Pick(g.Numbers, r))),
                new("API agency+category+one month", r =>
                {
                    var month = today.AddMonths(-r.Next(1, 35));
                    var from = new DateOnly(month.Year, month.Month, 1);
                    return new Args(Agency: r.Next(3) == 0 ? "ZHZF" : "SCJG", Category: "Penalty", From: from, To: from.AddMonths(1).AddDays(-1));
                }),
                new("API q=食品安全 page 2..5", r => new Args(Q: "食品安全", Page: r.Next(2, 6))),
                new("page /decisions?q=食品安全", _ => new Args(Q: "食品安全", Path: "/decisions"), Api: false),
                new("page /decisions/{id} (random id)", r => new Args(Path: "/decisions/" + r.NextInt64(1, maxId + 1).ToString(CultureInfo.InvariantCulture)), Api: false),
                new("API /public/decisions/{id} (random id)", r => new Args(Path: "/api/v1/public/decisions/" + r.NextInt64(1, maxId + 1).ToString(CultureInfo.InvariantCulture)), Api: false),
            ];
        }

        private static string Url(Args a)
        {
            if (a.Path is { } p && a.Q is null)
            {
                return p;
            }

            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    parts.Add(name + "=" + Uri.EscapeDataString(value));
                }
            }

            Add("q", a.Q);
            Add("party", a.Party);
            Add("code", a.Code);
            Add("number", a.Number);
            Add("agency", a.Agency);
            Add("category", a.Category);
            Add("from", a.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", a.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (a.Page > 1)
            {
                Add("page", a.Page.ToString(CultureInfo.InvariantCulture));
            }

            return (a.Path ?? "/api/v1/public/decisions") + "?" + string.Join("&", parts);
        }

        /// <summary>Closed loop: <c>clients</c> workers, each sends its next request when the last one answered.</summary>
        private async Task<List<double>> HttpAsync(string label, HttpClient client, Kind[] kinds, int pid, string? name = null)
        {
            var load = Load().Split(' ')[0];
            var errors = new ConcurrentQueue<string>();
            var hits = new ConcurrentBag<int>();
            var times = new ConcurrentBag<double>();
            var cpu = CpuMs(pid);
            var all = 0;
            var started = Stopwatch.StartNew();
            var stopAt = warm + measure;
            double measuredFrom = 0, measuredTo = 0;
            var counted = 0;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
            {
                var r = new Random(w * 7919 + 1);
                // A slow kind gets at least one measured request per worker (up to 30 s more), so it is not left out.
                while (started.Elapsed < stopAt || (Volatile.Read(ref counted) < clients && started.Elapsed < stopAt + TimeSpan.FromSeconds(30)))
                {
                    var kind = kinds[r.Next(kinds.Length)];
                    var url = Url(kind.Make(r));
                    var t = Stopwatch.StartNew();
                    var begin = started.Elapsed;
                    string body;
                    HttpStatusCode status;
                    try
                    {
                        using var response = await client.GetAsync(url);
                        body = await response.Content.ReadAsStringAsync();
                        status = response.StatusCode;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        errors.Enqueue(url + ": " + e.Message);
                        continue;
                    }

                    var ms = t.Elapsed.TotalMilliseconds;
                    Interlocked.Increment(ref all);
                    if (status != HttpStatusCode.OK)
                    {
                        errors.Enqueue($"{url}: {(int)status} {body[..Math.Min(200, body.Length)]}");
                        continue;
                    }

                    // Measured: what began after the warm-up, or, for a kind so slow that a worker's first request ends
                    // after it, what ended after it (that latency includes waiting behind the other workers' requests).
                    if (begin >= warm || (started.Elapsed >= warm && Volatile.Read(ref counted) < clients))
                    {
                        times.Add(ms);
                        Interlocked.Increment(ref counted);
                        if (kind.Api && url.StartsWith("/api/v1/public/decisions?", StringComparison.Ordinal) && hits.Count < 50)
                        {
                            hits.Add(JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32());
                        }
                    }
                }
            })));
            measuredFrom = warm.TotalSeconds;
            measuredTo = started.Elapsed.TotalSeconds;
            cpu = CpuMs(pid) - cpu;
            var sorted = times.Order().ToList();
            var window = measuredTo - measuredFrom;
            var hit = hits.IsEmpty ? "–" : hits.Min() == hits.Max() ? hits.Min().ToString("N0", CultureInfo.InvariantCulture)
                : $"{hits.Min().ToString("N0", CultureInfo.InvariantCulture)}–{hits.Max().ToString("N0", CultureInfo.InvariantCulture)}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {name ?? kinds[0].Name} | {hit} | {sorted.Count} | {sorted.Count / window:0.0} | {Pct(sorted, 0.5):0.0} ms | {Pct(sorted, 0.95):0.0} ms | {(sorted.Count > 0 ? sorted[^1] : double.NaN):0.0} ms | {errors.Count} | {cpu / Math.Max(1, all):0.0} ms | {load} |"));
            foreach (var e in errors.Take(3))
            {
                Console.WriteLine("  error: " + e);
            }

            return sorted;
        }

        // ---------------------------------------------------------------------------------------------------------------
        // The search alone: DecisionSearch.RunAsync itself (its SQL and the loading of the page's entries), no HTTP.

        /// <summary>
        /// Each kind's draws through <see cref="DecisionSearch.RunAsync"/> on one context, one search at a time, so the
        /// figure is the search's own cost on an idle server; the statements it sends are the ones the server sends.
        /// </summary>
        private async Task AloneAsync(string label, DatabaseSettings settings, List<Kind> kinds, Dictionary<string, Guid> agencies)
        {
            await using var db = CaseApiLoad.Open(settings);
            Console.WriteLine($"\n{label}: DecisionSearch.RunAsync alone, one search at a time, {sqlRuns} draws per kind (load {Load()})");
            Console.WriteLine("| database | query | median | max | hits (total) |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            foreach (var kind in kinds.Where(k => k.Api))
            {
                var r = new Random(17);
                var times = new List<double>();
                var totals = new List<string>();
                for (var i = 0; i < sqlRuns; i++)
                {
                    var query = Query(kind.Make(r), agencies);
                    db.ChangeTracker.Clear();
                    var t = Stopwatch.StartNew();
                    string total;
                    try
                    {
                        var page = await DecisionSearch.RunAsync(db, query);
                        total = page.Total.ToString("N0", CultureInfo.InvariantCulture) + (page.TotalCapped ? "+" : "");
                    }
                    catch (DecisionSearchTimeoutException)
                    {
                        total = "timeout";
                    }

                    times.Add(t.Elapsed.TotalMilliseconds);
                    totals.Add(total);
                }

                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {kind.Name.Replace("API ", "", StringComparison.Ordinal)} | {Pct(times, 0.5):0.0} ms | {times[^1]:0.0} ms | {string.Join(", ", totals.Distinct())} |"));
            }
        }

        /// <summary>CPU time (user + system) the process has used so far, from /proc (clock ticks of 10 ms).</summary>
        private static double CpuMs(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }

        private static DbCommand Command(DbConnection connection, string sql, List<(string Name, object Value)> parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }

            return command;
        }

        /// <summary>The API's arguments as the search takes them (the API parses them the same way).</summary>
        private static DecisionQuery Query(Args a, Dictionary<string, Guid> agencies) => new(
            Q: a.Q, AgencyId: a.Agency is null ? null : agencies[a.Agency],
            Category: a.Category is null ? null : Enum.Parse<PublicationCategory>(a.Category),
            Party: a.Party, Code: a.Code, Number: a.Number, From: a.From, To: a.To, Page: a.Page);

        // ---------------------------------------------------------------------------------------------------------------
        // Bulk load.

        /// <summary>Generation on one thread, inserts on another, batches handed over through a bounded channel.</summary>
        private async Task<string> Produce(DecisionGenerator generator, Func<List<GeneratedRow>, Task> consume)
        {
            var channel = Channel.CreateBounded<List<GeneratedRow>>(4);
            var producer = Task.Run(async () =>
            {
                for (var done = 0; done < count;)
                {
                    var n = Math.Min(Batch, count - done);
                    var batch = new List<GeneratedRow>(n);
                    for (var i = 0; i < n; i++)
                    {
                        batch.Add(generator.Next());
                    }

                    done += n;
                    await channel.Writer.WriteAsync(batch);
                }

                channel.Writer.Complete();
            });
            var clock = Stopwatch.StartNew();
            var loaded = 0;
            await foreach (var batch in channel.Reader.ReadAllAsync())
            {
                await consume(batch);
                loaded += batch.Count;
                if (loaded % 200_000 == 0)
                {
                    Console.WriteLine($"  {loaded:N0} rows, {clock.Elapsed.TotalSeconds:0} s, load {Load()}");
                }
            }

            await producer;
            return string.Create(CultureInfo.InvariantCulture, $"rows {clock.Elapsed.TotalSeconds:0} s");
        }

        private static object Value(object? value, bool sqlite) => BulkRows.Value(value, sqlite);

        /// <summary>The table's columns in the database (so nothing is missed), with the entity property each comes from.</summary>
        private static async Task<List<(string Column, Func<object, object?> Get)>> ColumnsAsync(DbConnection connection, bool sqlite, string table, Type type, bool skipId) =>
            [.. (await BulkRows.ColumnsAsync(connection, table, type, skipId)).Select(c => (c.Name, c.Get))];

        private async Task<string> LoadSqliteAsync(string connectionString, DecisionGenerator generator)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            async Task Exec(string sql)
            {
                await using var c = Command(connection, sql, []);
                await c.ExecuteNonQueryAsync();
            }

            await Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;");
            var triggers = new List<string>();
            await using (var c = Command(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'PublishedDecisions' ORDER BY name", []))
            await using (var reader = await c.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    triggers.Add(reader.GetString(1));
                    Console.WriteLine($"  trigger {reader.GetString(0)} dropped for the load");
                }
            }

            foreach (var name in triggers.Select(t => t.Split('"')[1]))
            {
                await Exec($"DROP TRIGGER \"{name}\"");
            }

            var taskColumns = await ColumnsAsync(connection, true, "PublicationTasks", typeof(PublicationTask), skipId: false);
            var decisionColumns = await ColumnsAsync(connection, true, "PublishedDecisions", typeof(PublishedDecision), skipId: true);
            SqliteCommand Insert(string table, List<(string Column, Func<object, object?> Get)> columns)
            {
                var c = connection.CreateCommand();
                c.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(x => $"\"{x.Column}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + i.ToString(CultureInfo.InvariantCulture)))})";
                for (var i = 0; i < columns.Count; i++)
                {
                    c.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), null));
                }

                return c;
            }

            await using var insertTask = Insert("PublicationTasks", taskColumns);
            await using var insertDecision = Insert("PublishedDecisions", decisionColumns);
            var rows = await Produce(generator, async batch =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                insertTask.Transaction = transaction;
                insertDecision.Transaction = transaction;
                insertTask.Prepare();
                insertDecision.Prepare();
                foreach (var row in batch)
                {
                    for (var i = 0; i < taskColumns.Count; i++)
                    {
                        insertTask.Parameters[i].Value = Value(taskColumns[i].Get(row.Task), true);
                    }

                    await insertTask.ExecuteNonQueryAsync();
                    for (var i = 0; i < decisionColumns.Count; i++)
                    {
                        insertDecision.Parameters[i].Value = Value(decisionColumns[i].Get(row.Decision), true);
                    }

                    await insertDecision.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            });
            var size = new FileInfo(new SqliteConnectionStringBuilder(connectionString).DataSource).Length;
            var clock = Stopwatch.StartNew();
            await Exec($"INSERT INTO \"{DecisionSearch.SqliteTable}\"(\"{DecisionSearch.SqliteTable}\") VALUES('rebuild')");
            var rebuild = clock.Elapsed.TotalSeconds;
            foreach (var sql in triggers)
            {
                await Exec(sql);
            }

            await Exec("PRAGMA wal_checkpoint(TRUNCATE)");
            var after = new FileInfo(new SqliteConnectionStringBuilder(connectionString).DataSource).Length;
            return string.Create(CultureInfo.InvariantCulture,
                $"{rows}, FTS5 rebuild {rebuild:0} s, {triggers.Count} triggers recreated as sqlite_master held them; file {size / 1e9:0.00} GB before the full-text index, {after / 1e9:0.00} GB after");
        }

        private async Task<string> LoadPostgresAsync(string connectionString, DecisionGenerator generator)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            async Task Exec(string sql)
            {
                await using var c = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
                await c.ExecuteNonQueryAsync();
            }

            var indexes = new List<(string Name, string Definition)>();
            await using (var c = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'PublishedDecisions' AND indexname <> 'PK_PublishedDecisions' ORDER BY indexname", connection))
            await using (var reader = await c.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, _) in indexes)
            {
                await Exec($"DROP INDEX \"{name}\"");
            }

            Console.WriteLine($"  dropped for the load, recreated after: {string.Join(", ", indexes.Select(i => i.Name))}");
            var taskColumns = await ColumnsAsync(connection, false, "PublicationTasks", typeof(PublicationTask), skipId: false);
            var decisionColumns = await ColumnsAsync(connection, false, "PublishedDecisions", typeof(PublishedDecision), skipId: true);
            static string Copy(string table, List<(string Column, Func<object, object?> Get)> columns) =>
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(x => $"\"{x.Column}\""))}) FROM STDIN (FORMAT BINARY)";
            static Task WriteAsync(NpgsqlBinaryImporter writer, object value) => BulkRows.CopyAsync(writer, value);

            var rows = await Produce(generator, async batch =>
            {
                await using (var writer = await connection.BeginBinaryImportAsync(Copy("PublicationTasks", taskColumns)))
                {
                    foreach (var row in batch)
                    {
                        await writer.StartRowAsync();
                        foreach (var (_, get) in taskColumns)
                        {
                            await WriteAsync(writer, Value(get(row.Task), false));
                        }
                    }

                    await writer.CompleteAsync();
                }

                await using (var writer = await connection.BeginBinaryImportAsync(Copy("PublishedDecisions", decisionColumns)))
                {
                    foreach (var row in batch)
                    {
                        await writer.StartRowAsync();
                        foreach (var (_, get) in decisionColumns)
                        {
                            await WriteAsync(writer, Value(get(row.Decision), false));
                        }
                    }

                    await writer.CompleteAsync();
                }
            });
            var clock = Stopwatch.StartNew();
            await Exec("SET maintenance_work_mem = '1GB'");
            var each = new List<string>();
            foreach (var (name, definition) in indexes)
            {
                var t = Stopwatch.StartNew();
                await Exec(definition);
                each.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {t.Elapsed.TotalSeconds:0} s"));
            }

            var built = clock.Elapsed.TotalSeconds;
            clock.Restart();
            // VACUUM as autovacuum would after the inserts (PostgreSQL 13+ vacuums insert-only tables), so the visibility
            // map is set and index-only scans need no heap fetches, as on a platform in service; ANALYZE with it.
            await Exec("VACUUM (ANALYZE) \"PublishedDecisions\"");
            await Exec("VACUUM (ANALYZE) \"PublicationTasks\"");
            return string.Create(CultureInfo.InvariantCulture, $"{rows} (COPY), indexes {built:0} s ({string.Join(", ", each)}), VACUUM (ANALYZE) {clock.Elapsed.TotalSeconds:0} s");
        }

        private static async Task<string> SizesAsync(DatabaseSettings settings)
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
                var wal = file + "-wal";
                return string.Create(CultureInfo.InvariantCulture,
                    $"file {new FileInfo(file).Length / 1e9:0.00} GB (+ WAL {(File.Exists(wal) ? new FileInfo(wal).Length / 1e6 : 0):0} MB)");
            }

            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync();
            await using var c = new NpgsqlCommand("""
                SELECT 'database ' || pg_size_pretty(pg_database_size(current_database()))
                    || '; PublishedDecisions heap+TOAST ' || pg_size_pretty(pg_table_size('"PublishedDecisions"'))
                    || ', its indexes ' || pg_size_pretty(pg_indexes_size('"PublishedDecisions"'))
                    || ' (' || (SELECT string_agg(indexrelname || ' ' || pg_size_pretty(pg_relation_size(indexrelid)), ', ' ORDER BY pg_relation_size(indexrelid) DESC)
                                FROM pg_stat_user_indexes WHERE relname = 'PublishedDecisions') || ')'
                    || '; PublicationTasks ' || pg_size_pretty(pg_total_relation_size('"PublicationTasks"'))
                """, connection);
            return (string)(await c.ExecuteScalarAsync())!;
        }
    }

    private static double Pct(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
}
