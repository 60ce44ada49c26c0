using System.Globalization;
using System.Text.RegularExpressions;

namespace Sanxiang.Core.Documents;

/// <summary>
/// A document number (文书字号) as the provincial formats write it: agency prefix, kind abbreviation, the year in hexagonal
/// brackets 〔〕 (U+3014/U+3015, not 【】 or []), the sequence without leading zeros, 号: <c>安市监罚〔2026〕15号</c>.
/// </summary>
public static partial class DocumentNumber
{
    public const int MaxLength = 40;

    public static string Format(string agencyPrefix, DocumentKind kind, int year, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agencyPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{agencyPrefix.Trim()}{kind.Abbreviation()}〔{year}〕{sequence}号");
    }

    /// <summary>
    /// Normalises what a person typed: trims, turns the look-alike brackets people use ([] 【】 () （） 〔〕 ﹝﹞) into 〔〕.
    /// Returns null with a Chinese reason when the text cannot be a document number.
    /// </summary>
    public static string? Normalise(string? text, out string? problem)
    {
        problem = null;
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            problem = "请输入文书编号，例如“安市监罚〔2026〕15号”。";
            return null;
        }

        if (t.Length > MaxLength)
        {
            problem = $"文书编号过长（不超过 {MaxLength} 个字符）。";
            return null;
        }

        t = BracketOpen().Replace(t, "〔");
        t = BracketClose().Replace(t, "〕");
        if (!Shape().IsMatch(t))
        {
            problem = "文书编号格式不正确：应为“机关代字 + 文书类别 + 〔年份〕 + 序号 + 号”，例如“安市监罚〔2026〕15号”。";
            return null;
        }

        return t;
    }

    [GeneratedRegex(@"[\[【(（﹝]")]
    private static partial Regex BracketOpen();

    [GeneratedRegex(@"[\]】)）﹞]")]
    private static partial Regex BracketClose();

    [GeneratedRegex(@"^\S{1,30}〔\d{4}〕[1-9]\d{0,6}号$")]
    private static partial Regex Shape();
}
