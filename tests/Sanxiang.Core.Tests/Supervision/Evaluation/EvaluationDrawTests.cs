using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Supervision.Evaluation;

namespace Sanxiang.Core.Tests.Supervision.Evaluation;

public sealed class EvaluationDrawTests
{
    private static EvaluationLists Lists(int perAgency = 3) => EvaluationLists.Create("评查〔2026〕1号", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), perAgency,
        [
            new EvaluationPool("SCJG", [.. Enumerable.Range(1, 40).Select(i => $"安市监立〔2026〕{i}号")]),
            new EvaluationPool("ZHZF", ["安综执立〔2026〕2号", "安综执立〔2026〕1号"]),
            new EvaluationPool("YJGL", [.. Enumerable.Range(1, 9).Select(i => $"安应急立〔2026〕{i}号")]),
            new EvaluationPool("ZRZY", []),
        ],
        [new("SFJ", "b"), new("SCJG", "a"), new("ZHZF", "c"), new("SCJG", "d")]);

    [Fact]
    public void The_same_seed_root_and_lists_give_the_same_files_and_a_different_seed_other_files()
    {
        var lists = Lists();
        var root = SHA256.HashData("checkpoint"u8);
        var seed = SHA256.HashData("seed"u8);
        var first = EvaluationDraw.Run(lists, DrawChance.Key(seed, root, lists.Sha256()));
        var again = EvaluationDraw.Run(EvaluationLists.FromJson(JsonNode.Parse(lists.ToJson().ToJsonString())!.AsObject()), DrawChance.Key(seed, root, lists.Sha256()));
        Assert.Equal(first, again);
        var other = EvaluationDraw.Run(lists, DrawChance.Key(SHA256.HashData("another"u8), root, lists.Sha256()));
        Assert.NotEqual(first.Select(f => f.Case), other.Select(f => f.Case));
    }

    [Fact]
    public void Each_agency_gives_min_of_its_files_and_the_size_distinct_files_of_its_own_pool()
    {
        var lists = Lists();
        var drawn = EvaluationDraw.Run(lists, DrawChance.Key(SHA256.HashData("s"u8), SHA256.HashData("r"u8), lists.Sha256()));
        Assert.Equal(3 + 2 + 3, drawn.Count);
        Assert.Equal(Enumerable.Range(1, drawn.Count), drawn.Select(d => d.Order));
        foreach (var pool in lists.Pools)
        {
            var mine = drawn.Where(d => d.Agency == pool.Agency).Select(d => d.Case).ToList();
            Assert.Equal(Math.Min(3, pool.Cases.Count), mine.Distinct().Count());
            Assert.All(mine, c => Assert.Contains(c, pool.Cases));
        }

        Assert.DoesNotContain(lists.Pools, p => p.Agency == "ZRZY");
    }

    [Fact]
    public void No_evaluator_scores_a_file_of_their_own_agency_and_the_load_is_balanced()
    {
        var lists = Lists(perAgency: 10);
        var accounts = lists.Evaluators.ToDictionary(e => e.Account, e => e.Agency);
        for (var s = 0; s < 20; s++)
        {
            var drawn = EvaluationDraw.Run(lists, DrawChance.Key(SHA256.HashData([(byte)s]), SHA256.HashData("r"u8), lists.Sha256()));
            Assert.All(drawn, d => Assert.NotEqual(d.Agency, accounts[d.Evaluator]));
            var load = drawn.GroupBy(d => d.Evaluator).Select(g => g.Count()).ToList();
            Assert.True(load.Max() - load.Min() <= 10, string.Join(",", load));
        }
    }

    [Fact]
    public void Every_file_is_drawn_about_equally_often()
    {
        var lists = EvaluationLists.Create("t", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), 2,
            [new EvaluationPool("A", ["1", "2", "3", "4", "5"])], [new("B", "x")]);
        var counts = new Dictionary<string, int>();
        const int runs = 5000;
        for (var s = 0; s < runs; s++)
        {
            foreach (var d in EvaluationDraw.Run(lists, DrawChance.Key(SHA256.HashData(BitConverter.GetBytes(s)), new byte[32], lists.Sha256())))
            {
                counts[d.Case] = counts.GetValueOrDefault(d.Case) + 1;
            }
        }

        // Each of 5 files is in a sample of 2 with probability 2/5: 2,000 of 5,000 runs, ±5 standard deviations (≈ 173).
        Assert.All(counts.Values, c => Assert.InRange(c, 2000 - 175, 2000 + 175));
    }

    [Fact]
    public void Lists_that_cannot_be_drawn_say_why()
    {
        var same = EvaluationLists.Create("t", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), 3,
            [new EvaluationPool("SCJG", ["1"])], [new("SCJG", "a")]);
        Assert.Contains(EvaluationDraw.Check(same), p => p.Contains("交叉评查", StringComparison.Ordinal));
        var empty = EvaluationLists.Create("t", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), 3, [], [new("SFJ", "a")]);
        Assert.Contains(EvaluationDraw.Check(empty), p => p.Contains("没有已归档结案的案卷", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_recomputes_the_draw_from_the_export_and_catches_a_changed_result_or_seed()
    {
        var lists = Lists();
        var seed = RandomNumberGenerator.GetBytes(32);
        var root = RandomNumberGenerator.GetBytes(32);
        var result = EvaluationDraw.ResultJson(EvaluationDraw.Run(lists, DrawChance.Key(seed, root, lists.Sha256())));
        JsonObject Export(byte[] s, JsonArray r) => new()
        {
            ["commitment"] = DrawExport.Commitment(seed),
            ["listsSha256"] = Convert.ToHexStringLower(lists.Sha256()),
            ["lists"] = lists.ToJson(),
            ["seed"] = Convert.ToHexStringLower(s),
            ["checkpoint"] = new JsonObject { ["root"] = Convert.ToBase64String(root) },
            ["result"] = r.DeepClone(),
        };
        Assert.Empty(EvaluationDraw.Verify(Export(seed, result)));

        var changed = (JsonArray)result.DeepClone();
        changed[0]!["case"] = "安市监立〔2026〕99号";
        Assert.Contains(EvaluationDraw.Verify(Export(seed, changed)), p => p.Contains("结果与公布的抽取结果不一致", StringComparison.Ordinal));
        Assert.Contains(EvaluationDraw.Verify(Export(RandomNumberGenerator.GetBytes(32), result)), p => p.Contains("承诺值不一致", StringComparison.Ordinal));
    }
}
