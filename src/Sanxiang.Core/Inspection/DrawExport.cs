using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Inspection;

/// <summary>One step of checking a published draw, with its plain-Chinese outcome.</summary>
public sealed record DrawCheck(string Step, bool Passed, string Detail);

/// <summary>The outcome of <see cref="DrawExport.Verify"/>: every step, and whether all passed.</summary>
public sealed record DrawVerification(IReadOnlyList<DrawCheck> Checks)
{
    public bool Matches => Checks.Count > 0 && Checks.All(c => c.Passed);
}

/// <summary>
/// The published record of a draw (docs/random-draw.md §5): the frozen lists, the commitment and its log entry with an
/// inclusion proof, the signed checkpoint whose root was mixed in, the revealed seed and the result. Everything needed to
/// re-run the draw offline; <see cref="Verify"/> does so step by step.
/// </summary>
public static class DrawExport
{
    public const string Format = "sanxiang-draw/1";

    /// <summary>The kind of the log event that publishes a plan's commitment.</summary>
    public const string CommitmentEventKind = "inspection-plan-committed";

    public static JsonObject Build(DrawLists lists, string commitmentSha256, DateTimeOffset committedAt, long ledgerIndex, byte[] ledgerEntry,
        IReadOnlyList<byte[]> proof, string checkpointNote, byte[] seed, DateTimeOffset drawnAt, IReadOnlyList<DrawnTarget> result) => new()
    {
        ["format"] = Format,
        ["lists"] = lists.ToJson(),
        ["listsSha256"] = DrawLists.Hex(lists.Sha256()),
        ["commitment"] = new JsonObject
        {
            ["sha256"] = commitmentSha256,
            ["committedAt"] = Instant(committedAt),
            ["ledgerIndex"] = ledgerIndex,
            ["ledgerEntry"] = Convert.ToBase64String(ledgerEntry),
            ["proof"] = new JsonArray([.. proof.Select(p => (JsonNode)Convert.ToBase64String(p))]),
        },
        ["checkpoint"] = checkpointNote,
        ["seed"] = DrawLists.Hex(seed),
        ["drawnAt"] = Instant(drawnAt),
        ["result"] = RandomDraw.ResultJson(result, lists),
    };

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The commitment to a seed: SHA-256 of its 32 bytes, in lower-case hex.</summary>
    public static string Commitment(ReadOnlySpan<byte> seed) => DrawLists.Hex(SHA256.HashData(seed));

    /// <summary>
    /// Re-computes the draw from the export alone: (1) the lists hash to the published digest; (2) the seed hashes to the
    /// commitment; (3) the commitment's log entry names that commitment and digest, and is included in the signed
    /// checkpoint (whose signatures are checked with <paramref name="verifierKeys"/> when given); (4) the checkpoint
    /// was signed after the commitment entry (its size is greater than the entry's index), so the commitment came first;
    /// (5) the draw re-run on these inputs gives exactly the published result. Stops at the first broken step.
    /// </summary>
    public static DrawVerification Verify(string json, IReadOnlyList<INoteVerifier>? verifierKeys = null)
    {
        var checks = new List<DrawCheck>();
        DrawVerification Done() => new(checks);
        bool Step(string step, bool ok, string passed, string failed)
        {
            checks.Add(new DrawCheck(step, ok, ok ? passed : failed));
            return ok;
        }

        JsonObject root;
        DrawLists lists;
        JsonObject listsNode, commitment;
        byte[] seed, entry;
        string checkpointNote, listsDigest, commitmentHex;
        long ledgerIndex;
        IReadOnlyList<byte[]> proof;
        IReadOnlyList<DrawnTarget> published;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw DrawLists.Bad("（整个文件）");
            if (DrawLists.Str(root, "format") != Format)
            {
                throw new FormatException($"文件格式应为 {Format}，收到“{DrawLists.Str(root, "format")}”。");
            }

            listsNode = DrawLists.Obj(root, "lists");
            lists = DrawLists.FromJson(listsNode);
            listsDigest = DrawLists.Str(root, "listsSha256");
            commitment = DrawLists.Obj(root, "commitment");
            commitmentHex = DrawLists.Str(commitment, "sha256");
            ledgerIndex = commitment["ledgerIndex"] is JsonValue iv && iv.TryGetValue<long>(out var li) ? li : throw DrawLists.Bad("ledgerIndex");
            entry = Convert.FromBase64String(DrawLists.Str(commitment, "ledgerEntry"));
            proof = [.. DrawLists.Arr(commitment, "proof").Select(p => Convert.FromBase64String(p?.GetValue<string>() ?? throw DrawLists.Bad("proof")))];
            checkpointNote = DrawLists.Str(root, "checkpoint");
            seed = Convert.FromHexString(DrawLists.Str(root, "seed"));
            published = RandomDraw.ParseResult(DrawLists.Obj(root, "result"));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            Step("读取导出文件", false, "", "文件无法读取：" + (e is FormatException f ? f.Message : "不是有效的 JSON。"));
            return Done();
        }

