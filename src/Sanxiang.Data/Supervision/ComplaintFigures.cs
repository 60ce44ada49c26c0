using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Supervision.Complaints;

namespace Sanxiang.Data.Supervision;

/// <summary>One row of the complaint figures: an agency (null id: not yet routed, or the county total).</summary>
public sealed record ComplaintFigureRow(Guid? AgencyId, string AgencyCode, string AgencyName, int Received, int Open, int Answered, int AnsweredOnTime,
    int OverdueOpen)
{
    /// <summary>On-time rate of the answered, in per cent (null when none was answered).</summary>
    public decimal? OnTimePercent => Answered == 0 ? null : Math.Round(100m * AnsweredOnTime / Answered, 1);
}

/// <summary>Per agency and the county total, the last row.</summary>
public sealed record ComplaintFigureTable(DateOnly From, DateOnly To, DateOnly Today, IReadOnlyList<ComplaintFigureRow> Agencies, ComplaintFigureRow County);

/// <summary>
/// 投诉举报 figures for the supervision dashboard (PLT-3). Over the complaints received in [from, to] (China Standard Time),
/// as they stand today, per handling agency and for the county:
/// <list type="bullet">
/// <item>received: received in the period;</item>
/// <item>open: not yet answered, refused or closed today;</item>
/// <item>answered: answered or told why not accepted (a reply given);</item>
/// <item>answered on time: the reply given on or before the deadline that ran for it;</item>
/// <item>overdue open: open today and past its running deadline (routing, acceptance or answer).</item>
/// </list>
/// A complaint counts with the agency handling it now; unrouted ones have a row of their own (“待转办”). Reads through the
/// caller's scope: an agency sees its own row, the county every row.
/// </summary>
public static class ComplaintFigures
{
    public const string UnroutedCode = "";

    public static async Task<ComplaintFigureTable> ComputeAsync(SanxiangDbContext db, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = new[] { ComplaintStatus.Submitted, ComplaintStatus.Assigned, ComplaintStatus.Accepted, ComplaintStatus.CaseOpened };
        // One grouped query; the comparisons are on DateOnly columns (ISO text on SQLite, date on PostgreSQL: both order correctly).
        var rows = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to)
            .GroupBy(c => c.AgencyId)
            .Select(g => new
            {
                AgencyId = g.Key,
                Received = g.Count(),
                Open = g.Count(c => open.Contains(c.Status)),
                Answered = g.Count(c => c.RepliedOn != null),
                OnTime = g.Count(c => c.RepliedOn != null && c.ReplyDueOn != null && c.RepliedOn <= c.ReplyDueOn),
                Overdue = g.Count(c => open.Contains(c.Status) && c.DueOn != null && c.DueOn < today),
            })
            .ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(ct);
        var result = new List<ComplaintFigureRow>();
        foreach (var r in rows.OrderBy(r => r.AgencyId is null ? "" : agencies.FirstOrDefault(a => a.Id == r.AgencyId)?.Code, StringComparer.Ordinal))
        {
            var agency = agencies.FirstOrDefault(a => a.Id == r.AgencyId);
            result.Add(new ComplaintFigureRow(r.AgencyId, agency?.Code ?? UnroutedCode, agency?.Name ?? "待县司法局转办", r.Received, r.Open, r.Answered,
                r.OnTime, r.Overdue));
        }

        var county = new ComplaintFigureRow(null, "", "全县", result.Sum(r => r.Received), result.Sum(r => r.Open), result.Sum(r => r.Answered),
            result.Sum(r => r.AnsweredOnTime), result.Sum(r => r.OverdueOpen));
        return new ComplaintFigureTable(from, to, today, result, county);
    }
}
