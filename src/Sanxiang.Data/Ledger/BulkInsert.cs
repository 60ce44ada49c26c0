using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Sanxiang.Data.Ledger;

/// <summary>
/// Bulk INSERT through the context's own connection and transaction, with EF's column names, store types and value
/// conversions (so SQLite's text GUIDs and integer instants come out exactly as EF writes them). Used where change
/// tracking would cost more than the work: appending thousands of log rows per batch. PostgreSQL gets binary COPY,
/// SQLite one prepared single-row INSERT re-bound per row.
/// </summary>
internal static class BulkInsert
{
    private const int MaxParameters = 30000;

    public static async Task InsertAsync<T>(SanxiangDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} 不是模型中的实体。");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToList();
        var getters = properties.Select(p => p.GetGetter()).ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection npgsql)
        {
            // Binary COPY runs in the connection's open transaction, like any other statement on it.
            await using var importer = await npgsql.BeginBinaryImportAsync(
                $"COPY {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
            var storeTypes = mappings.Select(m => m.StoreType).ToList();
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var c = 0; c < properties.Count; c++)
                {
                    var value = getters[c].GetClrValue(row);
                    var converter = mappings[c].Converter;
                    if (value is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(converter is null ? value : converter.ConvertToProvider(value), storeTypes[c], ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
            return;
        }

        // SQLite: one prepared single-row statement, re-bound per row, is its fastest path (no parse per row).
        // Other providers: multi-row statements, one round trip per few hundred rows.
        var perStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, MaxParameters / properties.Count);
        DbCommand? prepared = null;
        try
        {
            for (var offset = 0; offset < rows.Count; offset += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - offset);
                var command = prepared;
                if (command is null || count != perStatement)
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (").Append(columns).Append(") VALUES ");
                    for (var r = 0; r < count; r++)
                    {
                        text.Append(r == 0 ? "(" : ", (");
                        for (var c = 0; c < properties.Count; c++)
                        {
                            var name = "p" + (r * properties.Count + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                            text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                            command.Parameters.Add(mappings[c].CreateParameter(command, sql.GenerateParameterName(name), null, properties[c].IsNullable));
                        }

                        text.Append(')');
                    }

                    command.CommandText = text.ToString();
                    if (count == perStatement)
                    {
                        prepared = command;
                    }
                }

                for (var r = 0; r < count; r++)
                {
                    for (var c = 0; c < properties.Count; c++)
                    {
                        var value = getters[c].GetClrValue(rows[offset + r]);
                        var converter = mappings[c].Converter;
                        command.Parameters[r * properties.Count + c].Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, prepared))
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (prepared is not null)
            {
                await prepared.DisposeAsync();
            }
        }
    }
}
