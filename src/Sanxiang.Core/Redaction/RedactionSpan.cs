namespace Sanxiang.Core.Redaction;

/// <summary>
/// One proposed (or clerk-added) redaction over the ORIGINAL text. Offsets are UTF-16 code units, as in .NET and
/// JavaScript strings.
/// </summary>
/// <param name="Start">Offset of the first redacted character in the original text.</param>
/// <param name="Length">Number of characters redacted.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Original">The original characters (must equal the text at Start..Start+Length).</param>
/// <param name="Replacement">What the published text shows instead.</param>
/// <param name="Reason">Why, in Chinese, for the clerk.</param>
public sealed record RedactionSpan(int Start, int Length, RedactionKind Kind, string Original, string Replacement, string Reason)
{
    /// <summary>Offset just past the span.</summary>
    public int End => Start + Length;

    /// <summary>
    /// A span the clerk adds by hand: the original is read from the text, the replacement follows the kind's convention
    /// (<see cref="Redactor.ProposeReplacement"/>). Returns null with a Chinese error when the range is outside the text.
    /// </summary>
    public static RedactionSpan? Manual(string text, int start, int length, RedactionKind kind, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0 || length <= 0 || start > text.Length - length)
        {
            error = $"要隐去的范围（起点 {start}，长度 {length}）不在文本内：文本共 {text.Length} 个字符。";
            return null;
        }

        error = null;
        var original = text.Substring(start, length);
        return new RedactionSpan(start, length, kind, original, Redactor.ProposeReplacement(kind, original), "公示专员手工添加");
    }
}

/// <summary>The redacted text and the spans that made it, ordered by start.</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<RedactionSpan> Spans);

/// <summary>The outcome of applying a (clerk-edited) span list: the result, or the Chinese reasons it was refused.</summary>
public sealed record RedactionApplyOutcome(RedactionResult? Result, IReadOnlyList<string> Errors)
{
    public bool IsValid => Result is not null;
}
