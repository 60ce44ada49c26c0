using System.Buffers;
using System.Globalization;

namespace Sanxiang.Core.Validation;

/// <summary>
/// 统一社会信用代码, GB 32100-2015: 18 characters from 0-9 and the upper-case letters except I, O, Z, S, V.
/// Position 1 is the registration-management department, 2 the organisation category, 3-8 the administrative division
/// (6 digits), 9-17 the subject identifier (the organisation code), 18 the check character.
/// </summary>
/// <remarks>
/// Surrounding whitespace is ignored. Lower-case letters are rejected with a reason rather than silently upper-cased:
/// the code is printed in upper case on every licence, and <see cref="CheckResult"/> does not carry a normalised value,
/// so accepting "91350100m..." would let a lower-case copy into the database. Callers that want to be lenient upper-case
/// the input first.
/// The organisation category (position 2) is checked only for the departments whose categories GB 32100-2015 fixes
/// beyond doubt: 1 机构编制 (1, 2, 3, 9), 5 民政 (1, 2, 3, 9), 9 工商 (1, 2, 3). For the other departments any code
/// character is accepted. The check digit of the embedded organisation code (GB 11714) is not checked, because codes
/// assigned since 2015 to bodies without an organisation code do not all follow it.
/// </remarks>
public static class UnifiedSocialCreditCode
{
    /// <summary>The 31 code characters; a character's value is its index.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = ComputeWeights();

    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    private static readonly Dictionary<char, string> Departments = new()
    {
        ['1'] = "机构编制",
        ['2'] = "外交",
        ['3'] = "司法行政",
        ['4'] = "文化",
        ['5'] = "民政",
        ['6'] = "旅游",
        ['7'] = "宗教",
        ['8'] = "工会",
        ['9'] = "工商（市场监管）",
        ['A'] = "中央军委改革和编制办公室",
        ['N'] = "农业",
        ['Y'] = "其他",
    };

    private static readonly Dictionary<char, string> CertainCategories = new()
    {
        ['1'] = "1（机关）、2（事业单位）、3（中央编办直接管理机构编制的群众团体）、9（其他）",
        ['5'] = "1（社会团体）、2（民办非企业单位）、3（基金会）、9（其他）",
        ['9'] = "1（企业）、2（个体工商户）、3（农民专业合作社）",
    };

    /// <summary>Checks a code; see the type's remarks for what is checked.</summary>
    public static CheckResult Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return CheckResult.Invalid("统一社会信用代码为空。");
        }

        var text = code.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                return CheckResult.Invalid(Invariant($"第 {position} 位是空白字符；统一社会信用代码中间不能有空格。"));
            }

            if (AlphabetValues.Contains(c))
            {
                continue;
            }

            if (c is >= 'a' and <= 'z')
            {
                return CheckResult.Invalid(Invariant($"第 {position} 位“{c}”是小写字母；统一社会信用代码只用大写字母，请改为“{char.ToUpperInvariant(c)}”。"));
            }

            if (c is 'I' or 'O' or 'Z' or 'S' or 'V')
            {
                return CheckResult.Invalid(Invariant($"第 {position} 位“{c}”不是代码字符：统一社会信用代码不使用字母 I、O、Z、S、V（可能把数字 1、0、2、5 或字母 U 看错了）。"));
            }

            return CheckResult.Invalid(Invariant($"第 {position} 位“{c}”不是代码字符：只能是数字 0-9 或大写字母（不含 I、O、Z、S、V）。"));
        }

        if (text.Length != 18)
        {
            return CheckResult.Invalid(Invariant($"长度为 {text.Length} 位；统一社会信用代码应为 18 位。"));
        }

        var department = text[0];
        if (!Departments.TryGetValue(department, out var departmentName))
        {
            return CheckResult.Invalid(Invariant($"第 1 位（登记管理部门码）“{department}”无效：应为 1-9、A、N 或 Y。"));
        }

        var category = text[1];
        if (CertainCategories.TryGetValue(department, out var allowed) && !allowed.Contains(category + "（", StringComparison.Ordinal))
        {
            return CheckResult.Invalid(Invariant($"第 2 位（机构类别码）“{category}”与第 1 位登记管理部门“{department}”（{departmentName}）不符：应为 {allowed}。"));
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return CheckResult.Invalid(Invariant($"第 {i + 1} 位“{text[i]}”不是数字：第 3-8 位是登记管理机关的行政区划码，必须是 6 位数字。"));
            }
        }

        var expected = CheckCharacter(text.AsSpan(0, 17));
        if (text[17] != expected)
        {
            return CheckResult.Invalid(Invariant($"第 18 位校验码“{text[17]}”错误：按前 17 位计算应为“{expected}”。请核对代码是否抄错。"));
        }

        return CheckResult.Valid;
    }

    /// <summary>The check character (position 18) for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">Not 17 code characters.</exception>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new ArgumentException(Invariant($"计算校验码需要前 17 位，实际为 {first17.Length} 位。"), nameof(first17));
        }

        var bad = first17.AsSpan().IndexOfAnyExcept(AlphabetValues);
        if (bad >= 0)
        {
            throw new ArgumentException(Invariant($"第 {bad + 1} 位“{first17[bad]}”不是统一社会信用代码字符。"), nameof(first17));
        }

        return CheckCharacter(first17);
    }

    private static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    private static int[] ComputeWeights()
    {
        var weights = new int[17];
        var w = 1;
        for (var i = 0; i < 17; i++)
        {
            weights[i] = w;
            w = w * 3 % 31;
        }

        return weights;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
