using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision;

namespace Sanxiang.Core.Tests.Supervision;

/// <summary>
/// The roll-up's arithmetic (decision 0022): what a summary contributes, the delta of a change, that deltas applied along
/// any history end where a rebuild of the final state does, and how a period is cut into whole months and edge days.
/// </summary>
public sealed class CaseCountsTests
{
    private static readonly Guid Agency = Guid.Parse("0190f5a1-0000-7000-8000-000000000001");

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static CaseSummary Summary(Guid id, string status, DateOnly opened, DateOnly? decided = null, DateOnly? due = null, string? outcome = null,
        long? fine = null, DateOnly? closed = null, params CaseSummaryRound[] rounds) => new()
    {
        CaseId = id,
        AgencyId = Agency,
        Procedure = ProcedureKind.GeneralPenalty,
        Status = status,
        Stage = CaseStages.Of(status)!,
        Source = "投诉举报",
        OpenedOn = opened,
        DecidedOn = decided,
        DecisionDueOn = due,
        Outcome = outcome,
        FineAmount = fine,
        ClosedOn = closed,
        Rounds = [.. rounds],
    };

    [Fact]
    public void A_decided_case_counts_where_the_dashboard_looks_for_it()
    {
        var round = new CaseSummaryRound { Number = 1, ReviewedOn = D("2026-03-30"), Agreed = true, WorkingDays = 4, ProblemKinds = 0b101 };
        var s = Summary(Guid.NewGuid(), "archive", D("2026-03-02"), D("2026-04-03"), D("2026-05-31"), "给予行政处罚", 5000, D("2026-04-20"), round);
        var rows = CaseCounts.Of(s).ToList();

        Assert.Contains((Agency, CaseCounts.Opened, D("2026-03-01"), "已归档|GeneralPenalty", 1L), rows);
        Assert.Contains((Agency, CaseCounts.OpenedDay, D("2026-03-02"), "", 1L), rows);
        Assert.Contains((CaseCounts.County, CaseCounts.OpenedDay, D("2026-03-02"), "", 1L), rows);
        Assert.Contains((Agency, CaseCounts.Decided, D("2026-04-01"), "GeneralPenalty|1|给予行政处罚", 1L), rows);
        Assert.Contains((CaseCounts.County, CaseCounts.DecidedDay, D("2026-04-03"), "", 1L), rows);
        Assert.Contains((Agency, CaseCounts.Fines, D("2026-04-01"), "", 5000L), rows);
        Assert.Contains((Agency, CaseCounts.Closed, D("2026-04-01"), "", 1L), rows);
        Assert.Contains((Agency, CaseCounts.Reviewed, D("2026-03-01"), CaseCounts.ReviewKeys.FirstAgreed, 1L), rows);
        Assert.Contains((Agency, CaseCounts.Reviewed, D("2026-03-01"), CaseCounts.ReviewKeys.WorkingDays, 4L), rows);
        Assert.Contains((Agency, CaseCounts.Reviewed, D("2026-03-01"), "k0", 1L), rows);
        Assert.Contains((Agency, CaseCounts.Reviewed, D("2026-03-01"), "k2", 1L), rows);
        Assert.DoesNotContain(rows, r => r.Key is "k1" or CaseCounts.ReviewKeys.Returned or CaseCounts.ReviewKeys.Late);
        Assert.Equal(("GeneralPenalty", 1, "给予行政处罚"), (CaseCounts.ParseDecided("GeneralPenalty|1|给予行政处罚").Procedure.ToString(),
            CaseCounts.ParseDecided("GeneralPenalty|1|给予行政处罚").Timely, CaseCounts.ParseDecided("GeneralPenalty|1|给予行政处罚").Outcome));
        // A decision after its last day is late; without a limit it has none; the outcome may contain no bar but may be empty.
        Assert.Equal(2, CaseCounts.Timeliness(D("2026-06-01"), D("2026-05-31")));
        Assert.Equal(0, CaseCounts.Timeliness(D("2026-06-01"), null));
        Assert.Null(CaseCounts.ParseDecided(CaseCounts.DecidedKey(ProcedureKind.Inspection, 0, null)).Outcome);
    }

