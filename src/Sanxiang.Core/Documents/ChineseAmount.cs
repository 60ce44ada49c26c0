using System.Globalization;
using System.Text;

namespace Sanxiang.Core.Documents;

/// <summary>
/// Amounts in 元 as the financial and provincial document formats write them: in figures with two decimals where the
/// formats use figures, and in capital numerals (大写) to prevent alteration: 1500 → 壹仟伍佰元整, 10005.3 → 壹万零伍元叁角.
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] SmallUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] BigUnits = ["", "万", "亿", "万亿"];

    /// <summary>The largest amount written: below one trillion yuan (万亿), in fen.</summary>
    public const decimal Max = 999_999_999_999.99m;

    public static string Capital(decimal yuan)
    {
        if (yuan < 0 || yuan > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(yuan), yuan, "金额应在 0 至 9999 亿元之间。");
        }

        var fen = (long)decimal.Round(yuan * 100, MidpointRounding.AwayFromZero);
        var whole = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var text = new StringBuilder();
        if (whole > 0)
        {
            text.Append(Integer(whole)).Append('元');
        }

        if (jiao == 0 && cents == 0)
        {
            return whole == 0 ? "零元整" : text.Append('整').ToString();
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }
        else if (whole > 0)
        {
            text.Append('零');
        }

        if (cents > 0)
        {
            text.Append(Digits[cents]).Append('分');
        }
        else
        {
            text.Append('整');
        }

        return text.ToString();
    }

    /// <summary>Figures as the documents print them: 1500 → 1500.00元; thousands are not grouped.</summary>
    public static string Figures(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture) + "元";

    /// <summary>Both, as a decision states a fine: 罚款人民币壹仟伍佰元整（1500.00元）.</summary>
    public static string Both(decimal yuan) => $"人民币{Capital(yuan)}（{Figures(yuan)}）";

    private static string Integer(long value)
    {
        // Groups of four digits from the right: 万 and 亿 units between groups, 零 for a run of zeros inside the number.
        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10000)
        {
            groups.Add((int)(v % 10000));
        }

        var text = new StringBuilder();
        var pendingZero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }

            if (text.Length > 0 && (pendingZero || group < 1000))
            {
                text.Append('零');
            }

            pendingZero = false;
            text.Append(Group(group)).Append(BigUnits[g]);
        }

        return text.ToString();
    }

    private static string Group(int group)
    {
        var text = new StringBuilder();
        var zero = false;
        var started = false;
        for (var position = 3; position >= 0; position--)
        {
            var digit = group / (int)Math.Pow(10, position) % 10;
            if (digit == 0)
            {
                zero = started;
                continue;
            }

            if (zero)
            {
                text.Append('零');
                zero = false;
            }

            started = true;
            text.Append(Digits[digit]).Append(SmallUnits[position]);
        }

        return text.ToString();
    }
}
