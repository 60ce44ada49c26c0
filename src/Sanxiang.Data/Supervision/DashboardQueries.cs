using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision;
using Sanxiang.Data.Publication;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Supervision;

/// <summary>
/// Counts the supervision dashboard (<see cref="Dashboard"/>) in the caller's scope — an agency sees itself, the county
/// every agency, optionally narrowed to one — with a handful of GROUP BY queries over the case summaries (each returns
/// at most one row per agency and label, or per day), the publication figures and the officer list in force.
/// </summary>
public static class DashboardQueries
{
    private static ComplaintCounts Counts(ComplaintFigureRow? row) =>
        row is null ? ComplaintCounts.None : new ComplaintCounts(row.Received, row.Open, row.Answered, row.AnsweredOnTime, row.OverdueOpen);

    public static async Task<Dashboard> LoadAsync(SanxiangDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly today, DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyId == null || a.Id == agencyId)
            .OrderBy(a => a.Code).Select(a => new { a.Id, a.Code, a.Name, a.ShortName }).ToListAsync(ct);
        var summaries = db.CaseSummaries.AsNoTracking().Where(s => agencyId == null || s.AgencyId == agencyId);

        // Cases opened in the period, by agency, stage and procedure.
        var opened = await summaries.Where(s => s.OpenedOn >= from && s.OpenedOn <= to)
            .GroupBy(s => new { s.AgencyId, s.Stage, s.Procedure })
            .Select(g => new { g.Key.AgencyId, g.Key.Stage, g.Key.Procedure, Count = g.Count() }).ToListAsync(ct);

        // Decisions made in the period, by agency, procedure, outcome and timeliness (0 no limit, 1 in time, 2 late).
        var decided = await summaries.Where(s => s.DecidedOn >= from && s.DecidedOn <= to)
            .GroupBy(s => new { s.AgencyId, s.Procedure, s.Outcome, Timely = s.DecisionDueOn == null ? 0 : s.DecidedOn <= s.DecisionDueOn ? 1 : 2 })
            .Select(g => new { g.Key.AgencyId, g.Key.Procedure, g.Key.Outcome, g.Key.Timely, Count = g.Count() }).ToListAsync(ct);

