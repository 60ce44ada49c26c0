namespace Sanxiang.Core.Ledger;

/// <summary>
/// Which levels of the tree are stored. Only every <see cref="Height"/>-th level is kept: level 0 (the leaf hashes), 4,
/// 8, 12, … ("strata"). A complete node at any other level is the fold of at most 2^(Height−1) = 8 consecutive stored
/// nodes of the stratum below it, so the store holds about n/15 interior nodes for n leaves instead of n − 1, and a
/// proof reads one short contiguous range per stratum instead of one row per level.
/// </summary>
public static class MerkleStrata
{
    /// <summary>Distance between stored levels.</summary>
    public const int Height = 4;

    /// <summary>Whether complete nodes of <paramref name="level"/> are stored (level 0: the leaf hashes).</summary>
    public static bool IsStored(int level) => level % Height == 0;

    /// <summary>
    /// The stored nodes that node (<paramref name="level"/>, <paramref name="index"/>) is made of: <c>Count</c> consecutive
    /// nodes of the stratum at or below it, starting at <c>First</c>. A stored node is its own range of one.
    /// </summary>
    public static (int Level, long First, int Count) BaseRange(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var depth = level % Height;
        return (level - depth, index << depth, 1 << depth);
    }

    /// <summary>
    /// The root of the perfect subtree over <paramref name="hashes"/> (a power of two of them, at most 2^(Height−1)):
    /// adjacent pairs hashed together, level after level.
    /// </summary>
    public static byte[] Fold(IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var count = hashes.Count;
        if (count == 0 || (count & (count - 1)) != 0 || count > 1 << (Height - 1))
        {
            throw new ArgumentException($"折叠的节点数应为 1 到 {1 << (Height - 1)} 之间的 2 的幂，收到 {count} 个。", nameof(hashes));
        }

        if (count == 1)
        {
            return hashes[0];
        }

        Span<byte> buffer = stackalloc byte[(1 << (Height - 1)) * MerkleHash.Size];
        for (var i = 0; i < count; i++)
        {
            if (hashes[i] is not { Length: MerkleHash.Size } hash)
            {
                throw new ArgumentException($"第 {i} 个节点哈希应为 {MerkleHash.Size} 字节。", nameof(hashes));
            }

            hash.CopyTo(buffer[(i * MerkleHash.Size)..]);
        }

        for (; count > 1; count >>= 1)
        {
            for (var i = 0; i < count / 2; i++)
            {
                MerkleHash.Node(
                    buffer.Slice(2 * i * MerkleHash.Size, MerkleHash.Size),
                    buffer.Slice(((2 * i) + 1) * MerkleHash.Size, MerkleHash.Size),
                    buffer.Slice(i * MerkleHash.Size, MerkleHash.Size));
            }
        }

        return buffer[..MerkleHash.Size].ToArray();
    }
}

/// <summary>
/// Every complete node, over a reader that holds only the stored strata (<see cref="MerkleStrata"/>): a stored node is
/// read as is, any other one is folded from the stored nodes it is made of.
/// </summary>
public sealed class MerkleStrataReader(IMerkleNodeReader stored) : IMerkleNodeReader
{
    public async ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default)
    {
        if (MerkleStrata.IsStored(level))
        {
            return await stored.GetNodeAsync(level, index, ct);
        }

        var (baseLevel, first, count) = MerkleStrata.BaseRange(level, index);
        var parts = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            parts[i] = await stored.GetNodeAsync(baseLevel, first + i, ct);
        }

        return MerkleStrata.Fold(parts);
    }
}
