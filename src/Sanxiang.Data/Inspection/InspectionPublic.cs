using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Inspection;

namespace Sanxiang.Data.Inspection;

/// <summary>A plan as the public sees it: only once committed (a draft is the agency's business), the seed only once drawn.</summary>
public sealed record PublicPlan(Guid Id, string Number, string Title, string AgencyCode, string AgencyName, IReadOnlyList<PlanItem> Items,
    string Filter, string Sample, int InspectorsPerTarget, IReadOnlyDictionary<string, int> Weights, bool ExcludeLastInspectors,
    DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly DrawOn, PlanStatus Status, DateTimeOffset CommittedAtUtc, string Commitment,
    string ListsSha256, long CommitmentLedgerIndex, DateTimeOffset? DrawnAtUtc, string? Seed, long? CheckpointSize, int Drawn);

/// <summary>One drawn target of a plan with its inspectors and, once published by the agency, its result.</summary>
public sealed record PublicInspection(int Order, string CreditCode, string Name, IReadOnlyList<PublicTeam> Teams, string? Result,
    DateOnly? ConcludedOn, DateOnly? PublishedOn);

public sealed record PublicTeam(string AgencyCode, IReadOnlyList<string> Inspectors);

/// <summary>
/// The public projection of random-inspection plans (PLT-2 "一公开"): committed and drawn plans, their draws and the
/// results the agencies have published. Reads across agencies deliberately (the portal is anonymous) and only these fields.
/// </summary>
public static class InspectionPublic
{
    /// <summary>The step of the inspection procedure whose completion publishes the result (公示完毕，归档).</summary>
    public const string PublishStep = "publish";

    public static IQueryable<InspectionPlan> Published(SanxiangDbContext db) =>
        db.InspectionPlans.IgnoreQueryFilters().AsNoTracking().Where(p => p.Status != PlanStatus.Draft);

    public static async Task<IReadOnlyList<PublicPlan>> PlansAsync(SanxiangDbContext db, string? agencyCode = null, int? year = null, CancellationToken ct = default)
    {
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var query = Published(db);
        if (year is { } y)
        {
            query = query.Where(p => p.Year == y);
        }

        if (agencyCode is not null)
        {
            // An unknown code matches no plan (never all of them).
            var agencyId = agencies.Values.FirstOrDefault(a => a.Code == agencyCode)?.Id ?? Guid.Empty;
            query = query.Where(p => p.AgencyId == agencyId);
        }

        var plans = await query.OrderByDescending(p => p.CommittedAtUtc).Take(500).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var drawn = await db.InspectionTasks.IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.PlanId))
            .GroupBy(t => t.PlanId).Select(g => new { g.Key, Count = g.Select(t => t.Order).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. plans.Select(p => Project(p, agencies[p.AgencyId], drawn.GetValueOrDefault(p.Id)))];
    }

    public static async Task<PublicPlan?> PlanAsync(SanxiangDbContext db, Guid id, CancellationToken ct = default)
    {
        var plan = await Published(db).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return null;
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == plan.AgencyId, ct);
        var drawn = plan.Result is null ? 0 : RandomDraw.ParseResult((JsonObject)JsonNode.Parse(plan.Result)!).Count;
        return Project(plan, agency, drawn);
    }

    private static PublicPlan Project(InspectionPlan p, Sanxiang.Core.Registry.Agency agency, int drawn) => new(
        p.Id, p.Number, p.Title, agency.Code, agency.Name, p.Items, p.Filter.Describe(),
        p.Count is { } n ? $"抽取 {n} 户" : $"按 {p.RatioPercent}% 的比例抽取（向上取整）",
        p.InspectorsPerTarget, p.Weights, p.ExcludeLastInspectors, p.PeriodFrom, p.PeriodTo, p.DrawOn, p.Status, p.CommittedAtUtc!.Value,
        p.Commitment!, p.ListsSha256!, p.CommitmentLedgerIndex ?? -1, p.DrawnAtUtc,
        p.Status == PlanStatus.Drawn && p.Seed is { } seed ? Convert.ToHexStringLower(seed) : null, p.CheckpointSize, drawn);

    /// <summary>The drawn targets in draw order with their teams (from the published result) and each one's published result.</summary>
    public static async Task<IReadOnlyList<PublicInspection>> InspectionsAsync(SanxiangDbContext db, Guid planId, CancellationToken ct = default)
    {
        var plan = await Published(db).FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan?.Result is null)
        {
            return [];
        }

        var result = (JsonObject)JsonNode.Parse(plan.Result)!;
        var tasks = await db.InspectionTasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.PlanId == planId).ToListAsync(ct);
        var caseIds = tasks.Select(t => t.CaseId).ToList();
        var published = await db.CaseSteps.IgnoreQueryFilters().AsNoTracking().Where(s => caseIds.Contains(s.CaseId) && s.From == PublishStep)
            .Select(s => new { s.CaseId, s.On }).ToListAsync(ct);
        var concluded = await db.CaseSteps.IgnoreQueryFilters().AsNoTracking().Where(s => caseIds.Contains(s.CaseId) && s.From == "conclude")
            .Select(s => new { s.CaseId, s.On }).ToListAsync(ct);
        var results = await db.CaseFacts.IgnoreQueryFilters().AsNoTracking().Where(f => caseIds.Contains(f.CaseId) && f.Key == FactKeys.InspectionResult.Key)
            .Select(f => new { f.CaseId, f.Sequence, f.Value }).ToListAsync(ct);
        string? ResultOf(Guid caseId) => published.Any(p => p.CaseId == caseId)
            ? results.Where(r => r.CaseId == caseId).MaxBy(r => r.Sequence)?.Value
            : null;

        var list = new List<PublicInspection>();
        foreach (var node in (JsonArray)result["targets"]!)
        {
            var t = (JsonObject)node!;
            var order = t["order"]!.GetValue<int>();
            var own = tasks.Where(x => x.Order == order).ToList();
            // A joint inspection's result is the worst of its agencies' published results; published when all are.
            var outcomes = own.Select(x => ResultOf(x.CaseId)).ToList();
            var done = own.Count > 0 && outcomes.All(o => o is not null);
            list.Add(new PublicInspection(order, t["creditCode"]!.GetValue<string>(), t["name"]!.GetValue<string>(),
                [.. ((JsonArray)t["teams"]!).Select(team => new PublicTeam(team!["agency"]!.GetValue<string>(),
                    [.. ((JsonArray)team["inspectors"]!).Select(i => i!["name"]!.GetValue<string>())]))],
                done ? outcomes.OrderByDescending(Severity).First() : null,
                done ? concluded.Where(c => own.Any(x => x.CaseId == c.CaseId)).Select(c => (DateOnly?)c.On).Max() : null,
                done ? published.Where(c => own.Any(x => x.CaseId == c.CaseId)).Select(c => (DateOnly?)c.On).Max() : null));
        }

        return list;
    }

    /// <summary>未发现问题 &lt; 发现问题 &lt; 责令整改 &lt; 移送立案.</summary>
    public static int Severity(string? result) => FactKeys.InspectionResult.Choices!.ToList().IndexOf(result ?? "");
}