        // Activity per day: cases opened, decisions made.
        var openedDays = await summaries.Where(s => s.OpenedOn >= from && s.OpenedOn <= to)
            .GroupBy(s => s.OpenedOn).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);
        var decidedDays = await summaries.Where(s => s.DecidedOn >= from && s.DecidedOn <= to)
            .GroupBy(s => s.DecidedOn!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);

        // Steps overdue today (a passed party window is nobody's delay); periods in hours are compared by the moment.
        var deadlines = db.CaseSummaryDeadlines.AsNoTracking().Where(d => (agencyId == null || d.AgencyId == agencyId) && !d.PartyWindow);
        var overdue = await deadlines.Where(d => d.DueOn < today && d.DueAtUtc == null)
            .GroupBy(d => new { d.AgencyId, d.Step, d.What }).Select(g => new { g.Key.AgencyId, g.Key.Step, g.Key.What, Count = g.Count() }).ToListAsync(ct);
        var hourly = (await deadlines.Where(d => d.DueAtUtc != null && d.DueOn <= today).Select(d => new { d.AgencyId, d.Step, d.What, d.DueAtUtc }).ToListAsync(ct))
            .Where(d => d.DueAtUtc < now).GroupBy(d => new { d.AgencyId, d.Step, d.What })
            .Select(g => new { g.Key.AgencyId, g.Key.Step, g.Key.What, Count = g.Count() });
        var late = overdue.Concat(hourly).ToList();

        // Legal review: rounds with an opinion in the period, and rounds waiting now.
        var rounds = db.CaseSummaryRounds.AsNoTracking().Where(r => agencyId == null || r.AgencyId == agencyId);
        var reviewed = await rounds.Where(r => r.ReviewedOn >= from && r.ReviewedOn <= to).GroupBy(r => r.AgencyId).Select(g => new
        {
            AgencyId = g.Key,
            Reviewed = g.Count(),
            Agreed = g.Count(r => r.Agreed),
            Returned = g.Count(r => r.Returned),
            FirstRounds = g.Count(r => r.Number == 1),
            FirstAgreed = g.Count(r => r.Number == 1 && r.Agreed),
            Late = g.Count(r => r.Late),
            Days = g.Sum(r => r.WorkingDays ?? 0),
            K0 = g.Count(r => (r.ProblemKinds & 1) != 0),
            K1 = g.Count(r => (r.ProblemKinds & 2) != 0),
            K2 = g.Count(r => (r.ProblemKinds & 4) != 0),
            K3 = g.Count(r => (r.ProblemKinds & 8) != 0),
            K4 = g.Count(r => (r.ProblemKinds & 16) != 0),
            K5 = g.Count(r => (r.ProblemKinds & 32) != 0),
            K6 = g.Count(r => (r.ProblemKinds & 64) != 0),
            K7 = g.Count(r => (r.ProblemKinds & 128) != 0),
        }).ToListAsync(ct);
        var pending = await rounds.Where(r => r.ReviewedOn == null).GroupBy(r => r.AgencyId)
            .Select(g => new { AgencyId = g.Key, Count = g.Count() }).ToListAsync(ct);

        // Publication of the decisions made in the period (issue 7's figures), and the officers in force today.
        var publication = await PublicationFigures.LoadAsync(db, from, to, today, agencyId, ct);
        var officers = await db.ScopedOfficerEntriesInForce(today).Where(o => agencyId == null || o.AgencyId == agencyId)
            .Select(o => new { o.AgencyId, o.IsReviewer, o.ValidFrom, o.ValidTo, o.Status }).ToListAsync(ct);

        // Complaints received in the period and the patrol's open findings (their own features' figures).
        var complaints = await ComplaintFigures.ComputeAsync(db, from, to, today, ct);
        var patrol = await Patrol.PatrolFigures.LoadAsync(db, today, ct);

        ReviewFigures Review(Guid? agency)
        {
            var r = reviewed.Where(x => agency is null || x.AgencyId == agency).ToList();
            var kinds = new[]
            {
                r.Sum(x => x.K0), r.Sum(x => x.K1), r.Sum(x => x.K2), r.Sum(x => x.K3), r.Sum(x => x.K4), r.Sum(x => x.K5), r.Sum(x => x.K6), r.Sum(x => x.K7),
            };
            var count = r.Sum(x => x.Reviewed);
            return new ReviewFigures(count, r.Sum(x => x.Agreed), r.Sum(x => x.Returned), r.Sum(x => x.FirstRounds), r.Sum(x => x.FirstAgreed), r.Sum(x => x.Late),
                kinds, count == 0 ? null : Math.Round((double)r.Sum(x => x.Days) / count, 1),
                pending.Where(x => agency is null || x.AgencyId == agency).Sum(x => x.Count),
                late.Where(x => (agency is null || x.AgencyId == agency) && x.Step == Sanxiang.Core.Review.ReviewRounds.Step).Sum(x => x.Count));
        }

        AgencyFigures Line(Guid? agency, string code, string name)
        {
            bool Mine(Guid id) => agency is null || id == agency;
            var d = decided.Where(x => Mine(x.AgencyId)).ToList();
            var o = officers.Where(x => Mine(x.AgencyId)).ToList();
            var certified = o.Where(x => x.Status == CertificateStatus.Valid && x.ValidFrom <= today && x.ValidTo >= today).ToList();
            var pub = agency is null
                ? publication.ByAgency.Count == 0 ? null : publication.County
                : publication.ByAgency.FirstOrDefault(p => p.Key == agency.Value.ToString());
            return new AgencyFigures(code, name,
                opened.Where(x => Mine(x.AgencyId)).Sum(x => x.Count),
                d.Sum(x => x.Count),
                d.Where(x => x.Timely != 0).Sum(x => x.Count),
                d.Where(x => x.Timely == 1).Sum(x => x.Count),
                d.Where(x => x.Procedure == ProcedureKind.GeneralPenalty && x.Timely != 0).Sum(x => x.Count),
                d.Where(x => x.Procedure == ProcedureKind.GeneralPenalty && x.Timely == 1).Sum(x => x.Count),
                late.Where(x => Mine(x.AgencyId)).Sum(x => x.Count),
                Review(agency), pub,
                certified.Count, certified.Count(x => x.IsReviewer),
                certified.Count(x => x.ValidTo.DayNumber - today.DayNumber <= 60),
                o.Count(x => CertificateStatuses.Effective(x.Status, x.ValidTo, today) == CertificateStatus.Expired),
                agency is null
                    ? Counts(agencyId is null ? complaints.County : complaints.Agencies.FirstOrDefault(c => c.AgencyId == agencyId))
                    : Counts(complaints.Agencies.FirstOrDefault(c => c.AgencyId == agency)),
                patrol.Where(x => Mine(x.AgencyId)).Sum(x => x.OpenFindings),
                patrol.Where(x => Mine(x.AgencyId)).Sum(x => x.OverdueAnswers));
        }

        var byAgency = agencies.Select(a => Line(a.Id, a.Code, a.ShortName)).ToList();
        var total = agencyId is null ? Line(null, "", "合计") : byAgency.Single();
        var openedOn = openedDays.ToDictionary(x => x.Day, x => x.Count);
        var decidedOn = decidedDays.ToDictionary(x => x.Day, x => x.Count);
        var days = openedOn.Keys.Union(decidedOn.Keys).Order()
            .Select(day => new DayActivity(day, openedOn.GetValueOrDefault(day), decidedOn.GetValueOrDefault(day))).ToList();
        return new Dashboard(from, to, today, agencyId is null ? "全县" : agencies.Single().Name, agencyId is null && db.Scope.ReadsAllAgencies,
            [.. CaseStages.All.Select(s => new LabelCount(s, opened.Where(x => x.Stage == s).Sum(x => x.Count)))],
            [.. Enum.GetValues<ProcedureKind>().Select(p => new LabelCount(p.Chinese(), opened.Where(x => x.Procedure == p).Sum(x => x.Count))).Where(l => l.Count > 0)],
            [.. decided.GroupBy(x => x.Outcome ?? "其他决定").Select(g => new LabelCount(g.Key, g.Sum(x => x.Count))).OrderByDescending(l => l.Count).ThenBy(l => l.Label, StringComparer.Ordinal)],
            [.. late.GroupBy(x => x.What).Select(g => new LabelCount(g.Key, g.Sum(x => x.Count))).OrderByDescending(l => l.Count).ThenBy(l => l.Label, StringComparer.Ordinal)],
            days, byAgency, total);
    }
}
