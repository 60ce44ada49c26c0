using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;
using Sanxiang.Data.Calendar;

namespace Sanxiang.Data.Publication;

/// <summary>
/// Loads what <see cref="PublicationStatistics"/> counts for a period, in the caller's scope (an agency sees itself, the
/// county every agency): the tasks of decisions and decision changes dated in the period, with each decision's first
/// published version (its day, and whether it carried the full text).
/// </summary>
public static class PublicationFigures
{
    public static Task<PublicationStatisticsResult> LoadAsync(SanxiangDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct = default) =>
        LoadAsync(db, from, to, today, null, ct);

    /// <param name="agencyId">Only this agency's tasks (the dashboard narrowed to one agency); null: the caller's whole scope.</param>
    public static async Task<PublicationStatisticsResult> LoadAsync(SanxiangDbContext db, DateOnly from, DateOnly to, DateOnly today, Guid? agencyId,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var tasks = await db.PublicationTasks.AsNoTracking().Where(t => t.DecidedOn >= from && t.DecidedOn <= to && (agencyId == null || t.AgencyId == agencyId))
            .ToListAsync(ct);
        var ids = tasks.Where(t => t.Kind == PublicationTaskKind.Publish).Select(t => t.Id).ToList();
        var first = new Dictionary<Guid, (DateOnly On, bool FullText)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.PublishedDecisions.AsNoTracking().Where(p => p.Version == 1 && chunk.Contains(p.TaskId))
                .Select(p => new { p.TaskId, p.PublishedOn, p.LedgerIndex, p.State, FullText = p.FullText != null }).ToListAsync(ct);
            // An entry taken down has lost its text; whether it went up with the full text is in its publication's log entry.
            var takenDown = rows.Where(r => r.State is PublishedState.Withdrawn or PublishedState.Expired or PublishedState.Repaired && r.LedgerIndex is not null)
                .Select(r => r.LedgerIndex!.Value).ToList();
            var logged = await db.LedgerEntries.AsNoTracking().Where(e => takenDown.Contains(e.Index)).Select(e => new { e.Index, e.Payload }).ToListAsync(ct);
            var hadFullText = logged.ToDictionary(e => e.Index, e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement
                .GetProperty("facts").GetProperty("content").GetProperty("fullText").GetBoolean());
            foreach (var r in rows)
            {
                first[r.TaskId] = (r.PublishedOn, r.FullText || r.LedgerIndex is { } i && hadFullText.GetValueOrDefault(i));
            }
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var records = tasks.Select(t => new PublicationRecord(t, agencies.GetValueOrDefault(t.AgencyId, ""),
            first.TryGetValue(t.Id, out var f) ? f.On : null, first.TryGetValue(t.Id, out var g) && g.FullText));
        return PublicationStatistics.Compute(records, calendar, from, to, today);
    }
}
