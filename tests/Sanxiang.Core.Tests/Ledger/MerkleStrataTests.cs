using CsCheck;
using Sanxiang.Core.Ledger;
using static Sanxiang.Core.Tests.Ledger.LedgerTestData;

namespace Sanxiang.Core.Tests.Ledger;

/// <summary>
/// A store that keeps only every fourth level (<see cref="MerkleStrata"/>) must answer exactly as the store of every
/// node: same roots, same inclusion and consistency proofs, same appended nodes, for random sizes. The tree has 70,000
/// leaves, so the interior strata at levels 4, 8, 12 and 16 are all exercised.
/// </summary>
public sealed class MerkleStrataTests
{
    private const int MaxSize = 70_000;

    private static readonly Lazy<Task<Trees>> Built = new(BuildTreesAsync);

    private sealed record Trees(InMemoryMerkleNodes Full, InMemoryMerkleNodes Strata, byte[][] Leaves);

    private static async Task<Trees> BuildTreesAsync()
    {
        var leaves = Enumerable.Range(0, MaxSize).Select(i => MerkleHash.Leaf(System.Text.Encoding.UTF8.GetBytes($"leaf {i}"))).ToArray();
        var full = new InMemoryMerkleNodes();
        var strata = new InMemoryMerkleNodes();
        for (var start = 0; start < MaxSize; start += 4096)
        {
            var batch = leaves.Skip(start).Take(4096).ToList();
            foreach (var node in await MerkleTree.AppendBatchAsync(full, start, batch))
            {
                full.Add(node);
                if (MerkleStrata.IsStored(node.Level))
                {
                    strata.Add(node);
                }
            }
        }

        return new Trees(full, strata, leaves);
    }

    private static readonly Gen<int> Size = Gen.OneOf(Gen.Int[1, 300], Gen.Int[1, MaxSize]);

    [Fact]
    public void Levels_0_4_8_are_stored_and_every_other_node_folds_at_most_eight_stored_ones()
    {
        Assert.True(MerkleStrata.IsStored(0));
        Assert.True(MerkleStrata.IsStored(4));
        Assert.True(MerkleStrata.IsStored(60));
        Assert.False(MerkleStrata.IsStored(1));
        Assert.False(MerkleStrata.IsStored(7));
        Assert.Equal((0, 5L, 1), MerkleStrata.BaseRange(0, 5));
        Assert.Equal((0, 40L, 8), MerkleStrata.BaseRange(3, 5));
        Assert.Equal((4, 20L, 4), MerkleStrata.BaseRange(6, 5));
        Assert.Equal((8, 5L, 1), MerkleStrata.BaseRange(8, 5));
        Assert.Equal((8, 10L, 2), MerkleStrata.BaseRange(9, 5));
    }

    [Fact]
    public void Fold_is_the_root_of_the_perfect_subtree_and_refuses_other_counts()
    {
        var hashes = Enumerable.Range(0, 8).Select(i => MerkleHash.Leaf([(byte)i])).ToArray();
        foreach (var count in new[] { 1, 2, 4, 8 })
        {
            Assert.Equal(ReferenceRoot(hashes.AsSpan(0, count)), MerkleStrata.Fold(hashes.Take(count).ToList()));
        }

        Assert.Throws<ArgumentException>(() => MerkleStrata.Fold([]));
        Assert.Throws<ArgumentException>(() => MerkleStrata.Fold(hashes.Take(3).ToList()));
        Assert.Throws<ArgumentException>(() => MerkleStrata.Fold([.. hashes, .. hashes]));
        Assert.Throws<ArgumentException>(() => MerkleStrata.Fold([hashes[0], new byte[31]]));
    }

    [Fact]
    public async Task The_store_keeps_about_one_interior_node_per_fifteen_leaves()
    {
        var (full, strata, _) = await Built.Value;
        // Complete nodes at level 4k: floor(n / 16^k), for k ≥ 1; plus the n leaf hashes.
        long interior = 0;
        for (long width = 16; width <= MaxSize; width *= 16)
        {
            interior += MaxSize / width;
        }

        Assert.Equal(MaxSize + interior, strata.Count);
        Assert.InRange(interior, MaxSize / 16, MaxSize / 15);
        Assert.Equal((2L * MaxSize) - System.Numerics.BitOperations.PopCount(MaxSize), full.Count);
    }

    [Fact]
    public async Task Roots_and_inclusion_proofs_through_the_strata_equal_those_of_the_full_store_and_verify()
    {
        var (full, strata, leaves) = await Built.Value;
        var reader = new MerkleStrataReader(strata);
        await Size.SelectMany(size => Gen.Int[0, size - 1].Select(index => (size, index))).SampleAsync(async t =>
        {
            var (size, index) = t;
            var root = await MerkleTree.RootAsync(reader, size);
            Assert.Equal(await MerkleTree.RootAsync(full, size), root);
            var proof = await MerkleTree.InclusionProofAsync(reader, index, size);
            Assert.Equal(await MerkleTree.InclusionProofAsync(full, index, size), proof);
            Assert.Equal(leaves[index], await reader.GetNodeAsync(0, index));
            Assert.True(MerkleVerifier.VerifyInclusion(index, size, leaves[index], proof, root));
        }, iter: 1000);
    }

    [Fact]
    public async Task Consistency_proofs_through_the_strata_equal_those_of_the_full_store_and_verify()
    {
        var (full, strata, _) = await Built.Value;
        var reader = new MerkleStrataReader(strata);
        await Size.SelectMany(size2 => Gen.Int[1, size2].Select(size1 => (size1, size2))).SampleAsync(async t =>
        {
            var (size1, size2) = t;
            var proof = await MerkleTree.ConsistencyProofAsync(reader, size1, size2);
            Assert.Equal(await MerkleTree.ConsistencyProofAsync(full, size1, size2), proof);
            var root1 = await MerkleTree.RootAsync(reader, size1);
            var root2 = await MerkleTree.RootAsync(reader, size2);
            Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, proof, root1, root2));
        }, iter: 1000);
    }

    [Fact]
    public async Task Appending_through_the_strata_gives_the_nodes_of_the_full_store()
    {
        var (_, _, leaves) = await Built.Value;
        await Gen.Int[1, 700].Array[1, 12].SampleAsync(async batches =>
        {
            var full = new InMemoryMerkleNodes();
            var strata = new InMemoryMerkleNodes();
            var reader = new MerkleStrataReader(strata);
            long start = 0;
            foreach (var count in batches)
            {
                var slice = leaves.Skip((int)start).Take(count).ToList();
                var expected = await MerkleTree.AppendBatchAsync(full, start, slice);
                var produced = await MerkleTree.AppendBatchAsync(reader, start, slice);
                Assert.Equal(expected.Select(n => (n.Level, n.Index, Convert.ToHexString(n.Hash))), produced.Select(n => (n.Level, n.Index, Convert.ToHexString(n.Hash))));
                foreach (var node in produced)
                {
                    full.Add(node);
                    if (MerkleStrata.IsStored(node.Level))
                    {
                        strata.Add(node);
                    }
                }

                start += count;
            }

            Assert.Equal(await MerkleTree.RootAsync(full, start), await MerkleTree.RootAsync(reader, start));
        }, iter: 100);
    }

    [Fact]
    public async Task A_missing_stored_node_is_reported_not_papered_over()
    {
        var reader = new MerkleStrataReader(new InMemoryMerkleNodes());
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await reader.GetNodeAsync(3, 0));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await reader.GetNodeAsync(4, 0));
    }
}
