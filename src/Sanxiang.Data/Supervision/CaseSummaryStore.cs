using Microsoft.EntityFrameworkCore;

namespace Sanxiang.Data.Supervision;

/// <summary>
/// Keeps the dashboard's per-case rows (<see cref="Sanxiang.Core.Supervision.CaseSummary"/>) complete: every save of a
/// case rewrites its row (<see cref="SanxiangDbContext"/>); this fills in rows for cases that have none (a database
/// migrated from before the table existed) or rebuilds them all (after the holiday calendar changed, which can move
/// due days).
/// </summary>
public static class CaseSummaryStore
{
    private const int Batch = 200;

    /// <summary>Builds the summaries of cases without one (or of every case); returns how many were written.</summary>
    public static async Task<int> RebuildAsync(SanxiangDbContext db, bool all = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var written = 0;
        while (true)
        {
            // Without "all", each batch written drops out of the query; with it, page through by position.
            var query = db.Cases.IgnoreQueryFilters().AsNoTracking()
                .Where(c => all || !db.CaseSummaries.IgnoreQueryFilters().Any(s => s.CaseId == c.Id)).OrderBy(c => c.Id);
            var ids = await (all ? query.Skip(written) : query).Select(c => c.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return written;
            }

            var cases = await db.Cases.IgnoreQueryFilters().AsNoTracking().Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence)
                .Include(c => c.Officers).AsSplitQuery().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
            await db.ApplyCaseSummariesAsync(cases, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += cases.Count;
        }
    }
}
