using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Sanxiang.Benchmarks;

/// <summary>
/// Bulk loading of generated entities into the platform's own tables, bypassing EF: the table's columns are read from the
/// database (so none is missed) and taken from the entity's properties (an owned value's column <c>Party_Name</c> from
/// <c>Party.Name</c>), values converted the way the EF providers store them; SQLite through a prepared insert in one
/// transaction per batch, PostgreSQL through binary COPY.
/// </summary>
public static class BulkRows
{
    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

    public sealed record Column(string Name, Func<object, object?> Get);

    /// <summary>The value as the EF provider stores it (SQLite: Guid as upper-case text, dates as ISO text, instants as binary).</summary>
    public static object Value(object? value, bool sqlite) => value switch
    {
        null => DBNull.Value,
        Guid g => sqlite ? g.ToString().ToUpperInvariant() : g,
        Enum e => e.ToString(),
        DateOnly d => sqlite ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d,
        DateTimeOffset t => sqlite ? Instant.ConvertToProvider(t)! : t.ToUniversalTime(),
        _ => value,
    };

    public static async Task<List<Column>> ColumnsAsync(DbConnection connection, string table, Type type, bool skipId = false)
    {
        var sqlite = connection is SqliteConnection;
        var names = new List<string>();
        await using (var c = connection.CreateCommand())
        {
            c.CommandText = sqlite ? $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = 'public' ORDER BY ordinal_position";
            await using var reader = await c.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        // A shadow column the entity has no property for (the sharing change time) keeps its default.
        return [.. names.Where(n => !(skipId && n == "Id") && !(n == "ChangedAtUtc" && type.GetProperty(n) is null)).Select(n => new Column(n, Getter(type, n, table)))];
    }

    private static Func<object, object?> Getter(Type type, string column, string table)
    {
        if (type.GetProperty(column) is { } property)
        {
            return property.GetValue;
        }

        var parts = column.Split('_', 2);
        var owner = parts.Length == 2 ? type.GetProperty(parts[0]) : null;
        var inner = owner?.PropertyType.GetProperty(parts[1]) ?? throw new InvalidOperationException($"{table}.{column}: no property {type.Name}.{column}");
        return o => owner!.GetValue(o) is { } v ? inner.GetValue(v) : null;
    }

    /// <summary>Writes <paramref name="rows"/> into <paramref name="table"/>; returns how many.</summary>
    public static async Task<int> WriteAsync<T>(DbConnection connection, string table, IReadOnlyList<Column> columns, IEnumerable<T> rows) where T : notnull
    {
        var count = 0;
        if (connection is SqliteConnection sqlite)
        {
            await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(x => $"\"{x.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + i.ToString(CultureInfo.InvariantCulture)))})";
            for (var i = 0; i < columns.Count; i++)
            {
                insert.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), null));
            }

            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    insert.Parameters[i].Value = Value(columns[i].Get(row), true);
                }

                await insert.ExecuteNonQueryAsync();
                count++;
            }

            await transaction.CommitAsync();
            return count;
        }

        var npgsql = (NpgsqlConnection)connection;
        await using var writer = await npgsql.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(x => $"\"{x.Name}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var column in columns)
            {
                await CopyAsync(writer, Value(column.Get(row), false));
            }

            count++;
        }

        await writer.CompleteAsync();
        return count;
    }

    public static async Task CopyAsync(NpgsqlBinaryImporter writer, object value)
    {
        switch (value)
        {
            case DBNull:
                await writer.WriteNullAsync();
                break;
            case Guid g:
                await writer.WriteAsync(g, NpgsqlDbType.Uuid);
                break;
            case string s:
                await writer.WriteAsync(s, NpgsqlDbType.Text);
                break;
            case int i:
                await writer.WriteAsync(i, NpgsqlDbType.Integer);
                break;
            case long l:
                await writer.WriteAsync(l, NpgsqlDbType.Bigint);
                break;
            case bool b:
                await writer.WriteAsync(b, NpgsqlDbType.Boolean);
                break;
            case DateOnly d:
                await writer.WriteAsync(d, NpgsqlDbType.Date);
                break;
            case DateTimeOffset t:
                await writer.WriteAsync(t, NpgsqlDbType.TimestampTz);
                break;
            case byte[] bytes:
                await writer.WriteAsync(bytes, NpgsqlDbType.Bytea);
                break;
            default:
                throw new InvalidOperationException($"no COPY type for {value.GetType()}");
        }
    }
}
