using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision.AnnualReport;

/// <summary>
/// One version of an agency's 行政执法数据年度报告 for a year. A draft (<see cref="AnnualReportStatus.Draft"/>) holds the
/// commentary being written and no figures: its figures are computed from the data each time it is shown. Publishing
/// freezes the figures into <see cref="FiguresJson"/> with the SHA-256 of the canonical content recorded in the log;
/// from then on nothing of the version changes except that a corrected version may supersede it (decision 0019).
/// </summary>
public sealed class AnnualReport : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }
    public int Year { get; set; }

    /// <summary>1 for the first publication, 2 for its first correction …; a draft carries the number it will publish as.</summary>
    public int Version { get; set; }

    /// <summary><see cref="AnnualReportStatus"/>: 草稿, 已公布, 已更正 (stored as the Chinese words).</summary>
    public required string Status { get; set; }

    public string? WorkSummary { get; set; }
    public string? Problems { get; set; }
    public string? NextSteps { get; set; }

    /// <summary>Why a published version is corrected (required for version 2 and later).</summary>
    public string? CorrectionReason { get; set; }

    /// <summary>The frozen <see cref="AnnualFigures"/> (JSON), set when published.</summary>
    public string? FiguresJson { get; set; }

    /// <summary>SHA-256 (lower-case hex) of <see cref="AnnualReportContent.Canonical"/>, set when published.</summary>
    public string? ContentSha256 { get; set; }

    /// <summary>The agency's name as published (the registry may rename it later).</summary>
    public string AgencyName { get; set; } = "";

    public DateTimeOffset UpdatedAtUtc { get; set; }
    public Guid? UpdatedBy { get; set; }
    public DateTimeOffset? PublishedAtUtc { get; set; }

    /// <summary>The legal date of publication (China Standard Time).</summary>
    public DateOnly? PublishedOn { get; set; }
    public Guid? PublishedBy { get; set; }
    public string? PublishedByName { get; set; }

    /// <summary>The leaf index of the publication's log entry.</summary>
    public long? LedgerIndex { get; set; }

    public Guid? SupersedesId { get; set; }
    public Guid? SupersededById { get; set; }
    public DateTimeOffset? SupersededAtUtc { get; set; }

    public int Revision { get; set; }

    public bool IsDraft => Status == AnnualReportStatus.Draft;

    public AnnualFigures? Figures() => FiguresJson is null ? null : JsonSerializer.Deserialize<AnnualFigures>(FiguresJson, AnnualReportContent.Json);
}

public static class AnnualReportStatus
{
    public const string Draft = "草稿";
    public const string Published = "已公布";
    public const string Superseded = "已更正";
}

/// <summary>The three parts of the agency's commentary, as typed.</summary>
public sealed record AnnualCommentary(string? WorkSummary, string? Problems, string? NextSteps);

/// <summary>
/// The rules of the annual report: which years may be reported, the publication deadline (31 January of the following
/// year), and what commentary is accepted. Refusals are Chinese, one per field.
/// </summary>
public static class AnnualReportRules
{
    /// <summary>The first year accepted: the three systems (三项制度) were rolled out nationwide from 2019.</summary>
    public const int FirstYear = 2019;

    /// <summary>The most characters of each part of the commentary.</summary>
    public const int MaxLength = 3000;

    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
        [("workSummary", "工作总结"), ("problems", "存在问题"), ("nextSteps", "下一步工作")];

    /// <summary>The last day to publish the report of <paramref name="year"/>: 31 January of the next year.</summary>
    public static DateOnly DueOn(int year) => new(year + 1, 1, 31);

    /// <summary>Null when a report of <paramref name="year"/> may be made on <paramref name="today"/>, else why not.</summary>
    public static string? CheckYear(int? year, DateOnly today)
    {
        if (year is not { } y)
        {
            return "请填写报告年度（四位数字，如 2025）。";
        }

        if (y < FirstYear)
        {
            return string.Create(CultureInfo.InvariantCulture, $"报告年度不能早于 {FirstYear} 年（平台数据自该年起）；现为 {y} 年。");
        }

        if (y > today.Year)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{y} 年尚未开始，不能编制该年度的执法数据年度报告。");
        }

        if (y == today.Year)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{y} 年度尚未结束，年度报告须在 {y} 年 12 月 31 日之后编制（应于 {y + 1} 年 1 月 31 日前公布）。");
        }

        return null;
    }

    /// <summary>Normalises the commentary (trimmed, line ends as \n); returns it or the problems, one per field.</summary>
    public static (AnnualCommentary? Commentary, IReadOnlyList<(string Field, string Message)> Problems) Check(AnnualCommentary input, bool publishing)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<(string, string)>();
        string? One(string field, string label, string? raw)
        {
            var text = raw?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (publishing)
                {
                    problems.Add((field, $"“{label}”不能为空：公布年度报告前请填写{label}。"));
                }

                return null;
            }

            if (text.Length > MaxLength)
            {
                problems.Add((field, string.Create(CultureInfo.InvariantCulture, $"“{label}”不超过 {MaxLength} 个字（现有 {text.Length} 个），请精简后再保存。")));
                return null;
            }

            if (Markup(text) is { } found)
            {
                problems.Add((field, $"“{label}”只能填写纯文本，不能包含网页标记或脚本（发现“{found}”），请删除后再保存。"));
                return null;
            }

            if (text.Any(c => char.IsControl(c) && c != '\n' && c != '\t'))
            {
                problems.Add((field, $"“{label}”含有不可见的控制字符，请删除后再保存。"));
                return null;
            }

            return text;
        }

        var commentary = new AnnualCommentary(One("workSummary", "工作总结", input.WorkSummary), One("problems", "存在问题", input.Problems),
            One("nextSteps", "下一步工作", input.NextSteps));
        return problems.Count == 0 ? (commentary, problems) : (null, problems);
    }

    /// <summary>The first piece of markup in <paramref name="text"/>: a tag, a comment, an entity-encoded tag, a script URL.</summary>
    private static string? Markup(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'))
            {
                var end = text.IndexOf('>', i);
                return Clip(end < 0 ? text[i..] : text[i..(end + 1)]);
            }
        }

        foreach (var word in (string[])["javascript:", "vbscript:", "&lt;", "&#60;", "&#x3c;"])
        {
            var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return Clip(text[at..]);
            }
        }

        return null;

        static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;
    }
}

/// <summary>The canonical content of a published version: what its SHA-256 covers and the portal shows.</summary>
public static class AnnualReportContent
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(AnnualFigures figures) => JsonSerializer.Serialize(figures, Json);

    /// <summary>
    /// {agency, agencyCode, year, version, figures, workSummary, problems, nextSteps, correctionReason} as RFC 8785 bytes
    /// (integers and strings only), so anyone holding the published JSON can recompute the digest in the log.
    /// </summary>
    public static byte[] Canonical(AnnualReport report, AnnualFigures figures)
    {
        ArgumentNullException.ThrowIfNull(report);
        var node = new JsonObject
        {
            ["agency"] = report.AgencyName,
            ["agencyCode"] = figures.AgencyCode,
            ["year"] = report.Year,
            ["version"] = report.Version,
            ["figures"] = JsonSerializer.SerializeToNode(figures, Json),
            ["workSummary"] = report.WorkSummary,
            ["problems"] = report.Problems,
            ["nextSteps"] = report.NextSteps,
            ["correctionReason"] = report.CorrectionReason,
        };
        return CanonicalJson.Serialize(node);
    }

    public static string Sha256Of(AnnualReport report, AnnualFigures figures) => Convert.ToHexStringLower(SHA256.HashData(Canonical(report, figures)));
}
