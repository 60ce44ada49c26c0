using System.Security.Cryptography;
using Sanxiang.Core.Inspection;

namespace Sanxiang.Core.Tests.Inspection;

/// <summary>The draw of docs/random-draw.md: deterministic, weighted as specified, honouring recusals and balancing workload.</summary>
public sealed class RandomDrawTests
{
    private static readonly byte[] Root = SHA256.HashData("checkpoint root"u8);

    private static IReadOnlyList<DrawnTarget> Run(DrawLists lists, int seed) => RandomDraw.Run(lists, DrawChance.Key(DrawTestData.Seed(seed), Root, lists.Sha256()));

    [Fact]
    public void The_same_inputs_give_the_same_draw_and_any_input_changes_it()
    {
        var lists = DrawTestData.Lists();
        var first = Run(lists, 1);
        Assert.True(RandomDraw.SameResult(first, Run(DrawTestData.Lists(), 1)));
        Assert.Equal(10, first.Count);
        Assert.Equal(10, first.Select(t => t.CreditCode).Distinct().Count());
        Assert.False(RandomDraw.SameResult(first, Run(lists, 2)));

        var otherRoot = RandomDraw.Run(lists, DrawChance.Key(DrawTestData.Seed(1), SHA256.HashData("another root"u8), lists.Sha256()));
        Assert.False(RandomDraw.SameResult(first, otherRoot));
    }

