using System.Text.Json;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;
using static Sanxiang.Core.Tests.Ledger.LedgerTestData;

namespace Sanxiang.Core.Tests.Ledger;

/// <summary>
/// The reference tree of RFC 6962 test suites (8 leaves), every root and proof, and the 196 probes of
/// github.com/transparency-dev/merkle (see Vectors/rfc6962/SOURCE.md).
/// </summary>
public sealed class MerkleVectorTests
{
    private static readonly JsonNode AllProofs =
        JsonNode.Parse(File.ReadAllText(VectorPath("rfc6962", "all-proofs-size-0-8.json")))!;

    private static async Task<InMemoryMerkleNodes> ReferenceTreeAsync()
    {
        var nodes = new InMemoryMerkleNodes();
        var leaves = AllProofs["leavesHex"]!.AsArray().Select(n => Hex(n!.GetValue<string>())).ToArray();
        for (var i = 0; i < leaves.Length; i++)
        {
            foreach (var node in await MerkleTree.AppendAsync(nodes, i, MerkleHash.Leaf(leaves[i])))
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }

    private static List<string> HexList(JsonNode? proof) =>
        proof!.AsArray().Select(p => p!.GetValue<string>()).ToList();

    [Fact]
    public void Leaf_hashes_and_the_empty_root_match()
    {
        var leaves = AllProofs["leavesHex"]!.AsArray().Select(n => Hex(n!.GetValue<string>())).ToArray();
        var expected = AllProofs["leafHashes"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal(8, leaves.Length);
        Assert.Equal(expected, leaves.Select(l => Convert.ToHexStringLower(MerkleHash.Leaf(l))));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.EmptyRoot));
    }

    [Fact]
    public async Task Roots_of_sizes_0_to_8_match()
    {
        var nodes = await ReferenceTreeAsync();
        var roots = AllProofs["rootsBySize"]!.AsObject();
        Assert.Equal(9, roots.Count);
        foreach (var (size, root) in roots)
        {
            Assert.Equal(root!.GetValue<string>(), Convert.ToHexStringLower(await MerkleTree.RootAsync(nodes, long.Parse(size, System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", Convert.ToHexStringLower(await MerkleTree.RootAsync(nodes, 8)));
    }

    [Fact]
    public async Task Every_inclusion_proof_matches_and_verifies()
    {
        var nodes = await ReferenceTreeAsync();
        var cases = AllProofs["inclusion"]!.AsArray();
        Assert.Equal(36, cases.Count); // sizes 1..8, every index
        foreach (var c in cases)
        {
            var index = c!["leafIndex"]!.GetValue<long>();
            var size = c["treeSize"]!.GetValue<long>();
            var proof = await MerkleTree.InclusionProofAsync(nodes, index, size);
            Assert.Equal(HexList(c["proof"]), proof.Select(Convert.ToHexStringLower));
            Assert.True(MerkleVerifier.VerifyInclusion(index, size, Hex(c["leafHash"]!.GetValue<string>()), proof, Hex(c["root"]!.GetValue<string>())));
        }
    }

    [Fact]
    public async Task Every_consistency_proof_matches_and_verifies()
    {
        var nodes = await ReferenceTreeAsync();
        var cases = AllProofs["consistency"]!.AsArray();
        Assert.Equal(36, cases.Count); // 1 <= size1 <= size2 <= 8
        foreach (var c in cases)
        {
            var size1 = c!["size1"]!.GetValue<long>();
            var size2 = c["size2"]!.GetValue<long>();
            var proof = await MerkleTree.ConsistencyProofAsync(nodes, size1, size2);
            Assert.Equal(HexList(c["proof"]), proof.Select(Convert.ToHexStringLower));
            Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, proof, Hex(c["root1"]!.GetValue<string>()), Hex(c["root2"]!.GetValue<string>())));
        }
    }

    private static string ProbeRoot => VectorPath("rfc6962", "testdata");

    public static TheoryData<string> InclusionProbes() => Probes("inclusion");

    public static TheoryData<string> ConsistencyProbes() => Probes("consistency");

    private static TheoryData<string> Probes(string kind) =>
        new(Directory.GetFiles(Path.Combine(ProbeRoot, kind), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ProbeRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    private static byte[] B64(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString()!);

    /// <summary>The probes are Go uint64s; "0 − 1" wraps to 2^64 − 1, which as our long is −1: still out of range.</summary>
    private static long Size(JsonElement e) => unchecked((long)e.GetUInt64());

    private static List<byte[]> ProofOf(JsonElement probe) =>
        probe.GetProperty("proof") is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(B64).ToList() : [];

    [Theory]
    [MemberData(nameof(InclusionProbes))]
    public void Inclusion_probe(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ProbeRoot, file)));
        var p = doc.RootElement;
        var ok = MerkleVerifier.VerifyInclusion(
            Size(p.GetProperty("leafIdx")), Size(p.GetProperty("treeSize")), B64(p.GetProperty("leafHash")),
            ProofOf(p), B64(p.GetProperty("root")));
        Assert.Equal(!p.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyProbes))]
    public void Consistency_probe(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ProbeRoot, file)));
        var p = doc.RootElement;
        var ok = MerkleVerifier.VerifyConsistency(
            Size(p.GetProperty("size1")), Size(p.GetProperty("size2")), ProofOf(p),
            B64(p.GetProperty("root1")), B64(p.GetProperty("root2")));
        Assert.Equal(!p.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Fact]
    public void All_196_probes_are_present_and_both_kinds_occur()
    {
        var all = InclusionProbes().Concat(ConsistencyProbes()).Select(r => (string)r.Data).ToList();
        Assert.Equal(196, all.Count);
        var wantErr = all.Count(f => JsonNode.Parse(File.ReadAllText(Path.Combine(ProbeRoot, f)))!["wantErr"]!.GetValue<bool>());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{InclusionProbes().Count} inclusion + {ConsistencyProbes().Count} consistency probes; {all.Count - wantErr} positive, {wantErr} negative");
        Assert.Equal(184, wantErr);
    }
}
