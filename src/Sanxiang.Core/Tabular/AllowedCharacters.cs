using System.Globalization;
using System.Text;

namespace Sanxiang.Core.Tabular;

/// <summary>The characters a text column accepts, with the Chinese description used in messages ("只能使用{描述}").</summary>
public sealed class AllowedCharacters
{
    private readonly Func<Rune, bool> _isAllowed;

    /// <param name="isAllowed">Whether a character (code point) is allowed.</param>
    /// <param name="description">Completes "只能使用……", e.g. "大写英文字母、数字和“-”".</param>
    public AllowedCharacters(Func<Rune, bool> isAllowed, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        _isAllowed = isAllowed;
        Description = description;
    }

    public string Description { get; }

    public bool IsAllowed(Rune character) => _isAllowed(character);

    /// <summary>Digits 0-9 and the listed extra characters.</summary>
    public static AllowedCharacters Digits(string extra = "") =>
        Build(r => r.IsAscii && char.IsAsciiDigit((char)r.Value), "数字", extra);

    /// <summary>Digits and upper-case A-Z (codes printed in capitals: credit codes, most certificate numbers).</summary>
    public static AllowedCharacters UpperCaseLettersAndDigits(string extra = "") =>
        Build(r => r.IsAscii && (char.IsAsciiDigit((char)r.Value) || char.IsAsciiLetterUpper((char)r.Value)), "大写英文字母、数字", extra);

    /// <summary>Digits and A-Z in either case.</summary>
    public static AllowedCharacters LettersAndDigits(string extra = "") =>
        Build(r => r.IsAscii && char.IsAsciiLetterOrDigit((char)r.Value), "英文字母、数字", extra);

    /// <summary>Chinese characters (CJK unified ideographs, all extensions), A-Z, a-z and digits.</summary>
    public static AllowedCharacters ChineseLettersAndDigits(string extra = "") =>
        Build(r => IsCjkIdeograph(r) || (r.IsAscii && char.IsAsciiLetterOrDigit((char)r.Value)), "汉字、英文字母、数字", extra);

    /// <summary>Whether the character is a CJK unified or compatibility ideograph (汉字), including the supplementary planes.</summary>
    public static bool IsCjkIdeograph(Rune r) => r.Value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x323AF);

    private static AllowedCharacters Build(Func<Rune, bool> core, string description, string extra)
    {
        if (extra.Length == 0)
        {
            return new AllowedCharacters(core, description);
        }

        var extras = extra.EnumerateRunes().ToHashSet();
        var quoted = string.Concat(extras.Select(r => "“" + r.ToString() + "”"));
        return new AllowedCharacters(r => core(r) || extras.Contains(r), description + "和" + quoted);
    }

    /// <summary>How a character is shown in a message: “#”, （空格）, or （U+0009，不可见字符）.</summary>
    internal static string Show(Rune r) => r.Value switch
    {
        0x20 => "（空格）",
        0x3000 => "（全角空格）",
        _ when Rune.IsControl(r) || Rune.IsWhiteSpace(r)
               || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
               => "（U+" + r.Value.ToString("X4", CultureInfo.InvariantCulture) + "，不可见字符）",
        _ => "“" + r.ToString() + "”",
    };
}
