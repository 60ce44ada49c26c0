using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sanxiang.Core.Tabular;

/// <summary>
/// The parsers that columns are built from. Each one takes a trimmed, non-empty cell (the engine deals with empty
/// cells and required columns), returns the value or a Chinese reason naming the rule and an example, and formats a
/// value back into text that parses to it again. Numbers, dates and amounts accept full-width digits and punctuation
/// (１２３，２０２５－０３－０１) as typed with a Chinese input method.
/// </summary>
public static partial class CellParsers
{
    /// <summary>Separators between the items of a list cell: 、 ； and ;.</summary>
    public const string ListSeparators = "、；;";

    /// <summary>
    /// Text of at most <paramref name="maxLength"/> characters (code points), optionally limited to
    /// <paramref name="allowed"/> characters. Control characters are refused; line breaks only when
    /// <paramref name="multiline"/> (they are then normalised to \n).
    /// A number cell longer than 15 digits is refused: Excel has already rounded it (350100202400012345 became
    /// 3.50100202400012E+17), so the original can't be recovered; the user must format the column as text and retype it.
    /// </summary>
    public static CellParser<string> Text(int maxLength, AllowedCharacters? allowed = null, bool multiline = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var description = F($"文本，最多 {maxLength} 个字符") + (allowed is null ? "" : "，只能使用" + allowed.Description)
                          + (multiline ? "，可以换行" : "");
        return new CellParser<string>(cell => ParseText(cell, maxLength, allowed, multiline), s => s, description);
    }

    private static CellResult<string> ParseText(TabularCell cell, int maxLength, AllowedCharacters? allowed, bool multiline)
    {
        if (cell.Kind == CellKind.Number && cell.Text.Contains('E', StringComparison.OrdinalIgnoreCase))
        {
            return CellResult<string>.Failure(
                "该单元格是数字格式，超过 15 位的数字已被 Excel 改动（如身份证号、证件编号后几位变成 0）；请把该列设置为“文本”格式后重新输入。");
        }

        var text = cell.Text;
        if (multiline && text.Contains('\r', StringComparison.Ordinal))
        {
            text = text.ReplaceLineEndings("\n");
        }

        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            position++;
            if (multiline && rune.Value == '\n')
            {
                continue;
            }

            if (Rune.IsControl(rune))
            {
                return CellResult<string>.Failure(rune.Value is '\n' or '\r'
                    ? F($"第 {position} 个字符是换行符；该列不能换行。")
                    : F($"第 {position} 个字符{AllowedCharacters.Show(rune)}是控制字符，不允许。"));
            }

            if (allowed is not null && !allowed.IsAllowed(rune))
            {
                return CellResult<string>.Failure(F($"第 {position} 个字符{AllowedCharacters.Show(rune)}不允许：只能使用{allowed.Description}。"));
            }
        }

        return position > maxLength
            ? CellResult<string>.Failure(F($"长度为 {position} 个字符，超过上限 {maxLength} 个字符。"))
            : CellResult<string>.Success(text);
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static CellParser<int> WholeNumber(int min = 0, int max = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        return new CellParser<int>(
            cell =>
            {
                var text = NormaliseWidth(cell.Text);
                if (!IntegerPattern().IsMatch(text) || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    return CellResult<int>.Failure(F($"“{cell.Text}”不是整数。"));
                }

                return value < min || value > max
                    ? CellResult<int>.Failure(F($"{value} 超出范围：应在 {min} 到 {max} 之间。"))
                    : CellResult<int>.Success((int)value);
            },
            v => v.ToString(CultureInfo.InvariantCulture),
            F($"整数，{min} 到 {max}"),
            XlsxStyle.Integer);
    }

