using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sanxiang.Benchmarks.Cases;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Publication;
using Sanxiang.Data.Supervision;

namespace Sanxiang.Benchmarks.Supervision;

/// <summary>
/// Issue 9, item 8: the supervision dashboard's queries at a province's size — <c>--cases</c> cases (1,000,000) over
/// <c>--agencies</c> agencies (100) and five years — on SQLite and PostgreSQL in one run. Fresh databases (by default
/// <c>/work/sanxiang-dashboard-N/sanxiang.db</c> and <c>sanxiang_dashboard_N</c>, kept for later runs): migrated by
/// <see cref="DatabaseMigrator"/> (the demo county), agencies cloned from the market-regulation bureau, then the
/// generated cases with their summary rows, review rounds, running deadlines and the publication tasks of their
/// decisions bulk-loaded (the summaries as the platform derives them from a case's records is what the web tests check;
/// here their distribution is generated), then the roll-up rebuilt by <see cref="CaseCountStore.RebuildAsync"/> itself.
/// Each dashboard kind is then loaded through <see cref="DashboardQueries.LoadAsync"/> itself, one at a time, on a new
/// context each (as a request would): <c>--warmup</c> runs, then <c>--runs</c> measured: median, p95, max.
/// <c>dotnet bench/…/Sanxiang.Benchmarks.dll dashboard --db both</c>. Options: --cases, --agencies, --db sqlite|postgres|both,
/// --sqlite FILE, --postgres CONNECTION, --runs (20), --warmup (3: loads before the first measurement), --steady (40: more
/// loads before the second, the steady state), --generate true|false (default: when the cases are not there yet),
/// --kinds 1,4 (only these dashboards), --trace true (each statement's time, once per dashboard), --rebuild true (the roll-up rebuilt first).
/// </summary>
public static class DashboardLoad
{
    private const int Batch = 20_000;

    /// <summary>--kinds 1,4: measure only these dashboards (1-based, in the order of the table).</summary>
    private static string[]? Only;

    /// <summary>--trace true: before measuring a dashboard, load it once printing every statement with its time.</summary>
    private static bool Trace;

