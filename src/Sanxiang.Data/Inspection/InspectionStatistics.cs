using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Registry;
using Sanxiang.Data.Calendar;

namespace Sanxiang.Data.Inspection;

/// <summary>The figures of one year (and optionally one agency) with what they cover.</summary>
public sealed record InspectionStatisticsResult(int Year, Agency? Agency, int Plans, int DrawnPlans, InspectionFiguresResult Figures);

/// <summary>One published inspection result as the open data lists it (PLT-2 "一公开").</summary>
public sealed record PublishedInspectionResult(Guid PlanId, string PlanNumber, string PlanTitle, string AgencyCode, string AgencyName,
    IReadOnlyList<PlanItem> Items, int Order, string TargetName, string CreditCode, IReadOnlyList<string> Inspectors, string Result,
    DateOnly? ConcludedOn, DateOnly PublishedOn);

/// <summary>
/// 双随机抽查统计 (PLT-2): the database reads behind <see cref="InspectionFigures"/>. A year's plans are the committed and
/// drawn plans numbered in that year (〔year〕); with an agency, the plans it leads or takes part in, only its items, its
/// directory and its drawn targets. Results, conclusion and publication days come from <see cref="InspectionPublic"/>,
/// so the statistics count exactly what the portal shows. Reads across agencies like the rest of the public projection.
/// </summary>
public static class InspectionStatistics
{
    public static async Task<InspectionStatisticsResult> LoadAsync(SanxiangDbContext db, int year, Agency? agency, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plans = await PlansOfAsync(db, agency, p => p.Year == year, ct);
        var records = new List<PlanRecord>();
        foreach (var plan in plans)
        {
            var outcomes = plan.Status == PlanStatus.Drawn
                ? (await InspectionPublic.InspectionsAsync(db, plan.Id, ct)).Select(i => new InspectionOutcome(i.Order, i.Result, i.ConcludedOn, i.PublishedOn)).ToList()
                : [];
            var items = agency is null ? plan.Items : [.. plan.Items.Where(i => i.AgencyCode == agency.Code)];
            records.Add(new PlanRecord(plan.Id, items, plan.DrawnAtUtc is { } at ? ChinaTime.DateOf(at) : null, outcomes));
        }

        // The directory (of the agency, or of every agency) and which of its targets the year's plans drew.
        var planIds = plans.Select(p => p.Id).ToList();
        var tasks = db.InspectionTasks.IgnoreQueryFilters().AsNoTracking().Where(t => planIds.Contains(t.PlanId));
        var targets = db.InspectionTargets.IgnoreQueryFilters().AsNoTracking();
        if (agency is not null)
        {
            tasks = tasks.Where(t => t.AgencyId == agency.Id);
            targets = targets.Where(t => t.AgencyId == agency.Id);
        }

        var drawn = (await tasks.Select(t => new { t.AgencyId, t.CreditCode }).Distinct().ToListAsync(ct))
            .Select(t => (t.AgencyId, t.CreditCode)).ToHashSet();
        var directory = (await targets.Select(t => new { t.AgencyId, t.CreditCode, t.Industry, t.Grade, t.Active }).ToListAsync(ct))
            .Select(t => new DirectoryRecord(t.Industry, t.Grade, t.Active, drawn.Contains((t.AgencyId, t.CreditCode))));

        var calendar = await CalendarStore.LoadAsync(db, ct);
        return new InspectionStatisticsResult(year, agency, plans.Count, plans.Count(p => p.Status == PlanStatus.Drawn),
            InspectionFigures.Compute(records, directory, calendar));
    }

    /// <summary>
    /// Every published result of the drawn plans (of an agency: those it leads or takes part in), optionally only those
    /// published in [<paramref name="from"/>, <paramref name="to"/>]; by publication day, plan and draw order.
    /// </summary>
    public static async Task<IReadOnlyList<PublishedInspectionResult>> PublishedResultsAsync(SanxiangDbContext db, Agency? agency, DateOnly? from, DateOnly? to,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plans = await PlansOfAsync(db, agency, p => p.Status == PlanStatus.Drawn, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var rows = new List<(DateTimeOffset Committed, PublishedInspectionResult Row)>();
        foreach (var plan in plans)
        {
            var lead = agencies[plan.AgencyId];
            foreach (var i in await InspectionPublic.InspectionsAsync(db, plan.Id, ct))
            {
                if (i.Result is not { } result || i.PublishedOn is not { } on || on < from || on > to)
                {
                    continue;
                }

                rows.Add((plan.CommittedAtUtc ?? default, new PublishedInspectionResult(plan.Id, plan.Number, plan.Title, lead.Code, lead.Name, plan.Items,
                    i.Order, i.Name, i.CreditCode, [.. i.Teams.SelectMany(t => t.Inspectors)], result, i.ConcludedOn, on)));
            }
        }

        return [.. rows.OrderBy(r => r.Row.PublishedOn).ThenBy(r => r.Committed).ThenBy(r => r.Row.Order).Select(r => r.Row)];
    }

    private static async Task<List<InspectionPlan>> PlansOfAsync(SanxiangDbContext db, Agency? agency,
        System.Linq.Expressions.Expression<Func<InspectionPlan, bool>> where, CancellationToken ct)
    {
        var plans = await InspectionPublic.Published(db).Where(where).ToListAsync(ct);
        return agency is null
            ? plans
            : [.. plans.Where(p => p.AgencyId == agency.Id || p.Items.Any(i => i.AgencyCode == agency.Code))];
    }
}
