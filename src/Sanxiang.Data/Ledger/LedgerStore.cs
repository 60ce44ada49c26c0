using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

/// <summary>Reads stored subtree hashes for the Merkle computations, remembering what it has read.</summary>
public sealed class DbMerkleNodes(SanxiangDbContext db) : IMerkleNodeReader
{
    private readonly Dictionary<(int, long), byte[]> _cache = [];

    public async ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default)
    {
        if (_cache.TryGetValue((level, index), out var hash))
        {
            return hash;
        }

        // Level 0 is the leaf hash, kept once, in the entry row; higher levels are in LedgerNodes.
        hash = (level == 0
                ? await db.LedgerEntries.AsNoTracking().Where(e => e.Index == index).Select(e => e.LeafHash).SingleOrDefaultAsync(ct)
                : await db.LedgerNodes.AsNoTracking().Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).SingleOrDefaultAsync(ct))
            ?? throw Missing(level, index);
        _cache[(level, index)] = hash;
        return hash;
    }

    /// <summary>
    /// Runs a Merkle computation with one database round trip: a first dry run records which nodes it asks for (the
    /// algorithms' requests do not depend on the hash values), one query fetches them all, the second run computes.
    /// </summary>
    public async ValueTask<T> ComputeAsync<T>(Func<IMerkleNodeReader, ValueTask<T>> computation, CancellationToken ct = default)
    {
        var recorder = new RecordingReader();
        await computation(recorder);
        var wanted = recorder.Requested.Where(k => !_cache.ContainsKey(k)).ToList();
        if (wanted.Count > 0)
        {
            await LoadAsync(wanted, ct);
        }

        return await computation(this);
    }

    private async Task LoadAsync(List<(int Level, long Index)> wanted, CancellationToken ct)
    {
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        // One statement, one round trip: leaf hashes from the entry rows, inner nodes from LedgerNodes.
        var sql = db.GetService<ISqlGenerationHelper>();
        var entry = db.Model.FindEntityType(typeof(LedgerEntry))!;
        var node = db.Model.FindEntityType(typeof(LedgerNode))!;
        string E(string name) => sql.DelimitIdentifier(entry.FindProperty(name)!.GetColumnName());
        string N(string name) => sql.DelimitIdentifier(node.FindProperty(name)!.GetColumnName());
        await using var command = CreateCommand();
        var parts = new List<string>();
        var leaves = wanted.Where(k => k.Level == 0).Select(k => k.Index).ToList();
        if (leaves.Count > 0)
        {
            var names = leaves.Select((index, i) =>
            {
                var name = sql.GenerateParameterName("e" + i.ToString(CultureInfo.InvariantCulture));
                AddParameter(command, name, index);
                return name;
            }).ToList();
            parts.Add($"SELECT 0, {E(nameof(LedgerEntry.Index))}, {E(nameof(LedgerEntry.LeafHash))} FROM {sql.DelimitIdentifier(entry.GetTableName()!)} " +
                $"WHERE {E(nameof(LedgerEntry.Index))} IN ({string.Join(", ", names)})");
        }

        var inner = wanted.Where(k => k.Level > 0).ToList();
        if (inner.Count > 0)
        {
            var where = new StringBuilder();
            for (var i = 0; i < inner.Count; i++)
            {
                var level = sql.GenerateParameterName("l" + i.ToString(CultureInfo.InvariantCulture));
                var index = sql.GenerateParameterName("i" + i.ToString(CultureInfo.InvariantCulture));
                where.Append(i == 0 ? "" : " OR ").Append('(').Append(N(nameof(LedgerNode.Level))).Append(" = ").Append(level)
                    .Append(" AND ").Append(N(nameof(LedgerNode.Index))).Append(" = ").Append(index).Append(')');
                AddParameter(command, level, inner[i].Level);
                AddParameter(command, index, inner[i].Index);
            }

            parts.Add($"SELECT {N(nameof(LedgerNode.Level))}, {N(nameof(LedgerNode.Index))}, {N(nameof(LedgerNode.Hash))} FROM {sql.DelimitIdentifier(node.GetTableName()!)} WHERE {where}");
        }

        command.CommandText = string.Join(" UNION ALL ", parts);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _cache[(reader.GetInt32(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
            }
        }

        foreach (var (level, index) in wanted.Where(k => !_cache.ContainsKey(k)))
        {
            throw Missing(level, index);
        }
    }

    private System.Data.Common.DbCommand CreateCommand()
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static InvalidOperationException Missing(int level, long index) =>
        new($"记录日志缺少节点（层 {level}，序号 {index}）：存储已损坏，请运行 sanxiang ledger verify。");

    private sealed class RecordingReader : IMerkleNodeReader
    {
        private static readonly byte[] Placeholder = new byte[MerkleHash.Size];

        public HashSet<(int, long)> Requested { get; } = [];

        public ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default)
        {
            Requested.Add((level, index));
            return ValueTask.FromResult(Placeholder);
        }
    }
}

/// <summary>
/// Appends the pending events of a unit of work to the log, inside the unit of work's transaction (called by
/// <see cref="SanxiangDbContext.SaveChangesAsync(bool, CancellationToken)"/>): never a change without its record, nor a
/// record without its change.
/// </summary>
internal static class LedgerAppender
{
    public static async Task AppendAsync(SanxiangDbContext db, IReadOnlyList<LedgerEvent> events, DateTimeOffset now, CancellationToken ct)
    {
        // Serialise writers across web nodes: the first statement takes the row lock (PostgreSQL) or the database write
        // lock (SQLite), so no two writers read the same size.
        await db.LedgerState.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, x => x.Size), ct);
        var size = await db.LedgerState.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Size).SingleAsync(ct);

        var entries = new List<LedgerEntry>(events.Count);
        var hashes = new List<byte[]>(events.Count);
        foreach (var e in events)
        {
            var payload = e.CanonicalPayload(now);
            var leaf = MerkleHash.Leaf(payload);
            entries.Add(new LedgerEntry
            {
                Index = size + entries.Count,
                LeafHash = leaf,
                Payload = payload,
                Kind = e.Kind,
                CaseId = e.CaseId,
                AgencyId = e.AgencyId,
                ActorId = e.ActorId,
                RecordedAtUtc = now,
                IsPublic = e.IsPublic,
            });
            hashes.Add(leaf);
        }

        var nodes = await MerkleTree.AppendBatchAsync(new DbMerkleNodes(db), size, hashes, ct);
        // Written directly, not through change tracking: a batch is thousands of rows, and these rows never change.
        await BulkInsert.InsertAsync(db, entries, ct);
        // Level-0 nodes are the leaf hashes, already in the entry rows.
        await BulkInsert.InsertAsync(db, nodes.Where(n => n.Level > 0).Select(n => new LedgerNode { Level = n.Level, Index = n.Index, Hash = n.Hash }).ToList(), ct);
        var newSize = size + events.Count;
        await db.LedgerState.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, newSize), ct);
    }
}
