using System.Globalization;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Evidence;
using Sanxiang.Core.Workflow;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>
/// The evidence upload form of the case page (REC-3): what the officer enters, the values to show again after a refusal,
/// and the checks made on the text fields and the declared kind before the file is stored (the same rules as
/// <c>CaseHandling.AddEvidenceAsync</c>, which checks them again).
/// </summary>
public sealed class EvidenceUploadForm
{
    public const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    public required Guid CaseId { get; init; }
    public required IReadOnlyList<Step> Steps { get; init; }
    public string? Title { get; init; }
    public string? Kind { get; init; }
    public required string CapturedAt { get; init; }
    public string? Place { get; init; }
    public string? Proves { get; init; }
    public required string Step { get; init; }
    public bool Secret { get; init; }

    /// <summary>An empty form: captured now (China time, to the minute), in the step the case is in.</summary>
    public static EvidenceUploadForm For(Case @case, TimeProvider clock) => new()
    {
        CaseId = @case.Id,
        Steps = Procedures.For(@case.Procedure).Steps,
        CapturedAt = ChinaTime.ToChina(clock.GetUtcNow()).ToString(InputFormat, CultureInfo.InvariantCulture),
        Step = @case.Status,
    };

    /// <summary>The form as it was posted (the fields that arrived before the file), to show again with the refusal.</summary>
    public static EvidenceUploadForm Posted(Case @case, TimeProvider clock, IReadOnlyDictionary<string, string> fields)
    {
        var empty = For(@case, clock);
        string? Get(string name) => fields.TryGetValue(name, out var v) ? v : null;
        return new EvidenceUploadForm
        {
            CaseId = @case.Id,
            Steps = empty.Steps,
            Title = Get("title"),
            Kind = Get("kind"),
            CapturedAt = Get("capturedAt") ?? empty.CapturedAt,
            Place = Get("place"),
            Proves = Get("proves"),
            Step = Get("step") ?? empty.Step,
            Secret = Get("secret") is "true",
        };
    }

    /// <summary>A capture time from the form: <c>datetime-local</c> (China time, no offset) or an ISO 8601 instant with its offset.</summary>
    public static bool TryParseCapturedAt(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTime.TryParseExact(text.Trim(), [InputFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            at = new DateTimeOffset(local, ChinaTime.Offset);
            return true;
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"(Z|[+-]\d{2}:?\d{2})$")
            && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            at = instant;
            return true;
        }

        return false;
    }

    /// <summary>The kind the officer chose; null for "by the file's content".</summary>
    public static EvidenceKind? DeclaredKind(string? text) =>
        Enum.TryParse<EvidenceKind>(text, out var kind) && Enum.IsDefined(kind) ? kind : null;

    /// <summary>
    /// Whether content of <paramref name="format"/> may be filed as <paramref name="declared"/>: the same kind, or a picture
    /// filed as a scan (and a scan as a picture), or a PDF filed as a scanned document.
    /// </summary>
    public static bool Fits(EvidenceKind declared, MediaFormat format) =>
        declared == format.Kind
        || (declared, format.Kind) is (EvidenceKind.Scan, EvidenceKind.Photo) or (EvidenceKind.Photo, EvidenceKind.Scan)
        || (declared == EvidenceKind.Scan && format == MediaFormats.Pdf);

    /// <summary>
    /// Why the file may not be stored with these fields: 415 when the content is not of the kind chosen, 400 for the text
    /// fields, each problem on its own line; null when it may.
    /// </summary>
    public static (int Status, string Message)? Refusal(IReadOnlyDictionary<string, string> fields, MediaFormat format, WorkflowDefinition procedure, DateTimeOffset now)
    {
        var problems = Check(fields, format, procedure, now, out var wrongKind);
        return problems.Count == 0 ? null : (wrongKind ? 415 : 400, string.Join("\n", problems));
    }

    /// <summary>What is wrong with the text fields and the declared kind, in Chinese; empty when the file may be stored.</summary>
    public static List<string> Check(IReadOnlyDictionary<string, string> fields, MediaFormat format, WorkflowDefinition procedure, DateTimeOffset now, out bool wrongKind)
    {
        wrongKind = false;
        string? Get(string name) => fields.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var problems = new List<string>();
        if (Get("kind") is { } kindText)
        {
            if (DeclaredKind(kindText) is not { } declared)
            {
                problems.Add($"证据类别“{kindText}”无效。");
            }
            else if (!Fits(declared, format))
            {
                wrongKind = true;
                problems.Add($"所选证据类别是“{declared.Chinese()}”，但所选文件的内容是{format.Name}（{format.Kind.Chinese()}）。请选择正确的文件或类别。");
            }
        }

        if (Get("title") is not { Length: <= 200 })
        {
            problems.Add("请填写证据名称（不超过 200 字），如“扣押现场执法记录仪录像”。");
        }

        if (Get("place") is not { Length: <= 200 })
        {
            problems.Add("请填写采集地点（不超过 200 字）。");
        }

        if (Get("proves") is not { Length: <= 1000 })
        {
            problems.Add("请写明证明对象：这份证据证明什么（不超过 1000 字）。");
        }

        if (!TryParseCapturedAt(Get("capturedAt"), out var at))
        {
            problems.Add("采集时间格式不正确，应如 2026-03-05 09:30。");
        }
        else if (at is { } captured && (captured > now.AddMinutes(5) || captured < now.AddYears(-10)))
        {
            problems.Add("采集时间不能晚于现在，也不能早于十年前。");
        }

        if (Get("step") is { } step && !procedure.HasStep(step))
        {
            problems.Add($"“{step}”不是本案程序中的环节。");
        }

        return problems;
    }
}
