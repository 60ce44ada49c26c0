using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Supervision;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Publication;
using Sanxiang.Data.Supervision;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Supervision;

/// <summary>
/// The dashboard's roll-up (decision 0022): the rows every save keeps by delta equal the rows rebuilt from every case
/// summary and publication task — read in one snapshot, after saves that ran at the same time; and the publication
/// figures of whole months, taken from it, equal the tasks counted one by one as issue 7 counted them (the first
/// published version's day and full text read from the published entries and the log, not from the task's stamp).
/// </summary>
public abstract class RollUpTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Runs <paramref name="work"/> in one snapshot of the database, so what other tests write meanwhile is either all in or all out.</summary>
    private Task<T> InSnapshotAsync<T>(Func<SanxiangDbContext, Task<T>> work) =>
        app.WithDbAsync(async (db, _) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, Ct);
            var result = await work(db);
            await tx.RollbackAsync(Ct);
            return result;
        });

    [Fact]
    public async Task The_rows_kept_by_every_save_equal_a_rebuild_even_when_saves_run_at_the_same_time()
    {
        // Six cases opened and taken to legal review at once, in one agency on one day: their saves add to the same rows.
        var scenario = new Sanxiang.Web.Tests.Cases.CaseScenario(app);
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => (await scenario.InReviewAsync()).Item1));
        var agency = await app.WithDbAsync((db, _) => db.Cases.AsNoTracking().Where(c => c.Id == ids[0]).Select(c => c.AgencyId).SingleAsync(Ct));

        var (kept, rebuilt) = await InSnapshotAsync(async db =>
        {
            var kept = await db.CaseCounts.IgnoreQueryFilters().AsNoTracking().Where(c => c.Value != 0).ToListAsync(Ct);
            return (kept, await CaseCountStore.ComputeAsync(db, Ct));
        });

        static string Row(CaseCount c) => $"{c.AgencyId}|{c.Measure}|{c.Period:yyyy-MM-dd}|{c.Key}={c.Value}";
        var expected = rebuilt.Select(Row).Order(StringComparer.Ordinal).ToList();
        var actual = kept.Select(Row).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Except(actual), actual.Except(expected)); // both empty; on failure the differing rows are named
        Assert.Equal(expected, actual);

        // Every measure is there, and the six cases are in today's rows of their agency and of the county.
        Assert.Subset(kept.Select(c => c.Measure).ToHashSet(), new HashSet<string>
        {
            CaseCounts.Opened, CaseCounts.Decided, CaseCounts.Reviewed, CaseCounts.Closed, CaseCounts.OpenedDay, CaseCounts.DecidedDay, PublicationCounts.Measure,
        });
        var today = ChinaTime.Today(TimeProvider.System);
        Assert.True(kept.Single(c => c.AgencyId == agency && c.Measure == CaseCounts.OpenedDay && c.Period == today).Value >= 6);
        Assert.True(kept.Single(c => c.AgencyId == CaseCounts.County && c.Measure == CaseCounts.OpenedDay && c.Period == today).Value >= 6);
        Assert.True(kept.Where(c => c.AgencyId == agency && c.Measure == CaseCounts.Opened && c.Period == CaseCounts.MonthOf(today)
            && c.Key == CaseCounts.OpenedKey(CaseStages.Review, Sanxiang.Core.Registry.ProcedureKind.GeneralPenalty)).Sum(c => c.Value) >= 6);
    }

    [Fact]
    public async Task An_agency_reads_only_its_own_rows_never_the_county_daily_rows()
    {
        var rows = await app.WithDbAsync((db, _) => db.CaseCounts.IgnoreQueryFilters().AsNoTracking().CountAsync(c => c.Value != 0, Ct));
        Assert.True(rows > 100, $"只有 {rows} 行汇总");

        // An agency's reader sees its own rows only: never the county's, never another agency's.
        var seen = await app.WithDbAsync(async (db, sp) =>
        {
            var scjg = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == "SCJG", Ct);
            sp.GetRequiredService<Sanxiang.Web.Infrastructure.HttpAccessScopeProvider>().Override = Sanxiang.Data.Access.AccessScope.Agency(scjg.Id);
            return (scjg.Id, await db.CaseCounts.AsNoTracking().Select(c => c.AgencyId).Distinct().ToListAsync(Ct));
        });
        Assert.Equal([seen.Id], seen.Item2);
    }

    public static TheoryData<string> Periods => ["whole-months", "two-edges", "one-partial-month", "year-to-yesterday", "years-to-today", "last-30-days"];

    /// <summary>
    /// The periods of both tests. "years-to-today" (last year and this one up to today) has nothing dated after it and
    /// is read from the yearly rows alone; "last-30-days" counts its first days from the records and reads the rest of
    /// this month from its monthly rows (PeriodSplit widened over empty days).
    /// </summary>
    private static (DateOnly From, DateOnly To) Period(string period, DateOnly today)
    {
        var month = CaseCounts.MonthOf(today);
        return period switch
        {
            "whole-months" => (month.AddMonths(-14), month.AddDays(-1)),
            "two-edges" => (month.AddMonths(-13).AddDays(9), today.AddDays(-1)),
            "one-partial-month" => (month.AddMonths(-2).AddDays(3), month.AddMonths(-2).AddDays(20)),
            "years-to-today" => (new DateOnly(today.Year - 1, 1, 1), today),
            "last-30-days" => (today.AddDays(-29), today),
            _ => (new DateOnly(today.Year - 1, 1, 1), today.AddDays(-1)),
        };
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Dashboard_figures_from_the_roll_up_equal_the_summaries_counted_one_by_one(string period)
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var (from, to) = Period(period, today);
        var (summaries, rounds, dashboard) = await InSnapshotAsync(async db =>
        {
            var summaries = await db.CaseSummaries.AsNoTracking().ToListAsync(Ct);
            var rounds = await db.CaseSummaryRounds.AsNoTracking().Where(r => r.ReviewedOn >= from && r.ReviewedOn <= to).ToListAsync(Ct);
            return (summaries, rounds, await DashboardQueries.LoadAsync(db, null, from, to, today, DateTimeOffset.UtcNow, Ct));
        });

        var opened = summaries.Where(s => s.OpenedOn >= from && s.OpenedOn <= to).ToList();
        var decided = summaries.Where(s => s.DecidedOn >= from && s.DecidedOn <= to).ToList();
        var codes = await app.WithDbAsync((db, _) => db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id, Ct));
        foreach (var line in dashboard.ByAgency.Append(dashboard.Total))
        {
            bool Mine(Guid agency) => line == dashboard.Total || codes[line.Code] == agency;
            var d = decided.Where(s => Mine(s.AgencyId)).ToList();
            var r = rounds.Where(x => Mine(x.AgencyId)).ToList();
            var expected = new
            {
                Opened = opened.Count(s => Mine(s.AgencyId)),
                Decided = d.Count,
                WithLimit = d.Count(s => s.DecisionDueOn != null),
                InTime = d.Count(s => s.DecidedOn <= s.DecisionDueOn),
                General = d.Count(s => s.Procedure == Sanxiang.Core.Registry.ProcedureKind.GeneralPenalty && s.DecisionDueOn != null),
                GeneralInTime = d.Count(s => s.Procedure == Sanxiang.Core.Registry.ProcedureKind.GeneralPenalty && s.DecidedOn <= s.DecisionDueOn),
                Reviewed = r.Count,
                Agreed = r.Count(x => x.Agreed),
                Returned = r.Count(x => x.Returned),
                First = r.Count(x => x.Number == 1),
                FirstAgreed = r.Count(x => x.Number == 1 && x.Agreed),
                Late = r.Count(x => x.Late),
            };
            var review = line.Review;
            Assert.Equal(expected, new
            {
                line.Opened, line.Decided, WithLimit = line.DecidedWithLimit, InTime = line.DecidedInTime, General = line.GeneralDecided, line.GeneralInTime,
                review.Reviewed, review.Agreed, review.Returned, First = review.FirstRounds, FirstAgreed = review.FirstRoundAgreed, review.Late,
            });
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(bit => rounds.Count(x => (x.ProblemKinds & (1 << bit)) != 0)), dashboard.Total.Review.ProblemsByKind);
        Assert.Equal(opened.GroupBy(s => s.Stage).Select(g => (g.Key, g.Count())).Where(x => x.Item2 > 0).Order(),
            dashboard.ByStage.Where(x => x.Count > 0).Select(x => (x.Label, x.Count)).Order());
        Assert.Equal(decided.GroupBy(s => s.Outcome ?? "其他决定").Select(g => (g.Key, g.Count())).Order(), dashboard.ByOutcome.Select(x => (x.Label, x.Count)).Order());
        Assert.True(opened.Count > 0 && (period == "last-30-days" || decided.Count > 0), "这段时间应有立案和决定");
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Publication_figures_from_the_roll_up_equal_the_tasks_counted_one_by_one(string period)
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var (from, to) = Period(period, today);

        var (expected, actual) = await InSnapshotAsync(async db =>
        {
            var calendar = await CalendarStore.LoadAsync(db, Ct);
            var tasks = await db.PublicationTasks.AsNoTracking().Where(t => t.DecidedOn >= from && t.DecidedOn <= to).ToListAsync(Ct);
            var ids = tasks.Select(t => t.Id).ToList();
            // The first version of each task is the earliest (a test of the open data hangs extra entries on an existing task).
            var first = (await db.PublishedDecisions.AsNoTracking().Where(p => p.Version == 1 && ids.Contains(p.TaskId))
                .Select(p => new { p.Id, p.TaskId, p.PublishedOn, p.LedgerIndex, p.State, HasText = p.FullText != null }).ToListAsync(Ct))
                .OrderBy(p => p.Id).ToList();
            var indexes = first.Where(f => f.LedgerIndex != null).Select(f => f.LedgerIndex!.Value).ToList();
            var logged = (await db.LedgerEntries.AsNoTracking().Where(e => indexes.Contains(e.Index)).Select(e => new { e.Index, e.Payload }).ToListAsync(Ct))
                .ToDictionary(e => e.Index, e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement
                    .GetProperty("facts").GetProperty("content").GetProperty("fullText").GetBoolean());
            var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, Ct);
            // An entry taken down has lost its text; whether it went up with it is in its publication's log entry. Entries
            // planted by tests without one, and taken down since (expired), leave only the task's own stamp to say.
            bool FullText(PublicationTask t, long? index, PublishedState state, bool hasText) =>
                hasText || (index is { } i ? logged.GetValueOrDefault(i) : state != PublishedState.Public && state != PublishedState.Superseded && t.FirstPublishedWithFullText);
            var records = tasks.Select(t => first.FirstOrDefault(f => f.TaskId == t.Id) is { } f
                ? new PublicationRecord(t, names[t.AgencyId], f.PublishedOn, FullText(t, f.LedgerIndex, f.State, f.HasText))
                : new PublicationRecord(t, names[t.AgencyId], null, false));
            var list = records.ToList();
            return (PublicationStatistics.Compute(list, calendar, from, to, today), await PublicationFigures.LoadAsync(db, from, to, today, Ct));
        });

        Assert.Equal(expected.County, actual.County);
        Assert.Equal(expected.ByAgency, actual.ByAgency);
        if (period is "whole-months" or "year-to-yesterday" or "years-to-today")
        {
            Assert.True(expected.County.Decisions > 0, "这段时间应有作出的决定");
        }
    }
}

public sealed class RollUpTestsOnSqlite(SqliteApp app) : RollUpTests(app);

public sealed class RollUpTestsOnPostgres(PostgresApp app) : RollUpTests(app);
