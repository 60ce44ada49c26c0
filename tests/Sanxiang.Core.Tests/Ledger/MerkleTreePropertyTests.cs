using CsCheck;
using Sanxiang.Core.Ledger;
using static Sanxiang.Core.Tests.Ledger.LedgerTestData;

namespace Sanxiang.Core.Tests.Ledger;

/// <summary>
/// Random sizes up to 3,000 leaves in one tree built with AppendAsync: roots agree with the RFC definition, every proof
/// verifies with at most 2·⌈log2 n⌉ reads, and any one-bit change to proof, leaf or root makes it fail.
/// </summary>
public sealed class MerkleTreePropertyTests
{
    private const int MaxSize = 3000;

    private static readonly Lazy<Task<(InMemoryMerkleNodes Nodes, byte[][] Leaves)>> Tree = new(() => BuildAsync(MaxSize));

    private static readonly Gen<(int Size, int Index)> SizeAndIndex =
        Gen.Int[1, MaxSize].SelectMany(size => Gen.Int[0, size - 1].Select(index => (size, index)));

    private static readonly Gen<(int Size1, int Size2)> Sizes =
        Gen.Int[1, MaxSize].SelectMany(size2 => Gen.Int[1, size2].Select(size1 => (size1, size2)));

    private static int MaxReads(long size) => 2 * (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)size));

    [Fact]
    public async Task Roots_agree_with_the_RFC_definition_for_every_size_up_to_300()
    {
        var (nodes, leaves) = await Tree.Value;
        for (var size = 0; size <= 300; size++)
        {
            Assert.Equal(ReferenceRoot(leaves.AsSpan(0, size)), await MerkleTree.RootAsync(nodes, size));
        }

        Assert.Equal(ReferenceRoot(leaves), await MerkleTree.RootAsync(nodes, MaxSize));
    }

    [Fact]
    public async Task Every_inclusion_proof_verifies_in_O_log_n_reads_and_every_bit_flip_fails()
    {
        var (nodes, leaves) = await Tree.Value;
        await Gen.Select(SizeAndIndex, Gen.Int[0, int.MaxValue]).SampleAsync(async t =>
        {
            var ((size, index), pick) = t;
            var reader = new CountingReader(nodes);
            var proof = await MerkleTree.InclusionProofAsync(reader, index, size);
            Assert.InRange(reader.Reads.Count, 0, MaxReads(size));
            var root = await MerkleTree.RootAsync(nodes, size);
            Assert.True(MerkleVerifier.VerifyInclusion(index, size, leaves[index], proof, root));

            // One bit, anywhere in proof ‖ leaf ‖ root.
            var totalBits = (proof.Count + 2) * MerkleHash.Size * 8;
            var bit = pick % totalBits;
            var element = bit / (MerkleHash.Size * 8);
            var copy = proof.Select(p => (byte[])p.Clone()).ToList();
            var leaf = (byte[])leaves[index].Clone();
            var badRoot = (byte[])root.Clone();
            var target = element < proof.Count ? copy[element] : element == proof.Count ? leaf : badRoot;
            target[bit / 8 % MerkleHash.Size] ^= (byte)(1 << (bit % 8));
            Assert.False(MerkleVerifier.VerifyInclusion(index, size, leaf, copy, badRoot));

            // Wrong index, truncated or extended proof. (A wrong size alone can still verify when the path has the same
            // shape in both trees: the size is authenticated by the signed checkpoint, not by the path.)
            if (proof.Count > 0)
            {
                Assert.False(MerkleVerifier.VerifyInclusion(index, size, leaves[index], proof.Take(proof.Count - 1).ToList(), root));
            }

            Assert.False(MerkleVerifier.VerifyInclusion(index, size, leaves[index], [.. proof, root], root));
            if (size > 1)
            {
                Assert.False(MerkleVerifier.VerifyInclusion((index + 1) % size, size, leaves[index], proof, root));
            }
        }, iter: 1500);
    }

    [Fact]
    public async Task Every_consistency_proof_verifies_in_O_log_n_reads_and_every_bit_flip_fails()
    {
        var (nodes, _) = await Tree.Value;
        await Gen.Select(Sizes, Gen.Int[0, int.MaxValue]).SampleAsync(async t =>
        {
            var ((size1, size2), pick) = t;
            var reader = new CountingReader(nodes);
            var proof = await MerkleTree.ConsistencyProofAsync(reader, size1, size2);
            Assert.InRange(reader.Reads.Count, 0, MaxReads(size2));
            var root1 = await MerkleTree.RootAsync(nodes, size1);
            var root2 = await MerkleTree.RootAsync(nodes, size2);
            Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, proof, root1, root2));

            var totalBits = (proof.Count + 2) * MerkleHash.Size * 8;
            var bit = pick % totalBits;
            var element = bit / (MerkleHash.Size * 8);
            var copy = proof.Select(p => (byte[])p.Clone()).ToList();
            var r1 = (byte[])root1.Clone();
            var r2 = (byte[])root2.Clone();
            var target = element < proof.Count ? copy[element] : element == proof.Count ? r1 : r2;
            target[bit / 8 % MerkleHash.Size] ^= (byte)(1 << (bit % 8));
            Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, copy, r1, r2));

            if (proof.Count > 0)
            {
                Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, proof.Take(proof.Count - 1).ToList(), root1, root2));
            }

            Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, [.. proof, root1], root1, root2));
            if (size1 < size2)
            {
                Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, proof, root2, root1));
            }
        }, iter: 1500);
    }

    [Fact]
    public async Task AppendBatch_gives_exactly_the_nodes_of_appending_one_by_one_and_reads_only_older_nodes()
    {
        var (single, leaves) = await Tree.Value;
        await Gen.Int[1, 64].Array[1, 40].SampleAsync(async batches =>
        {
            var batched = new InMemoryMerkleNodes();
            var oneByOne = new List<MerkleNode>();
            var all = new List<MerkleNode>();
            long start = 0;
            foreach (var count in batches)
            {
                var reader = new CountingReader(batched);
                var slice = leaves.Skip((int)start).Take(count).ToList();
                var produced = await MerkleTree.AppendBatchAsync(reader, start, slice);
                // Only complete subtrees that ended before `start` are read.
                Assert.All(reader.Reads, r => Assert.True(((r.Index + 1) << r.Level) <= start));
                foreach (var node in produced)
                {
                    batched.Add(node);
                    all.Add(node);
                }

                start += count;
            }

            var reference = new InMemoryMerkleNodes();
            for (var i = 0; i < start; i++)
            {
                foreach (var node in await MerkleTree.AppendAsync(reference, i, leaves[i]))
                {
                    reference.Add(node);
                    oneByOne.Add(node);
                }
            }

            Assert.Equal(oneByOne.Select(n => (n.Level, n.Index, Convert.ToHexString(n.Hash))), all.Select(n => (n.Level, n.Index, Convert.ToHexString(n.Hash))));
            Assert.Equal(await MerkleTree.RootAsync(single, start), await MerkleTree.RootAsync(batched, start));
        }, iter: 200);
    }

    [Fact]
    public async Task Append_stores_one_node_per_leaf_plus_one_per_completed_subtree()
    {
        var (nodes, _) = await Tree.Value;
        // 2n − popcount(n) nodes for n leaves.
        Assert.Equal((2 * MaxSize) - System.Numerics.BitOperations.PopCount(MaxSize), nodes.Count);
        Assert.Equal(MaxSize, nodes.CountAt(0));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_Chinese_messages()
    {
        var (nodes, leaves) = await Tree.Value;
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.InclusionProofAsync(nodes, 5, 5));
        Assert.Contains("超出范围", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.InclusionProofAsync(nodes, -1, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.InclusionProofAsync(nodes, 0, 0));
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.ConsistencyProofAsync(nodes, 6, 5));
        Assert.Contains("旧树不大于新树", e.Message, StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.ConsistencyProofAsync(nodes, 0, 5));
        Assert.Contains("空树", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.ConsistencyProofAsync(nodes, -1, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.RootAsync(nodes, -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await MerkleTree.AppendAsync(nodes, -1, leaves[0]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await MerkleTree.AppendAsync(nodes, MaxSize, new byte[31]));
        Assert.Empty(await MerkleTree.ConsistencyProofAsync(nodes, 7, 7));
        Assert.Equal(MerkleHash.EmptyRoot, await MerkleTree.RootAsync(nodes, 0));
    }

    [Fact]
    public void Verifier_returns_false_on_nonsense_instead_of_throwing()
    {
        var h = MerkleHash.Leaf([1]);
        Assert.False(MerkleVerifier.VerifyInclusion(-1, 1, h, [], h));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 0, h, [], h));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 2, h, [null!], h));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 2, h, [new byte[3]], h));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 1, h, null!, h));
        Assert.False(MerkleVerifier.VerifyInclusion(long.MaxValue - 1, long.MaxValue, h, [], h));
        Assert.False(MerkleVerifier.VerifyConsistency(0, 0, [], MerkleHash.EmptyRoot, MerkleHash.EmptyRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(2, 1, [], h, h));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 2, [new byte[33]], h, h));
        Assert.False(MerkleVerifier.VerifyConsistency(1, long.MaxValue, [h], h, h));
        Assert.True(MerkleVerifier.VerifyConsistency(3, 3, [], h, h));
    }

    [Fact]
    public void EmptyRoot_is_a_copy()
    {
        var root = MerkleHash.EmptyRoot;
        root[0] ^= 0xff;
        Assert.NotEqual(root, MerkleHash.EmptyRoot);
    }
}
