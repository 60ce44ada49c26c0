using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;
using Report = Sanxiang.Core.Supervision.AnnualReport.AnnualReport;

namespace Sanxiang.Data.Supervision.AnnualReport;

/// <summary>One agency's report for one year as its workbench page and the API show it.</summary>
/// <param name="Versions">Every version, newest first (the draft, if any, first).</param>
/// <param name="Figures">The figures computed from today's data (null for readers who only see published versions).</param>
public sealed record AnnualReportView(Agency Agency, int Year, DateOnly DueOn, IReadOnlyList<Report> Versions, AnnualFigures? Figures)
{
    public Report? Draft => Versions.FirstOrDefault(v => v.IsDraft);
    public Report? Current => Versions.FirstOrDefault(v => v.Status == AnnualReportStatus.Published);
    public Report? First => Versions.Where(v => !v.IsDraft).MinBy(v => v.Version);

    /// <summary>按时公布: the first version was published by 31 January of the next year; null while unpublished.</summary>
    public bool? OnTime => First?.PublishedOn is { } on ? on <= DueOn : null;
}

/// <summary>One agency's line of the supervisor's overview: its published version, when first published, and timeliness.</summary>
public sealed record AnnualReportStanding(Guid AgencyId, string AgencyCode, string AgencyName, Report? Current, DateOnly? FirstPublishedOn, bool HasDraft,
    string Standing);

/// <summary>The county's reports for a year: each agency's standing and the total of the published figures.</summary>
public sealed record AnnualReportOverview(int Year, DateOnly DueOn, IReadOnlyList<AnnualReportStanding> Agencies, AnnualFigures? Total, int TotalOf);

/// <summary>
/// 行政执法数据年度报告 (issue 9 item 5): the agency's head or publicity clerk saves the commentary as a draft and publishes;
/// publishing freezes the figures and records the SHA-256 of the content in the log (<c>annual-report-published</c>, a
/// public entry), a correction is a new version that supersedes the old one (<c>annual-report-corrected</c>). Every
/// refusal is a <see cref="CaseRuleException"/> in Chinese and writes nothing.
/// </summary>
public sealed class AnnualReports(SanxiangDbContext db, TimeProvider clock)
{
    public const string PublishedKind = "annual-report-published";
    public const string CorrectedKind = "annual-report-corrected";

    /// <summary>A draft's commentary saved (not public: the text's digest only, so the record shows who wrote what when).</summary>
    public const string DraftSavedKind = "annual-report-draft-saved";

    /// <summary>Who writes and publishes an agency's report.</summary>
    public static readonly IReadOnlyList<string> Writers = [Roles.AgencyHead, Roles.PublicityClerk];

    /// <summary>Who reads reports in the workbench: the writers (their agency) and supervisors (all).</summary>
    public static readonly IReadOnlyList<string> Readers = [Roles.AgencyHead, Roles.PublicityClerk, Roles.Supervisor];

    public const string Standing_OnTime = "按时公布";
    public const string Standing_Late = "逾期公布";
    public const string Standing_Missing = "逾期未公布";
    public const string Standing_NotYet = "尚未公布";

    /// <summary>The agency by its code, if the caller may see its reports in the workbench (its own agency, or a supervisor).</summary>
    public async Task<Agency> AgencyAsync(string? code, CancellationToken ct)
    {
        var agency = string.IsNullOrWhiteSpace(code) ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (agency is null)
        {
            throw new CaseRuleException("agency", $"没有代码为“{Clip(code)}”的执法主体。", 404);
        }

        if (!db.Scope.ReadsAllAgencies && db.Scope.AgencyId != agency.Id)
        {
            // Recorded in the audit log as every denied access to another agency's data is.
            throw new Access.AgencyAccessDeniedException("只能查看和编制本机关的行政执法数据年度报告。");
        }

        return agency;
    }

    public static int CheckYear(int? year, DateOnly today) =>
        AnnualReportRules.CheckYear(year, today) is { } problem ? throw new CaseRuleException("year", problem) : year!.Value;

    public async Task<AnnualReportView> ViewAsync(Agency agency, int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var today = ChinaTime.Today(clock);
        var y = CheckYear(year, today);
        var versions = await Versions(agency.Id, y).ToListAsync(ct);
        var figures = await AnnualReportFigureQueries.LoadAsync(db, agency, y, today, clock.GetUtcNow(), ct);
        return new AnnualReportView(agency, y, AnnualReportRules.DueOn(y), Order(versions), figures);
    }

