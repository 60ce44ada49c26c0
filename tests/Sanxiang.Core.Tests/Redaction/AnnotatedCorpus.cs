using System.Text;
using System.Text.RegularExpressions;
using Sanxiang.Core.Redaction;

namespace Sanxiang.Core.Tests.Redaction;

/// <summary>One corpus text: the plain input and what must be masked (and what must stay). Format: Corpus/README.md.</summary>
internal sealed record AnnotatedText(string Name, string Input, IReadOnlyList<ExpectedSpan> Expected, IReadOnlyList<ExpectedSpan> MustStay);

internal sealed record ExpectedSpan(int Start, int Length, RedactionKind? Kind, string Value)
{
    public int End => Start + Length;
}

internal static partial class AnnotatedCorpus
{
    private static readonly Dictionary<string, RedactionKind?> Labels = new()
    {
        ["姓名"] = RedactionKind.PersonName,
        ["身份证"] = RedactionKind.CitizenId,
        ["手机"] = RedactionKind.Mobile,
        ["座机"] = RedactionKind.Landline,
        ["银行卡"] = RedactionKind.BankCard,
        ["住址"] = RedactionKind.Address,
        ["健康"] = RedactionKind.Health,
        ["车牌"] = RedactionKind.VehiclePlate,
        ["邮箱"] = RedactionKind.Email,
        ["单位"] = null,
        ["执法"] = null,
    };

    [GeneratedRegex(@"〔([^:〔〕]+):([^〔〕]*)〕")]
    private static partial Regex Annotation();

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Redaction", "Corpus");

    /// <summary>The texts of the corpus folder, or of a subfolder of it (e.g. "holdout").</summary>
    public static IReadOnlyList<AnnotatedText> Load(string? subfolder = null) =>
        Directory.GetFiles(subfolder is null ? Folder : Path.Combine(Folder, subfolder), "*.txt").Order(StringComparer.Ordinal).Select(f => Parse(Path.GetFileName(f), File.ReadAllText(f))).ToList();

    public static AnnotatedText Parse(string name, string annotated)
    {
        var input = new StringBuilder();
        var expected = new List<ExpectedSpan>();
        var stay = new List<ExpectedSpan>();
        var at = 0;
        foreach (Match m in Annotation().Matches(annotated))
        {
            input.Append(annotated, at, m.Index - at);
            var label = m.Groups[1].Value;
            var value = m.Groups[2].Value;
            if (!Labels.TryGetValue(label, out var kind))
            {
                throw new FormatException($"{name}: unknown label {label}");
            }

            var span = new ExpectedSpan(input.Length, value.Length, kind, value);
            (kind is null ? stay : expected).Add(span);
            input.Append(value);
            at = m.Index + m.Length;
        }

        input.Append(annotated, at, annotated.Length - at);
        return new AnnotatedText(name, input.ToString(), expected, stay);
    }
}
