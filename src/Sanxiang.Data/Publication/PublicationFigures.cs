using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Supervision;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Supervision;

namespace Sanxiang.Data.Publication;

/// <summary>
/// Counts <see cref="PublicationStatistics"/> for a period in the caller's scope (an agency sees itself, the county every
/// agency): the tasks of decisions and decision changes dated in the period. Whole months come from the roll-up
/// (<see cref="PublicationCounts.Settled"/>, kept by each task's save, decision 0022) plus what the tasks still open
/// count today; the days at the period's edges from the tasks themselves — the same keys either way.
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
        var sums = new Dictionary<Guid, Dictionary<string, long>>();
        void Add(Guid agency, string key, long value)
        {
            if (!sums.TryGetValue(agency, out var keys))
            {
                sums[agency] = keys = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            keys[key] = keys.GetValueOrDefault(key) + value;
        }

        // Only what the counting reads (a month's edge is thousands of tasks at a province's size).
        var tasks = db.PublicationTasks.AsNoTracking().Where(t => agencyId == null || t.AgencyId == agencyId);
        var split = await CaseCountStore.SplitAsync(from, to, [tasks.Select(t => (DateOnly?)t.DecidedOn)], ct);
        static IQueryable<PublicationTask> Narrow(IQueryable<PublicationTask> q) => q.Select(t => new PublicationTask
        {
            Id = t.Id, AgencyId = t.AgencyId, CaseNumber = "", Kind = t.Kind, Procedure = t.Procedure, DecidedOn = t.DecidedOn, DueOn = t.DueOn, Status = t.Status,
            ClosedAtUtc = t.ClosedAtUtc, FirstPublishedOn = t.FirstPublishedOn, FirstPublishedWithFullText = t.FirstPublishedWithFullText,
        });
        if (split.FirstMonth is { } m0 && split.LastMonth is { } m1)
        {
            var monthEnd = m1.AddMonths(1).AddDays(-1);
            foreach (var row in await CaseCountStore.SumMonthsAsync(db, [PublicationCounts.Measure], split, agencyId, ct))
            {
                Add(row.AgencyId, row.Key, row.Value);
            }

            // Tasks of the whole months still open: what they count depends on today. The decisions not yet published
            // from their own index (what its filter fixes is set, not read), the withdrawals not yet done from the rows.
            var open = await tasks.Where(t => t.Kind == PublicationTaskKind.Publish && t.Status == PublicationStatus.Pending && t.FirstPublishedOn == null
                    && t.DecidedOn >= m0 && t.DecidedOn <= monthEnd)
                .Select(t => new PublicationTask
                {
                    AgencyId = t.AgencyId, CaseNumber = "", Kind = PublicationTaskKind.Publish, Status = PublicationStatus.Pending, DecidedOn = t.DecidedOn, DueOn = t.DueOn,
                })
                .ToListAsync(ct);
            open.AddRange(await Narrow(tasks.Where(t => t.Kind == PublicationTaskKind.Withdraw && (t.Status != PublicationStatus.Withdrawn || t.ClosedAtUtc == null)
                && t.DecidedOn >= m0 && t.DecidedOn <= monthEnd)).ToListAsync(ct));
            foreach (var t in open)
            {
                foreach (var (key, value) in PublicationCounts.Open(t, t.FirstPublishedOn, today))
                {
                    Add(t.AgencyId, key, value);
                }
            }
        }

        if (split.HasEdges)
        {
            var edge = new List<PublicationTask>();
            foreach (var (a, b) in split.EdgeRanges)
            {
                edge.AddRange(await Narrow(tasks.Where(t => t.DecidedOn >= a && t.DecidedOn <= b)).ToListAsync(ct));
            }

            foreach (var t in edge)
            {
                foreach (var (key, value) in PublicationCounts.Settled(t, t.FirstPublishedOn, t.FirstPublishedWithFullText, calendar)
                             .Concat(PublicationCounts.Open(t, t.FirstPublishedOn, today)))
                {
                    Add(t.AgencyId, key, value);
                }
            }
        }

        var names = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var byAgency = sums.Where(s => s.Value.Values.Any(v => v != 0))
            .Select(s => PublicationStatistics.FromCounts(s.Key.ToString(), names.GetValueOrDefault(s.Key, ""), s.Value))
            .Where(t => t.Decisions + t.Withdrawals > 0)
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var county = sums.Values.SelectMany(s => s).GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(x => x.Value), StringComparer.Ordinal);
        return new PublicationStatisticsResult(from, to, today, byAgency, PublicationStatistics.FromCounts("county", "全县", county));
    }
}
