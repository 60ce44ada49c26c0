using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Cli;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Tests.Cli;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Ledger;

/// <summary>
/// Someone with database access changes the log behind the platform's back; `sanxiang ledger verify` must notice, on
/// each provider. Each case runs on a fresh database with 40 events and three checkpoints.
/// </summary>
public abstract class LedgerTamperTests(SanxiangApp app)
{
    private sealed record Fixture(FreshDatabase Database, string KeyDirectory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Database.DropAsync();
            Directory.Delete(KeyDirectory, recursive: true);
        }
    }

    private async Task<Fixture> BuildAsync()
    {
        app.RequireAvailable();
        var fresh = await FreshDatabase.CreateAsync(app);
        var keysDir = Path.Combine(Path.GetTempPath(), "sanxiang-keys-" + Guid.NewGuid().ToString("N"));
        var keys = LedgerKeys.LoadOrCreate(keysDir, "sanxiang.test/log");
        await using var db = Open(fresh.ConnectionString);
        await DatabaseMigrator.MigrateAsync(db);
        for (var batch = 0; batch < 3; batch++)
        {
            for (var i = 0; i < (batch == 2 ? 20 : 10); i++)
            {
                db.Record(new LedgerEvent("evidence-added", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Officer",
                    new JsonObject { ["sha256"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ["n"] = batch * 100 + i }));
            }

            await db.SaveChangesAsync();
            Assert.NotNull(await LedgerCheckpointer.SignIfGrownAsync(db, keys, DateTimeOffset.UtcNow));
        }

        return new Fixture(fresh, keysDir);
    }

    private SanxiangDbContext Open(string connection)
    {
        var options = new DbContextOptionsBuilder<SanxiangDbContext>();
        new DatabaseSettings(app.Provider == "Sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connection).Apply(options);
        return new SanxiangDbContext(options.Options, new FixedAccessScope(AccessScope.System));
    }

    private async Task<(int Code, string Err)> VerifyAsync(Fixture f)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SanxiangCommand.RunAsync(["--provider", app.Provider, "--connection", f.Database.ConnectionString, "--keys", f.KeyDirectory,
            "--origin", "sanxiang.test/log", "ledger", "verify"], stdout, stderr, TextReader.Null);
        return (code, stderr.ToString() + stdout);
    }

    private async Task TamperAsync(Fixture f, string sqlite, string postgres)
    {
        await using var db = Open(f.Database.ConnectionString);
        await db.Database.ExecuteSqlRawAsync(app.Provider == "Sqlite" ? sqlite : postgres);
    }

    private async Task CaseAsync(string sqlite, string postgres, string expected)
    {
        await using var f = await BuildAsync();
        var (code, output) = await VerifyAsync(f);
        Assert.True(code == 0, output);
        Assert.Contains("40 条记录", output, StringComparison.Ordinal);
        await TamperAsync(f, sqlite, postgres);
        (code, output) = await VerifyAsync(f);
        Assert.Equal(1, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_changed_payload_is_named() => CaseAsync(
        "UPDATE LedgerEntries SET Payload = CAST(REPLACE(CAST(Payload AS TEXT), 'evidence', 'evidencX') AS BLOB) WHERE \"Index\" = 7",
        "UPDATE \"LedgerEntries\" SET \"Payload\" = convert_to(replace(convert_from(\"Payload\", 'UTF8'), 'evidence', 'evidencX'), 'UTF8') WHERE \"Index\" = 7",
        "第 7 条记录的内容与其登记的哈希不符");

    [Fact]
    public Task A_deleted_row_is_named() => CaseAsync(
        "DELETE FROM LedgerEntries WHERE \"Index\" = 12",
        "DELETE FROM \"LedgerEntries\" WHERE \"Index\" = 12",
        "第 12 条记录缺失");

    [Fact]
    public Task Two_swapped_rows_break_the_signed_root() => CaseAsync(
        "UPDATE LedgerEntries SET \"Index\" = -1 WHERE \"Index\" = 3; UPDATE LedgerEntries SET \"Index\" = 3 WHERE \"Index\" = 4; UPDATE LedgerEntries SET \"Index\" = 4 WHERE \"Index\" = -1;",
        "UPDATE \"LedgerEntries\" SET \"Index\" = -1 WHERE \"Index\" = 3; UPDATE \"LedgerEntries\" SET \"Index\" = 3 WHERE \"Index\" = 4; UPDATE \"LedgerEntries\" SET \"Index\" = 4 WHERE \"Index\" = -1;",
        "与检查点 #");

    [Fact]
    public Task A_swapped_checkpoint_is_caught() => CaseAsync(
        "UPDATE LedgerCheckpoints SET Note = (SELECT Note FROM LedgerCheckpoints WHERE Id = 1) WHERE Id = 2",
        "UPDATE \"LedgerCheckpoints\" SET \"Note\" = (SELECT \"Note\" FROM \"LedgerCheckpoints\" WHERE \"Id\" = 1) WHERE \"Id\" = 2",
        "检查点 #2");

    [Fact]
    public Task A_deleted_tree_node_is_named() => CaseAsync(
        "DELETE FROM LedgerNodes WHERE Level = 4 AND \"Index\" = 1",
        "DELETE FROM \"LedgerNodes\" WHERE \"Level\" = 4 AND \"Index\" = 1",
        "存储的树节点（层 4，序号 1）缺失");

    [Fact]
    public Task A_stray_tree_node_is_named() => CaseAsync(
        "INSERT INTO LedgerNodes (Level, \"Index\", Hash) VALUES (2, 0, zeroblob(32))",
        "INSERT INTO \"LedgerNodes\" (\"Level\", \"Index\", \"Hash\") VALUES (2, 0, decode(repeat('00', 32), 'hex'))",
        "存储的树节点（层 2，序号 0）与重新计算的不符");

    [Fact]
    public Task A_changed_tree_node_is_named() => CaseAsync(
        "UPDATE LedgerNodes SET Hash = zeroblob(32) WHERE Level = 4 AND \"Index\" = 0",
        "UPDATE \"LedgerNodes\" SET \"Hash\" = decode(repeat('00', 32), 'hex') WHERE \"Level\" = 4 AND \"Index\" = 0",
        "存储的树节点（层 4，序号 0）与重新计算的不符");

    [Fact]
    public async Task Prove_prints_an_inclusion_proof_against_the_latest_checkpoint()
    {
        await using var f = await BuildAsync();
        string[] common = ["--provider", app.Provider, "--connection", f.Database.ConnectionString, "--keys", f.KeyDirectory, "--origin", "sanxiang.test/log"];
        var stdout = new StringWriter();
        Assert.Equal(0, await SanxiangCommand.RunAsync([.. common, "ledger", "prove", "--index", "17"], stdout, new StringWriter(), TextReader.Null));
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.Equal(40, root.GetProperty("size").GetInt64());
        Assert.True(Sanxiang.Core.Ledger.MerkleVerifier.VerifyInclusion(17, 40, Convert.FromBase64String(root.GetProperty("leafHash").GetString()!),
            root.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList(),
            Convert.FromBase64String(root.GetProperty("rootHash").GetString()!)));

        var stderr = new StringWriter();
        Assert.Equal(1, await SanxiangCommand.RunAsync([.. common, "ledger", "prove", "--index", "40"], new StringWriter(), stderr, TextReader.Null));
        Assert.Contains("超出最新检查点的范围", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await SanxiangCommand.RunAsync([.. common, "ledger", "prove", "--index", "x"], new StringWriter(), new StringWriter(), TextReader.Null));
    }

    [Fact]
    public async Task Parallel_writers_get_distinct_gapless_indexes()
    {
        await using var f = await BuildAsync();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await using var db = Open(f.Database.ConnectionString);
                db.Record(new LedgerEvent("document-issued", null, null, null, null, new JsonObject { ["writer"] = w, ["i"] = i }));
                await db.SaveChangesAsync();
            }
        }));
        await Task.WhenAll(writers);
        await using (var db = Open(f.Database.ConnectionString))
        {
            var indexes = await db.LedgerEntries.OrderBy(e => e.Index).Select(e => e.Index).ToListAsync();
            Assert.Equal(Enumerable.Range(0, 40 + 90).Select(i => (long)i), indexes);
            Assert.NotNull(await LedgerCheckpointer.SignIfGrownAsync(db, LedgerKeys.LoadOrCreate(f.KeyDirectory, "sanxiang.test/log"), DateTimeOffset.UtcNow));
        }

        var (code, output) = await VerifyAsync(f);
        Assert.True(code == 0, output);
        Assert.Contains("130 条记录", output, StringComparison.Ordinal);
    }
}

public sealed class LedgerTamperTestsOnSqlite(SqliteApp app) : LedgerTamperTests(app);

public sealed class LedgerTamperTestsOnPostgres(PostgresApp app) : LedgerTamperTests(app);
