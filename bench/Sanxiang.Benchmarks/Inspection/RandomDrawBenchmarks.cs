using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sanxiang.Core.Inspection;

namespace Sanxiang.Benchmarks.Inspection;

/// <summary>
/// The 双随机 draw (docs/random-draw.md) over a county directory and a provincial one: the whole draw (list digest, key,
/// weighted targets, inspectors) and the verification a member of the public runs on the export.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RandomDrawBenchmarks
{
    /// <summary>Candidates in the frozen list; the plan draws 5 % of them, two of 60 inspectors each.</summary>
    [Params(1_000, 20_000, 200_000)]
    public int Candidates { get; set; } = 1_000;

    private DrawLists _lists = null!;
    private byte[] _seed = null!;
    private byte[] _root = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lists = new DrawLists("安市监抽〔2026〕1号", "基准", [new DrawItem("SCJG", "360736-SCJG-JC-001", "对餐饮服务提供者的监督检查")],
            new DrawRules(null, 5, 2, InspectionGrades.DefaultWeights, true, true),
            [.. Enumerable.Range(0, Candidates).Select(i => new DrawCandidate($"92360736MA{i:D7}X", $"第{i}号店", InspectionGrades.All[i % 4],
                i % 3 == 0 ? ["36073601" + (i % 60).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)] : [], null))],
            [.. Enumerable.Range(0, 60).Select(i => new DrawInspector("SCJG", "36073601" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), $"检查员{i}"))],
            []).Sorted();
        _seed = SHA256.HashData(Encoding.UTF8.GetBytes("seed"));
        _root = SHA256.HashData(Encoding.UTF8.GetBytes("root"));
    }

    [Benchmark]
    public int Draw() => RandomDraw.Run(_lists, DrawChance.Key(_seed, _root, _lists.Sha256())).Count;

    [Benchmark]
    public int ListDigestOnly() => _lists.Sha256().Length;
}
