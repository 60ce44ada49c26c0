namespace Sanxiang.Core.Inspection;

/// <summary>
/// 信用风险分类: the four grades of the market-regulation credit-risk classification (A 信用风险低, B 一般, C 较高, D 高),
/// and the default weights of a draw (trustworthy targets less often, problem-prone ones more: PLT-2).
/// </summary>
public static class InspectionGrades
{
    public static readonly IReadOnlyList<string> All = ["A", "B", "C", "D"];

    /// <summary>Default draw weights: a D-class target is four times as likely to be drawn (one at a time) as an A-class one.</summary>
    public static IReadOnlyDictionary<string, int> DefaultWeights { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["A"] = 1, ["B"] = 2, ["C"] = 3, ["D"] = 4,
    };

    public static string Chinese(string grade) => grade switch
    {
        "A" => "信用风险低（A类）",
        "B" => "信用风险一般（B类）",
        "C" => "信用风险较高（C类）",
        "D" => "信用风险高（D类）",
        _ => "等级“" + grade + "”",
    };

    public static string Describe(string grade) => All.Contains(grade) ? Chinese(grade) + "对象" : "等级“" + grade + "”的对象";

    /// <summary>Reads a grade as a person writes it: A/B/C/D, A类, 低, 一般, 较高, 高, or the full Chinese name.</summary>
    public static string? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "A" or "A类" or "低" or "信用风险低" or "信用风险低（A类）" => "A",
        "B" or "B类" or "一般" or "信用风险一般" or "信用风险一般（B类）" => "B",
        "C" or "C类" or "较高" or "信用风险较高" or "信用风险较高（C类）" => "C",
        "D" or "D类" or "高" or "信用风险高" or "信用风险高（D类）" => "D",
        _ => null,
    };
}
