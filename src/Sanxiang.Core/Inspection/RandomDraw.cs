using System.Text.Json.Nodes;

namespace Sanxiang.Core.Inspection;

/// <summary>The inspectors one agency sends to one drawn target (at least two: 《行政处罚法》第四十二条).</summary>
public sealed record DrawnTeam(string Agency, IReadOnlyList<string> Certificates);

/// <summary>A drawn target, in the order it was drawn (1-based), with a team of each participating agency.</summary>
public sealed record DrawnTarget(int Order, string CreditCode, IReadOnlyList<DrawnTeam> Teams);

/// <summary>The draw refused: nothing is drawn. Each reason is a Chinese sentence naming the rule and what to do.</summary>
public sealed class DrawRefusedException(IReadOnlyList<string> reasons) : Exception(string.Join(" ", reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// 双随机抽取 (PLT-2), exactly as docs/random-draw.md specifies it: a deterministic function of the frozen lists and the draw
/// key. Targets: successive weighted draws without replacement over the candidates in credit-code order (each step picks a
/// remaining candidate with probability weight ÷ remaining total, by an exact integer draw from the stream "targets").
/// Inspectors: for each drawn target in draw order and each participating agency in code order, the required number of
/// the agency's eligible inspectors (no recusal, not last time's inspector if the plan says so), each chosen among those
/// with the fewest assignments so far in this draw, ties broken by an equal-chance draw from the stream "inspectors" over
/// the tied inspectors in certificate order.
/// </summary>
public static class RandomDraw
{
    public const int MaxWeight = 1000;
    public const int MaxCandidates = 200_000;

    /// <summary>What is wrong with the lists before any draw (the same checks run when a plan is committed): empty when fine.</summary>
    public static IReadOnlyList<string> Check(DrawLists lists)
    {
        var problems = new List<string>();
        var rules = lists.Rules;
        if (rules.Count is null == rules.RatioPercent is null)
        {
            problems.Add("抽查比例和抽查数量应当填写且只填写其中一项。");
        }

        if (rules.RatioPercent is { } ratio && ratio is < 1 or > 100)
        {
            problems.Add($"抽查比例应在 1% 到 100% 之间（收到 {ratio}%）。");
        }

        if (rules.Count is { } count && count < 1)
        {
            problems.Add($"抽查数量应至少为 1 户（收到 {count}）。");
        }

        if (rules.InspectorsPerTarget < 2)
        {
            problems.Add($"每个检查对象应当选派两名以上检查人员（《行政处罚法》第四十二条），收到 {rules.InspectorsPerTarget} 名。");
        }

        if (lists.Items.Count == 0)
        {
            problems.Add("抽查计划应当至少包含一个随机抽查事项。");
        }

        foreach (var (grade, weight) in rules.Weights)
        {
            if (weight is < 1 or > MaxWeight)
            {
                problems.Add($"{InspectionGrades.Describe(grade)}的权重应在 1 到 {MaxWeight} 之间（收到 {weight}）。");
            }
        }

        if (lists.Candidates.Count == 0)
        {
            problems.Add("检查对象名录中没有符合本计划筛选条件的对象，无法抽取。");
        }
        else if (lists.Candidates.Count > MaxCandidates)
        {
            problems.Add($"检查对象超过 {MaxCandidates} 户，请按区域或行业拆分计划。");
        }
        else if (rules.SampleSize(lists.Candidates.Count) > lists.Candidates.Count)
        {
            problems.Add($"抽查数量 {rules.SampleSize(lists.Candidates.Count)} 户超过名录中符合条件的对象 {lists.Candidates.Count} 户。");
        }

        foreach (var g in lists.Candidates.Where(c => rules.WeightOf(c.Grade) < 1).Select(c => c.Grade).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"检查对象中有{InspectionGrades.Describe(g)}，但计划没有为该等级设定权重。");
        }

        foreach (var code in lists.Candidates.GroupBy(c => c.CreditCode, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5))
        {
            problems.Add($"统一社会信用代码 {code} 在检查对象名单中重复出现。");
        }

        foreach (var cert in lists.Inspectors.GroupBy(i => i.Certificate, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5))
        {
            problems.Add($"执法证件编号 {cert} 在检查人员名单中重复出现。");
        }

        foreach (var agency in lists.Agencies)
        {
            var have = lists.Inspectors.Count(i => i.Agency == agency);
            if (have < rules.InspectorsPerTarget)
            {
                problems.Add($"{agency} 的检查人员名录中只有 {have} 名持证人员，每个对象需要 {rules.InspectorsPerTarget} 名，还差 {rules.InspectorsPerTarget - have} 名。");
            }
        }

        return problems;
    }

    /// <exception cref="DrawRefusedException">The lists fail <see cref="Check"/>, or a drawn target lacks eligible inspectors.</exception>
    public static IReadOnlyList<DrawnTarget> Run(DrawLists lists, byte[] key)
    {
        var problems = Check(lists);
        if (problems.Count > 0)
        {
            throw new DrawRefusedException(problems);
        }

        var candidates = lists.Candidates;
        if (!candidates.Zip(candidates.Skip(1)).All(p => string.CompareOrdinal(p.First.CreditCode, p.Second.CreditCode) < 0)
            || !lists.Inspectors.Zip(lists.Inspectors.Skip(1)).All(p => string.CompareOrdinal(p.First.Agency + "\n" + p.First.Certificate, p.Second.Agency + "\n" + p.Second.Certificate) < 0))
        {
            throw new DrawRefusedException(["名单未按规定顺序排列（检查对象按统一社会信用代码、检查人员按机关和证件编号），与冻结时的名单不符。"]);
        }

        var picked = PickTargets(candidates, lists.Rules, new DrawChance(key, "targets"));
        return AssignInspectors(lists, picked, new DrawChance(key, "inspectors"));
    }

    /// <summary>Successive weighted sampling without replacement, exact in integers; a Fenwick tree keeps each step O(log n).</summary>
    private static List<DrawCandidate> PickTargets(IReadOnlyList<DrawCandidate> candidates, DrawRules rules, DrawChance stream)
    {
        var n = candidates.Count;
        var tree = new long[n + 1];
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            var w = rules.WeightOf(candidates[i].Grade);
            total += w;
            for (var j = i + 1; j <= n; j += j & -j)
            {
                tree[j] += w;
            }
        }

        var take = rules.SampleSize(n);
        var picked = new List<DrawCandidate>(take);
        var top = 1;
        while (top * 2 <= n)
        {
            top *= 2;
        }

        for (var r = 0; r < take; r++)
        {
            var x = (long)stream.Below((ulong)total);
            // The first position whose running total exceeds x: descend the tree.
            var pos = 0;
            for (var step = top; step > 0; step >>= 1)
            {
                if (pos + step <= n && tree[pos + step] <= x)
                {
                    pos += step;
                    x -= tree[pos];
                }
            }

            var chosen = pos; // zero-based index of the candidate
            picked.Add(candidates[chosen]);
            var weight = rules.WeightOf(candidates[chosen].Grade);
            total -= weight;
            for (var j = chosen + 1; j <= n; j += j & -j)
            {
                tree[j] -= weight;
            }
        }

        return picked;
    }

    private static List<DrawnTarget> AssignInspectors(DrawLists lists, List<DrawCandidate> picked, DrawChance stream)
    {
        var rules = lists.Rules;
        var recused = lists.Recusals.Select(r => (r.Certificate, r.CreditCode)).ToHashSet();
        var load = lists.Inspectors.ToDictionary(i => i.Certificate, _ => 0, StringComparer.Ordinal);
        var agencies = lists.Agencies;
        var byAgency = agencies.ToDictionary(a => a, a => lists.Inspectors.Where(i => i.Agency == a).ToList(), StringComparer.Ordinal);
        var shortfalls = new List<string>();
        var drawn = new List<DrawnTarget>(picked.Count);
        for (var order = 0; order < picked.Count; order++)
        {
            var target = picked[order];
            var teams = new List<DrawnTeam>();
            foreach (var agency in agencies)
            {
                if (rules.ExcludeAffiliatedAgency && target.AffiliatedAgency == agency)
                {
                    continue;
                }

                var eligible = byAgency[agency].Where(i => !recused.Contains((i.Certificate, target.CreditCode))
                    && !(rules.ExcludeLastInspectors && target.LastInspectors.Contains(i.Certificate, StringComparer.Ordinal))).ToList();
                if (eligible.Count < rules.InspectorsPerTarget)
                {
                    shortfalls.Add($"{target.Name}（{target.CreditCode}）可选派的 {agency} 检查人员只有 {eligible.Count} 名（已排除回避和上次检查过该对象的人员），还差 {rules.InspectorsPerTarget - eligible.Count} 名。");
                    continue;
                }

                var team = new List<string>(rules.InspectorsPerTarget);
                for (var k = 0; k < rules.InspectorsPerTarget; k++)
                {
                    var least = eligible.Min(i => load[i.Certificate]);
                    var tied = eligible.Where(i => load[i.Certificate] == least).ToList();
                    var choice = tied[(int)stream.Below((ulong)tied.Count)];
                    team.Add(choice.Certificate);
                    load[choice.Certificate]++;
                    eligible.Remove(choice);
                }

                teams.Add(new DrawnTeam(agency, team));
            }

            if (teams.Count == 0 && shortfalls.Count == 0)
            {
                shortfalls.Add($"{target.Name}（{target.CreditCode}）隶属于所有参加抽查的机关，没有可以派出检查人员的机关。");
            }

            drawn.Add(new DrawnTarget(order + 1, target.CreditCode, teams));
        }

        if (shortfalls.Count > 0)
        {
            throw new DrawRefusedException(shortfalls);
        }

        return drawn;
    }

    public static JsonObject ResultJson(IReadOnlyList<DrawnTarget> targets, DrawLists lists)
    {
        var names = lists.Candidates.ToDictionary(c => c.CreditCode, c => c.Name, StringComparer.Ordinal);
        var inspectors = lists.Inspectors.ToDictionary(i => i.Certificate, i => i.Name, StringComparer.Ordinal);
        return new JsonObject
        {
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject
            {
                ["order"] = t.Order,
                ["creditCode"] = t.CreditCode,
                ["name"] = names[t.CreditCode],
                ["teams"] = new JsonArray([.. t.Teams.Select(team => (JsonNode)new JsonObject
                {
                    ["agency"] = team.Agency,
                    ["inspectors"] = new JsonArray([.. team.Certificates.Select(c => (JsonNode)new JsonObject { ["certificate"] = c, ["name"] = inspectors[c] })]),
                })]),
            })]),
        };
    }

    /// <summary>The draw's targets and teams as a result object carries them (names are not compared: they follow from the lists).</summary>
    public static IReadOnlyList<DrawnTarget> ParseResult(JsonObject result) =>
    [
        .. DrawLists.Arr(result, "targets").Select(n => n is JsonObject t
            ? new DrawnTarget(DrawLists.Int(t["order"], "order"), DrawLists.Str(t, "creditCode"),
                [.. DrawLists.Arr(t, "teams").Select(m => m is JsonObject team
                    ? new DrawnTeam(DrawLists.Str(team, "agency"),
                        [.. DrawLists.Arr(team, "inspectors").Select(i => i is JsonObject x ? DrawLists.Str(x, "certificate") : throw DrawLists.Bad("inspectors"))])
                    : throw DrawLists.Bad("teams"))])
            : throw DrawLists.Bad("targets")),
    ];

    public static bool SameResult(IReadOnlyList<DrawnTarget> a, IReadOnlyList<DrawnTarget> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Order == p.Second.Order && p.First.CreditCode == p.Second.CreditCode
            && p.First.Teams.Count == p.Second.Teams.Count
            && p.First.Teams.Zip(p.Second.Teams).All(t => t.First.Agency == t.Second.Agency && t.First.Certificates.SequenceEqual(t.Second.Certificates)));
}
