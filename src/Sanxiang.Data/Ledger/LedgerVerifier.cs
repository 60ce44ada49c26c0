using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

public sealed record LedgerVerifyReport(bool IsIntact, long Entries, int Checkpoints, string? FirstProblem);

/// <summary>
/// Recomputes the whole log from the stored events and checks the stored tree and every stored checkpoint against it
/// (<c>sanxiang ledger verify</c>). It names the first thing that does not match.
/// </summary>
/// <remarks>
/// One pass over the entries in index order, through plain ADO.NET (a second task reads while this one hashes): each
/// payload is hashed and folded into a compact range (one hash per set bit of the count, O(log n) memory); every node that completes at a stored level is compared
/// with its stored row, and each checkpoint's root is taken from the compact range when the count reaches its size. The
/// stored nodes (about n/15 rows) are read into memory first.
/// </remarks>
public static class LedgerVerifier
{
    public static async Task<LedgerVerifyReport> VerifyAsync(SanxiangDbContext db, IReadOnlyList<INoteVerifier> keys, CancellationToken ct = default)
    {
        var checkpoints = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var names = new LedgerSqlNames(db);
        var stored = await StoredNodes.LoadAsync(db, names, ct);
        var sizes = checkpoints.Select(c => c.Size).Where(s => s > 0).Distinct().Order().ToArray();
        var roots = new Dictionary<long, byte[]>();
        var range = new CompactRange(stored);
        long expected = 0;
        string? problem = null;
        var nextSize = 0;
        var leaf = new byte[MerkleHash.Size];

        // Reading rows and hashing them overlap: one task reads chunks of rows, this one hashes them.
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var chunks = Channel.CreateBounded<EntryChunk>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var producer = Task.Run(() => ReadEntriesAsync(db, names, chunks.Writer, stop.Token), stop.Token);
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                {
                    for (var i = 0; i < chunk.Count && problem is null; i++)
                    {
                        var at = chunk.Indexes[i];
                        if (at != expected)
                        {
                            problem = at > expected
                                ? Invariant($"第 {expected} 条记录缺失（下一条是第 {at} 条）：记录被删除。")
                                : Invariant($"第 {at} 条记录重复或顺序错乱。");
                            break;
                        }

                        MerkleHash.Leaf(chunk.Payloads[i], leaf);
                        if (!leaf.AsSpan().SequenceEqual(chunk.LeafHashes[i]))
                        {
                            problem = Invariant($"第 {at} 条记录的内容与其登记的哈希不符：内容被改动。");
                            break;
                        }

                        range.Append(leaf);
                        expected++;
                        if (nextSize < sizes.Length && sizes[nextSize] == expected)
                        {
                            roots[expected] = range.Root();
                            nextSize++;
                        }
                    }

                    if (problem is not null)
                    {
                        break;
                    }
                }
            }
            finally
            {
                await stop.CancelAsync();
                try
                {
                    await producer;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Stopped early because a problem was found.
                }
            }
        }

        if (problem is not null)
        {
            return new LedgerVerifyReport(false, expected, checkpoints.Count, problem);
        }

        var stateSize = await db.LedgerState.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Size).SingleAsync(ct);
        if (stateSize != expected)
        {
            return new LedgerVerifyReport(false, expected, checkpoints.Count, Invariant($"登记的日志大小为 {stateSize}，实际记录为 {expected} 条。"));
        }

        foreach (var c in checkpoints)
        {
            var verdict = SignedNote.Verify(c.Note, [.. keys]);
            if (!verdict.IsValid || verdict.VerifiedBy.Count < keys.Count)
            {
                return Fail(Invariant($"检查点 #{c.Id}（大小 {c.Size}）的签名无效：{verdict.Error ?? "缺少签名"}"));
            }

            var body = Checkpoint.ParseBody(verdict.Body!);
            if (body.Size != c.Size || !body.RootHash.AsSpan().SequenceEqual(c.RootHash))
            {
                return Fail(Invariant($"检查点 #{c.Id} 的签名内容与登记的大小或根哈希不符：检查点被替换。"));
            }

            if (c.Size > expected)
            {
                return Fail(Invariant($"检查点 #{c.Id} 覆盖 {c.Size} 条记录，但日志只有 {expected} 条：记录被删除。"));
            }

            var root = c.Size == 0 ? MerkleHash.EmptyRoot : roots[c.Size];
            if (!root.AsSpan().SequenceEqual(c.RootHash))
            {
                return Fail(Invariant($"按现存记录重新计算的前 {c.Size} 条的根哈希与检查点 #{c.Id} 不符：已签署的记录被改动、删除或调换。"));
            }
        }

        if (First(range.FirstNodeProblem, stored.FirstLeftover()) is { } n)
        {
            return Fail(n.Missing
                ? Invariant($"存储的树节点（层 {n.Level}，序号 {n.Index}）缺失：证明将出错。")
                : Invariant($"存储的树节点（层 {n.Level}，序号 {n.Index}）与重新计算的不符：证明将出错。"));
        }

        return new LedgerVerifyReport(true, expected, checkpoints.Count, null);

        LedgerVerifyReport Fail(string message) => new(false, expected, checkpoints.Count, message);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private const int ChunkRows = 1024;

    private sealed class EntryChunk
    {
        public long[] Indexes { get; } = new long[ChunkRows];
        public byte[][] Payloads { get; } = new byte[ChunkRows][];
        public byte[][] LeafHashes { get; } = new byte[ChunkRows][];
        public int Count { get; set; }
    }

    /// <summary>Every entry in index order, in chunks, through plain ADO.NET on the context's connection.</summary>
    private static async Task ReadEntriesAsync(SanxiangDbContext db, LedgerSqlNames names, ChannelWriter<EntryChunk> chunks, CancellationToken ct)
    {
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var index = names.Entry(nameof(LedgerEntry.Index));
            command.CommandText = $"SELECT {index}, {names.Entry(nameof(LedgerEntry.Payload))}, {names.Entry(nameof(LedgerEntry.LeafHash))} FROM {names.EntryTable} ORDER BY {index}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var chunk = new EntryChunk();
            while (await reader.ReadAsync(ct))
            {
                chunk.Indexes[chunk.Count] = reader.GetInt64(0);
                chunk.Payloads[chunk.Count] = reader.GetFieldValue<byte[]>(1);
                chunk.LeafHashes[chunk.Count] = reader.GetFieldValue<byte[]>(2);
                if (++chunk.Count == ChunkRows)
                {
                    await chunks.WriteAsync(chunk, ct);
                    chunk = new EntryChunk();
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.WriteAsync(chunk, ct);
            }

            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
            throw;
        }
    }

    private readonly record struct NodeProblem(int Level, long Index, bool Missing);

    /// <summary>The problem at the lower (level, index): the order in which a reader of the node table meets them.</summary>
    private static NodeProblem? First(NodeProblem? a, NodeProblem? b) =>
        a is not { } x ? b : b is not { } y ? a : (y.Level, y.Index).CompareTo((x.Level, x.Index)) < 0 ? b : a;

    /// <summary>
    /// The stored rows of <c>LedgerNodes</c>, per level in index order, each consumed as the recomputation produces the
    /// node; rows left over afterwards (or at a level that is not stored) were never produced.
    /// </summary>
    private sealed class StoredNodes
    {
        private readonly SortedDictionary<int, Level> _levels = [];

        private sealed class Level
        {
            public List<long> Indexes { get; } = [];
            public List<byte[]> Hashes { get; } = [];
            public int Next { get; set; }
        }

        public static async Task<StoredNodes> LoadAsync(SanxiangDbContext db, LedgerSqlNames names, CancellationToken ct)
        {
            var nodes = new StoredNodes();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var level = names.Node(nameof(LedgerNode.Level));
            var index = names.Node(nameof(LedgerNode.Index));
            command.CommandText = $"SELECT {level}, {index}, {names.Node(nameof(LedgerNode.Hash))} FROM {names.NodeTable} ORDER BY {level}, {index}";
            await using var reader = await command.ExecuteReaderAsync(ct);
            Level? current = null;
            var currentLevel = -1;
            while (await reader.ReadAsync(ct))
            {
                var l = reader.GetInt32(0);
                if (current is null || l != currentLevel)
                {
                    current = new Level();
                    currentLevel = l;
                    nodes._levels[l] = current;
                }

                current.Indexes.Add(reader.GetInt64(1));
                current.Hashes.Add(reader.GetFieldValue<byte[]>(2));
            }

            return nodes;
        }

        /// <summary>
        /// Checks the recomputed node (level, index) against its row; each level's nodes are produced in index order 0, 1,
        /// 2, …, so the rows of a level are consumed in order, and a row skipped over matches no node.
        /// </summary>
        public NodeProblem? Check(int level, long index, ReadOnlySpan<byte> hash)
        {
            if (!_levels.TryGetValue(level, out var rows))
            {
                return new NodeProblem(level, index, Missing: true);
            }

            NodeProblem? stray = null;
            while (rows.Next < rows.Indexes.Count && rows.Indexes[rows.Next] < index)
            {
                stray ??= new NodeProblem(level, rows.Indexes[rows.Next], Missing: false);
                rows.Next++;
            }

            if (rows.Next == rows.Indexes.Count || rows.Indexes[rows.Next] > index)
            {
                return stray ?? new NodeProblem(level, index, Missing: true);
            }

            var matches = hash.SequenceEqual(rows.Hashes[rows.Next]);
            rows.Next++;
            return stray ?? (matches ? null : new NodeProblem(level, index, Missing: false));
        }

        /// <summary>The first row, by level and index, that no recomputed node consumed.</summary>
        public NodeProblem? FirstLeftover()
        {
            foreach (var (level, rows) in _levels)
            {
                if (rows.Next < rows.Indexes.Count)
                {
                    return new NodeProblem(level, rows.Indexes[rows.Next], Missing: false);
                }
            }

            return null;
        }
    }

    /// <summary>
    /// The compact range of the leaves appended so far: the roots of the perfect subtrees that make up [0, count),
    /// largest first, one per set bit of count.
    /// </summary>
    private sealed class CompactRange(StoredNodes stored)
    {
        private readonly byte[] _hashes = new byte[64 * MerkleHash.Size];
        private int _top;
        private long _count;

        /// <summary>The first stored-level node, by level and index, whose row is missing or differs.</summary>
        public NodeProblem? FirstNodeProblem { get; private set; }

        public void Append(ReadOnlySpan<byte> leaf)
        {
            leaf.CopyTo(Slot(_top++));
            var level = 0;
            for (var index = _count; (index & 1) == 1; index >>= 1)
            {
                MerkleHash.Node(Slot(_top - 2), Slot(_top - 1), Slot(_top - 2));
                _top--;
                level++;
                if (MerkleStrata.IsStored(level))
                {
                    FirstNodeProblem = First(FirstNodeProblem, stored.Check(level, index >> 1, Slot(_top - 1)));
                }
            }

            _count++;
        }

        /// <summary>MTH of the leaves so far: the subtree roots folded from the right.</summary>
        public byte[] Root()
        {
            var root = Slot(_top - 1).ToArray();
            for (var i = _top - 2; i >= 0; i--)
            {
                MerkleHash.Node(Slot(i), root, root);
            }

            return root;
        }

        private Span<byte> Slot(int i) => _hashes.AsSpan(i * MerkleHash.Size, MerkleHash.Size);
    }
}
