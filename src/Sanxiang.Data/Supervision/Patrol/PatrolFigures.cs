using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Supervision.Patrol;

namespace Sanxiang.Data.Supervision.Patrol;

/// <summary>One agency's patrol figures for the supervision dashboard (PLT-3).</summary>
/// <param name="OpenFindings">Findings of patrols not yet closed that are not settled (awaiting an answer, answered, returned).</param>
/// <param name="AwaitingAnswer">Of those, the ones the agency has to answer (待整改, 退回重新整改).</param>
/// <param name="OverdueAnswers">Of those, the ones past their answer deadline on the day asked.</param>
public sealed record PatrolAgencyFigures(Guid AgencyId, string AgencyName, int OpenFindings, int AwaitingAnswer, int OverdueAnswers);

/// <summary>The patrol figures for the dashboard, in the caller's scope (an agency sees itself, the county every agency).</summary>
public static class PatrolFigures
{
    public static async Task<IReadOnlyList<PatrolAgencyFigures>> LoadAsync(SanxiangDbContext db, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var findings = await db.PatrolFindings.AsNoTracking()
            .Where(f => f.Status != PatrolWorkflow.Confirmed && f.Status != PatrolWorkflow.Dismissed)
            .Join(db.OnlinePatrols.Where(p => p.Status != PatrolWorkflow.Closed), f => f.PatrolId, p => p.Id, (f, p) => new { f.AgencyId, f.Status, f.AnswerDueOn })
            .ToListAsync(ct);
        var names = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return [.. findings.GroupBy(f => f.AgencyId)
            .Select(g => new PatrolAgencyFigures(g.Key, names.GetValueOrDefault(g.Key, ""), g.Count(),
                g.Count(f => PatrolWorkflow.AwaitsAgency(f.Status)),
                g.Count(f => PatrolWorkflow.AwaitsAgency(f.Status) && f.AnswerDueOn is { } due && today > due)))
            .OrderByDescending(f => f.OverdueAnswers).ThenByDescending(f => f.OpenFindings).ThenBy(f => f.AgencyName, StringComparer.Ordinal)];
    }
}
