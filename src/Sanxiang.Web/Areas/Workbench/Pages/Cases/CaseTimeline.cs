using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Cases;

namespace Sanxiang.Web.Areas.Workbench.Pages.Cases;

/// <summary>One line of a case's 全过程记录: a log entry with its leaf index and hash, who did it and what, in words.</summary>
public sealed record TimelineLine(long Index, DateTimeOffset At, string Kind, string Text, string LeafHash);

/// <summary>
/// A case's log entries in words, as the case page's timeline and the responsibility trail show them (REC-1, REC-5):
/// who did what, with the leaf index and leaf hash by which anyone can fetch the entry's inclusion proof on /ledger.
/// </summary>
public static class CaseTimeline
{
    /// <summary>The case's entries, the names of the accounts that made them, and each entry as a line.</summary>
    public static async Task<(IReadOnlyList<CaseLedgerEntry> Entries, Dictionary<Guid, string> AccountNames, List<TimelineLine> Lines)> LoadAsync(
        SanxiangDbContext db, Case @case, WorkflowDefinition procedure, Func<Guid, string> officerName, CancellationToken ct = default)
    {
        var entries = await CaseLedgerEntry.ForCaseAsync(db, @case.Id, ct);
        var actors = entries.Where(e => e.ActorId is not null).Select(e => e.ActorId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var lines = new List<TimelineLine>(entries.Count);
        foreach (var e in entries)
        {
            var who = e.ActorId is { } a && names.TryGetValue(a, out var name) ? name : "系统";
            lines.Add(new TimelineLine(e.Index, e.RecordedAtUtc, e.Kind, $"{who}：{Describe(e.Kind, e.Payload, procedure, officerName)}", e.LeafHashHex));
        }

        return (entries, names, lines);
    }

    /// <summary>A log entry in words: what happened, from the facts the entry holds.</summary>
    public static string Describe(string kind, byte[] payload, WorkflowDefinition procedure, Func<Guid, string> officerName)
    {
        using var doc = JsonDocument.Parse(payload);
        var facts = doc.RootElement.GetProperty("facts");
        string S(string name) => facts.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        switch (kind)
        {
            case "case-opened":
                return $"提出立案申请（{S("number")}），执法事项 {S("item")}";
            case "case-step":
                var from = procedure.HasStep(S("from")) ? procedure.Step(S("from")).Name : S("from");
                var to = procedure.HasStep(S("to")) ? procedure.Step(S("to")).Name : S("to");
                var materials = facts.TryGetProperty("materials", out var m) && m.ValueKind == JsonValueKind.Object
                    ? $"；送审材料：证据{m.GetProperty("evidence").GetInt32()}份，摘要 {m.GetProperty("sha256").GetString()?[..12]}…"
                    : "";
                return $"{S("action")}（{from} → {to}{materials}）";
            case "case-facts-recorded":
                var text = new StringBuilder("记录：");
                foreach (var p in facts.GetProperty("facts").EnumerateObject())
                {
                    var key = FactKeys.Find(p.Name);
                    var value = p.Value.GetString() ?? "";
                    var shown = key is null ? value : key.Type == FactType.Officer && Guid.TryParse(value, out var officer) ? officerName(officer) : key.Display(value);
                    text.Append(key?.Label ?? p.Name).Append('：').Append(shown.Length > 60 ? shown[..60] + "…" : shown).Append('；');
                }

                return text.ToString().TrimEnd('；');
            case "case-recusal-declared":
                return facts.GetProperty("conflict").GetBoolean() ? $"{S("name")}声明回避：{S("reason")}" : $"{S("name")}声明不存在应当回避的情形";
            case "publication-due":
                return $"生成公示任务：应于{S("dueOn")}前公示（决定之日起{facts.GetProperty("workingDays").GetInt32()}个工作日）";
            case "publication-exempt":
                return $"不予公示：{S("exemption")}";
            case "review-recusal-declared":
                return $"声明回避本案的法制审核：{S("reason")}";
            case "case-officer-assigned":
                return $"增派承办人员{S("name")}（执法证 {S("certificate")}）";
            case "case-evidence-added":
                return $"上传证据“{S("title")}”（SHA-256 {S("sha256")[..Math.Min(12, S("sha256").Length)]}…）";
            case "document-issued":
                var pdf = facts.TryGetProperty("pdf", out var pdfFacts) && pdfFacts.ValueKind == JsonValueKind.Object && pdfFacts.TryGetProperty("sha256", out var h) ? h.GetString() ?? "" : S("pdfSha256");
                return $"出具{S("title")}（{S("number")}），PDF SHA-256 {pdf[..Math.Min(12, pdf.Length)]}…";
            case "decision-refused":
                var reasons = facts.TryGetProperty("refusals", out var list) && list.ValueKind == JsonValueKind.Array
                    ? string.Concat(list.EnumerateArray().Select(r => r.TryGetProperty("reason", out var why) ? why.GetString()?.TrimEnd() : null)
                        .OfType<string>().Select(r => r.EndsWith('。') ? r : r + "。"))
                    : "";
                return $"作出决定的请求被拒绝，本案保持原状：{reasons}";
            case "case-sealed":
                return $"电子案卷封存（封存包 SHA-256 {S("packageSha256")[..Math.Min(12, S("packageSha256").Length)]}…，含 {facts.GetProperty("entries").GetInt32()} 条记录及包含证明）";
            case "archive-read":
                return $"下载电子案卷（{S("purpose")}）";
            case "evidence-read":
                return $"调阅证据文件（SHA-256 {S("sha256")[..Math.Min(12, S("sha256").Length)]}…）";
            default:
                return kind;
        }
    }
}
