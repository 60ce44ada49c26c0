using System.Globalization;

namespace Sanxiang.Core.Validation;

/// <summary>
/// 公民身份号码, GB 11643-1999: 18 characters, 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence
/// code, check character (0-9 or X). The old 15-digit numbers (6-digit address, YYMMDD birth date in the 1900s,
/// 3-digit sequence, no check character) are still accepted, as they remain on old records.
/// </summary>
/// <remarks>
/// Surrounding whitespace is ignored; a lower-case <c>x</c> check character is accepted as <c>X</c>.
/// The birth date must exist, be no earlier than 1900-01-01 and no later than today (China Standard Time).
/// The address code is only checked to be digits; the list of division codes changes every year.
/// </remarks>
public static class CitizenIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";
    private static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>Checks a number, taking today's date from the system clock in China Standard Time.</summary>
    public static CheckResult Validate(string? number) => Validate(number, null);

    /// <summary>Checks a number; a birth date after <paramref name="today"/> (default: today in China Standard Time) is invalid.</summary>
    public static CheckResult Validate(string? number, DateOnly? today)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return CheckResult.Invalid("公民身份号码为空。");
        }

        var text = number.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return CheckResult.Invalid(Invariant($"第 {i + 1} 位是空白字符；公民身份号码中间不能有空格。"));
            }
        }

        if (text.Length is not (18 or 15))
        {
            return CheckResult.Invalid(Invariant($"长度为 {text.Length} 位；公民身份号码应为 18 位（旧式号码为 15 位）。"));
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var position = i + 1;
            if (char.IsAsciiDigit(c) || (c is 'X' or 'x' && position == 18))
            {
                continue;
            }

            return c is 'X' or 'x'
                ? CheckResult.Invalid(Invariant($"第 {position} 位是“{c}”：字母 X 只能出现在 18 位号码的最后一位（校验码）。"))
                : CheckResult.Invalid(Invariant($"第 {position} 位“{c}”不是数字：公民身份号码前 17 位都是数字，最后一位是数字或 X。"));
        }

        var todayDate = today ?? ChinaTime.Today(TimeProvider.System);
        return text.Length == 18 ? Validate18(text, todayDate) : Validate15(text, todayDate);
    }

    /// <summary>The check character (position 18) for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">Not 17 digits.</exception>
    public static char ComputeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new ArgumentException(Invariant($"计算校验码需要前 17 位，实际为 {first17.Length} 位。"), nameof(first17));
        }

        var bad = first17.AsSpan().IndexOfAnyExceptInRange('0', '9');
        if (bad >= 0)
        {
            throw new ArgumentException(Invariant($"第 {bad + 1} 位“{first17[bad]}”不是数字。"), nameof(first17));
        }

        return CheckCharacter(first17);
    }

    private static CheckResult Validate18(string text, DateOnly today)
    {
        var birthProblem = BirthDateProblem(text.AsSpan(6, 8), "第 7-14 位", today);
        if (birthProblem is not null)
        {
            return birthProblem;
        }

        var expected = CheckCharacter(text.AsSpan(0, 17));
        var actual = char.ToUpperInvariant(text[17]);
        if (actual != expected)
        {
            return CheckResult.Invalid(Invariant($"第 18 位校验码“{text[17]}”错误：按前 17 位计算应为“{expected}”。请核对号码是否抄错。"));
        }

        return CheckResult.Valid;
    }

    private static CheckResult Validate15(string text, DateOnly today)
    {
        var birthProblem = BirthDateProblem(string.Concat("19", text.AsSpan(6, 6)), "第 7-12 位", today);
        return birthProblem ?? CheckResult.Valid;
    }

    private static CheckResult? BirthDateProblem(ReadOnlySpan<char> yyyyMMdd, string where, DateOnly today)
    {
        if (!DateOnly.TryParseExact(yyyyMMdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            return CheckResult.Invalid(Invariant($"{where}出生日期“{yyyyMMdd.ToString()}”不是真实存在的日期。"));
        }

        if (birth < Earliest)
        {
            return CheckResult.Invalid(Invariant($"{where}出生日期 {birth:yyyy-MM-dd} 早于 1900-01-01。"));
        }

        return birth > today
            ? CheckResult.Invalid(Invariant($"{where}出生日期 {birth:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}）。"))
            : null;
    }

    private static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
