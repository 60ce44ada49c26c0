using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data.Inspection;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Supervision.AnnualReport;

/// <summary>
/// Counts one agency's calendar year for its annual report (docs/annual-report.md lists each figure's source). What the
/// supervision dashboard already counts is taken from it — <see cref="DashboardQueries.LoadAsync"/> over the year gives
/// the cases opened by procedure, the decisions by outcome, the legal review rounds, the publication of the year's
/// decisions and the complaints —, the 双随机 figures from <see cref="InspectionStatistics"/>; only what neither holds is
/// read here: the penalty decisions' kinds and confiscated amounts (case facts), hearings held (the hearing step), court
/// enforcement applied for, and the officer list in force on 31 December.
/// </summary>
public static class AnnualReportFigureQueries
{
    public const string PenaltyOutcome = "给予行政处罚";

    public static async Task<AnnualFigures> LoadAsync(SanxiangDbContext db, Agency agency, int year, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var dashboard = await DashboardQueries.LoadAsync(db, agency.Id, from, to, today, now, ct);
        var total = dashboard.Total;
        int Opened(ProcedureKind p) => dashboard.ByProcedure.FirstOrDefault(l => l.Label == p.Chinese())?.Count ?? 0;
        int Outcome(string outcome) => dashboard.ByOutcome.FirstOrDefault(l => l.Label == outcome)?.Count ?? 0;

        // Penalty decisions of the year with their procedure and fine (the case summaries), their kinds and confiscated
        // amounts (the latest recorded value of each fact, as the case page reads it).
        var penalties = db.CaseSummaries.AsNoTracking().Where(s => s.AgencyId == agency.Id && s.DecidedOn >= from && s.DecidedOn <= to && s.Outcome == PenaltyOutcome);
        var decisions = await penalties.Select(s => new { s.CaseId, s.Procedure, s.FineAmount }).ToListAsync(ct);
        var penaltyIds = penalties.Select(s => s.CaseId);
        string[] keys = [FactKeys.PenaltyKinds.Key, FactKeys.ConfiscationAmount.Key];
        var facts = Latest(await db.CaseFacts.AsNoTracking().Where(f => keys.Contains(f.Key) && penaltyIds.Contains(f.CaseId))
            .Select(f => new FactRow(f.CaseId, f.Key, f.Value, f.Sequence)).ToListAsync(ct));
        var kinds = decisions.Select(d => (IReadOnlySet<PenaltyKind>)(facts.TryGetValue((d.CaseId, FactKeys.PenaltyKinds.Key), out var v)
            ? v.Split(',').Select(k => Enum.TryParse<PenaltyKind>(k, out var kind) ? kind : PenaltyKind.Other).ToHashSet()
            : [])).ToList();
        var confiscated = decisions.Sum(d => facts.TryGetValue((d.CaseId, FactKeys.ConfiscationAmount.Key), out var v)
            && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var yuan) ? yuan : 0);

        // Hearings held: the agency's cases whose hearing step was completed in the year.
        var caseIds = db.Cases.AsNoTracking().Where(c => c.AgencyId == agency.Id).Select(c => c.Id);
        var hearings = await db.CaseSteps.AsNoTracking().Where(s => s.From == "hearing" && s.On >= from && s.On <= to && caseIds.Contains(s.CaseId))
            .Select(s => s.CaseId).Distinct().CountAsync(ct);

        // Court enforcement applied for in the year (the day recorded at execution).
        var court = Latest(await db.CaseFacts.AsNoTracking().Where(f => f.Key == FactKeys.CourtEnforcementOn.Key && caseIds.Contains(f.CaseId))
            .Select(f => new FactRow(f.CaseId, f.Key, f.Value, f.Sequence)).ToListAsync(ct));
        var courtEnforcement = court.Values.Count(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d >= from && d <= to);

        // Officers holding a certificate valid on 31 December, as the list in force that day names them.
        var officers = await db.ScopedOfficerEntriesInForce(to).Where(o => o.AgencyId == agency.Id
                && o.Status == CertificateStatus.Valid && o.ValidFrom <= to && o.ValidTo >= to)
            .Select(o => o.IsReviewer).ToListAsync(ct);

        var inspection = await InspectionStatistics.LoadAsync(db, year, agency, ct);
        var publication = total.Publication;
        return AnnualReportFigures.Assemble(year, agency.Code, agency.Name, today, new AnnualInputs
        {
            LicensingApplications = Opened(ProcedureKind.Licensing),
            LicensingGranted = Outcome("准予许可"),
            LicensingRefused = Outcome("不予许可"),
            PenaltyDecisions = decisions.Count,
            PenaltySummary = decisions.Count(d => d.Procedure == ProcedureKind.SummaryPenalty),
            PenaltyGeneral = decisions.Count(d => d.Procedure == ProcedureKind.GeneralPenalty),
            DecisionKinds = kinds,
            FineYuan = decisions.Sum(d => d.FineAmount ?? 0),
            ConfiscationYuan = confiscated,
            NoPenalty = Outcome("不予行政处罚"),
            Transferred = Outcome("移送司法机关"),
            CoerciveMeasures = Opened(ProcedureKind.CoerciveMeasure),
            CourtEnforcement = courtEnforcement,
            Inspections = Opened(ProcedureKind.Inspection),
            RandomPlans = inspection.Plans,
            RandomTargetsDrawn = inspection.Figures.Total.Drawn,
            RandomResultsPublished = inspection.Figures.Total.Published,
            RandomResultsWithProblems = inspection.Figures.Total.WithProblems,
            Confirmations = Opened(ProcedureKind.Confirmation),
            OtherProcedures = Opened(ProcedureKind.Other),
            Hearings = hearings,
            ReviewRounds = total.Review.Reviewed,
            ReviewAgreed = total.Review.Agreed,
            ReviewReturned = total.Review.Returned,
            ComplaintsReceived = total.Complaints.Received,
            ComplaintsAnswered = total.Complaints.Answered,
            PublicationDue = publication is null ? 0 : publication.OnTime + publication.Late + publication.Missing + publication.NotYetDue,
            PublishedOnTime = publication?.OnTime ?? 0,
            PublishedLate = publication?.Late ?? 0,
            PublicationMissing = publication?.Missing ?? 0,
            PublicationNotYetDue = publication?.NotYetDue ?? 0,
            PublicationExempt = publication?.Exempt ?? 0,
            GeneralPenaltiesPublished = publication?.GeneralPenalties ?? 0,
            WithFullText = publication?.WithFullText ?? 0,
            Officers = officers.Count,
            Reviewers = officers.Count(r => r),
        });
    }

    private sealed record FactRow(Guid CaseId, string Key, string Value, int Sequence);

    /// <summary>The latest value of each (case, key): a correction is a later record of the same key.</summary>
    private static Dictionary<(Guid, string), string> Latest(List<FactRow> rows) =>
        rows.GroupBy(r => (r.CaseId, r.Key)).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Sequence)!.Value);
}
