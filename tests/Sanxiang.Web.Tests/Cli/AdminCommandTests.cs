using Microsoft.EntityFrameworkCore;
using Sanxiang.Cli;
using Sanxiang.Data.Audit;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Cli;

/// <summary>The `sanxiang` command against a real, fresh database of each provider; and the audit log's append-only rule.</summary>
public abstract class AdminCommandTests(SanxiangApp app)
{
    private static async Task<(int Code, string Out, string Err)> Run(string connection, string provider, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SanxiangCommand.RunAsync(["--provider", provider, "--connection", connection, .. args], stdout, stderr, new StringReader("Aa1!" + Guid.NewGuid().ToString("N")));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Migrate_seed_add_user_and_import_a_calendar_year_on_a_fresh_database()
    {
        app.RequireAvailable();
        var fresh = await FreshDatabase.CreateAsync(app);
        try
        {
            var (code, output, _) = await Run(fresh.ConnectionString, app.Provider, "db", "migrate");
            Assert.Equal(0, code);
            Assert.Matches(@"已应用 \d+ 个迁移", output);
            (code, output, _) = await Run(fresh.ConnectionString, app.Provider, "db", "migrate");
            Assert.Contains("数据库已是最新", output, StringComparison.Ordinal);

            (code, output, _) = await Run(fresh.ConnectionString, app.Provider, "seed", "demo");
            Assert.Equal(0, code);
            Assert.Contains("sysadmin", output, StringComparison.Ordinal);
            (code, _, _) = await Run(fresh.ConnectionString, app.Provider, "seed", "demo");
            Assert.Equal(1, code);

            (code, output, _) = await Run(fresh.ConnectionString, app.Provider, "user", "add", "--username", "wang.wu", "--name", "王五", "--agency", "scjg", "--role", "Officer,Reviewer", "--password-stdin");
            Assert.Equal(0, code);
            Assert.DoesNotContain("初始密码", output, StringComparison.Ordinal);
            var err = (await Run(fresh.ConnectionString, app.Provider, "user", "add", "--username", "zhao.liu", "--name", "赵六", "--agency", "SFJ", "--role", "SystemAdministrator,SecurityAdministrator")).Err;
            Assert.Contains("三员分立", err, StringComparison.Ordinal);
            err = (await Run(fresh.ConnectionString, app.Provider, "user", "add", "--username", "wang.wu", "--name", "王五", "--agency", "XXX", "--role", "Officer")).Err;
            Assert.Contains("执法主体代码“XXX”不存在", err, StringComparison.Ordinal);

            (code, _, err) = await Run(fresh.ConnectionString, app.Provider, "workdays", "is", "2027-01-04");
            Assert.Equal(1, code);
            Assert.Contains("2027", err, StringComparison.Ordinal);

            var file = Path.GetTempFileName();
            await File.WriteAllTextAsync(file, """
                {"years": {"2027": {"sources": ["https://www.gov.cn/example-2027"],
                  "off": [{"date": "2027-01-01", "name": "元旦"}, {"date": "2027-01-02", "name": "元旦"}, {"date": "2027-01-03", "name": "元旦"}],
                  "work": [{"date": "2027-01-09", "name": "元旦"}]}}}
                """, TestContext.Current.CancellationToken);
            (code, output, _) = await Run(fresh.ConnectionString, app.Provider, "workdays", "import", file);
            Assert.Equal(0, code);
            (code, output, _) = await Run(fresh.ConnectionString, app.Provider, "workdays", "is", "2027-01-09");
            Assert.Equal(0, code);
            Assert.StartsWith("workday", output, StringComparison.Ordinal);

            await File.WriteAllTextAsync(file, """{"years": {"2028": {"sources": ["x"], "off": [{"date": "2028-02-30", "name": "春节"}], "work": []}}}""", TestContext.Current.CancellationToken);
            (code, _, err) = await Run(fresh.ConnectionString, app.Provider, "workdays", "import", file);
            Assert.Equal(1, code);
            Assert.Contains("未导入任何数据", err, StringComparison.Ordinal);
            File.Delete(file);
        }
        finally
        {
            await fresh.DropAsync();
        }
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes_even_through_SQL()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            db.AuditEntries.Add(new AuditEntry { AtUtc = DateTimeOffset.UtcNow, Action = "test-probe", Result = AuditResult.Success, UserName = "probe" });
            await db.SaveChangesAsync();
            var entry = await db.AuditEntries.FirstAsync(e => e.Action == "test-probe");
            entry.Detail = "改写";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            db.ChangeTracker.Clear();
            var table = db.Database.IsNpgsql() ? "\"AuditLog\"" : "AuditLog";
            var detail = db.Database.IsNpgsql() ? "\"Detail\"" : "Detail";
#pragma warning disable EF1002 // table names are constants chosen above, not input.
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET {detail} = 'x'"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}"));
#pragma warning restore EF1002
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "test-probe" && e.Detail == null));
            return 0;
        });
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database_for_every_web_node()
    {
        await app.SignInAsync("rsj.officer");
        Assert.True(await app.WithDbAsync((db, _) => db.DataProtectionKeys.AnyAsync()));
    }
}

/// <summary>An empty database next to the app's one, for commands that must start from nothing.</summary>
public sealed class FreshDatabase
{
    private readonly Func<Task> _drop;

    private FreshDatabase(string connectionString, Func<Task> drop)
    {
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string ConnectionString { get; }

    public Task DropAsync() => _drop();

    public static async Task<FreshDatabase> CreateAsync(SanxiangApp app)
    {
        if (app.Provider == "Sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"sanxiang-cli-{Guid.NewGuid():N}.db");
            return new FreshDatabase($"Data Source={file}", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(file);
                return Task.CompletedTask;
            });
        }

        var admin = Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES")!;
        var name = "sanxiang_cli_" + Guid.NewGuid().ToString("N");
        await using (var c = new Npgsql.NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
            await cmd.ExecuteNonQueryAsync();
        }

        return new FreshDatabase(new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, async () =>
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var c = new Npgsql.NpgsqlConnection(admin);
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        });
    }
}

public sealed class AdminCommandTestsOnSqlite(SqliteApp app) : AdminCommandTests(app);

public sealed class AdminCommandTestsOnPostgres(PostgresApp app) : AdminCommandTests(app);