    [Fact]
    public void A_step_forward_moves_one_count_from_the_old_key_to_the_new_and_an_unchanged_save_moves_nothing()
    {
        var id = Guid.NewGuid();
        var before = Summary(id, "investigate", D("2026-10-08"));
        var after = Summary(id, "review", D("2026-10-08"), rounds: new CaseSummaryRound { Number = 1, SubmittedOn = D("2026-10-20") });

        var delta = CaseCounts.Delta(before, after).ToList();
        Assert.Equal(4, delta.Count);
        Assert.Contains((Agency, CaseCounts.Opened, D("2026-10-01"), "调查取证|GeneralPenalty", -1L), delta);
        Assert.Contains((Agency, CaseCounts.Opened, D("2026-10-01"), "审核讨论|GeneralPenalty", 1L), delta);
        // The year's row moves with the month's.
        Assert.Contains((Agency, CaseCounts.Yearly(CaseCounts.Opened), D("2026-01-01"), "调查取证|GeneralPenalty", -1L), delta);
        Assert.Contains((Agency, CaseCounts.Yearly(CaseCounts.Opened), D("2026-01-01"), "审核讨论|GeneralPenalty", 1L), delta);
        Assert.Empty(CaseCounts.Delta(after, after));

        // New: everything it counts; gone: everything back.
        Assert.Equal(CaseCounts.Of(after).Count(r => !CaseCounts.IsDaily(r.Measure)) * 2 + CaseCounts.Of(after).Count(r => CaseCounts.IsDaily(r.Measure)),
            CaseCounts.Delta(null, after).Count());
        Assert.All(CaseCounts.Delta(after, null), d => Assert.True(d.Value < 0));
    }

    [Fact]
    public void Only_dated_limits_that_are_nobodys_window_are_rolled_up_by_the_month_of_their_last_day()
    {
        var s = Summary(Guid.NewGuid(), "investigate", D("2026-09-10"));
        s.Deadlines =
        [
            new CaseSummaryDeadline { Sequence = 1, Step = "decide", What = "作出行政处罚决定", DueOn = D("2026-12-08") },
            new CaseSummaryDeadline { Sequence = 2, Step = "notify", What = "提出陈述申辩", DueOn = D("2026-10-03"), PartyWindow = true },
            new CaseSummaryDeadline { Sequence = 3, Step = "preserve", What = "作出处理决定", DueOn = D("2026-10-05"), DueAtUtc = new DateTimeOffset(2026, 10, 5, 1, 0, 0, TimeSpan.Zero) },
        ];

        var due = CaseCounts.Of(s).Where(r => r.Measure == CaseCounts.Due).ToList();
        Assert.Equal([(Agency, CaseCounts.Due, D("2026-12-01"), "decide|作出行政处罚决定", 1L)], due);
        Assert.Equal(("decide", "作出行政处罚决定"), CaseCounts.ParseDue(due[0].Key));
    }

