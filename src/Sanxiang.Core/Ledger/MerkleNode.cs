namespace Sanxiang.Core.Ledger;

/// <summary>
/// The hash of the complete subtree at <paramref name="Level"/> covering leaves
/// [<paramref name="Index"/>·2^Level, (<paramref name="Index"/>+1)·2^Level). Level 0 is the leaf hash itself.
/// </summary>
public sealed record MerkleNode(int Level, long Index, byte[] Hash);

/// <summary>
/// Where the tree's stored nodes come from (database, tiles, memory). The tree code only ever asks for complete subtrees
/// that exist, i.e. nodes that <see cref="MerkleTree.AppendAsync"/> returned for some earlier append.
/// </summary>
public interface IMerkleNodeReader
{
    ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default);
}
