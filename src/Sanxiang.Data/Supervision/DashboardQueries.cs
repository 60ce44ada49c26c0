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
/// every agency, optionally narrowed to one: whole years and months from the roll-up (<see cref="CaseCount"/>, decision
/// 0022) — the period widened over the empty days around it, so a period up to today reads its year's or month's rows —
/// the days at the period's edges by GROUP BY over the case summaries, the activity calendar from the daily rows, the
/// publication figures; and, on a second connection at the same time, overdue steps from the <c>due</c> roll-up and this
/// month's running limits, the officer list in force, complaints and the patrol's open findings.
/// </summary>
public static class DashboardQueries
{
    private static ComplaintCounts Counts(ComplaintFigureRow? row) =>
        row is null ? ComplaintCounts.None : new ComplaintCounts(row.Received, row.Open, row.Answered, row.AnsweredOnTime, row.OverdueOpen);

    public static async Task<Dashboard> LoadAsync(SanxiangDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly today, DateTimeOffset now,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The parts that do not count the period's cases — overdue steps, officers, complaints, the patrol — are read on a second
        // connection while this one counts the cases (the same caller's scope); read inside a transaction, all on one.
        await using var sibling = db.Database.CurrentTransaction is null ? db.Sibling() : null;
        var others = sibling is null ? null : OthersAsync(sibling, agencyId, from, to, today, now, ct);
        try
        {
            return await CasesAsync(db, agencyId, from, to, today, others is null ? () => OthersAsync(db, agencyId, from, to, today, now, ct) : () => others, ct);
        }
        finally
        {
            if (others is not null)
            {
                // Never dispose the second context under a query still running (when the cases' part failed first: that
                // failure is the one reported).
                await Task.WhenAny(others);
            }
        }
    }

    private sealed record Others(List<Overdue> Late, List<OfficerInForce> Officers, ComplaintFigureTable Complaints,
        IReadOnlyList<Patrol.PatrolAgencyFigures> Patrol);

    private sealed record Overdue(Guid AgencyId, string Step, string What, int Count);

    private sealed record OfficerInForce(Guid AgencyId, bool IsReviewer, DateOnly ValidFrom, DateOnly ValidTo, CertificateStatus Status);

    /// <summary>
    /// What does not depend on the period's cases: steps overdue today, the officers in force today, complaints received
    /// in the period and the patrol's open findings.
    /// </summary>
    private static async Task<Others> OthersAsync(SanxiangDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        // Steps overdue today (a passed party window is nobody's delay): the dated limits of the months before this one
        // from the roll-up, this month's up to yesterday from the rows; periods in hours are compared by the moment.
        var deadlines = db.CaseSummaryDeadlines.AsNoTracking().Where(d => (agencyId == null || d.AgencyId == agencyId) && !d.PartyWindow);
        var thisMonth = CaseCounts.MonthOf(today);
        var overdue = (await CaseCountStore.SumMonthsAsync(db, [CaseCounts.Due], PeriodSplit.Of(DateOnly.MinValue, thisMonth.AddDays(-1)), agencyId, ct))
            .Select(x => (x.AgencyId, Due: CaseCounts.ParseDue(x.Key), Count: (int)x.Value))
            .Select(x => new Overdue(x.AgencyId, x.Due.Step, x.Due.What, x.Count)).ToList();
        overdue.AddRange(await deadlines.Where(d => d.DueOn >= thisMonth && d.DueOn < today && d.DueAtUtc == null)
            .GroupBy(d => new { d.AgencyId, d.Step, d.What }).Select(g => new Overdue(g.Key.AgencyId, g.Key.Step, g.Key.What, g.Count())).ToListAsync(ct));
        var hourly = (await deadlines.Where(d => d.DueAtUtc != null && d.DueOn <= today).Select(d => new { d.AgencyId, d.Step, d.What, d.DueAtUtc }).ToListAsync(ct))
            .Where(d => d.DueAtUtc < now).GroupBy(d => new { d.AgencyId, d.Step, d.What })
            .Select(g => new Overdue(g.Key.AgencyId, g.Key.Step, g.Key.What, g.Count()));
        var late = overdue.Concat(hourly).ToList();

        var officers = await db.ScopedOfficerEntriesInForce(today).Where(o => agencyId == null || o.AgencyId == agencyId)
            .Select(o => new OfficerInForce(o.AgencyId, o.IsReviewer, o.ValidFrom, o.ValidTo, o.Status)).ToListAsync(ct);
        var complaints = await ComplaintFigures.ComputeAsync(db, from, to, today, ct);
        var patrol = await Patrol.PatrolFigures.LoadAsync(db, today, ct);
        return new Others(late, officers, complaints, patrol);
    }

