using Microsoft.EntityFrameworkCore;
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

        hash = await db.LedgerNodes.AsNoTracking().Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"记录日志缺少节点（层 {level}，序号 {index}）：存储已损坏，请运行 sanxiang ledger verify。");
        _cache[(level, index)] = hash;
        return hash;
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
        db.LedgerEntries.AddRange(entries);
        db.LedgerNodes.AddRange(nodes.Select(n => new LedgerNode { Level = n.Level, Index = n.Index, Hash = n.Hash }));
        var newSize = size + events.Count;
        await db.LedgerState.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, newSize), ct);
    }
}