    [Fact]
    public void The_stream_is_the_documented_hmac_sha256_blocks()
    {
        // docs/random-draw.md §3: block 0 of stream "targets" is HMAC-SHA-256(K, "targets/0"), read as big-endian 64-bit numbers.
        var key = DrawChance.Key(new byte[32], new byte[32], new byte[32]);
        var block = HMACSHA256.HashData(key, "targets/0"u8);
        var chance = new DrawChance(key, "targets");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(block.AsSpan(8 * i)), chance.NextUInt64());
        }

        var next = HMACSHA256.HashData(key, "targets/1"u8);
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(next), chance.NextUInt64());
        Assert.Equal(
            SHA256.HashData([.. "sanxiang/draw/v1"u8, .. new byte[96]]),
            key);
    }

    [Fact]
    public void Single_draws_come_up_in_proportion_to_the_weights()
    {
        // Six candidates of grades A, B, C, D, D, A (weights 1, 2, 3, 4, 4, 1): one target each time, 14,000 seeds.
        string[] grades = ["A", "B", "C", "D", "D", "A"];
        var lists = DrawTestData.Lists(candidates: 6, count: 1, grade: i => grades[i - 1]);
        var counts = new Dictionary<string, int>();
        const int trials = 14_000;
        for (var s = 0; s < trials; s++)
        {
            var code = Run(lists, s)[0].CreditCode;
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        var total = lists.Candidates.Sum(c => lists.Rules.WeightOf(c.Grade));
        var chiSquare = lists.Candidates.Sum(c =>
        {
            var expected = trials * (double)lists.Rules.WeightOf(c.Grade) / total;
            return Math.Pow(counts.GetValueOrDefault(c.CreditCode) - expected, 2) / expected;
        });
        // 5 degrees of freedom: 20.52 is the 0.1% critical value. The seeds are fixed, so the figure is too.
        Assert.True(chiSquare < 20.52, $"χ² = {chiSquare:F2}");
        Assert.True(counts[DrawTestData.Code(4)] > 3 * counts[DrawTestData.Code(1)], "a D-class target is drawn about four times as often as an A-class one");
    }

    [Fact]
    public void Ordered_pairs_without_replacement_come_up_as_successive_sampling_says()
    {
        // Five candidates, two drawn: the ordered pair (i, j) has probability w_i / W × w_j / (W − w_i).
        string[] grades = ["A", "B", "C", "D", "B"];
        var lists = DrawTestData.Lists(candidates: 5, count: 2, grade: i => grades[i - 1]);
        var w = lists.Candidates.Select(c => (double)lists.Rules.WeightOf(c.Grade)).ToArray();
        var total = w.Sum();
        var index = lists.Candidates.Select((c, i) => (c.CreditCode, i)).ToDictionary(x => x.CreditCode, x => x.i);
        var counts = new int[5, 5];
        const int trials = 20_000;
        for (var s = 0; s < trials; s++)
        {
            var drawn = Run(lists, s);
            Assert.NotEqual(drawn[0].CreditCode, drawn[1].CreditCode);
            counts[index[drawn[0].CreditCode], index[drawn[1].CreditCode]]++;
        }

        var chiSquare = 0.0;
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                if (i != j)
                {
                    var expected = trials * w[i] / total * w[j] / (total - w[i]);
                    chiSquare += Math.Pow(counts[i, j] - expected, 2) / expected;
                }
            }
        }

        // 20 ordered pairs, 19 degrees of freedom: 43.82 is the 0.1% critical value.
        Assert.True(chiSquare < 43.82, $"χ² = {chiSquare:F2}");
    }

    [Fact]
    public void A_ratio_is_rounded_up_and_a_count_is_taken_as_given()
    {
        Assert.Equal(3, DrawTestData.Lists(candidates: 60, count: null, ratio: 5).Rules.SampleSize(60));
        Assert.Equal(4, DrawTestData.Lists(candidates: 61, count: null, ratio: 5).Rules.SampleSize(61));
        Assert.Equal(4, Run(DrawTestData.Lists(candidates: 61, count: null, ratio: 5), 3).Count);
        Assert.Equal(61, Run(DrawTestData.Lists(candidates: 61, count: null, ratio: 100), 3).Count);
    }

    [Fact]
    public void Each_target_gets_two_distinct_inspectors_and_workload_is_balanced()
    {
        var lists = DrawTestData.Lists(candidates: 60, inspectors: 6, count: 30, excludeLast: false);
        var drawn = Run(lists, 5);
        Assert.All(drawn, t => Assert.Equal(2, t.Teams.Single().Certificates.Distinct().Count()));
        var load = drawn.SelectMany(t => t.Teams.Single().Certificates).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, load.Count);
        Assert.Equal(10, load.Values.Min());
        Assert.Equal(10, load.Values.Max());
    }

    [Fact]
    public void Recused_and_last_time_inspectors_are_never_sent_to_that_target()
    {
        var baseLists = DrawTestData.Lists(candidates: 20, inspectors: 4, count: 20);
        var inspector = baseLists.Inspectors[0].Certificate;
        var recusals = Enumerable.Range(1, 20).Where(i => i % 2 == 0).Select(i => new DrawRecusal(inspector, DrawTestData.Code(i))).ToList();
        var lists = DrawTestData.Lists(candidates: 20, inspectors: 4, count: 20, recusals: recusals);
        var lastTime = lists.Candidates.Where(c => c.LastInspectors.Count > 0).ToList();
        for (var s = 0; s < 50; s++)
        {
            foreach (var t in Run(lists, s))
            {
                var team = t.Teams.Single().Certificates;
                Assert.DoesNotContain(team, c => recusals.Contains(new DrawRecusal(c, t.CreditCode)));
                Assert.DoesNotContain(team, c => lastTime.Any(l => l.CreditCode == t.CreditCode && l.LastInspectors.Contains(c)));
            }
        }
    }

    [Fact]
    public void A_joint_plan_sends_a_team_of_each_agency_to_each_target()
    {
        var lists = DrawTestData.Lists(agencies: ["SCJG", "YJGL"], count: 8, excludeLast: false);
        var drawn = Run(lists, 9);
        var agencyOf = lists.Inspectors.ToDictionary(i => i.Certificate, i => i.Agency);
        Assert.All(drawn, t =>
        {
            Assert.Equal(["SCJG", "YJGL"], t.Teams.Select(x => x.Agency));
            Assert.All(t.Teams, team => Assert.All(team.Certificates, c => Assert.Equal(team.Agency, agencyOf[c])));
        });
    }

    [Fact]
    public void Too_few_eligible_inspectors_refuse_the_draw_and_say_how_many_are_missing()
    {
        var lists = DrawTestData.Lists(candidates: 12, inspectors: 3, count: 12, excludeLast: false);
        var target = lists.Candidates[4].CreditCode;
        var recused = DrawTestData.Lists(candidates: 12, inspectors: 3, count: 12, excludeLast: false,
            recusals: [.. lists.Inspectors.Take(2).Select(i => new DrawRecusal(i.Certificate, target))]);
        var refused = Assert.Throws<DrawRefusedException>(() => Run(recused, 1));
        var reason = Assert.Single(refused.Reasons);
        Assert.Contains(target, reason, StringComparison.Ordinal);
        Assert.Contains("只有 1 名", reason, StringComparison.Ordinal);
        Assert.Contains("还差 1 名", reason, StringComparison.Ordinal);

        var tooFew = Assert.Throws<DrawRefusedException>(() => Run(DrawTestData.Lists(inspectors: 1, perTarget: 3), 1));
        Assert.Contains("只有 1 名持证人员，每个对象需要 3 名，还差 2 名", tooFew.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 120, 2, "抽查比例应在 1% 到 100% 之间（收到 120%）")]
    [InlineData(null, 0, 2, "抽查比例应在 1% 到 100% 之间（收到 0%）")]
    [InlineData(70, null, 2, "抽查数量 70 户超过名录中符合条件的对象 60 户")]
    [InlineData(5, 5, 2, "抽查比例和抽查数量应当填写且只填写其中一项")]
    [InlineData(5, null, 1, "应当选派两名以上检查人员")]
    public void Bad_plans_are_refused_with_the_rule(int? count, int? ratio, int perTarget, string expected)
    {
        var refused = Assert.Throws<DrawRefusedException>(() => Run(DrawTestData.Lists(count: count, ratio: ratio, perTarget: perTarget), 1));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_target_list_is_refused()
    {
        var refused = Assert.Throws<DrawRefusedException>(() => Run(DrawTestData.Lists(candidates: 0), 1));
        Assert.Contains("检查对象名录中没有符合本计划筛选条件的对象", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_out_of_their_canonical_order_are_refused()
    {
        var lists = DrawTestData.Lists();
        var shuffled = lists with { Candidates = [.. lists.Candidates.Reverse()] };
        Assert.Throws<DrawRefusedException>(() => Run(shuffled, 1));
    }
}