    private static async Task<Dashboard> CasesAsync(SanxiangDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly today,
        Func<Task<Others>> others, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyId == null || a.Id == agencyId)
            .OrderBy(a => a.Code).Select(a => new { a.Id, a.Code, a.Name, a.ShortName }).ToListAsync(ct);
        var summaries = db.CaseSummaries.AsNoTracking().Where(s => agencyId == null || s.AgencyId == agencyId);
        var rounds = db.CaseSummaryRounds.AsNoTracking().Where(r => agencyId == null || r.AgencyId == agencyId);

        // Whole months from the roll-up (decision 0022), the days at the period's edges from the summaries themselves;
        // days around the period on which nothing is dated widen it to whole months or years (up to today: the year's rows).
        var split = await CaseCountStore.SplitAsync(from, to,
            [summaries.Select(s => (DateOnly?)s.OpenedOn), summaries.Select(s => s.DecidedOn), rounds.Select(r => r.ReviewedOn)], ct);
        // Decisions and reviews by agency and key (each agency's line shows their kinds); cases opened by stage and
        // procedure over all agencies (the breakdowns), and by agency over all keys (the lines).
        var counted = await CaseCountStore.SumMonthsAsync(db, [CaseCounts.Decided, CaseCounts.Reviewed], split, agencyId, ct);
        var openedByKey = await CaseCountStore.SumMonthsAsync(db, [CaseCounts.Opened], split, agencyId, ct, CaseCountStore.SumBy.Key);
        var openedCount = (await CaseCountStore.SumMonthsAsync(db, [CaseCounts.Opened], split, agencyId, ct, CaseCountStore.SumBy.Agency))
            .GroupBy(x => x.AgencyId).ToDictionary(g => g.Key, g => (int)g.Sum(x => x.Value));

        // One range at a time (an OR of two ranges would keep PostgreSQL from reading the covering index alone).
        foreach (var (a1, b1) in split.EdgeRanges)
        {
            // Cases opened on the edge days, by agency, stage and procedure.
            foreach (var x in await summaries.Where(s => s.OpenedOn >= a1 && s.OpenedOn <= b1)
                .GroupBy(s => new { s.AgencyId, s.Stage, s.Procedure })
                .Select(g => new { g.Key.AgencyId, g.Key.Stage, g.Key.Procedure, Count = g.Count() }).ToListAsync(ct))
            {
                openedByKey.Add((CaseCounts.County, CaseCounts.Opened, CaseCounts.OpenedKey(x.Stage, x.Procedure), x.Count));
                openedCount[x.AgencyId] = openedCount.GetValueOrDefault(x.AgencyId) + x.Count;
            }

            // Decisions made on them, by agency, procedure, timeliness and outcome.
            counted.AddRange((await summaries.Where(s => s.DecidedOn >= a1 && s.DecidedOn <= b1)
                .GroupBy(s => new { s.AgencyId, s.Procedure, s.Outcome, Timely = s.DecisionDueOn == null ? 0 : s.DecidedOn <= s.DecisionDueOn ? 1 : 2 })
                .Select(g => new { g.Key.AgencyId, g.Key.Procedure, g.Key.Outcome, g.Key.Timely, Count = g.Count() }).ToListAsync(ct))
                .Select(x => (x.AgencyId, CaseCounts.Decided, CaseCounts.DecidedKey(x.Procedure, x.Timely, x.Outcome), (long)x.Count)));

            // Legal-review opinions given on them, as the roll-up's keys.
            var edgeRounds = await rounds.Where(r => r.ReviewedOn >= a1 && r.ReviewedOn <= b1)
                .GroupBy(r => new { r.AgencyId, r.Number, r.Agreed, r.Returned, r.Late, r.ProblemKinds })
                .Select(g => new { g.Key.AgencyId, g.Key.Number, g.Key.Agreed, g.Key.Returned, g.Key.Late, g.Key.ProblemKinds, Count = g.Count(), Days = g.Sum(r => r.WorkingDays ?? 0) })
                .ToListAsync(ct);
            foreach (var r in edgeRounds)
            {
                var round = new CaseSummaryRound { Number = r.Number == 1 ? 1 : 2, Agreed = r.Agreed, Returned = r.Returned, Late = r.Late, ProblemKinds = r.ProblemKinds };
                counted.AddRange(CaseCounts.RoundKeys(round).Select(k => (r.AgencyId, CaseCounts.Reviewed, k.Key, k.Value * r.Count)));
                if (r.Days != 0)
                {
                    counted.Add((r.AgencyId, CaseCounts.Reviewed, CaseCounts.ReviewKeys.WorkingDays, r.Days));
                }
            }
        }

