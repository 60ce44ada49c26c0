using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

/// <summary>
/// Reads the log's tree from the database, remembering what it has read. Only the strata of <see cref="MerkleStrata"/>
/// are stored (the leaf hashes in the entry rows, levels 4, 8, … in <c>LedgerNodes</c>); any other complete node is
/// folded from the at most eight stored nodes below it, fetched as one contiguous range.
/// </summary>
public sealed class DbMerkleNodes : IMerkleNodeReader
{
    /// <summary>Ranges of one level closer than this are read as one range: a few extra rows cost less than another seek.</summary>
    private const long MergeGap = 16;

    private readonly SanxiangDbContext _db;
    private readonly Dictionary<(int, long), byte[]> _cache = [];
    private readonly MerkleStrataReader _strata;

    public DbMerkleNodes(SanxiangDbContext db)
    {
        _db = db;
        _strata = new MerkleStrataReader(new CacheReader(_cache));
    }

    /// <summary>Any complete node; a node that is not stored costs one query for the stored range it is made of.</summary>
    public async ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default)
    {
        var (baseLevel, first, count) = MerkleStrata.BaseRange(level, index);
        for (var i = 0; i < count; i++)
        {
            if (!_cache.ContainsKey((baseLevel, first + i)))
            {
                await LoadAsync([new StoredRange(baseLevel, first, first + count - 1)], ct);
                break;
            }
        }

        return await _strata.GetNodeAsync(level, index, ct);
    }

    /// <summary>
    /// Runs a Merkle computation with one database round trip: a first dry run records which stored nodes it needs (the
    /// algorithms' requests do not depend on the hash values), one statement fetches them as a few contiguous ranges,
    /// the second run computes.
    /// </summary>
    public async ValueTask<T> ComputeAsync<T>(Func<IMerkleNodeReader, ValueTask<T>> computation, CancellationToken ct = default)
    {
        var recorder = new RecordingReader();
        await computation(new MerkleStrataReader(recorder));
        var ranges = Ranges(recorder.Requested.Where(k => !_cache.ContainsKey(k)));
        if (ranges.Count > 0)
        {
            await LoadAsync(ranges, ct);
        }

        return await computation(_strata);
    }

    private readonly record struct StoredRange(int Level, long First, long Last);

    /// <summary>Stored nodes grouped into ranges per level, neighbours less than <see cref="MergeGap"/> apart joined.</summary>
    private static List<StoredRange> Ranges(IEnumerable<(int Level, long Index)> nodes)
    {
        var ranges = new List<StoredRange>();
        foreach (var level in nodes.GroupBy(n => n.Level).OrderBy(g => g.Key))
        {
            StoredRange? current = null;
            foreach (var index in level.Select(n => n.Index).Order())
            {
                if (current is { } c && index - c.Last <= MergeGap)
                {
                    current = c with { Last = index };
                    continue;
                }

                if (current is { } done)
                {
                    ranges.Add(done);
                }

                current = new StoredRange(level.Key, index, index);
            }

            ranges.Add(current!.Value);
        }

        return ranges;
    }

    private async Task LoadAsync(IReadOnlyList<StoredRange> ranges, CancellationToken ct)
    {
        if (_db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await _db.Database.OpenConnectionAsync(ct);
        }

        // One statement, one round trip: a range of leaf hashes from the entry rows, ranges of stored nodes from
        // LedgerNodes, each an index range scan.
        var names = new LedgerSqlNames(_db);
        var sql = names.Sql;
        var E = names.Entry;
        var N = names.Node;
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder();
        // Provider quirk (PostgreSQL): planning the UNION costs more than running it. With the level as a parameter the
        // text depends only on how many ranges of which kind there are, so the statement is prepared (Npgsql keeps it
        // per physical connection) and only the first proof of each shape is planned. Microsoft.Data.Sqlite keeps no
        // statements across commands, so there the level stays a literal.
        var prepare = command is NpgsqlCommand;
        for (var i = 0; i < ranges.Count; i++)
        {
            var (level, first, last) = ranges[i];
            var from = Parameter(command, sql, "f", i, first);
            var to = Parameter(command, sql, "t", i, last);
            var at = level == 0 ? "" : prepare ? Parameter(command, sql, "l", i, level) : level.ToString(CultureInfo.InvariantCulture);
            text.Append(i == 0 ? "" : " UNION ALL ");
            if (level == 0)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"SELECT 0, {E(nameof(LedgerEntry.Index))}, {E(nameof(LedgerEntry.LeafHash))} FROM {names.EntryTable} WHERE {E(nameof(LedgerEntry.Index))} BETWEEN {from} AND {to}");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"SELECT {N(nameof(LedgerNode.Level))}, {N(nameof(LedgerNode.Index))}, {N(nameof(LedgerNode.Hash))} FROM {names.NodeTable} WHERE {N(nameof(LedgerNode.Level))} = {at} AND {N(nameof(LedgerNode.Index))} BETWEEN {from} AND {to}");
            }
        }

        command.CommandText = text.ToString();
        if (prepare)
        {
            await command.PrepareAsync(ct);
        }

        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _cache[(reader.GetInt32(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
            }
        }
    }

    private static string Parameter<TValue>(System.Data.Common.DbCommand command, ISqlGenerationHelper sql, string prefix, int i, TValue value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = sql.GenerateParameterName(prefix + i.ToString(CultureInfo.InvariantCulture));
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    private static InvalidOperationException Missing(int level, long index) =>
        new($"记录日志缺少节点（层 {level}，序号 {index}）：存储已损坏，请运行 sanxiang ledger verify。");

    /// <summary>The stored nodes fetched so far; a node that should be stored and is not means a damaged store.</summary>
    private sealed class CacheReader(Dictionary<(int, long), byte[]> cache) : IMerkleNodeReader
    {
        public ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default) =>
            cache.TryGetValue((level, index), out var hash) ? ValueTask.FromResult(hash) : throw Missing(level, index);
    }

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
        // Only the strata are stored (levels 4, 8, …); level 0 is the leaf hash, already in the entry row.
        await BulkInsert.InsertAsync(db, nodes.Where(n => n.Level > 0 && MerkleStrata.IsStored(n.Level))
            .Select(n => new LedgerNode { Level = n.Level, Index = n.Index, Hash = n.Hash }).ToList(), ct);
        var newSize = size + events.Count;
        await db.LedgerState.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, newSize), ct);
    }
}

