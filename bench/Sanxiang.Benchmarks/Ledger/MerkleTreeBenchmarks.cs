using BenchmarkDotNet.Attributes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Benchmarks.Ledger;

/// <summary>
/// Root, proofs and verification on a tree of 1M and 10M leaves kept in <see cref="InMemoryMerkleNodes"/>: the cost of
/// the Merkle code itself; the node store's (database) reads are not included.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MerkleTreeBenchmarks
{
    private readonly InMemoryMerkleNodes _nodes = new();
    private long[] _indices = [];
    private int _next;
    private IReadOnlyList<byte[]> _proof = [];
    private byte[] _leaf = [];
    private byte[] _root = [];

    [Params(1_000_000, 10_000_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int batch = 1 << 16;
        var leaves = new List<byte[]>(batch);
        for (var start = 0; start < Size; start += batch)
        {
            leaves.Clear();
            for (var i = start; i < Math.Min(Size, start + batch); i++)
            {
                leaves.Add(MerkleHash.Leaf(BitConverter.GetBytes(i)));
            }

            foreach (var node in MerkleTree.AppendBatchAsync(_nodes, start, leaves).AsTask().GetAwaiter().GetResult())
            {
                _nodes.Add(node);
            }
        }

        var random = new Random(42);
        _indices = Enumerable.Range(0, 4096).Select(_ => random.NextInt64(Size)).ToArray();
        _leaf = MerkleHash.Leaf(BitConverter.GetBytes((int)_indices[0]));
        _proof = MerkleTree.InclusionProofAsync(_nodes, _indices[0], Size).AsTask().GetAwaiter().GetResult();
        _root = MerkleTree.RootAsync(_nodes, Size).AsTask().GetAwaiter().GetResult();
        if (!MerkleVerifier.VerifyInclusion(_indices[0], Size, _leaf, _proof, _root))
        {
            throw new InvalidOperationException("setup: proof does not verify");
        }
    }

    [Benchmark]
    public byte[] Root() => MerkleTree.RootAsync(_nodes, Size).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public IReadOnlyList<byte[]> InclusionProof()
    {
        var index = _indices[_next++ & 4095];
        return MerkleTree.InclusionProofAsync(_nodes, index, Size).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public IReadOnlyList<byte[]> ConsistencyProof()
    {
        var size1 = _indices[_next++ & 4095] + 1;
        return MerkleTree.ConsistencyProofAsync(_nodes, size1, Size).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public bool VerifyInclusion() => MerkleVerifier.VerifyInclusion(_indices[0], Size, _leaf, _proof, _root);
}

/// <summary>
/// Append rate into an empty in-memory store: leaf hashes precomputed, 100,000 leaves per invocation, one by one or in
/// batches. Measures hashing of interior nodes and the in-memory store only.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MerkleAppendBenchmarks
{
    private const int Leaves = 100_000;
    private byte[][] _leaves = [];

    [Params(1, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup() => _leaves = Enumerable.Range(0, Leaves).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i))).ToArray();

    [Benchmark(OperationsPerInvoke = Leaves)]
    public long Append()
    {
        var nodes = new InMemoryMerkleNodes();
        for (var start = 0; start < Leaves; start += BatchSize)
        {
            var batch = new ArraySegment<byte[]>(_leaves, start, Math.Min(BatchSize, Leaves - start));
            foreach (var node in MerkleTree.AppendBatchAsync(nodes, start, batch).AsTask().GetAwaiter().GetResult())
            {
                nodes.Add(node);
            }
        }

        return nodes.Count;
    }
}