        var opened = openedByKey.Select(x => (Key: CaseCounts.ParseOpened(x.Key), Count: (int)x.Value))
            .Select(x => new { x.Key.Stage, x.Key.Procedure, x.Count }).ToList();
        var decided = counted.Where(x => x.Measure == CaseCounts.Decided)
            .Select(x => (x.AgencyId, Key: CaseCounts.ParseDecided(x.Key), Count: (int)x.Value))
            .Select(x => new { x.AgencyId, x.Key.Procedure, x.Key.Outcome, x.Key.Timely, x.Count }).ToList();
        var reviewed = counted.Where(x => x.Measure == CaseCounts.Reviewed).GroupBy(x => x.AgencyId)
            .Select(g => new ReviewSums(g.Key, g.GroupBy(x => x.Key).ToDictionary(k => k.Key, k => k.Sum(x => x.Value), StringComparer.Ordinal))).ToList();

        // Activity per day: the daily rows of the agency asked, or the county-wide ones.
        var dayAgency = agencyId ?? (db.Scope.ReadsAllAgencies ? CaseCounts.County : db.Scope.AgencyId);
        var activity = await db.CaseCounts.AsNoTracking()
            .Where(c => c.AgencyId == dayAgency && (c.Measure == CaseCounts.OpenedDay || c.Measure == CaseCounts.DecidedDay) && c.Period >= from && c.Period <= to)
            .Select(c => new { c.Measure, c.Period, c.Value }).ToListAsync(ct);
        var openedDays = activity.Where(x => x.Measure == CaseCounts.OpenedDay).Select(x => new { Day = x.Period, Count = (int)x.Value }).ToList();
        var decidedDays = activity.Where(x => x.Measure == CaseCounts.DecidedDay).Select(x => new { Day = x.Period, Count = (int)x.Value }).ToList();

        // Legal review: rounds waiting now.
        var pending = await rounds.Where(r => r.ReviewedOn == null).GroupBy(r => r.AgencyId)
            .Select(g => new { AgencyId = g.Key, Count = g.Count() }).ToListAsync(ct);

        // Publication of the decisions made in the period (issue 7's figures).
        var publication = await PublicationFigures.LoadAsync(db, from, to, today, agencyId, ct);
        var (late, officers, complaints, patrol) = await others();

        ReviewFigures Review(Guid? agency)
        {
            var r = reviewed.Where(x => agency is null || x.AgencyId == agency).ToList();
            long Sum(string key) => r.Sum(x => x.Values.GetValueOrDefault(key));
            var kinds = Enumerable.Range(0, 8).Select(bit => (int)Sum(CaseCounts.ReviewKeys.Kind(bit))).ToArray();
            var count = (int)Sum(CaseCounts.ReviewKeys.Rounds);
            return new ReviewFigures(count, (int)Sum(CaseCounts.ReviewKeys.Agreed), (int)Sum(CaseCounts.ReviewKeys.Returned), (int)Sum(CaseCounts.ReviewKeys.First),
                (int)Sum(CaseCounts.ReviewKeys.FirstAgreed), (int)Sum(CaseCounts.ReviewKeys.Late),
                kinds, count == 0 ? null : Math.Round((double)Sum(CaseCounts.ReviewKeys.WorkingDays) / count, 1),
                pending.Where(x => agency is null || x.AgencyId == agency).Sum(x => x.Count),
                late.Where(x => (agency is null || x.AgencyId == agency) && x.Step == Sanxiang.Core.Review.ReviewRounds.Step).Sum(x => x.Count));
        }

        // Each agency's line reads only its own rows.
        var decidedBy = decided.ToLookup(x => x.AgencyId);
        var officersBy = officers.ToLookup(x => x.AgencyId);
        var lateBy = late.ToLookup(x => x.AgencyId);
        var publicationBy = publication.ByAgency.ToDictionary(p => p.Key, StringComparer.Ordinal);
        AgencyFigures Line(Guid? agency, string code, string name)
        {
            bool Mine(Guid id) => agency is null || id == agency;
            var d = agency is { } a1 ? decidedBy[a1].ToList() : decided;
            var o = agency is { } a2 ? officersBy[a2].ToList() : officers;
            var certified = o.Where(x => x.Status == CertificateStatus.Valid && x.ValidFrom <= today && x.ValidTo >= today).ToList();
            var pub = agency is null
                ? publication.ByAgency.Count == 0 ? null : publication.County
                : publicationBy.GetValueOrDefault(agency.Value.ToString());
            return new AgencyFigures(code, name,
                agency is { } a3 ? openedCount.GetValueOrDefault(a3) : opened.Sum(x => x.Count),
                d.Sum(x => x.Count),
                d.Where(x => x.Timely != 0).Sum(x => x.Count),
                d.Where(x => x.Timely == 1).Sum(x => x.Count),
                d.Where(x => x.Procedure == ProcedureKind.GeneralPenalty && x.Timely != 0).Sum(x => x.Count),
                d.Where(x => x.Procedure == ProcedureKind.GeneralPenalty && x.Timely == 1).Sum(x => x.Count),
                (agency is { } a4 ? lateBy[a4] : late).Sum(x => x.Count),
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

    private sealed record ReviewSums(Guid AgencyId, Dictionary<string, long> Values);
}
