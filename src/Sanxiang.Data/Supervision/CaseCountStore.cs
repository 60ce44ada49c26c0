using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Supervision;
using Sanxiang.Data.Calendar;

namespace Sanxiang.Data.Supervision;

/// <summary>
/// Writes the dashboard's roll-up rows (<see cref="CaseCount"/>, decision 0022): the deltas of a save, as one atomic
/// upsert in the save's transaction, and a rebuild of every row from the case summaries (after the migration that
/// created the table, or whenever an operator wants to prove the rows right).
/// </summary>
public static class CaseCountStore
{
    private const int RowsPerStatement = 200;

    /// <summary>
    /// Adds <paramref name="deltas"/> to the rows (creating missing ones) in the current transaction. Rows are written in
    /// key order, so two saves touching the same rows queue behind each other instead of deadlocking; the increment is
    /// done by the database (<c>Value = Value + excluded.Value</c>), so concurrent saves never lose one another's counts.
    /// </summary>
    public static async Task ApplyAsync(SanxiangDbContext db, IEnumerable<(Guid AgencyId, string Measure, DateOnly Period, string Key, long Value)> deltas,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var merged = deltas.GroupBy(d => (d.AgencyId, d.Measure, d.Period, d.Key))
            .Select(g => (g.Key.AgencyId, g.Key.Measure, g.Key.Period, g.Key.Key, Value: g.Sum(x => x.Value)))
            .Where(d => d.Value != 0)
            .OrderBy(d => d.AgencyId).ThenBy(d => d.Measure, StringComparer.Ordinal).ThenBy(d => d.Period).ThenBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        foreach (var chunk in merged.Chunk(RowsPerStatement))
        {
            var values = new List<string>();
            var parameters = new List<object>();
            foreach (var d in chunk)
            {
                var i = parameters.Count;
                values.Add($"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}})");
                parameters.AddRange([d.AgencyId, d.Measure, d.Period, d.Key, d.Value]);
            }

            var sql = "INSERT INTO \"CaseCounts\" (\"AgencyId\", \"Measure\", \"Period\", \"Key\", \"Value\") VALUES " + string.Join(", ", values)
                + " ON CONFLICT (\"AgencyId\", \"Measure\", \"Period\", \"Key\") DO UPDATE SET \"Value\" = \"CaseCounts\".\"Value\" + excluded.\"Value\"";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
    }

    /// <summary>
    /// The sums of <paramref name="measures"/> over the whole months of <paramref name="split"/>, by agency, measure and key
    /// (or, <paramref name="by"/>, by measure and key over every agency — agency <see cref="CaseCounts.County"/> — or by
    /// agency and measure over every key — key empty): whole years from the yearly rows, the other months from the monthly
    /// ones, one range per query (each read from the covering index alone). <paramref name="agencyId"/> narrows to one
    /// agency; the caller's scope applies.
    /// </summary>
    public static async Task<List<(Guid AgencyId, string Measure, string Key, long Value)>> SumMonthsAsync(SanxiangDbContext db, string[] measures,
        PeriodSplit split, Guid? agencyId, CancellationToken ct, SumBy by = SumBy.AgencyAndKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(split);
        var (y0, y1, months) = split.Years;
        var pieces = new List<(string[] Measures, DateOnly From, DateOnly To)>();
        if (y0 is { } first && y1 is { } last)
        {
            pieces.Add(([.. measures.Select(CaseCounts.Yearly)], first, last));
        }

        pieces.AddRange(months.Select(m => (measures, m.From, m.To)));
        var sums = new List<(Guid AgencyId, string Measure, string Key, long Value)>();
        foreach (var (names, from, to) in pieces)
        {
            var rows = db.CaseCounts.AsNoTracking()
                .Where(c => names.Contains(c.Measure) && c.Period >= from && c.Period <= to && (agencyId == null || c.AgencyId == agencyId));
            sums.AddRange(by switch
            {
                SumBy.Key => (await rows.GroupBy(c => new { c.Measure, c.Key }).Select(g => new { g.Key.Measure, g.Key.Key, Value = g.Sum(c => c.Value) })
                    .ToListAsync(ct)).Select(r => (CaseCounts.County, r.Measure, r.Key, r.Value)),
                SumBy.Agency => (await rows.GroupBy(c => new { c.AgencyId, c.Measure }).Select(g => new { g.Key.AgencyId, g.Key.Measure, Value = g.Sum(c => c.Value) })
                    .ToListAsync(ct)).Select(r => (r.AgencyId, r.Measure, "", r.Value)),
                _ => (await rows.GroupBy(c => new { c.AgencyId, c.Measure, c.Key }).Select(g => new { g.Key.AgencyId, g.Key.Measure, g.Key.Key, Value = g.Sum(c => c.Value) })
                    .ToListAsync(ct)).Select(r => (r.AgencyId, r.Measure, r.Key, r.Value)),
            });
        }

        // A yearly row answers for its measure.
        return [.. sums.Select(r => CaseCounts.IsYearly(r.Measure) ? r with { Measure = r.Measure[..r.Measure.LastIndexOf('/')] } : r)];
    }

    /// <summary>How <see cref="SumMonthsAsync"/> groups its sums.</summary>
    public enum SumBy
    {
        AgencyAndKey,
        Key,
        Agency,
    }

    /// <summary>
    /// The period cut for the roll-up (<see cref="PeriodSplit.Of(DateOnly, DateOnly, DateOnly?, DateOnly?)"/>), widened over
    /// the days around it on which none of <paramref name="dated"/> falls — each a date the figures count by, in the
    /// caller's scope. Two index seeks per date: the nearest before the period, the nearest after.
    /// </summary>
    public static async Task<PeriodSplit> SplitAsync(DateOnly from, DateOnly to, IReadOnlyList<IQueryable<DateOnly?>> dated, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dated);
        DateOnly? before = null, after = null;
        foreach (var dates in dated)
        {
            if (from != new DateOnly(from.Year, 1, 1) && await dates.Where(d => d < from).MaxAsync(ct) is { } b && (before is null || b > before))
            {
                before = b;
            }

            if (to != new DateOnly(to.Year, 12, 31) && await dates.Where(d => d > to).MinAsync(ct) is { } a && (after is null || a < after))
            {
                after = a;
            }
        }

        return PeriodSplit.Of(from, to, before, after);
    }

