using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Review;
using Sanxiang.Core.Supervision;
using Sanxiang.Core.Workflow;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Registry;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Tests.Accounts;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Supervision;

/// <summary>
/// 执法监督数据看板 (issue 9, item 1): every figure the dashboard's API returns equals the figure counted here from the
/// cases' own records (steps and facts replayed case by case, the review statistics of issue 6, the running deadlines of
/// the case page, the officer list in force) — not from the summaries the dashboard reads; the summaries kept up with
/// every change equal summaries rebuilt from scratch; who may see what, and bad periods, agencies and tables are refused.
/// </summary>
public abstract class DashboardTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What the dashboard should say for one agency, counted from the raw records.</summary>
    private sealed record Expected(int Opened, Dictionary<string, int> Stages, Dictionary<ProcedureKind, int> Procedures, Dictionary<string, int> Outcomes,
        int Decided, int WithLimit, int InTime, int General, int GeneralInTime, int Overdue, ReviewTally Review, int Officers, int Reviewers, int Expiring, int Expired);

    private Task<Dictionary<Guid, Expected>> CountAsync(DateOnly from, DateOnly to, DateOnly today) =>
        app.WithDbAsync(async (db, sp) =>
        {
            var options = sp.GetRequiredService<CaseOptions>();
            var calendar = await CalendarStore.LoadAsync(db, Ct);
            var agencies = await db.Agencies.AsNoTracking().ToListAsync(Ct);
            var cases = await db.Cases.AsNoTracking().Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).Include(c => c.Officers)
                .AsSplitQuery().ToListAsync(Ct);
            var officers = await db.ScopedOfficerEntriesInForce(today).ToListAsync(Ct);
            var result = new Dictionary<Guid, Expected>();
            foreach (var agency in agencies)
            {
                var law = options.For(agency.Code);
                var mine = cases.Where(c => c.AgencyId == agency.Id).ToList();
                var opened = mine.Where(c => c.OpenedOn >= from && c.OpenedOn <= to).ToList();
                var decided = new List<(Case Case, string Outcome, DateOnly On, DateOnly? Due)>();
                foreach (var c in mine)
                {
                    var decisionStep = c.Procedure == ProcedureKind.Inspection ? "conclude" : "decide";
                    var left = c.Steps.Where(s => s.From == decisionStep).OrderBy(s => s.Sequence).LastOrDefault();
                    if (left is null || left.On < from || left.On > to)
                    {
                        continue;
                    }

                    string? Latest(string key) => c.Facts.Where(f => f.Key == key).OrderBy(f => f.Sequence).LastOrDefault()?.Value;
                    var outcome = Latest("decision.kind") ?? Latest("inspection.result") ?? (c.Procedure == ProcedureKind.SummaryPenalty ? "给予行政处罚" : "其他决定");
                    decided.Add((c, outcome, left.On, CaseGuards.DecisionDue(new CaseFile(c), Procedures.For(c.Procedure), calendar, law)?.End.Due));
                }

                var overdue = mine.Where(c => c.SealedAtUtc == null).Sum(c => CaseDeadlines.Running(c, calendar, law, today).Count(d => d.Overdue));
                var review = ReviewStatistics.Compute(mine.Select(c => new ReviewedCase(c, agency.Code, agency.ShortName, law)), calendar, from, to, today, _ => "").County;
                var inForce = officers.Where(o => o.AgencyId == agency.Id).ToList();
                var certified = inForce.Where(o => o.IsCertifiedOn(today)).ToList();
                result[agency.Id] = new Expected(opened.Count,
                    opened.GroupBy(c => CaseStages.Of(c.Status)!).ToDictionary(g => g.Key, g => g.Count()),
                    opened.GroupBy(c => c.Procedure).ToDictionary(g => g.Key, g => g.Count()),
                    decided.GroupBy(d => d.Outcome).ToDictionary(g => g.Key, g => g.Count()),
                    decided.Count, decided.Count(d => d.Due is not null), decided.Count(d => d.Due is { } due && d.On <= due),
                    decided.Count(d => d.Case.Procedure == ProcedureKind.GeneralPenalty && d.Due is not null),
                    decided.Count(d => d.Case.Procedure == ProcedureKind.GeneralPenalty && d.Due is { } due && d.On <= due),
                    overdue, review, certified.Count, certified.Count(o => o.IsReviewer),
                    certified.Count(o => o.ValidTo.DayNumber - today.DayNumber <= 60),
                    inForce.Count(o => o.EffectiveStatus(today) == CertificateStatus.Expired));
            }

            return result;
        });

    private async Task<HttpClient> SupervisorAsync(string name)
    {
        await app.CreateAccountAsync(name, "SFJ", Sanxiang.Core.Accounts.Roles.Supervisor);
        var client = await app.SignInAsync(name);
        await TwoFactorTests.EnrolAsync(app, client);
        return client;
    }

    /// <summary>Periods of whole months (the roll-up alone), with days before and after them (both), and of last year to yesterday.</summary>
    public static TheoryData<string> Periods => ["year-to-yesterday", "whole-months", "two-edges"];

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Every_figure_equals_the_count_from_the_cases_own_records(string period)
    {
        var supervisor = await SupervisorAsync("sfj.dash.figures." + period);
        var today = ChinaTime.Today(TimeProvider.System);
        var month = CaseCounts.MonthOf(today);
        // The period ends yesterday at the latest: other tests running meanwhile open and decide cases today, never before.
        var (from, to) = period switch
        {
            "whole-months" => (month.AddMonths(-14), month.AddDays(-1)),
            "two-edges" => (month.AddMonths(-13).AddDays(9), today.AddDays(-1)),
            _ => (new DateOnly(today.Year - 1, 1, 1), today.AddDays(-1)),
        };
        var before = await CountAsync(from, to, today);
        var response = await supervisor.GetAsync($"/api/v1/supervision/dashboard?from={Iso(from)}&to={Iso(to)}", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var after = await CountAsync(from, to, today);
        var json = JsonDocument.Parse(body).RootElement;
        var figures = json.GetProperty("figures");
        var codes = await app.WithDbAsync((db, _) => db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id, Ct));

        var compared = 0;
        foreach (var line in figures.GetProperty("byAgency").EnumerateArray())
        {
            if (!codes.TryGetValue(line.GetProperty("code").GetString()!, out var id) || !before.TryGetValue(id, out var e)
                || !after.TryGetValue(id, out var later) || !Same(e, later))
            {
                continue; // an agency created, or its data changed, while the dashboard was counted (tests run side by side)
            }

            var code = line.GetProperty("code").GetString();
            Assert.True(e.Opened == line.GetProperty("opened").GetInt32(), $"{code} 立案");
            Assert.True(e.Decided == line.GetProperty("decided").GetInt32(), $"{code} 决定");
            Assert.True(e.WithLimit == line.GetProperty("decidedWithLimit").GetInt32(), $"{code} 有期限的决定");
            Assert.True(e.InTime == line.GetProperty("decidedInTime").GetInt32(), $"{code} 按期决定");
            Assert.True(e.General == line.GetProperty("generalDecided").GetInt32(), $"{code} 一般程序决定");
            Assert.True(e.GeneralInTime == line.GetProperty("generalInTime").GetInt32(), $"{code} 90日内决定");
            Assert.True(e.Overdue == line.GetProperty("overdueSteps").GetInt32(), $"{code} 逾期环节 {e.Overdue} ≠ {line.GetProperty("overdueSteps").GetInt32()}");
            var r = line.GetProperty("review");
            Assert.True(e.Review.Reviewed == r.GetProperty("reviewed").GetInt32(), $"{code} 审核次数");
            Assert.Equal(e.Review.Agreed, r.GetProperty("agreed").GetInt32());
            Assert.Equal(e.Review.Returned, r.GetProperty("returned").GetInt32());
            Assert.Equal(e.Review.FirstRounds, r.GetProperty("firstRounds").GetInt32());
            Assert.Equal(e.Review.FirstRoundAgreed, r.GetProperty("firstRoundAgreed").GetInt32());
            Assert.Equal(e.Review.Late, r.GetProperty("late").GetInt32());
            Assert.Equal(e.Review.Pending, r.GetProperty("pending").GetInt32());
            Assert.Equal(e.Review.PendingOverdue, r.GetProperty("pendingOverdue").GetInt32());
            Assert.Equal(e.Review.ProblemsByKind, r.GetProperty("problemsByKind").EnumerateArray().Select(k => k.GetInt32()).ToList());
            Assert.Equal(e.Officers, line.GetProperty("officers").GetInt32());
            Assert.Equal(e.Reviewers, line.GetProperty("reviewers").GetInt32());
            Assert.Equal(e.Expiring, line.GetProperty("certificatesExpiring").GetInt32());
            Assert.Equal(e.Expired, line.GetProperty("certificatesExpired").GetInt32());
            compared++;
        }

        Assert.True(compared >= 8, $"只比较了 {compared} 个执法主体");

        // The county's breakdowns, when no agency changed meanwhile.
        if (before.Count == after.Count && before.Keys.All(k => after.TryGetValue(k, out var later) && Same(before[k], later)))
        {
            var stages = figures.GetProperty("byStage").EnumerateArray().ToDictionary(x => x.GetProperty("label").GetString()!, x => x.GetProperty("count").GetInt32());
            foreach (var stage in CaseStages.All)
            {
                Assert.Equal(before.Values.Sum(e => e.Stages.GetValueOrDefault(stage)), stages[stage]);
            }

            var outcomes = figures.GetProperty("byOutcome").EnumerateArray().ToDictionary(x => x.GetProperty("label").GetString()!, x => x.GetProperty("count").GetInt32());
            var expectedOutcomes = before.Values.SelectMany(e => e.Outcomes).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            Assert.Equal(expectedOutcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal), outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            var procedures = figures.GetProperty("byProcedure").EnumerateArray().ToDictionary(x => x.GetProperty("label").GetString()!, x => x.GetProperty("count").GetInt32());
            foreach (var kind in Enum.GetValues<ProcedureKind>())
            {
                Assert.Equal(before.Values.Sum(e => e.Procedures.GetValueOrDefault(kind)), procedures.GetValueOrDefault(kind.Chinese()));
            }

            var total = figures.GetProperty("total");
            Assert.Equal(before.Values.Sum(e => e.Opened), total.GetProperty("opened").GetInt32());
            Assert.Equal(before.Values.Sum(e => e.Overdue), total.GetProperty("overdueSteps").GetInt32());
            Assert.True(before.Values.Sum(e => e.Opened) > 50, "演示数据应有足够的案件");
            Assert.True(before.Values.Sum(e => e.Review.Reviewed) > 5, "演示数据应有法制审核");

        }

        // The agencies table as CSV: one row per agency and the total, which is their sum (read in one request, so it
        // holds whatever other tests do meanwhile).
        var csv = await supervisor.GetAsync($"/workbench/dashboard?handler=csv&table=agencies&from={Iso(from)}&to={Iso(to)}", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal(["执法主体", "立案", "作出决定"], lines[0][..3]);
        Assert.Equal("合计", lines[^1][0]);
        foreach (var column in new[] { 1, 2, 3, 4, 8, 9 })
        {
            Assert.Equal(lines[1..^1].Sum(l => int.Parse(l[column], CultureInfo.InvariantCulture)), int.Parse(lines[^1][column], CultureInfo.InvariantCulture));
        }

        static bool Same(Expected a, Expected b) =>
            a.Opened == b.Opened && a.Decided == b.Decided && a.Overdue == b.Overdue && a.Review.Reviewed == b.Review.Reviewed && a.Review.Pending == b.Review.Pending
            && a.InTime == b.InTime && a.Officers == b.Officers && a.Stages.Count == b.Stages.Count && a.Stages.All(kv => b.Stages.GetValueOrDefault(kv.Key) == kv.Value);
    }

    [Fact]
    public async Task The_summaries_kept_with_every_change_equal_summaries_rebuilt_from_the_records()
    {
        // Through the workflow: open a case and take it a step, so its summary is rewritten by the save itself.
        var (caseId, _, _, _, _) = await new Sanxiang.Web.Tests.Cases.CaseScenario(app).InReviewAsync();

        var kept = await app.WithDbAsync((db, _) => db.CaseSummaries.AsNoTracking().Include(s => s.Rounds).Include(s => s.Deadlines).AsSplitQuery().ToListAsync(Ct));
        var mine = Assert.Single(kept, s => s.CaseId == caseId);
        Assert.Equal((CaseStages.Review, "review"), (mine.Stage, mine.Status));
        var round = Assert.Single(mine.Rounds);
        Assert.Null(round.ReviewedOn);
        Assert.Contains(mine.Deadlines, d => d.Step == "review" && d.What == "提出法制审核意见");
        Assert.Contains(mine.Deadlines, d => d.Step == "decide" && d.What == "作出行政处罚决定");
        var cases = await app.WithDbAsync((db, _) => db.Cases.AsNoTracking().Select(c => new { c.Id, c.Revision }).ToDictionaryAsync(c => c.Id, c => c.Revision, Ct));
        Assert.Equal(cases.Count, kept.Count(s => cases.ContainsKey(s.CaseId)));

        var rebuilt = await app.WithDbAsync(async (db, sp) =>
        {
            var options = sp.GetRequiredService<CaseOptions>();
            var calendar = await CalendarStore.LoadAsync(db, Ct);
            var all = await db.Cases.AsNoTracking().Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).Include(c => c.Officers).AsSplitQuery().ToListAsync(Ct);
            // Read after the cases: another test may create an agency and its first case in between.
            var codes = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, Ct);
            var now = DateTimeOffset.UtcNow;
            return all.Select(c => CaseSummaries.Build(c, calendar, options.For(codes[c.AgencyId]), ChinaTime.DateOf(now), now)).ToList();
        });

        var compared = 0;
        foreach (var fresh in rebuilt)
        {
            var row = kept.SingleOrDefault(s => s.CaseId == fresh.CaseId);
            if (row is null || row.Revision != fresh.Revision)
            {
                continue; // changed by another test in between
            }

            Assert.Equal(Describe(fresh), Describe(row));
            compared++;
        }

        Assert.True(compared > 50, $"只比较了 {compared} 件");

        static string Describe(CaseSummary s) => string.Join("|",
            s.AgencyId, s.Revision, s.Procedure, s.Status, s.Stage, s.Source, s.OpenedOn, s.DecidedOn, s.Outcome, s.DecisionDueOn, s.FineAmount, s.ClosedOn, s.Sealed,
            string.Join(";", s.Rounds.OrderBy(r => r.Number).Select(r => $"{r.Number},{r.SubmittedOn},{r.ReviewedOn},{r.ReviewedBy},{r.Agreed},{r.Returned},{r.ProblemKinds},{r.WorkingDays},{r.Late}")),
            string.Join(";", s.Deadlines.OrderBy(d => d.Sequence).Select(d => $"{d.Sequence},{d.Step},{d.What},{d.DueOn},{d.DueAtUtc},{d.PartyWindow}")));
    }

    [Fact]
    public async Task Who_may_see_what_and_bad_requests_are_refused_in_chinese()
    {
        var supervisor = await SupervisorAsync("sfj.dash.rules");
        async Task Refused(HttpClient client, string query, HttpStatusCode status, string message)
        {
            var api = await client.GetAsync("/api/v1/supervision/dashboard?" + query, Ct);
            Assert.Equal(status, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains(message, JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            if (status == HttpStatusCode.BadRequest)
            {
                var page = await client.GetAsync("/workbench/dashboard?" + query, Ct);
                Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
                var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
                Assert.Contains(message, html, StringComparison.Ordinal);
                Assert.DoesNotContain("data-testid=\"chart-trend\"", html, StringComparison.Ordinal);
            }
        }

        await Refused(supervisor, "from=2026-06-30&to=2026-01-01", HttpStatusCode.BadRequest, "统计期间的起始日期不能晚于截止日期。");
        await Refused(supervisor, "from=2010-01-01&to=2026-01-01", HttpStatusCode.BadRequest, "统计期间不超过五年。");
        await Refused(supervisor, "agency=NOPE", HttpStatusCode.BadRequest, "没有代码为“NOPE”的执法主体");
        var badDate = await supervisor.GetAsync("/api/v1/supervision/dashboard?from=2026-13-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);

        var table = await supervisor.GetAsync("/workbench/dashboard?handler=csv&table=bogus", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, table.StatusCode);
        Assert.Contains("没有名为“bogus”的表格", JsonDocument.Parse(await table.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The supervisor narrows to one agency; an agency head sees theirs and cannot name another.
        var scjg = JsonDocument.Parse(await supervisor.GetStringAsync("/api/v1/supervision/dashboard?agency=SCJG", Ct)).RootElement;
        Assert.Equal("安和县市场监督管理局", scjg.GetProperty("scope").GetString());
        Assert.Single(scjg.GetProperty("figures").GetProperty("byAgency").EnumerateArray());

        var head = await app.SignInAsync("sthj.head");
        var own = JsonDocument.Parse(await head.GetStringAsync("/api/v1/supervision/dashboard", Ct)).RootElement;
        Assert.Equal("安和县生态环境局", own.GetProperty("scope").GetString());
        Assert.Equal(["STHJ"], own.GetProperty("figures").GetProperty("byAgency").EnumerateArray().Select(a => a.GetProperty("code").GetString()));
        await Refused(head, "agency=SCJG", HttpStatusCode.BadRequest, "没有代码为“SCJG”的执法主体，或您无权查看它的数据。");
        var page = await head.GetStringAsync("/workbench/dashboard", Ct);
        Assert.DoesNotContain("data-testid=\"dashboard-agency\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-trend\"", page, StringComparison.Ordinal);

        var officer = await app.SignInAsync("scjg.officer");
        await Refused(officer, "", HttpStatusCode.Forbidden, "仅供司法行政监督人员和行政机关负责人查看");
        var denied = await officer.GetAsync("/workbench/dashboard", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}

public sealed class DashboardTestsOnSqlite(SqliteApp app) : DashboardTests(app);

public sealed class DashboardTestsOnPostgres(PostgresApp app) : DashboardTests(app);
