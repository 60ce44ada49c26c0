using System.Globalization;
using System.Text;

namespace Sanxiang.Core.Redaction;

/// <summary>
/// The redaction engine (PUB-7): proposes the spans of a decision text to mask, and applies a clerk-edited span list.
/// Conventions and their legal basis: docs/redaction.md.
/// </summary>
/// <remarks>
/// Order of work: protected regions first (organisation names from the case and from the text, officers' names and
/// certificate numbers, unified social credit codes), then numbers (ID, bank card, e-mail, mobile, landline), names
/// (the case's people first, then recognition by cue, by what follows a name, and every further occurrence of a name
/// found), then addresses, health information and plates, whose owner is judged from the names and organisations before
/// them. Overlaps are resolved by kind priority, then length; nothing inside a protected region is masked.
/// </remarks>
public static partial class Redactor
{
    /// <summary>Proposes the redactions of <paramref name="text"/> and applies them.</summary>
    public static RedactionResult Redact(string text, RedactionContext? context = null, RedactionPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scan = new Scan(text, context ?? RedactionContext.Empty, policy ?? RedactionPolicy.Default);
        var spans = scan.Run();
        return new RedactionResult(Render(text, spans), spans);
    }

    /// <summary>
    /// Applies a span list (the proposal with some spans removed and some added by the clerk) to the original text.
    /// Refused, with every reason in Chinese, when a span is outside the text, does not match the text it claims to
    /// cover, has no replacement, or overlaps another. The result is the same for the same list in any order.
    /// </summary>
    public static RedactionApplyOutcome Apply(string text, IEnumerable<RedactionSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        var ordered = spans.OrderBy(s => s.Start).ThenBy(s => s.Length).ThenBy(s => s.Kind).ToList();
        var errors = new List<string>();
        RedactionSpan? previous = null;
        foreach (var s in ordered)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"起点 {s.Start}、长度 {s.Length} 的{RedactionKinds.Chinese(s.Kind)}");
            if (s.Start < 0 || s.Length <= 0 || s.Start > text.Length - s.Length)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{label}不在文本范围内（文本共 {text.Length} 个字符）。"));
                continue;
            }

            if (!string.Equals(text.Substring(s.Start, s.Length), s.Original, StringComparison.Ordinal))
            {
                errors.Add($"{label}与原文不符：原文此处是“{text.Substring(s.Start, s.Length)}”，隐去记录写的是“{s.Original}”。请重新生成隐去建议。");
                continue;
            }

            if (s.Replacement is null)
            {
                errors.Add($"{label}（“{s.Original}”）没有替换文字。");
                continue;
            }

            if (previous is not null && s.Start < previous.End)
            {
                errors.Add($"{label}（“{s.Original}”）与前一处隐去（“{previous.Original}”）重叠：同一段文字只能隐去一次，请删去其中一处或合并为一处。");
                continue;
            }

            previous = s;
        }

        return errors.Count > 0
            ? new RedactionApplyOutcome(null, errors)
            : new RedactionApplyOutcome(new RedactionResult(Render(text, ordered), ordered), []);
    }

    /// <summary>The published replacement of <paramref name="original"/> by the convention of <paramref name="kind"/>.</summary>
    public static string ProposeReplacement(RedactionKind kind, string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var digits = new string(original.Where(char.IsAsciiDigit).ToArray());
        return kind switch
        {
            RedactionKind.PersonName => MaskName(original),
            RedactionKind.CitizenId => MaskId(original),
            RedactionKind.Mobile => MaskMobile(digits),
            RedactionKind.Landline => MaskLandline(original),
            RedactionKind.BankCard => digits.Length >= 12
                ? string.Concat(digits.AsSpan(0, 4), new string('*', digits.Length - 8), digits.AsSpan(digits.Length - 4))
                : new string('*', Math.Max(4, digits.Length)),
            RedactionKind.Address => "****",
            RedactionKind.Health => "【健康信息已隐去】",
            RedactionKind.VehiclePlate => MaskPlate(original),
            RedactionKind.Email => MaskEmail(original),
            RedactionKind.ClerkMarked => "****",
        };
    }

    private static string Render(string text, IReadOnlyList<RedactionSpan> ordered)
    {
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var s in ordered)
        {
            sb.Append(text, at, s.Start - at).Append(s.Replacement);
            at = s.End;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static string MaskName(string name)
    {
        name = name.Trim();
        if (name.Length < 2)
        {
            return "某";
        }

        var surname = ChineseSurnames.SurnameLengthOf(name);
        return string.Concat(name.AsSpan(0, surname), new string('某', name.Length - surname));
    }

    private static string MaskId(string original)
    {
        var id = new string(original.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return id.Length <= 6 ? new string('*', id.Length) : string.Concat(id.AsSpan(0, 6), new string('*', id.Length - 6));
    }

    private static string MaskMobile(string digits)
    {
        var prefix = "";
        if (digits.Length > 11)
        {
            prefix = "+86 ";
            digits = digits[^11..];
        }

        return digits.Length == 11 ? string.Concat(prefix, digits.AsSpan(0, 3), "****", digits.AsSpan(7)) : new string('*', digits.Length);
    }

    private static string MaskLandline(string original)
    {
        // Drop an extension (转 123 / -123 after the local number), keep the area code, mask all but the last 4 digits.
        var main = original;
        var ext = main.IndexOfAny(['转', '分', 'e', 'E']);
        if (ext > 0)
        {
            main = main[..ext];
        }

        var digits = new string(main.Where(char.IsAsciiDigit).ToArray());
        var areaLength = digits.StartsWith("01", StringComparison.Ordinal) || digits.StartsWith("02", StringComparison.Ordinal) ? 3 : 4;
        var separated = AreaCode().Match(main);
        if (separated.Success)
        {
            areaLength = separated.Groups[1].Value.Length;
        }

        if (digits.Length <= areaLength + 4)
        {
            return new string('*', digits.Length);
        }

        var local = digits[areaLength..];
        return string.Concat(digits.AsSpan(0, areaLength), "-", new string('*', local.Length - 4), local.AsSpan(local.Length - 4));
    }

    private static string MaskPlate(string original)
    {
        var compact = new string(original.Where(char.IsLetterOrDigit).ToArray());
        return compact.Length <= 2 ? compact : string.Concat(compact.AsSpan(0, 2), new string('*', compact.Length - 2));
    }

    private static string MaskEmail(string original)
    {
        var at = original.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(original.AsSpan(0, 1), "***", original.AsSpan(at));
    }
}
