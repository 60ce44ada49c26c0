using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Ledger;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Benchmarks.Storage;

/// <summary>
/// Timed harness for the record log on a real database: append rate in batches, inclusion-proof time, full verify rate.
/// <c>dotnet run -c Release --project bench/Sanxiang.Benchmarks -- ledger-load --provider Sqlite|Postgres
/// --connection "…" --events 100000 --batch 1000</c> (the database should be empty; it is migrated first).
/// </summary>
public static class LedgerStorageLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var provider = options.GetValueOrDefault("provider", "Sqlite") == "Postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var settings = new DatabaseSettings(provider, options.GetValueOrDefault("connection", "Data Source=/tmp/sanxiang-ledger-load.db"));
        var events = long.Parse(options.GetValueOrDefault("events", "100000"), CultureInfo.InvariantCulture);
        var batch = int.Parse(options.GetValueOrDefault("batch", "1000"), CultureInfo.InvariantCulture);
        var proofs = int.Parse(options.GetValueOrDefault("proofs", "2000"), CultureInfo.InvariantCulture);
        // --open-cases 0 (default): every event of a new case with a random (v4) id — the worst case for the case index.
        // --open-cases K: events of K open cases at a time, ids time-ordered (v7) as the platform creates them, a new
        // case opened in place of a random one for about one event in twenty (about twenty events per case).
        var openCases = int.Parse(options.GetValueOrDefault("open-cases", "0"), CultureInfo.InvariantCulture);
        var cases = Enumerable.Range(0, openCases).Select(_ => Guid.CreateVersion7()).ToArray();
        var pick = new Random(7);
        Guid NextCase()
        {
            if (openCases == 0)
            {
                return Guid.NewGuid();
            }

            var slot = pick.Next(openCases);
            if (pick.Next(20) == 0)
            {
                cases[slot] = Guid.CreateVersion7();
            }

            return cases[slot];
        }


        SanxiangDbContext Open()
        {
            var builder = new DbContextOptionsBuilder<SanxiangDbContext>();
            settings.Apply(builder);
            return new SanxiangDbContext(builder.Options, new FixedAccessScope(AccessScope.System));
        }

        await using (var db = Open())
        {
            await DatabaseMigrator.MigrateAsync(db);
        }

        long start;
        await using (var db = Open())
        {
            start = await db.LedgerState.Select(s => s.Size).SingleAsync();
        }

        Console.WriteLine($"{settings.Describe()}: {start} events already; appending {events} in batches of {batch}"
            + (openCases == 0 ? ", a new random case id per event" : $", {openCases} open cases with time-ordered ids"));
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < events; done += batch)
        {
            await using var db = Open();
            for (var i = 0; i < batch && done + i < events; i++)
            {
                db.Record(new LedgerEvent("evidence-added", NextCase(), Guid.NewGuid(), Guid.NewGuid(), "Officer",
                    new JsonObject { ["sha256"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ["seq"] = done + i }));
            }

            await db.SaveChangesAsync();
        }

        var appendSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"append: {events} events in {appendSeconds:0.0} s = {events / appendSeconds:0} events/s"));

        var size = start + events;
        var random = new Random(42);
        var times = new List<double>(proofs);
        await using (var db = Open())
        {
            var root = await MerkleTree.RootAsync(new DbMerkleNodes(db), size);
            for (var i = 0; i < proofs; i++)
            {
                var index = random.NextInt64(size);
                var t = Stopwatch.StartNew();
                var nodes = new DbMerkleNodes(db);
                var (proof, leaf) = await nodes.ComputeAsync(async r => (await MerkleTree.InclusionProofAsync(r, index, size), await r.GetNodeAsync(0, index)));
                times.Add(t.Elapsed.TotalMilliseconds);
                if (!MerkleVerifier.VerifyInclusion(index, size, leaf, proof, root))
                {
                    Console.Error.WriteLine($"proof for {index} does not verify");
                    return 1;
                }
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inclusion proof at {size} leaves (server side, from the database): median {times[times.Count / 2]:0.000} ms, p99 {times[(int)(times.Count * 0.99)]:0.000} ms over {proofs}"));

        await using (var db = Open())
        {
            var keys = LedgerKeys.LoadOrCreate(Path.Combine(Path.GetTempPath(), "sanxiang-ledger-load-keys"), "sanxiang.bench/log");
            await LedgerCheckpointer.SignIfGrownAsync(db, keys, DateTimeOffset.UtcNow);
            clock.Restart();
            var report = await LedgerVerifier.VerifyAsync(db, [keys.Ed25519, keys.Sm2]);
            var verifySeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"verify: {report.Entries} entries in {verifySeconds:0.0} s = {report.Entries / verifySeconds:0} entries/s ({(report.IsIntact ? "intact" : report.FirstProblem)})"));
        }

        return 0;
    }
}
