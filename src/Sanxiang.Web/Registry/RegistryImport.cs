using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Registry;

namespace Sanxiang.Web.Registry;

/// <summary>One problem of an import, as the page and the API show it.</summary>
public sealed record ImportProblemDto(int? Row, string? Column, string Message, string Text);

/// <summary>The outcome of a dry run or an import into a draft: every problem, or what the draft would become.</summary>
public sealed record ImportReport(bool Valid, bool Applied, int DataRows, int TotalProblems, IReadOnlyList<ImportProblemDto> Problems, ListDiff? Diff);

/// <summary>
/// Imports a spreadsheet (.xlsx or CSV, told apart by content) into a list draft (PUB-2, issue 4 §8): the whole file is
/// checked first — the layout's columns, every row against <see cref="RegistryRules"/>, certificate numbers against the
/// other agencies' lists — and only a file without a single problem replaces the draft's rows. A dry run does the same
/// checks and shows the change it would make, writing nothing.
/// </summary>
public static class RegistryImport
{
    public static async Task<ImportReport> RunAsync(SanxiangDbContext db, RegistryLists lists, RegistryVersion draft, Stream file, bool apply, CancellationToken ct)
    {
        if (draft.Kind == RegistryListKind.Items)
        {
            var result = await RegistryLayouts.Items.ReadAsync(file, cancellationToken: ct);
            var current = await db.EnforcementItems.AsNoTracking().Where(i => i.VersionId == draft.Id).ToListAsync(ct);
            var diff = result.IsValid ? RegistryDiffs.Items(current, [.. result.Rows.Select(r => WithKeptBenchmark(r.Value, current))]) : null;
            if (apply && result.IsValid)
            {
                await lists.ReplaceItemsAsync(draft.Id, [.. result.Rows.Select(r => r.Value)], ct);
            }

            return Report(result, apply, diff);
        }

        var officers = await RegistryLayouts.Officers.ReadAsync(file, cancellationToken: ct);
        if (officers.IsValid)
        {
            var clashes = await lists.ForeignCertificatesAsync(draft.AgencyId, [.. officers.Rows.Select(r => r.Value.Entry.CertificateNumber)], ct);
            officers = officers.WithProblems(officers.Rows.Where(r => clashes.ContainsKey(r.Value.Entry.CertificateNumber))
                .Select(r => new ImportProblem(r.RowNumber, "执法证件编号", $"{r.Value.Entry.CertificateNumber} {clashes[r.Value.Entry.CertificateNumber]}，全县不得重复。")));
        }

        ListDiff? officerDiff = null;
        if (officers.IsValid)
        {
            var current = await db.OfficerEntries.AsNoTracking().Where(o => o.VersionId == draft.Id).ToListAsync(ct);
            var persons = current.ToDictionary(o => o.CertificateNumber, o => o.OfficerId, StringComparer.Ordinal);
            // For the preview, a row is the same person as the draft entry with its certificate number.
            var incoming = officers.Rows.Select(r =>
            {
                r.Value.Entry.OfficerId = persons.TryGetValue(r.Value.Entry.CertificateNumber, out var p) ? p : Guid.NewGuid();
                return r.Value.Entry;
            }).ToList();
            officerDiff = RegistryDiffs.Officers(current, incoming);
            if (apply)
            {
                foreach (var r in officers.Rows)
                {
                    r.Value.Entry.OfficerId = Guid.Empty;
                }

                await lists.ReplaceOfficersAsync(draft.Id, [.. officers.Rows.Select(r => r.Value)], ct);
            }
        }

        return Report(officers, apply, officerDiff);
    }

    private static EnforcementItem WithKeptBenchmark(EnforcementItem item, List<EnforcementItem> current)
    {
        if (item.Discretion.Count == 0 && current.FirstOrDefault(c => c.Code == item.Code) is { } kept)
        {
            item.Discretion = kept.Discretion;
        }

        return item;
    }

    private static ImportReport Report<T>(ImportResult<T> result, bool apply, ListDiff? diff) where T : class =>
        new(result.IsValid, apply && result.IsValid, result.DataRowCount, result.TotalProblemCount,
            [.. result.Problems.Select(p => new ImportProblemDto(p.Row, p.ColumnHeader, p.Message, p.ToString()))], diff);
}
