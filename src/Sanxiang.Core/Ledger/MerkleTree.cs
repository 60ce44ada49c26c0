using System.Numerics;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// An RFC 9162 Merkle tree over a store of complete subtrees. The store keeps, for each appended leaf, the leaf hash and
/// every subtree that leaf completes (on average two nodes per leaf); every root and proof is then a handful of node
/// reads: at most one per set bit of the tree size for a root, at most 2·log2(n) for a proof. Nothing here touches a
/// database: the caller stores what <see cref="AppendAsync"/> returns and serves reads through
/// <see cref="IMerkleNodeReader"/>.
/// </summary>
public static class MerkleTree
{
    /// <summary>
    /// The nodes to store when leaf <paramref name="index"/> (which must equal the current tree size) is appended: the leaf
    /// at level 0, then every complete subtree it closes, bottom up. Reads one left sibling per closed subtree.
    /// </summary>
    public static ValueTask<IReadOnlyList<MerkleNode>> AppendAsync(
        IMerkleNodeReader reader, long index, byte[] leafHash, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        return AppendBatchAsync(reader, index, [leafHash], ct);
    }

    /// <summary>
    /// The nodes to store when leaves [<paramref name="start"/>, start + count) are appended together, in the same order
    /// as appending them one by one. Only nodes that were complete before <paramref name="start"/> are read.
    /// </summary>
    public static async ValueTask<IReadOnlyList<MerkleNode>> AppendBatchAsync(
        IMerkleNodeReader reader, long start, IReadOnlyList<byte[]> leafHashes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (start < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"叶子序号不能为负数（收到 {start}）。");
        }

        if (leafHashes.Count > long.MaxValue - start)
        {
            throw new ArgumentOutOfRangeException(nameof(leafHashes), leafHashes.Count, "追加后树的大小超出上限。");
        }

        var nodes = new List<MerkleNode>(leafHashes.Count * 2 + 64);
        // Left children produced in this batch, waiting for their right sibling. Anything not found here was complete
        // before `start` and is read from the store.
        var pending = new Dictionary<(int Level, long Index), byte[]>();
        for (var j = 0; j < leafHashes.Count; j++)
        {
            var hash = leafHashes[j] ?? throw new ArgumentException($"第 {j} 个叶子哈希为空。", nameof(leafHashes));
            if (hash.Length != MerkleHash.Size)
            {
                throw new ArgumentException(
                    $"第 {j} 个叶子哈希应为 {MerkleHash.Size} 字节，实际 {hash.Length} 字节。", nameof(leafHashes));
            }

            var level = 0;
            var index = start + j;
            hash = (byte[])hash.Clone();
            nodes.Add(new MerkleNode(level, index, hash));
            while ((index & 1) == 1)
            {
                if (!pending.Remove((level, index - 1), out var left))
                {
                    ct.ThrowIfCancellationRequested();
                    left = await reader.GetNodeAsync(level, index - 1, ct);
                }

                hash = MerkleHash.Node(left, hash);
                level++;
                index >>= 1;
                nodes.Add(new MerkleNode(level, index, hash));
            }

            pending[(level, index)] = hash;
        }

        return nodes;
    }

    /// <summary>MTH(D[0:size]); the empty tree's root is SHA-256(""). One read per set bit of <paramref name="size"/>.</summary>
    public static ValueTask<byte[]> RootAsync(IMerkleNodeReader reader, long size, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"树的大小不能为负数（收到 {size}）。");
        }

        return size == 0 ? ValueTask.FromResult(MerkleHash.EmptyRoot) : SubtreeHashAsync(reader, 0, size, ct);
    }

    /// <summary>
    /// The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, RFC 9162 §2.1.3.1
    /// order (from the leaf's sibling up to the child of the root).
    /// </summary>
    public static async ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(
        IMerkleNodeReader reader, long index, long size, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (size < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"树的大小不能为负数（收到 {size}）。");
        }

        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), index, $"叶子序号 {index} 超出范围：大小为 {size} 的树只有序号 0 到 {size - 1} 的叶子。");
        }

        // PATH(m, D[lo:hi]): walk down from the root, collecting the sibling of the half that holds the leaf.
        var path = new List<byte[]>(64);
        long lo = 0, hi = size;
        while (hi - lo > 1)
        {
            var k = LargestPowerOfTwoBelow(hi - lo);
            if (index < lo + k)
            {
                path.Add(await SubtreeHashAsync(reader, lo + k, hi, ct));
                hi = lo + k;
            }
            else
            {
                path.Add(await SubtreeHashAsync(reader, lo, lo + k, ct));
                lo += k;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// The proof that the tree of <paramref name="size1"/> leaves is a prefix of the tree of <paramref name="size2"/>,
    /// RFC 9162 §2.1.4.1 order. Equal sizes give the empty proof. A proof from the empty tree is refused, as
    /// <see cref="MerkleVerifier.VerifyConsistency"/> refuses it (the empty tree is a prefix of every tree: there is
    /// nothing to prove, and transparency-dev/merkle rejects such proofs).
    /// </summary>
    public static async ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(
        IMerkleNodeReader reader, long size1, long size2, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (size1 < 0 || size2 < 0)
        {
            throw new ArgumentOutOfRangeException(
                size1 < 0 ? nameof(size1) : nameof(size2), $"树的大小不能为负数（收到 {size1} 和 {size2}）。");
        }

        if (size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, $"一致性证明要求旧树不大于新树，收到旧树 {size1}、新树 {size2}。");
        }

        if (size1 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, "从空树（大小 0）出发的一致性证明没有意义：空树是任何树的前缀，无需证明。");
        }

        // SUBPROOF(m, D[lo:hi], b), unrolled; m is relative to lo.
        var path = new List<byte[]>(64);
        long lo = 0, hi = size2, m = size1;
        var wholeOldTree = true;
        while (true)
        {
            if (m == hi - lo)
            {
                if (!wholeOldTree)
                {
                    path.Add(await SubtreeHashAsync(reader, lo, hi, ct));
                }

                break;
            }

            var k = LargestPowerOfTwoBelow(hi - lo);
            if (m <= k)
            {
                path.Add(await SubtreeHashAsync(reader, lo + k, hi, ct));
                hi = lo + k;
            }
            else
            {
                path.Add(await SubtreeHashAsync(reader, lo, lo + k, ct));
                lo += k;
                m -= k;
                wholeOldTree = false;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// MTH(D[lo:hi]) where lo is a multiple of the smallest power of two not below hi - lo (true of every range the RFC
    /// recursion visits): the range splits into complete stored subtrees, one per set bit of hi - lo, largest first.
    /// </summary>
    private static async ValueTask<byte[]> SubtreeHashAsync(IMerkleNodeReader reader, long lo, long hi, CancellationToken ct)
    {
        var parts = new List<(int Level, long Index)>(BitOperations.PopCount((ulong)(hi - lo)));
        var offset = lo;
        for (var level = 62; level >= 0; level--)
        {
            if (((hi - lo) & (1L << level)) != 0)
            {
                parts.Add((level, offset >> level));
                offset += 1L << level;
            }
        }

        ct.ThrowIfCancellationRequested();
        var hash = await reader.GetNodeAsync(parts[^1].Level, parts[^1].Index, ct);
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            var left = await reader.GetNodeAsync(parts[i].Level, parts[i].Index, ct);
            hash = MerkleHash.Node(left, hash);
        }

        return hash;
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
