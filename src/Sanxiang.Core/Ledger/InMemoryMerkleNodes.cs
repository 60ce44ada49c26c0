namespace Sanxiang.Core.Ledger;

/// <summary>
/// Nodes kept in memory, for tests and benchmarks: per level one list of fixed-size chunks of 32-byte hashes, so that
/// ten million leaves (twenty million nodes) cost 640 MB of hashes and not twenty million small arrays. Nodes of a level
/// must be added in index order, which is how <see cref="MerkleTree.AppendAsync"/> produces them. Not thread-safe.
/// </summary>
public sealed class InMemoryMerkleNodes : IMerkleNodeReader
{
    private const int ChunkShift = 16;
    private const int ChunkHashes = 1 << ChunkShift;

    private readonly List<List<byte[]>> _levels = [];
    private readonly List<long> _counts = [];

    /// <summary>Number of nodes stored, all levels together.</summary>
    public long Count { get; private set; }

    /// <summary>Number of nodes stored at <paramref name="level"/>; at level 0 this is the tree size.</summary>
    public long CountAt(int level) => level < _counts.Count ? _counts[level] : 0;

    public void Add(MerkleNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Hash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"节点哈希应为 {MerkleHash.Size} 字节，实际 {node.Hash.Length} 字节。", nameof(node));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(node.Level);
        while (_levels.Count <= node.Level)
        {
            _levels.Add([]);
            _counts.Add(0);
        }

        var count = _counts[node.Level];
        if (node.Index != count)
        {
            throw new InvalidOperationException($"第 {node.Level} 层应追加序号 {count} 的节点，收到的是 {node.Index}：节点须按序追加，不可覆盖。");
        }

        var chunks = _levels[node.Level];
        var offset = (int)(count & (ChunkHashes - 1));
        if (offset == 0)
        {
            chunks.Add(new byte[ChunkHashes * MerkleHash.Size]);
        }

        node.Hash.CopyTo(chunks[^1], offset * MerkleHash.Size);
        _counts[node.Level] = count + 1;
        Count++;
    }

    public ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default)
    {
        if (level < 0 || level >= _levels.Count || index < 0 || index >= _counts[level])
        {
            throw new KeyNotFoundException($"没有第 {level} 层序号 {index} 的节点。");
        }

        var chunk = _levels[level][(int)(index >> ChunkShift)];
        var offset = (int)(index & (ChunkHashes - 1)) * MerkleHash.Size;
        return ValueTask.FromResult(chunk.AsSpan(offset, MerkleHash.Size).ToArray());
    }
}