    public async Task<Report> SaveDraftAsync(Agency agency, int? year, AnnualCommentary input, string? correctionReason, CaseActor actor, CancellationToken ct)
    {
        var (draft, _, y) = await PrepareAsync(agency, year, input, correctionReason, actor, publishing: false, ct);
        var text = string.Join("\n\u001e\n", draft.WorkSummary ?? "", draft.Problems ?? "", draft.NextSteps ?? "", draft.CorrectionReason ?? "");
        db.Record(new LedgerEvent(DraftSavedKind, null, agency.Id, actor.AccountId, Role(actor), new JsonObject
        {
            ["agency"] = agency.Name,
            ["agencyCode"] = agency.Code,
            ["year"] = y,
            ["version"] = draft.Version,
            ["revision"] = draft.Revision,
            ["commentary"] = new JsonObject
            {
                ["sha256"] = Documents.DocumentIssuer.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(text)),
            },
        }));
        await SaveAsync(ct);
        return draft;
    }

    /// <summary>
    /// Saves the commentary and publishes it with the figures frozen. The first publication needs no reason; once a
    /// version is published, publishing again is a correction and needs <paramref name="correctionReason"/>.
    /// </summary>
    public async Task<Report> PublishAsync(Agency agency, int? year, AnnualCommentary input, string? correctionReason, CaseActor actor, CancellationToken ct)
    {
        var (draft, current, y) = await PrepareAsync(agency, year, input, correctionReason, actor, publishing: true, ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var figures = await AnnualReportFigureQueries.LoadAsync(db, agency, y, today, now, ct);
        draft.Status = AnnualReportStatus.Published;
        draft.AgencyName = agency.Name;
        draft.FiguresJson = AnnualReportContent.Serialize(figures);
        draft.PublishedAtUtc = now;
        draft.PublishedOn = today;
        draft.PublishedBy = actor.AccountId;
        draft.PublishedByName = actor.Name;
        draft.SupersedesId = current?.Id;
        draft.ContentSha256 = AnnualReportContent.Sha256Of(draft, figures);
        if (current is not null)
        {
            current.Status = AnnualReportStatus.Superseded;
            current.SupersededAtUtc = now;
            current.Revision++;
        }

        var first = current is null ? today : await Versions(agency.Id, y).Where(v => v.Version == 1).Select(v => v.PublishedOn).FirstAsync(ct) ?? today;
        var kind = current is null ? PublishedKind : CorrectedKind;
        db.Record(new LedgerEvent(kind, null, agency.Id, actor.AccountId, Role(actor), new JsonObject
        {
            ["agency"] = agency.Name,
            ["agencyCode"] = agency.Code,
            ["year"] = y,
            ["version"] = draft.Version,
            ["publishedOn"] = Iso(today),
            ["dueOn"] = Iso(AnnualReportRules.DueOn(y)),
            ["onTime"] = first <= AnnualReportRules.DueOn(y),
            ["content"] = new JsonObject { ["sha256"] = draft.ContentSha256 },
            ["supersedes"] = current is null ? null : new JsonObject { ["version"] = current.Version, ["sha256"] = current.ContentSha256, ["reason"] = draft.CorrectionReason },
        }, IsPublic: true));

        await SaveAsync(ct, async () =>
        {
            draft.LedgerIndex = await db.LedgerEntries.Where(e => e.AgencyId == agency.Id && e.Kind == kind).MaxAsync(e => e.Index, ct);
            if (current is not null)
            {
                current.SupersededById = draft.Id;
            }
        });
        return draft;
    }

    /// <summary>Checks everything and brings the draft up to date in the change tracker; nothing is saved.</summary>
    private async Task<(Report Draft, Report? Current, int Year)> PrepareAsync(Agency agency, int? year, AnnualCommentary input, string? correctionReason, CaseActor actor,
        bool publishing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(actor);
        // The seeder and the command line run as System; in the web only the agency's own writers.
        if (!Writers.Any(actor.Roles.Contains) || db.Scope.Kind != Access.AccessScopeKind.System && (db.Scope.Kind != Access.AccessScopeKind.Agency || db.Scope.AgencyId != agency.Id))
        {
            throw new CaseRuleException("agency", "只有本机关的负责人或公示专员可以编制和公布本机关的行政执法数据年度报告。", 403);
        }

        var y = CheckYear(year, ChinaTime.Today(clock));
        var (commentary, problems) = AnnualReportRules.Check(input, publishing);
        var list = problems.Select(p => new RegistryProblem(p.Field, p.Message)).ToList();
        var versions = await Versions(agency.Id, y).AsTracking().ToListAsync(ct);
        var current = versions.FirstOrDefault(v => v.Status == AnnualReportStatus.Published);
        var reason = correctionReason?.Trim();
        if (current is not null && publishing && string.IsNullOrEmpty(reason))
        {
            throw new CaseRuleException("correctionReason", string.Create(CultureInfo.InvariantCulture,
                $"本机关 {y} 年度报告已于{LegalPeriods.Text(current.PublishedOn!.Value)}公布（第{current.Version}版），不能重复公布；确需更正的，请写明更正原因后公布更正版本。"), 409);
        }

        if (!string.IsNullOrEmpty(reason))
        {
            if (current is null)
            {
                list.Add(new RegistryProblem("correctionReason", "报告尚未公布，无需填写更正原因。"));
            }
            else if (reason.Length > 500 || AnnualReportRules.Check(new AnnualCommentary(reason, null, null), false).Problems.Count > 0)
            {
                list.Add(new RegistryProblem("correctionReason", "“更正原因”为不超过 500 字的纯文本，不能包含网页标记或脚本。"));
            }
        }

        if (list.Count > 0)
        {
            throw new CaseRuleException(list);
        }

        var now = clock.GetUtcNow();
        var draft = versions.FirstOrDefault(v => v.IsDraft);
        if (draft is null)
        {
            draft = new Report
            {
                Id = Guid.NewGuid(), AgencyId = agency.Id, Year = y, Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
                Status = AnnualReportStatus.Draft, AgencyName = agency.Name,
            };
            db.AnnualReports.Add(draft);
        }
        else
        {
            draft.Revision++;
        }

        draft.WorkSummary = commentary!.WorkSummary;
        draft.Problems = commentary.Problems;
        draft.NextSteps = commentary.NextSteps;
        draft.CorrectionReason = string.IsNullOrEmpty(reason) ? null : reason;
        draft.UpdatedAtUtc = now;
        draft.UpdatedBy = actor.AccountId;
        return (draft, current, y);
    }

    /// <summary>The county's reports for a year (supervisors): each agency's standing today and the total of the published figures.</summary>
    public async Task<AnnualReportOverview> OverviewAsync(int? year, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var y = CheckYear(year, today);
        if (!db.Scope.ReadsAllAgencies)
        {
            throw new CaseRuleException("scope", "全县年度报告情况仅供司法行政监督人员查看。", 403);
        }

        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Code).ToListAsync(ct);
        var reports = await db.AnnualReports.AsNoTracking().Where(r => r.Year == y).ToListAsync(ct);
        var due = AnnualReportRules.DueOn(y);
        var lines = agencies.Select(a =>
        {
            var mine = reports.Where(r => r.AgencyId == a.Id).ToList();
            var current = mine.FirstOrDefault(r => r.Status == AnnualReportStatus.Published);
            var first = mine.Where(r => !r.IsDraft).MinBy(r => r.Version)?.PublishedOn;
            var standing = first is { } on ? on <= due ? Standing_OnTime : Standing_Late : today > due ? Standing_Missing : Standing_NotYet;
            return new AnnualReportStanding(a.Id, a.Code, a.Name, current, first, mine.Any(r => r.IsDraft), standing);
        }).ToList();
        var published = lines.Where(l => l.Current is not null).Select(l => l.Current!.Figures()!).ToList();
        return new AnnualReportOverview(y, due, lines, published.Count == 0 ? null : Sum(y, today, published), published.Count);
    }

    /// <summary>Adds up published figures: counts and amounts, and rates from their summed parts; 本平台未记录 stays so.</summary>
    public static AnnualFigures Sum(int year, DateOnly today, IReadOnlyList<AnnualFigures> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var layout = reports[0];
        return new AnnualFigures(year, "", "全县合计", today, [.. layout.Sections.Select(s => new AnnualSection(s.Title, [.. s.Figures.Select(f =>
        {
            var all = reports.Select(r => r.Find(f.Key)).OfType<AnnualFigure>().ToList();
            return f with
            {
                Value = f.Recorded ? all.Sum(x => x.Value ?? 0) : null,
                Denominator = f.IsRate ? all.Sum(x => x.Denominator ?? 0) : null,
                Note = f.Key == "officers.certified" ? $"按{year}年12月31日有效的执法人员名单" : f.Note,
            };
        })]))]);
    }

    /// <summary>Published and corrected versions of every agency (the portal's projection: drafts never leave the agency).</summary>
    public static IQueryable<Report> Public(SanxiangDbContext db) =>
        db.AnnualReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.Status != AnnualReportStatus.Draft);

    private IQueryable<Report> Versions(Guid agencyId, int year) =>
        db.AnnualReports.AsNoTracking().Where(r => r.AgencyId == agencyId && r.Year == year);

    private static List<Report> Order(List<Report> versions) => [.. versions.OrderByDescending(v => v.IsDraft).ThenByDescending(v => v.Version)];

    private static string Role(CaseActor actor) => actor.Roles.Contains(Roles.AgencyHead) ? Roles.AgencyHead : Roles.PublicityClerk;

    // A concurrency conflict (the draft was changed meanwhile) or the unique version (two publications at once).
    private Task SaveAsync(CancellationToken ct, Func<Task>? after = null) =>
        db.SaveInTransactionAsync(_ => new CaseRuleException("report", "这份年度报告刚刚被他人修改或公布，您的操作未保存；请刷新后再试。", 409), after, ct);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Clip(string? s) => s is null ? "" : s.Length > 20 ? s[..20] + "…" : s;
}