        Step("读取导出文件", true, $"计划 {lists.PlanNumber}：检查对象 {lists.Candidates.Count} 户，检查人员 {lists.Inspectors.Count} 名，回避 {lists.Recusals.Count} 项。", "");

        var actualDigest = DrawLists.Hex(DrawLists.Sha256(listsNode));
        if (!Step("核对名单摘要", actualDigest == listsDigest,
                $"冻结名单的 SHA-256 摘要为 {actualDigest}，与文件所载一致。",
                $"冻结名单的 SHA-256 摘要应为 {listsDigest}，按文件中的名单计算得 {actualDigest}：名单被改动过。"))
        {
            return Done();
        }

        var seedCommitment = seed.Length == 32 ? Commitment(seed) : "";
        if (!Step("核对种子与承诺值", seedCommitment == commitmentHex,
                $"公开的种子经 SHA-256 运算得 {seedCommitment}，与抽取前公布的承诺值一致。",
                $"公开的种子经 SHA-256 运算得 {(seedCommitment.Length > 0 ? seedCommitment : "（种子不是 32 字节）")}，与承诺值 {commitmentHex} 不一致：种子不是事先承诺的那一个。"))
        {
            return Done();
        }

        JsonObject? facts = null;
        try
        {
            facts = (JsonNode.Parse(entry) as JsonObject)?["facts"] as JsonObject;
        }
        catch (JsonException)
        {
        }

        var entryNames = facts is not null && (facts["commitment"] as JsonValue)?.GetValue<string>() == commitmentHex
            && (facts["lists"] as JsonValue)?.GetValue<string>() == listsDigest && (facts["plan"] as JsonValue)?.GetValue<string>() == lists.PlanNumber;
        if (!Step("核对记录日志中的承诺", entryNames,
                $"记录日志第 {ledgerIndex} 条记载了本计划的承诺值和名单摘要。",
                $"记录日志第 {ledgerIndex} 条没有记载本计划的承诺值 {commitmentHex} 和名单摘要 {listsDigest}。"))
        {
            return Done();
        }

        Checkpoint checkpoint;
        try
        {
            var body = checkpointNote[..(checkpointNote.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
            checkpoint = Checkpoint.ParseBody(body);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Step("核对签名检查点", false, "", "检查点文本无法解析：" + e.Message);
            return Done();
        }

        if (verifierKeys is { Count: > 0 })
        {
            var verification = SignedNote.Verify(checkpointNote, [.. verifierKeys]);
            if (!Step("核对检查点签名", verification.IsValid,
                    $"检查点由 {string.Join("、", verification.VerifiedBy)} 签名，签名有效。",
                    "检查点签名无效：" + verification.Error))
            {
                return Done();
            }
        }
        else
        {
            Step("核对检查点签名", true, "未提供公钥，未核对检查点签名；可用门户“记录日志”页公布的公钥再核对一次（--key）。", "");
        }

        var included = MerkleVerifier.VerifyInclusion(ledgerIndex, checkpoint.Size, MerkleHash.Leaf(entry), proof, checkpoint.RootHash);
        if (!Step("核对承诺先于检查点", included && ledgerIndex < checkpoint.Size,
                $"承诺记录（第 {ledgerIndex} 条）包含在共 {checkpoint.Size} 条记录的检查点中：检查点根值是在承诺公布之后才确定的。",
                $"承诺记录（第 {ledgerIndex} 条）不能证明包含在检查点（共 {checkpoint.Size} 条）中：无法确认承诺先于抽取所用的公开值。"))
        {
            return Done();
        }

        IReadOnlyList<DrawnTarget> recomputed;
        try
        {
            recomputed = RandomDraw.Run(lists, DrawChance.Key(seed, checkpoint.RootHash, Convert.FromHexString(listsDigest)));
        }
        catch (DrawRefusedException e)
        {
            Step("重新计算抽取结果", false, "", "按文件中的名单无法抽取：" + string.Join(" ", e.Reasons));
            return Done();
        }

        var same = RandomDraw.SameResult(recomputed, published);
        string Difference()
        {
            if (recomputed.Count != published.Count)
            {
                return $"重新计算抽中 {recomputed.Count} 户，公布的结果为 {published.Count} 户：结果与输入不符。";
            }

            var i = Enumerable.Range(0, recomputed.Count).First(k => !RandomDraw.SameResult([recomputed[k]], [published[k]]));
            return recomputed[i].CreditCode == published[i].CreditCode
                ? $"第 {i + 1} 个抽中的对象（{published[i].CreditCode}）重新计算得出的检查人员与公布的不同：结果与输入不符。"
                : $"重新计算的第 {i + 1} 个抽中对象是 {recomputed[i].CreditCode}，公布的是 {published[i].CreditCode}：结果与输入不符。";
        }

        Step("重新计算抽取结果", same,
            $"用种子、检查点根值和名单重新计算，抽中的 {recomputed.Count} 户对象及其检查人员与公布的结果完全一致。",
            same ? "" : Difference());
        return Done();
    }
}