    /// <summary>Replaces every row by the sums of the summaries as they are now, in one transaction; returns the rows written.</summary>
    public static async Task<int> RebuildAsync(SanxiangDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"CaseCounts\"", ct);
        var rows = await ComputeAsync(db, ct);
        db.CaseCounts.AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return rows.Count;
    }

    /// <summary>The rows as the case summaries and the publication tasks give them now (streamed; the sums are held in memory, a few hundred thousand at a province's size).</summary>
    public static async Task<List<CaseCount>> ComputeAsync(SanxiangDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rounds = (await db.CaseSummaryRounds.IgnoreQueryFilters().AsNoTracking().Where(r => r.ReviewedOn != null).ToListAsync(ct))
            .ToLookup(r => r.CaseId);
        var deadlines = (await db.CaseSummaryDeadlines.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct)).ToLookup(d => d.CaseId);
        var sums = new CaseCountSums();
        await foreach (var s in db.CaseSummaries.IgnoreQueryFilters().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            s.Rounds = [.. rounds[s.CaseId]];
            s.Deadlines = [.. deadlines[s.CaseId]];
            sums.Add(s);
        }

        // The publication tasks' settled keys, by the month of their decision.
        var calendar = await CalendarStore.LoadAsync(db, ct);
        await foreach (var t in db.PublicationTasks.IgnoreQueryFilters().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var (key, value) in PublicationCounts.Settled(t, t.FirstPublishedOn, t.FirstPublishedWithFullText, calendar))
            {
                sums.Add(t.AgencyId, PublicationCounts.Measure, CaseCounts.MonthOf(t.DecidedOn), key, value);
            }
        }

        return [.. sums.Rows()];
    }
}