    /// <summary>
    /// An amount of money typed in yuan (元) with at most two decimals, returned in fen (分) so that no floating point
    /// ever touches it: "1200.5" is 120050. A leading ¥/￥, a trailing 元 and thousands separators (1,200.50) are accepted.
    /// Negative amounts are refused; <paramref name="maxFen"/> caps the value (default 100 亿元).
    /// </summary>
    public static CellParser<long> AmountInFen(long maxFen = 1_000_000_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxFen);
        return new CellParser<long>(
            cell => ParseAmount(cell.Text, maxFen),
            FormatYuan,
            F($"金额，以元为单位，最多两位小数，不超过 {FormatYuan(maxFen)} 元"),
            XlsxStyle.Amount);
    }

    private static CellResult<long> ParseAmount(string original, long maxFen)
    {
        var text = NormaliseWidth(original);
        if (text.Length > 0 && text[0] is '¥' or '￥')
        {
            text = text[1..].TrimStart();
        }

        if (text.EndsWith('元'))
        {
            text = text[..^1].TrimEnd();
        }

        if (text.StartsWith('-'))
        {
            return CellResult<long>.Failure("金额不能为负数。");
        }

        if (text.Contains(',', StringComparison.Ordinal))
        {
            if (!GroupedAmountPattern().IsMatch(text))
            {
                return CellResult<long>.Failure(F($"“{original}”不是金额：应为以元为单位的数字，最多两位小数，例如 1200.50。"));
            }

            text = text.Replace(",", "", StringComparison.Ordinal);
        }

        if (!AmountPattern().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return CellResult<long>.Failure(F($"“{original}”不是金额：应为以元为单位的数字，最多两位小数，例如 1200.50。"));
        }

        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            return CellResult<long>.Failure(F($"“{original}”的小数超过两位：金额以元为单位，最多精确到分。"));
        }

        return fen > maxFen
            ? CellResult<long>.Failure(F($"金额 {original} 超过上限 {FormatYuan(maxFen)} 元。"))
            : CellResult<long>.Success((long)fen);
    }

    private static string FormatYuan(long fen) =>
        (fen / 100).ToString(CultureInfo.InvariantCulture) + "." + (fen % 100).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date. Accepts yyyy-MM-dd (the export format), yyyy/M/d, yyyy.M.d, yyyy年M月d日, an Excel date cell, and an Excel
    /// date serial (e.g. 45717 for 2025-03-01, what a date shows as when its cell lost the date format). A time of day
    /// other than 00:00 is refused.
    /// </summary>
    public static CellParser<DateOnly> Date() => new(
        ParseDate,
        d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "日期，格式 yyyy-MM-dd（也接受 yyyy/M/d）",
        XlsxStyle.Date);

    private static CellResult<DateOnly> ParseDate(TabularCell cell)
    {
        // Hand-written rather than regular expressions: a 20,000-row file has tens of thousands of dates, and this
        // allocates nothing on success.
        var text = NormaliseWidth(cell.Text).AsSpan();
        var pos = 0;

        if (TryDigits(text, ref pos, 1, 7, out var days)
            && (pos == text.Length || (text[pos] == '.' && pos + 1 < text.Length && !text[(pos + 1)..].ContainsAnyExceptInRange('0', '9'))))
        {
            // An Excel serial, possibly with a fraction of a day (a time).
            if (pos < text.Length && text[(pos + 1)..].ContainsAnyExcept('0'))
            {
                return TimeIncluded(cell);
            }

            return ExcelDates.TryFromSerial(days, date1904: false, out var fromSerial) ? CellResult<DateOnly>.Success(fromSerial) : InvalidDate(cell);
        }

        pos = 0;
        if (!TryDigits(text, ref pos, 4, 4, out var year) || pos >= text.Length)
        {
            return InvalidDate(cell);
        }

        int month, day;
        var unit = pos;
        SkipSpaces(text, ref unit);
        if (unit < text.Length && text[unit] == '年')
        {
            pos = unit;
        }

        var separator = text[pos];
        if (separator is '-' or '/' or '.')
        {
            pos++;
            if (!TryDigits(text, ref pos, 1, 2, out month) || pos >= text.Length || text[pos] != separator)
            {
                return InvalidDate(cell);
            }

            pos++;
            if (!TryDigits(text, ref pos, 1, 2, out day))
            {
                return InvalidDate(cell);
            }

            if (pos < text.Length)
            {
                // A time of day: "2025-03-01 00:00:00" (a database export) passes, any other time is refused.
                var time = text[pos..];
                if (time.Length < 5 || time[0] is not (' ' or 'T') || time[1..].ContainsAnyExcept(TimeCharacters))
                {
                    return InvalidDate(cell);
                }

                if (time[1..].ContainsAnyInRange('1', '9'))
                {
                    return TimeIncluded(cell);
                }
            }
        }
        else if (separator == '年')
        {
            if (!Chinese(text, ref pos, '年', out month) || !Chinese(text, ref pos, '月', out day) || !SkipSpaces(text, ref pos) || pos >= text.Length
                || text[pos] != '日' || !SkipSpaces(text, ref pos, after: true) || pos != text.Length)
            {
                return InvalidDate(cell);
            }
        }
        else
        {
            return InvalidDate(cell);
        }

        if (year < 1900 || month is < 1 or > 12)
        {
            return InvalidDate(cell);
        }

        return day < 1 || day > DateTime.DaysInMonth(year, month)
            ? CellResult<DateOnly>.Failure(F($"“{cell.Text}”不是有效日期：{year} 年 {month} 月没有 {day} 日。"))
            : CellResult<DateOnly>.Success(new DateOnly(year, month, day));

        static bool Chinese(ReadOnlySpan<char> text, ref int pos, char unit, out int value)
        {
            value = 0;
            return SkipSpaces(text, ref pos) && pos < text.Length && text[pos] == unit
                   && SkipSpaces(text, ref pos, after: true) && TryDigits(text, ref pos, 1, 2, out value);
        }

        static bool SkipSpaces(ReadOnlySpan<char> text, ref int pos, bool after = false)
        {
            if (after)
            {
                pos++;
            }

            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            return true;
        }
    }

    /// <summary>Reads <paramref name="min"/> to <paramref name="max"/> ASCII digits at <paramref name="pos"/>, and no more.</summary>
    private static bool TryDigits(ReadOnlySpan<char> text, ref int pos, int min, int max, out int value)
    {
        value = 0;
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            if (pos - start == max)
            {
                return false;
            }

            value = (value * 10) + (text[pos] - '0');
            pos++;
        }

        return pos - start >= min;
    }

    private static readonly SearchValues<char> TimeCharacters = SearchValues.Create("0123456789:.");

    private static CellResult<DateOnly> TimeIncluded(TabularCell cell) =>
        CellResult<DateOnly>.Failure(F($"“{cell.Text}”包含时间：只需填写日期，例如 2025-03-01。"));

    private static CellResult<DateOnly> InvalidDate(TabularCell cell) =>
        CellResult<DateOnly>.Failure(F($"“{cell.Text}”不是有效日期：应为 yyyy-MM-dd 格式，例如 2025-03-01。"));

    /// <summary>是 or 否 (an Excel TRUE/FALSE cell is accepted too); exported as 是/否.</summary>
    public static CellParser<bool> YesNo() => new(
        cell => cell switch
        {
            { Text: "是" } or { Kind: CellKind.Boolean, Text: "TRUE" } => CellResult<bool>.Success(true),
            { Text: "否" } or { Kind: CellKind.Boolean, Text: "FALSE" } => CellResult<bool>.Success(false),
            _ => CellResult<bool>.Failure(F($"“{cell.Text}”无效：只能填写“是”或“否”。")),
        },
        v => v ? "是" : "否",
        "是 或 否",
        XlsxStyle.Text,
        ["是", "否"]);

    /// <summary>
    /// One value from a closed list, chosen by its Chinese name (e.g. the kinds of agency); exported by the same name.
    /// Names are compared exactly, after trimming.
    /// </summary>
    public static CellParser<T> Choice<T>(params IReadOnlyList<(string Name, T Value)> options) where T : notnull
    {
        ArgumentOutOfRangeException.ThrowIfZero(options.Count);
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        var byValue = new Dictionary<T, string>();
        foreach (var (name, value) in options)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            if (!byName.TryAdd(name.Trim(), value) || !byValue.TryAdd(value, name.Trim()))
            {
                throw new ArgumentException(F($"The choice “{name}” or its value is listed twice."), nameof(options));
            }
        }

        var names = options.Select(o => o.Name.Trim()).ToArray();
        var list = string.Join("、", names);
        return new CellParser<T>(
            cell => byName.TryGetValue(cell.Text, out var value)
                ? CellResult<T>.Success(value)
                : CellResult<T>.Failure(F($"“{cell.Text}”不是可选的值：应为 {list} 之一。")),
            value => byValue.TryGetValue(value, out var name)
                ? name
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The value has no name in this choice list."),
            "以下之一：" + list,
            XlsxStyle.Text,
            names);
    }

    /// <summary>
    /// A list in one cell, items separated by 、 or ；(or ;), each parsed by <paramref name="item"/>. Empty items are
    /// skipped; a repeated item is refused. Exported joined by 、, so an item must not itself contain a separator.
    /// </summary>
    public static CellParser<IReadOnlyList<T>> List<T>(CellParser<T> item, int maxItems = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        return new CellParser<IReadOnlyList<T>>(
            cell =>
            {
                var parts = cell.Text.Split(ListSeparators.ToCharArray(), StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0)
                {
                    return CellResult<IReadOnlyList<T>>.Failure("没有填写任何一项：多项之间用“、”或“；”分隔。");
                }

                if (parts.Length > maxItems)
                {
                    return CellResult<IReadOnlyList<T>>.Failure(F($"共 {parts.Length} 项，超过上限 {maxItems} 项。"));
                }

                var values = new List<T>(parts.Length);
                for (var i = 0; i < parts.Length; i++)
                {
                    var first = Array.IndexOf(parts, parts[i]);
                    if (first < i)
                    {
                        return CellResult<IReadOnlyList<T>>.Failure(F($"第 {i + 1} 项“{parts[i]}”与第 {first + 1} 项重复。"));
                    }

                    var parsed = item.Parse(parts[i]);
                    if (!parsed.IsSuccess)
                    {
                        return CellResult<IReadOnlyList<T>>.Failure(F($"第 {i + 1} 项“{parts[i]}”：{parsed.Error}"));
                    }

                    values.Add(parsed.Value);
                }

                return CellResult<IReadOnlyList<T>>.Success(values);
            },
            values => string.Join("、", values.Select(item.Format)),
            F($"多项之间用“、”或“；”分隔，最多 {maxItems} 项，每项为") + item.FormatDescription,
            XlsxStyle.Text);
    }

    /// <summary>Full-width ASCII forms (１２３．－／，) to their ASCII counterparts, for numbers and dates.</summary>
    internal static string NormaliseWidth(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uFF01', '\uFF5E') < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            }
        });
    }

    internal static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[+-]?[0-9]{1,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedAmountPattern();
}
