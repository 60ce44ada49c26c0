using System.Text;

namespace Sanxiang.Core.Workflow;

/// <summary>
/// Width of text without a font at hand: a CJK character (and full-width punctuation) is one em, anything else about 0.55 em
/// (Latin letters and digits in the CJK sans-serif fonts the charts name). Layouts are made with these estimates, which
/// are on the generous side, so the browser's and the PNG renderer's real glyphs fit in the boxes.
/// </summary>
public static class TextMetrics
{
    public const double NarrowEm = 0.55;

    public static double Width(string text, double fontSize)
    {
        double ems = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            ems += IsWide(rune) ? 1.0 : NarrowEm;
        }

        return ems * fontSize;
    }

    /// <summary>East Asian wide and full-width characters (CJK ideographs, kana, hangul, CJK and full-width punctuation).</summary>
    public static bool IsWide(Rune rune)
    {
        var c = rune.Value;
        return c is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x20000 and <= 0x3FFFD;
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="maxWidth"/>: at clause punctuation (，、；：。) where it can, so
    /// that words stay whole; a clause too long for one line is split into balanced lines (two lines of six rather than nine
    /// and three); no line starts with closing punctuation.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double fontSize, double maxWidth)
    {
        if (Width(text, fontSize) <= maxWidth)
        {
            return [text];
        }

        var pieces = Clauses(text).SelectMany(clause => Balanced(clause, fontSize, maxWidth)).ToList();
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (line.Length > 0 && Width(line + piece, fontSize) > maxWidth)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(piece);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static IEnumerable<string> Clauses(string text)
    {
        var clause = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            clause.Append(rune.ToString());
            if (rune.Value is '，' or '、' or '；' or '：' or '。' or ',' or ';')
            {
                yield return clause.ToString();
                clause.Clear();
            }
        }

        if (clause.Length > 0)
        {
            yield return clause.ToString();
        }
    }

    private static IEnumerable<string> Balanced(string text, double fontSize, double maxWidth)
    {
        var total = Width(text, fontSize);
        if (total <= maxWidth)
        {
            yield return text;
            yield break;
        }

        var lineCount = (int)Math.Ceiling(total / maxWidth);
        var target = Math.Min(maxWidth, total / lineCount + fontSize * 0.5);
        var line = new StringBuilder();
        double width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = (IsWide(rune) ? 1.0 : NarrowEm) * fontSize;
            var closing = IsClosingPunctuation(rune);
            if (line.Length > 0 && width + w > target && !(closing && width + w <= maxWidth))
            {
                yield return line.ToString();
                line.Clear();
                width = 0;
            }

            line.Append(rune.ToString());
            width += w;
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static bool IsClosingPunctuation(Rune rune) => rune.Value is '，' or '。' or '、' or '；' or '：' or '）' or '」' or '”' or '》' or ',' or '.' or ')';
}