    [Fact]
    public void Deltas_applied_along_any_history_end_where_a_rebuild_of_the_final_state_does()
    {
        var random = new Random(20261128);
        string[] statuses = ["register", "investigate", "examine", "review", "decide", "serve", "close", "archive"];
        var kept = new Dictionary<(Guid, string, DateOnly, string), long>();
        var current = new Dictionary<Guid, CaseSummary>();
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        for (var step = 0; step < 2_000; step++)
        {
            var id = ids[random.Next(ids.Count)];
            var opened = D("2025-11-01").AddDays(random.Next(0, 300));
            var status = statuses[random.Next(statuses.Length)];
            var decided = random.NextDouble() < 0.5 ? opened.AddDays(random.Next(0, 120)) : (DateOnly?)null;
            var rounds = random.NextDouble() < 0.4
                ? new[] { new CaseSummaryRound { Number = 1, ReviewedOn = opened.AddDays(random.Next(1, 60)), Returned = true, ProblemKinds = random.Next(0, 256), WorkingDays = random.Next(0, 9), Late = random.NextDouble() < 0.3 } }
                : [];
            var next = random.NextDouble() < 0.05 ? null
                : Summary(id, status, opened, decided, opened.AddDays(90), decided is null ? null : "给予行政处罚", decided is null ? null : random.Next(1, 50) * 100,
                    decided?.AddDays(10), rounds);
            if (next is not null && decided is null)
            {
                next.Deadlines = [new CaseSummaryDeadline { Sequence = 1, Step = status, What = "作出行政处罚决定", DueOn = opened.AddDays(random.Next(30, 120)) }];
            }
            // As the store applies them: each delta row added to its row.
            foreach (var (a, m, p, k, v) in CaseCounts.Delta(current.GetValueOrDefault(id), next))
            {
                kept[(a, m, p, k)] = kept.GetValueOrDefault((a, m, p, k)) + v;
            }

            if (next is null)
            {
                current.Remove(id);
            }
            else
            {
                current[id] = next;
            }
        }

        var rebuilt = new CaseCountSums();
        foreach (var s in current.Values)
        {
            rebuilt.Add(s);
        }

        static string Row(CaseCount c) => $"{c.AgencyId}|{c.Measure}|{c.Period}|{c.Key}={c.Value}";
        Assert.Equal(rebuilt.Rows().Select(Row).Order(StringComparer.Ordinal),
            kept.Where(x => x.Value != 0).Select(x => $"{x.Key.Item1}|{x.Key.Item2}|{x.Key.Item3}|{x.Key.Item4}={x.Value}").Order(StringComparer.Ordinal));
        Assert.True(rebuilt.Rows().Count() > 100);
    }