    /// <summary>--rebuild true: on a database already generated, rebuild the roll-up first (after its keys changed).</summary>
    private static bool Rebuild;
    private static readonly string[] LoadedTables = ["Cases", "CaseSummaries", "CaseSummaryRounds", "CaseSummaryDeadlines", "PublicationTasks", "CaseCounts"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CaseApiLoad.Options(args);
        var cases = int.Parse(options.GetValueOrDefault("cases", "1000000"), CultureInfo.InvariantCulture);
        var agencies = int.Parse(options.GetValueOrDefault("agencies", "100"), CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("runs", "20"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "3"), CultureInfo.InvariantCulture);
        var steady = int.Parse(options.GetValueOrDefault("steady", "40"), CultureInfo.InvariantCulture);
        var which = options.GetValueOrDefault("db", "both");
        var sqlite = options.GetValueOrDefault("sqlite", $"/work/sanxiang-dashboard-{cases}/sanxiang.db");
        var postgres = options.GetValueOrDefault("postgres", $"Host=127.0.0.1;Port=55440;Username=sanxiang;Database=sanxiang_dashboard_{cases}");
        Directory.CreateDirectory(Path.GetDirectoryName(sqlite)!);
        options.TryGetValue("generate", out var generate);
        Only = options.GetValueOrDefault("kinds")?.Split(',');
        Trace = options.GetValueOrDefault("trace", "false") == "true";
        Rebuild = options.GetValueOrDefault("rebuild", "false") == "true";
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
        if (which is "both" or "sqlite")
        {
            await DatabaseAsync("SQLite", new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={sqlite}"), cases, agencies, runs, warmup, steady, generate);
            SqliteConnection.ClearAllPools();
        }

        if (which is "both" or "postgres")
        {
            await DatabaseAsync("PostgreSQL", new DatabaseSettings(DatabaseProvider.Postgres, postgres), cases, agencies, runs, warmup, steady, generate);
            NpgsqlConnection.ClearAllPools();
        }

        return 0;
    }

    private static async Task DatabaseAsync(string label, DatabaseSettings settings, int count, int agencyCount, int runs, int warmup, int steady, string? generate)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = CaseApiLoad.Open(settings))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await DatabaseMigrator.MigrateAsync(db);
        }

        Console.WriteLine($"\n## {label}: {settings.Describe()}; migrated in {clock.Elapsed.TotalSeconds:0} s");
        await using (var db = CaseApiLoad.Open(settings))
        {
            if (!await db.Agencies.AnyAsync(a => a.Code == "SCJG"))
            {
                // A fresh database: the demo county (agencies, item lists, officers, its own cases) seeded by the server itself.
                var web = Path.GetFullPath("src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll");
                var data = Path.Combine(Path.GetTempPath(), "sanxiang-dashboard-seed-" + Guid.NewGuid().ToString("N")[..8]);
                using (var server = await CaseApiLoad.StartAsync(web, data, settings, "Bench-" + Guid.NewGuid().ToString("N")[..12]))
                {
                    Console.WriteLine($"{label}: demo county seeded by the server in {server.Ready.TotalSeconds:0} s");
                }

                Directory.Delete(data, recursive: true);
            }
        }
        List<Guid> ids;
        await using (var db = CaseApiLoad.Open(settings))
        {
            var existing = await db.CaseSummaries.CountAsync();
            var load = generate is null ? existing < count : generate == "true";
            if (load)
            {
                await GenerateAsync(label, settings, db, count, agencyCount);
            }
            else if (Rebuild)
            {
                var rebuild = Stopwatch.StartNew();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                var rows = await CaseCountStore.RebuildAsync(db);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: roll-up rebuilt: {rows:N0} rows in {rebuild.Elapsed.TotalSeconds:0} s"));
                foreach (var statement in settings.Provider == DatabaseProvider.Sqlite ? ["ANALYZE"] : new[] { "VACUUM (ANALYZE) \"CaseCounts\"" })
                {
                    await db.Database.ExecuteSqlRawAsync(statement);
                }
            }

            ids = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => a.Id).ToListAsync();
            Console.WriteLine($"{label}: {ids.Count} agencies, {await db.Cases.CountAsync():N0} cases, {await db.CaseSummaryRounds.CountAsync():N0} review rounds, "
                + $"{await db.CaseSummaryDeadlines.CountAsync():N0} running deadlines, {await db.PublicationTasks.CountAsync():N0} publication tasks");
        }

        var today = ChinaTime.Today(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var random = new Random(9);
        var kinds = new (string Name, Func<Guid?> Agency, DateOnly From)[]
        {
            ("全县·本年", () => null, new DateOnly(today.Year, 1, 1)),
            ("全县·近30日", () => null, today.AddDays(-29)),
            ("全县·近五年", () => null, today.AddDays(-366 * 5 + 1)),
            ("单个执法主体·本年", () => ids[random.Next(ids.Count)], new DateOnly(today.Year, 1, 1)),
        };
        Console.WriteLine($"| database | dashboard | loads before | runs | median | p95 | max | of which publication figures (median) |");
        Console.WriteLine($"|---|---|---:|---:|---:|---:|---:|---:|");
        for (var k = 0; k < kinds.Length; k++)
        {
            var (name, agency, from) = kinds[k];
            if (Only is not null && !Only.Contains((k + 1).ToString(CultureInfo.InvariantCulture)))
            {
                continue;
            }

            if (Trace)
            {
                // One run with every statement's time: where a dashboard spends it.
                var builder = new DbContextOptionsBuilder<SanxiangDbContext>();
                settings.Apply(builder);
                builder.LogTo(line => Console.WriteLine("    " + line.Split('\n')[0].Trim() + " … " + string.Join(' ', line.Split('\n').Skip(1).Take(12).Select(l => l.Trim())).Replace("  ", " ")[..Math.Min(400, string.Join(' ', line.Split('\n').Skip(1).Take(12).Select(l => l.Trim())).Length)]),
                    [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted], Microsoft.Extensions.Logging.LogLevel.Information);
                await using var traced = new SanxiangDbContext(builder.Options, new Sanxiang.Data.Access.FixedAccessScope(Sanxiang.Data.Access.AccessScope.System));
                Console.WriteLine($"  trace {name}:");
                var whole = Stopwatch.StartNew();
                await DashboardQueries.LoadAsync(traced, agency(), from, today, today, now);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total {whole.Elapsed.TotalMilliseconds:0} ms"));
            }

            // Measured twice: right after the first loads of the process (its code still at .NET's first, quick JIT tier),
            // then again after more loads (the steady state of a server that has been answering for a while).
            var loaded = 0;
            foreach (var skip in new[] { warmup, steady })
            {
                var times = new List<double>();
                var publication = new List<double>();
                for (var i = 0; i < skip + runs; i++)
                {
                    var a = agency();
                    await using var db = CaseApiLoad.Open(settings);
                    var t = Stopwatch.StartNew();
                    var dashboard = await DashboardQueries.LoadAsync(db, a, from, today, today, now);
                    var total = t.Elapsed.TotalMilliseconds;
                    if (dashboard.Total.Opened == 0 && name != "全县·近30日")
                    {
                        throw new InvalidOperationException($"{name}: no cases counted");
                    }

                    await using var db2 = CaseApiLoad.Open(settings);
                    t.Restart();
                    await PublicationFigures.LoadAsync(db2, from, today, today, a);
                    if (i >= skip)
                    {
                        times.Add(total);
                        publication.Add(t.Elapsed.TotalMilliseconds);
                    }
                }

                times.Sort();
                publication.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {name} | {loaded + skip} | {runs} | {Percentile(times, 0.5):0} ms | {Percentile(times, 0.95):0} ms | {times[^1]:0} ms | {Percentile(publication, 0.5):0} ms |"));
                loaded += skip + runs;
            }
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Clones agencies up to <paramref name="agencyCount"/>, then loads the generated cases and their summary rows.</summary>
    private static async Task GenerateAsync(string label, DatabaseSettings settings, SanxiangDbContext db, int count, int agencyCount)
    {
        var template = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == "SCJG");
        var have = await db.Agencies.CountAsync();
        for (var i = have; i < agencyCount; i++)
        {
            var clone = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == "SCJG");
            clone.Id = Guid.NewGuid();
            clone.Code = "B" + i.ToString("000", CultureInfo.InvariantCulture);
            clone.Name = $"基准测试第{i}执法局";
            clone.ShortName = $"测试第{i}局";
            clone.CaseNumberPrefix = $"基{i}";
            clone.Uscc = "11360736MB" + i.ToString("0000000", CultureInfo.InvariantCulture) + "X";
            db.Agencies.Add(clone);
        }

        await db.SaveChangesAsync();
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.CaseNumberPrefix }).ToListAsync();
        var item = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.AgencyId == template.Id).OrderBy(i => i.Code).FirstAsync();

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = settings.Provider == DatabaseProvider.Sqlite;
        if (sqlite)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;";
            await pragma.ExecuteNonQueryAsync();
        }

        var caseColumns = await BulkRows.ColumnsAsync(connection, "Cases", typeof(Case));
        var summaryColumns = await BulkRows.ColumnsAsync(connection, "CaseSummaries", typeof(CaseSummary));
        var roundColumns = await BulkRows.ColumnsAsync(connection, "CaseSummaryRounds", typeof(CaseSummaryRound));
        var deadlineColumns = await BulkRows.ColumnsAsync(connection, "CaseSummaryDeadlines", typeof(CaseSummaryDeadline));
        var taskColumns = await BulkRows.ColumnsAsync(connection, "PublicationTasks", typeof(PublicationTask));
        var today = ChinaTime.Today(TimeProvider.System);
        var first = today.AddDays(-366 * 5);
        var random = new Random(20261128);
        var sequences = (await db.Cases.IgnoreQueryFilters().GroupBy(c => new { c.AgencyId, c.Year }).Select(g => new { g.Key.AgencyId, g.Key.Year, Last = g.Max(c => c.Sequence) })
            .ToListAsync()).ToDictionary(x => (x.AgencyId, x.Year), x => x.Last);
        var clock = Stopwatch.StartNew();
        var written = 0;
        while (written < count)
        {
            var n = Math.Min(Batch, count - written);
            var batch = new List<(Case Case, CaseSummary Summary)>(n);
            for (var i = 0; i < n; i++)
            {
                var agency = agencies[random.Next(agencies.Count)];
                // More cases in later years, as the platform is taken up.
                var opened = first.AddDays((int)(Math.Sqrt(random.NextDouble()) * (today.DayNumber - first.DayNumber)));
                var key = (agency.Id, opened.Year);
                var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
                batch.Add(Generate(random, agency.Id, agency.CaseNumberPrefix, sequence, opened, today, item));
            }

            await BulkRows.WriteAsync(connection, "Cases", caseColumns, batch.Select(b => b.Case));
            await BulkRows.WriteAsync(connection, "CaseSummaries", summaryColumns, batch.Select(b => b.Summary));
            await BulkRows.WriteAsync(connection, "CaseSummaryRounds", roundColumns, batch.SelectMany(b => b.Summary.Rounds));
            await BulkRows.WriteAsync(connection, "CaseSummaryDeadlines", deadlineColumns, batch.SelectMany(b => b.Summary.Deadlines));
            await BulkRows.WriteAsync(connection, "PublicationTasks", taskColumns, batch.SelectMany(b => Tasks(random, b.Case, b.Summary, today)));
            written += n;
            if (written % 200_000 == 0 || written == count)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {written:N0} cases in {clock.Elapsed.TotalSeconds:0} s"));
            }
        }

        // The roll-up, rebuilt from every summary and task by the platform's own code (what the migration creating it does).
        var rebuild = Stopwatch.StartNew();
        await using (var counts = CaseApiLoad.Open(settings))
        {
            counts.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var rows = await CaseCountStore.RebuildAsync(counts);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: roll-up rebuilt from every summary and task: {rows:N0} rows in {rebuild.Elapsed.TotalSeconds:0} s"));
        }

        // One statement per command: PostgreSQL runs no VACUUM inside a multi-statement batch.
        string[] statements = sqlite ? ["ANALYZE", "PRAGMA wal_checkpoint(TRUNCATE)"]
            : [.. LoadedTables.Select(t => $"VACUUM (ANALYZE) \"{t}\"")];
        foreach (var statement in statements)
        {
            await using var analyse = connection.CreateCommand();
            analyse.CommandTimeout = 0;
            analyse.CommandText = statement;
            await analyse.ExecuteNonQueryAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: generated, loaded and analysed in {clock.Elapsed.TotalSeconds:0} s"));
    }

    private static readonly (ProcedureKind Kind, double Share, int? Limit)[] Mix =
    [
        (ProcedureKind.SummaryPenalty, 0.40, null), (ProcedureKind.GeneralPenalty, 0.25, 90), (ProcedureKind.Inspection, 0.20, null),
        (ProcedureKind.Licensing, 0.10, 28), (ProcedureKind.CoerciveMeasure, 0.03, 30), (ProcedureKind.Other, 0.02, null),
    ];

    /// <summary>One case: the procedure by the mix above; old cases archived, recent ones in a step of their procedure.</summary>
    private static (Case, CaseSummary) Generate(Random random, Guid agencyId, string prefix, int sequence, DateOnly opened, DateOnly today, EnforcementItem item)
    {
        var roll = random.NextDouble();
        var (kind, _, limit) = Mix.First(m => (roll -= m.Share) < 0 || m.Kind == ProcedureKind.Other);
        var procedure = Procedures.For(kind);
        var age = today.DayNumber - opened.DayNumber;
        var done = age > 150 ? random.NextDouble() < 0.98 : random.NextDouble() < age / 200.0;
        var open = procedure.Steps.Where(s => !s.IsFinal).ToList();
        var status = done ? procedure.Steps.Single(s => s.IsFinal).Code : open[Math.Min(open.Count - 1, (int)(random.NextDouble() * Math.Min(open.Count, 1 + age / 10)))].Code;
        var stageIndex = CaseStages.All.ToList().IndexOf(CaseStages.Of(status)!);
        var decidedStage = CaseStages.All.ToList().IndexOf(CaseStages.Execution);
        DateOnly? decided = stageIndex >= decidedStage
            ? opened.AddDays(kind == ProcedureKind.SummaryPenalty ? 0 : Math.Min(age, 3 + (int)(random.NextDouble() * random.NextDouble() * 110)))
            : null;
        var id = Guid.CreateVersion7();
        var @case = new Case
        {
            Id = id,
            AgencyId = agencyId,
            Number = $"{prefix}〔{opened.Year}〕{sequence}号",
            Year = opened.Year,
            Sequence = sequence,
            ItemId = item.Id,
            ItemCode = item.Code,
            ItemName = item.Name,
            Procedure = kind,
            Status = status,
            Cause = "基准测试生成的案件",
            Source = CaseHandlingSources[random.Next(CaseHandlingSources.Length)],
            Party = new CaseParty { Kind = PartyKind.Organisation, Name = "基准测试当事人有限公司", Address = "安和县人民路1号" },
            OccurredOn = opened.AddDays(-random.Next(1, 30)),
            OpenedOn = opened,
            CreatedAtUtc = ChinaTime.StartOfDayUtc(opened).AddHours(9),
            SealedAtUtc = done ? ChinaTime.StartOfDayUtc(decided ?? opened).AddDays(20) : null,
            Revision = 1,
        };
        var summary = new CaseSummary
        {
            CaseId = id,
            AgencyId = agencyId,
            Revision = 1,
            Procedure = kind,
            Status = status,
            Stage = CaseStages.Of(status)!,
            Source = @case.Source,
            OpenedOn = opened,
            DecidedOn = decided,
            Outcome = decided is null ? null : Outcome(random, kind),
            DecisionDueOn = limit is { } days ? opened.AddDays(days) : null,
            FineAmount = decided is not null && kind is ProcedureKind.SummaryPenalty or ProcedureKind.GeneralPenalty ? random.Next(1, 200) * 100 : null,
            ClosedOn = done ? (decided ?? opened).AddDays(15) : null,
            Sealed = done,
        };
        if (kind == ProcedureKind.GeneralPenalty && (decided is not null || status is "review" or "discuss" or "decide"))
        {
            var reviewed = decided?.AddDays(-random.Next(1, 4));
            var submitted = (reviewed ?? today).AddDays(-random.Next(1, 9));
            var twoRounds = random.NextDouble() < 0.15;
            if (twoRounds)
            {
                summary.Rounds.Add(Round(summary, 1, submitted.AddDays(-12), submitted.AddDays(-6), agreed: false, random.Next(1, 256)));
            }

            summary.Rounds.Add(Round(summary, twoRounds ? 2 : 1, submitted, status == "review" ? null : reviewed ?? today, agreed: status != "review", 0));
        }

        if (!done)
        {
            var step = procedure.Steps.FirstOrDefault(s => s.Code == status && s.TimeLimit is not null) ?? procedure.Steps.FirstOrDefault(s => s.TimeLimit is not null);
            if (step is not null)
            {
                summary.Deadlines.Add(new CaseSummaryDeadline
                {
                    CaseId = id,
                    Sequence = 1,
                    AgencyId = agencyId,
                    Step = step.Code,
                    What = step.TimeLimit!.What,
                    DueOn = opened.AddDays(step.TimeLimit.Amount + random.Next(0, 40)),
                });
            }
        }

        return (@case, summary);
    }

    /// <summary>
    /// The publication task of a decided penalty or licensing case (and now and then a withdrawal): most published within
    /// their 7 working days (about 9 calendar days), some late, a few exempted or still missing; the recent ones pending.
    /// </summary>
    private static IEnumerable<PublicationTask> Tasks(Random random, Case @case, CaseSummary summary, DateOnly today)
    {
        if (summary.DecidedOn is not { } decided || summary.Outcome is not ("给予行政处罚" or "准予许可"))
        {
            yield break;
        }

        var due = decided.AddDays(9);
        var roll = random.NextDouble();
        DateOnly? published = null;
        var status = PublicationStatus.Pending;
        if (roll < 0.02)
        {
            status = PublicationStatus.Exempt;
        }
        else if (roll < 0.98)
        {
            var on = decided.AddDays(random.NextDouble() < 0.9 ? random.Next(0, 10) : random.Next(10, 25));
            if (on <= today)
            {
                published = on;
                status = PublicationStatus.Published;
            }
        }

        var task = new PublicationTask
        {
            Id = Guid.CreateVersion7(),
            AgencyId = @case.AgencyId,
            CaseId = @case.Id,
            CaseNumber = @case.Number,
            Kind = PublicationTaskKind.Publish,
            Procedure = summary.Procedure,
            Category = summary.Procedure == ProcedureKind.Licensing ? PublicationCategory.Licensing : PublicationCategory.Penalty,
            DecidedOn = decided,
            WorkingDays = 7,
            DueOn = due,
            Status = status,
            Exemption = status == PublicationStatus.Exempt ? "涉及国家秘密，依法不予公开（基准测试）" : null,
            CreatedAtUtc = ChinaTime.StartOfDayUtc(decided).AddHours(10),
            ClosedAtUtc = published is { } p ? ChinaTime.StartOfDayUtc(p).AddHours(11) : status == PublicationStatus.Exempt ? ChinaTime.StartOfDayUtc(decided).AddHours(11) : null,
            FirstPublishedOn = published,
            FirstPublishedWithFullText = published is not null && (summary.Procedure != ProcedureKind.GeneralPenalty || random.NextDouble() < 0.97),
        };
        yield return task;

        // Now and then the decision is changed (复议 or 诉讼) after publication and the entry is withdrawn within about 3 days.
        if (published is { } shown && random.NextDouble() < 0.004 && shown.AddDays(30) <= today)
        {
            var changed = shown.AddDays(random.Next(10, 30));
            var done = changed.AddDays(random.Next(0, 5));
            yield return new PublicationTask
            {
                Id = Guid.CreateVersion7(),
                AgencyId = @case.AgencyId,
                CaseId = @case.Id,
                CaseNumber = @case.Number,
                Kind = PublicationTaskKind.Withdraw,
                Ground = "行政复议决定撤销原处罚决定（基准测试）",
                Procedure = summary.Procedure,
                Category = task.Category,
                DecidedOn = changed,
                DueOn = changed.AddDays(3),
                Status = done <= today ? PublicationStatus.Withdrawn : PublicationStatus.Pending,
                CreatedAtUtc = ChinaTime.StartOfDayUtc(changed).AddHours(10),
                ClosedAtUtc = done <= today ? ChinaTime.StartOfDayUtc(done).AddHours(11) : null,
            };
        }
    }

    private static readonly string[] CaseHandlingSources = ["监督检查", "投诉举报", "上级交办", "其他机关移送", "随机抽查"];

    private static CaseSummaryRound Round(CaseSummary s, int number, DateOnly submitted, DateOnly? reviewed, bool agreed, int problems) => new()
    {
        CaseId = s.CaseId,
        Number = number,
        AgencyId = s.AgencyId,
        SubmittedOn = submitted,
        ReviewedOn = reviewed,
        Agreed = agreed && reviewed is not null,
        Returned = !agreed && reviewed is not null,
        ProblemKinds = problems,
        WorkingDays = reviewed is { } r ? Math.Max(0, (r.DayNumber - submitted.DayNumber) * 5 / 7) : null,
        Late = reviewed is { } l && l.DayNumber - submitted.DayNumber > 14,
    };

    private static string Outcome(Random random, ProcedureKind kind) => kind switch
    {
        ProcedureKind.GeneralPenalty => random.NextDouble() switch { < 0.85 => "给予行政处罚", < 0.97 => "不予行政处罚", _ => "移送司法机关" },
        ProcedureKind.SummaryPenalty => "给予行政处罚",
        ProcedureKind.Licensing => random.NextDouble() < 0.9 ? "准予许可" : "不予许可",
        ProcedureKind.Inspection => random.NextDouble() switch { < 0.7 => "未发现问题", < 0.9 => "发现问题", _ => "责令整改" },
        _ => "其他决定",
    };
}
