using Npgsql;
using Xunit;

namespace Sanxiang.Web.Tests.Infrastructure;

/// <summary>
/// Checks the PostgreSQL server that test.sh starts (or that a developer points
/// SANXIANG_TEST_POSTGRES at): it must be PostgreSQL 15 and the test role must be
/// able to create and drop its own databases, which the PostgreSQL integration
/// tests rely on.
/// </summary>
public sealed class PostgresAvailabilityTests
{
    private const string ConnectionStringVariable = "SANXIANG_TEST_POSTGRES";

    [Fact]
    public async Task Configured_server_is_PostgreSQL_15_and_test_role_can_create_and_drop_databases()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Nothing may be skipped in CI: a missing database there is a broken pipeline.
            if (IsCi())
            {
                Assert.Fail($"CI=true 但未配置 {ConnectionStringVariable}：CI 中 PostgreSQL 测试不允许跳过");
            }

            Assert.Skip("未配置 SANXIANG_TEST_POSTGRES，跳过 PostgreSQL 测试");
        }

        var ct = TestContext.Current.CancellationToken;

        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync(ct);

        await using (var versionCommand = new NpgsqlCommand("show server_version", admin))
        {
            var version = (string?)await versionCommand.ExecuteScalarAsync(ct);
            Assert.NotNull(version);
            Assert.StartsWith("15", version, StringComparison.Ordinal);
        }

        var databaseName = "sanxiang_probe_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"create database \"{databaseName}\"", ct);
        try
        {
            Assert.True(await DatabaseExistsAsync(admin, databaseName, ct));

            // The new database must be usable, not merely listed.
            var probe = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Database = databaseName,
                Pooling = false,
            };
            await using (var probeConnection = new NpgsqlConnection(probe.ConnectionString))
            {
                await probeConnection.OpenAsync(ct);
                await ExecuteAsync(probeConnection, "create table probe (id int primary key, name text not null)", ct);
                await ExecuteAsync(probeConnection, "insert into probe values (1, '三乡')", ct);
                await using var read = new NpgsqlCommand("select name from probe where id = 1", probeConnection);
                Assert.Equal("三乡", (string?)await read.ExecuteScalarAsync(ct));
            }
        }
        finally
        {
            await ExecuteAsync(admin, $"drop database if exists \"{databaseName}\" with (force)", CancellationToken.None);
        }

        Assert.False(await DatabaseExistsAsync(admin, databaseName, ct));
    }

    private static bool IsCi()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync(ct))! == 1;
    }
}