    [Theory]
    [InlineData("2021-11-28", "2026-11-27", "2022-01-01", "2025-01-01", "2021-12-01…2021-12-01", "2026-01-01…2026-10-01")]
    [InlineData("2025-01-01", "2026-11-27", "2025-01-01", "2025-01-01", "2026-01-01…2026-10-01", null)]
    [InlineData("2026-01-01", "2026-12-31", "2026-01-01", "2026-01-01", null, null)]
    [InlineData("2025-09-01", "2026-10-31", null, null, "2025-09-01…2026-10-01", null)]
    [InlineData("2026-11-03", "2026-11-27", null, null, null, null)]
    public void Whole_months_are_cut_further_into_whole_years_and_the_months_around_them(string from, string to, string? firstYear, string? lastYear,
        string? months1, string? months2)
    {
        var (y0, y1, months) = PeriodSplit.Of(D(from), D(to)).Years;
        Assert.Equal(firstYear is null ? null : D(firstYear), y0);
        Assert.Equal(lastYear is null ? null : D(lastYear), y1);
        Assert.Equal(new[] { months1, months2 }.Where(m => m is not null), months.Select(m => $"{m.From:yyyy-MM-dd}…{m.To:yyyy-MM-dd}"));

        // Every whole month is in exactly one part.
        var split = PeriodSplit.Of(D(from), D(to));
        for (var m = split.FirstMonth ?? DateOnly.MaxValue; m <= (split.LastMonth ?? DateOnly.MinValue); m = m.AddMonths(1))
        {
            var inYears = y0 is { } a && y1 is { } b && m >= a && m < b.AddYears(1);
            var inMonths = months.Count(r => m >= r.From && m <= r.To);
            Assert.Equal(1, (inYears ? 1 : 0) + inMonths);
        }
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", "2026-01-01", "2026-12-01", null, null, null, null)]
    [InlineData("2026-01-15", "2026-03-10", "2026-02-01", "2026-02-01", "2026-01-15", "2026-01-31", "2026-03-01", "2026-03-10")]
    [InlineData("2026-01-03", "2026-01-20", null, null, "2026-01-03", "2026-01-20", null, null)]
    [InlineData("2026-02-01", "2026-02-28", "2026-02-01", "2026-02-01", null, null, null, null)]
    [InlineData("2024-01-31", "2024-03-01", "2024-02-01", "2024-02-01", "2024-01-31", "2024-01-31", "2024-03-01", "2024-03-01")]
    [InlineData("2026-01-01", "2026-11-27", "2026-01-01", "2026-10-01", null, null, "2026-11-01", "2026-11-27")]
    [InlineData("2026-11-28", "2026-11-28", null, null, "2026-11-28", "2026-11-28", null, null)]
    public void A_period_is_cut_into_whole_months_and_the_days_around_them(string from, string to, string? firstMonth, string? lastMonth,
        string? before1, string? before2, string? after1, string? after2)
    {
        var split = PeriodSplit.Of(D(from), D(to));
        Assert.Equal(firstMonth is null ? null : D(firstMonth), split.FirstMonth);
        Assert.Equal(lastMonth is null ? null : D(lastMonth), split.LastMonth);
        var (a1, b1, a2, b2) = split.Edges;
        Assert.Equal(before1 is null ? "" : $"{before1}…{before2}", a1 <= b1 ? $"{a1:yyyy-MM-dd}…{b1:yyyy-MM-dd}" : "");
        Assert.Equal(after1 is null ? "" : $"{after1}…{after2}", a2 <= b2 ? $"{a2:yyyy-MM-dd}…{b2:yyyy-MM-dd}" : "");
        Assert.Equal(before1 is not null || after1 is not null, split.HasEdges);

        // Every day of the period is in exactly one part.
        for (var day = D(from); day <= D(to); day = day.AddDays(1))
        {
            var inMonths = split.FirstMonth is { } m0 && day >= m0 && day < split.LastMonth!.Value.AddMonths(1);
            var inEdges = (day >= a1 && day <= b1) || (day >= a2 && day <= b2);
            Assert.True(inMonths ^ inEdges, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
    [Theory]
    // This year up to today, nothing dated after today: the year's rows, no days counted from the records.
    [InlineData("2026-01-01", "2026-11-28", "2025-12-31", null, "2026-01-01", "2026-12-31")]
    // Something dated next month: this month's rows only; dated later this month: the days as asked.
    [InlineData("2026-01-01", "2026-11-28", null, "2026-12-02", "2026-01-01", "2026-11-30")]
    [InlineData("2026-01-01", "2026-11-28", null, "2026-11-29", "2026-01-01", "2026-11-28")]
    // The last 30 days: the days before them in October are counted (something on 29 October), November's rows.
    [InlineData("2026-10-30", "2026-11-28", "2026-10-29", null, "2026-10-30", "2026-12-31")]
    [InlineData("2026-10-30", "2026-11-28", "2026-10-02", "2026-12-31", "2026-10-30", "2026-11-30")]
    [InlineData("2026-10-30", "2026-11-28", "2026-09-30", "2027-01-01", "2026-10-01", "2026-12-31")]
    // Nothing around at all: whole years.
    [InlineData("2021-11-29", "2026-11-28", null, null, "2021-01-01", "2026-12-31")]
    public void Empty_days_around_a_period_widen_it_to_whole_months_or_years(string from, string to, string? lastBefore, string? firstAfter,
        string widenedFrom, string widenedTo)
    {
        var split = PeriodSplit.Of(D(from), D(to), lastBefore is null ? null : D(lastBefore), firstAfter is null ? null : D(firstAfter));
        var expected = PeriodSplit.Of(D(widenedFrom), D(widenedTo));
        Assert.Equal(expected.FirstMonth, split.FirstMonth);
        Assert.Equal(expected.LastMonth, split.LastMonth);
        Assert.Equal(expected.Edges, split.Edges);

        // Never narrower than asked, and the days added hold nothing dated.
        var (a1, b1, a2, b2) = split.Edges;
        var start = new[] { split.FirstMonth ?? DateOnly.MaxValue, a1 <= b1 ? a1 : DateOnly.MaxValue }.Min();
        var end = new[] { split.LastMonth?.AddMonths(1).AddDays(-1) ?? DateOnly.MinValue, a2 <= b2 ? b2 : a1 <= b1 ? b1 : DateOnly.MinValue }.Max();
        Assert.True(start <= D(from) && end >= D(to));
        Assert.True(lastBefore is null || D(lastBefore) < start);
        Assert.True(firstAfter is null || D(firstAfter) > end);
    }
}
