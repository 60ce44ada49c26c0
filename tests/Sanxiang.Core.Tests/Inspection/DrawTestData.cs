using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Inspection;

/// <summary>Lists and a complete, genuinely signed export for the draw tests (no database).</summary>
internal static class DrawTestData
{
    public const string Origin = "test.sanxiang/log";

    public static readonly Ed25519NoteKey Key = Ed25519NoteKey.Generate(Origin);

    /// <summary>A valid-looking 18-character credit code per number (the draw does not validate check digits).</summary>
    public static string Code(int i) => "91360736MA" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture) + "X";

    public static DrawLists Lists(int candidates = 60, int inspectors = 6, int? count = 10, int? ratio = null, int perTarget = 2,
        IReadOnlyList<DrawRecusal>? recusals = null, bool excludeLast = true, string[]? agencies = null, Func<int, string>? grade = null)
    {
        agencies ??= ["SCJG"];
        return new DrawLists(
            "安市监抽〔2026〕1号",
            "2026年度餐饮服务单位食品安全双随机抽查",
            [.. agencies.Select(a => new DrawItem(a, "360736-" + a + "-JC-001", a + " 的随机抽查事项"))],
            new DrawRules(count, ratio, perTarget, InspectionGrades.DefaultWeights, excludeLast, ExcludeAffiliatedAgency: true),
            [.. Enumerable.Range(1, candidates).Select(i => new DrawCandidate(Code(i), $"安和县第{i}餐饮店", grade?.Invoke(i) ?? InspectionGrades.All[i % 4],
                i % 7 == 0 ? ["36073601006"] : [], null))],
            [.. agencies.SelectMany(a => Enumerable.Range(1, inspectors).Select(i => new DrawInspector(a, $"360736{a.Length:D2}{Array.IndexOf(agencies, a):D2}{i:D3}", $"{a}检查员{i}")))],
            recusals ?? []).Sorted();
    }

    public static byte[] Seed(int i) => SHA256.HashData(Encoding.UTF8.GetBytes("test-seed-" + i));

    /// <summary>
    /// A draw exported as the platform does: the commitment entry at index 1 of a three-entry log, a checkpoint over the
    /// three entries signed with <see cref="Key"/>, and the result of the real draw.
    /// </summary>
    public static string Export(DrawLists lists, byte[] seed)
    {
        var commitment = DrawExport.Commitment(seed);
        var listsHex = Convert.ToHexStringLower(lists.Sha256());
        var entry = CanonicalJson.Serialize(new JsonObject
        {
            ["facts"] = new JsonObject { ["commitment"] = commitment, ["lists"] = listsHex, ["plan"] = lists.PlanNumber },
            ["kind"] = DrawExport.CommitmentEventKind,
        });
        var l0 = MerkleHash.Leaf("first"u8);
        var l1 = MerkleHash.Leaf(entry);
        var l2 = MerkleHash.Leaf("third"u8);
        var root = MerkleHash.Node(MerkleHash.Node(l0, l1), l2);
        var note = SignedNote.Sign(new Checkpoint(Origin, 3, root).Body, Key);
        var result = RandomDraw.Run(lists, DrawChance.Key(seed, root, lists.Sha256()));
        var at = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        return DrawExport.Build(lists, commitment, at, 1, entry, [l0, l2], note, seed, at.AddDays(7), result).ToJsonString();
    }
}
