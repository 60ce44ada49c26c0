using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Supervision.Evaluation;

/// <summary>An agency's closed case files in the period, by case number (the frozen list the sample is drawn from).</summary>
public sealed record EvaluationPool(string Agency, IReadOnlyList<string> Cases);

/// <summary>An evaluator named for the evaluation, with the agency they work in (cross-evaluation: never their own agency's files).</summary>
public sealed record EvaluationEvaluatorEntry(string Agency, string Account);

/// <summary>One drawn file and who evaluates it.</summary>
public sealed record DrawnFile(int Order, string Agency, string Case, string Evaluator);

/// <summary>The draw's frozen inputs: the pools, the sample size per agency and the evaluators, each in ordinal order.</summary>
public sealed record EvaluationLists(string Evaluation, DateOnly From, DateOnly To, int PerAgency, IReadOnlyList<EvaluationPool> Pools,
    IReadOnlyList<EvaluationEvaluatorEntry> Evaluators)
{
    public JsonObject ToJson() => new()
    {
        ["evaluation"] = Evaluation,
        ["from"] = From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["perAgency"] = PerAgency,
        ["pools"] = new JsonArray([.. Pools.Select(p => (JsonNode)new JsonObject { ["agency"] = p.Agency, ["cases"] = new JsonArray([.. p.Cases.Select(c => (JsonNode)c)]) })]),
        ["evaluators"] = new JsonArray([.. Evaluators.Select(e => (JsonNode)new JsonObject { ["agency"] = e.Agency, ["account"] = e.Account })]),
    };

    public static EvaluationLists FromJson(JsonObject json) => new(
        (string)json["evaluation"]!,
        DateOnly.ParseExact((string)json["from"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact((string)json["to"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        (int)json["perAgency"]!,
        [.. json["pools"]!.AsArray().Select(p => new EvaluationPool((string)p!["agency"]!, [.. p["cases"]!.AsArray().Select(c => (string)c!)]))],
        [.. json["evaluators"]!.AsArray().Select(e => new EvaluationEvaluatorEntry((string)e!["agency"]!, (string)e["account"]!))]);

    /// <summary>SHA-256 of the RFC 8785 canonical JSON: the digest published with the commitment.</summary>
    public byte[] Sha256() => SHA256.HashData(CanonicalJson.Serialize(ToJson()));

    /// <summary>Pools and evaluators sorted as the draw needs them (ordinal), empty pools left out.</summary>
    public static EvaluationLists Create(string evaluation, DateOnly from, DateOnly to, int perAgency, IEnumerable<EvaluationPool> pools,
        IEnumerable<EvaluationEvaluatorEntry> evaluators) => new(evaluation, from, to, perAgency,
        [.. pools.Where(p => p.Cases.Count > 0).Select(p => p with { Cases = [.. p.Cases.Order(StringComparer.Ordinal)] }).OrderBy(p => p.Agency, StringComparer.Ordinal)],
        [.. evaluators.DistinctBy(e => e.Account).OrderBy(e => e.Agency, StringComparer.Ordinal).ThenBy(e => e.Account, StringComparer.Ordinal)]);
}

/// <summary>
/// 案卷评查抽样 (docs/case-file-evaluation.md): the 双随机 draw's commit-reveal (decision 0016) over frozen lists of closed
/// case files. Per agency in code order, <c>min(n, PerAgency)</c> files are picked uniformly without replacement by a
/// partial Fisher–Yates shuffle driven by the stream <c>evaluation/{agency}</c> of <see cref="DrawChance"/>; then, file by
/// file in draw order, the evaluator is a random pick (stream <c>evaluators</c>) among those of another agency with the
/// fewest files so far. Anyone with the seed, the checkpoint root and the lists re-runs it and gets the same files.
/// </summary>
public static class EvaluationDraw
{
    public const int MaxPerAgency = 50;

    /// <summary>Why the lists cannot be drawn (Chinese), or nothing.</summary>
    public static IReadOnlyList<string> Check(EvaluationLists lists)
    {
        var problems = new List<string>();
        if (lists.PerAgency is < 1 or > MaxPerAgency)
        {
            problems.Add($"每个机关抽取的案卷数应在 1 至 {MaxPerAgency} 件之间。");
        }

        if (lists.Pools.Count == 0)
        {
            problems.Add($"{lists.From:yyyy年M月d日}至{lists.To:yyyy年M月d日}期间没有已归档结案的案卷，无从抽取。");
        }

        if (lists.Evaluators.Count == 0)
        {
            problems.Add("尚未指定评查人员。");
        }

        foreach (var pool in lists.Pools.Where(p => lists.Evaluators.All(e => e.Agency == p.Agency)))
        {
            problems.Add($"{pool.Agency} 的案卷只能由其他机关的评查人员评查（交叉评查），但指定的评查人员都来自 {pool.Agency}：请增加其他机关或县司法局的评查人员。");
        }

        return problems;
    }

    /// <exception cref="InvalidOperationException">The lists fail <see cref="Check"/>.</exception>
    public static IReadOnlyList<DrawnFile> Run(EvaluationLists lists, byte[] key)
    {
        if (Check(lists) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var picked = new List<(string Agency, string Case)>();
        foreach (var pool in lists.Pools)
        {
            var stream = new DrawChance(key, "evaluation/" + pool.Agency);
            var cases = pool.Cases.ToArray();
            var take = Math.Min(cases.Length, lists.PerAgency);
            for (var i = 0; i < take; i++)
            {
                var j = i + (int)stream.Below((ulong)(cases.Length - i));
                (cases[i], cases[j]) = (cases[j], cases[i]);
                picked.Add((pool.Agency, cases[i]));
            }
        }

        var evaluators = new DrawChance(key, "evaluators");
        var load = lists.Evaluators.ToDictionary(e => e.Account, _ => 0, StringComparer.Ordinal);
        var drawn = new List<DrawnFile>(picked.Count);
        foreach (var (agency, @case) in picked)
        {
            var eligible = lists.Evaluators.Where(e => e.Agency != agency).ToList();
            var least = eligible.Min(e => load[e.Account]);
            var tied = eligible.Where(e => load[e.Account] == least).ToList();
            var choice = tied[(int)evaluators.Below((ulong)tied.Count)];
            load[choice.Account]++;
            drawn.Add(new DrawnFile(drawn.Count + 1, agency, @case, choice.Account));
        }

        return drawn;
    }

    public static JsonArray ResultJson(IReadOnlyList<DrawnFile> files) =>
        [.. files.Select(f => (JsonNode)new JsonObject { ["order"] = f.Order, ["agency"] = f.Agency, ["case"] = f.Case, ["evaluator"] = f.Evaluator })];

    /// <summary>
    /// Re-runs a draw from its published parts: the seed must hash to the commitment and the lists to their digest; then the
    /// key is derived as for the 双随机 draw and the result compared. Returns the Chinese reasons it does not match.
    /// </summary>
    public static IReadOnlyList<string> Verify(JsonObject export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var problems = new List<string>();
        var seed = Convert.FromHexString((string)export["seed"]!);
        var root = Convert.FromBase64String((string)export["checkpoint"]!["root"]!);
        var lists = EvaluationLists.FromJson(export["lists"]!.AsObject());
        var digest = lists.Sha256();
        if (DrawExport.Commitment(seed) != (string?)export["commitment"])
        {
            problems.Add("种子的 SHA-256 与公布的承诺值不一致。");
        }

        if (Convert.ToHexStringLower(digest) != (string?)export["listsSha256"])
        {
            problems.Add("冻结名单的摘要与公布的摘要不一致。");
        }

        if ((string?)export["checkpoint"]!["note"] is { } note)
        {
            var end = note.IndexOf("\n\n", StringComparison.Ordinal);
            try
            {
                var checkpoint = Checkpoint.ParseBody(end < 0 ? note : note[..(end + 1)]);
                if (!checkpoint.RootHash.AsSpan().SequenceEqual(root) || (long?)export["checkpoint"]!["size"] is { } size && size != checkpoint.Size)
                {
                    problems.Add("检查点的根哈希或树大小与签名的检查点正文不一致。");
                }
            }
            catch (FormatException e)
            {
                problems.Add("检查点无法读取：" + e.Message);
            }
        }

        if (problems.Count > 0 || seed.Length != 32 || root.Length != 32)
        {
            return problems.Count > 0 ? problems : ["种子或检查点根哈希长度不正确。"];
        }

        var again = ResultJson(Run(lists, DrawChance.Key(seed, root, digest)));
        if (!JsonNode.DeepEquals(again, export["result"]))
        {
            problems.Add("按公布的种子、检查点和名单重新抽取，结果与公布的抽取结果不一致。");
        }

        return problems;
    }
}
