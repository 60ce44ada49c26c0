using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sanxiang.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The database chosen by configuration: <c>Database:Provider</c> and <c>ConnectionStrings:Sanxiang</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/sanxiang.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite : name.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"配置项 Database:Provider 的值“{name}”无效：应为 Sqlite 或 Postgres。"),
        };
        var connection = configuration.GetConnectionString("Sanxiang");
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("使用 PostgreSQL 时必须配置 ConnectionStrings:Sanxiang。");
        }

        return new DatabaseSettings(provider, connection);
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(ConnectionString);
                options.UseSqlite(ConnectionString, b => b.MigrationsAssembly("Sanxiang.Migrations.Sqlite"));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, b => b.MigrationsAssembly("Sanxiang.Migrations.Postgres"));
                break;
        }
    }

    /// <summary>A description safe for logs and the console: never the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            return $"SQLite {Path.GetFullPath(builder.DataSource)}";
        }

        var pg = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}";
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddSanxiangData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddDbContext<SanxiangDbContext>(settings.Apply);
        return services;
    }
}

public static class DatabaseMigrator
{
    /// <summary>Creates the database if needed and applies every pending migration of the configured provider.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(SanxiangDbContext db, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Provider quirk (SQLite): WAL lets the portal read while a request writes; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        // Cases from before the dashboard's summaries existed get theirs now (a no-op query once every case has one).
        await Supervision.CaseSummaryStore.RebuildAsync(db, all: false, ct);

        // The summaries' roll-up (decision 0022) is built once from them when its table is created; every save keeps it after.
        if (pending.Any(m => m.EndsWith("_" + nameof(db.CaseCounts), StringComparison.Ordinal)))
        {
            await Supervision.CaseCountStore.RebuildAsync(db, ct);
        }

        return pending;
    }
}
