using System.Globalization;

namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>A calendar quarter (季度), the period of one online patrol: 2026年第三季度 = 1 July to 30 September 2026.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    private static readonly string[] Numerals = ["一", "二", "三", "四"];

    public DateOnly First => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly Last => First.AddMonths(3).AddDays(-1);

    /// <summary>2026年第三季度</summary>
    public string Chinese => $"{Year.ToString(CultureInfo.InvariantCulture)}年第{Numerals[Number - 1]}季度";

    /// <summary>2026Q3, as the API and the URLs write it.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>Reads 2026Q3 (or 2026-Q3, 2026q3); null with a Chinese reason otherwise.</summary>
    public static Quarter? Parse(string? text, out string? error)
    {
        var t = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        var q = t.IndexOf('Q', StringComparison.Ordinal);
        if (q == 4 && t.Length == 6 && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 2015 and <= 2100 && t[5] is >= '1' and <= '4')
        {
            error = null;
            return new Quarter(year, t[5] - '0');
        }

        error = $"季度应写作“年份Q季度”，如 2026Q3（收到“{text}”）。";
        return null;
    }

    public override string ToString() => Code;
}
