using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Ledger;

/// <summary>Test vectors copied next to the tests (Ledger/Vectors, with their SOURCE.md and LICENSE) and small helpers.</summary>
internal static class LedgerTestData
{
    public static string VectorPath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Ledger", "Vectors", .. parts]);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>A tree of <paramref name="size"/> leaves whose data is the leaf index as text, built with AppendAsync.</summary>
    public static async Task<(InMemoryMerkleNodes Nodes, byte[][] Leaves)> BuildAsync(int size)
    {
        var nodes = new InMemoryMerkleNodes();
        var leaves = new byte[size][];
        for (var i = 0; i < size; i++)
        {
            leaves[i] = MerkleHash.Leaf(System.Text.Encoding.UTF8.GetBytes($"leaf {i}"));
            foreach (var node in await MerkleTree.AppendAsync(nodes, i, leaves[i]))
            {
                nodes.Add(node);
            }
        }

        return (nodes, leaves);
    }

    /// <summary>MTH(D[n]) straight from the definition in RFC 9162 §2.1.1, for comparison.</summary>
    public static byte[] ReferenceRoot(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        return MerkleHash.Node(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }
}

/// <summary>Counts reads and remembers which nodes were asked for.</summary>
internal sealed class CountingReader(IMerkleNodeReader inner) : IMerkleNodeReader
{
    public List<(int Level, long Index)> Reads { get; } = [];

    public ValueTask<byte[]> GetNodeAsync(int level, long index, CancellationToken ct = default)
    {
        Reads.Add((level, index));
        return inner.GetNodeAsync(level, index, ct);
    }
}
