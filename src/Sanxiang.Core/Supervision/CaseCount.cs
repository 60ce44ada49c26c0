using System.Globalization;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision;

/// <summary>
/// One roll-up row of the case summaries (decision 0022): the sum of <see cref="Value"/> that the summaries of one agency
/// contribute to one measure, key and period — a calendar month (<see cref="Period"/> its first day) for the period
/// measures, one day for the activity measures. Kept by the case's own save: the old summary's contributions subtracted,
/// the new one's added (<see cref="CaseCounts.Delta"/>), in the same transaction; so at any moment every row equals the
/// sum of <see cref="CaseCounts.Of"/> over the summaries it covers, which is what the web tests check against a rebuild.
/// </summary>
public sealed class CaseCount : IAgencyOwned
{
    /// <summary>The agency; <see cref="CaseCounts.County"/> for the county-wide daily rows.</summary>
    public Guid AgencyId { get; set; }

    public required string Measure { get; set; }

    /// <summary>The first day of the month (monthly measures) or the day (daily ones).</summary>
    public DateOnly Period { get; set; }

    public required string Key { get; set; }

    public long Value { get; set; }
}

/// <summary>The measures a case summary contributes to, and how (decision 0022).</summary>
public static class CaseCounts
{
    /// <summary>The agency id of the county-wide rows of the daily measures (the activity calendar of a county's years).</summary>
    public static readonly Guid County = Guid.Empty;

    /// <summary>Cases opened in the month, by <c>stage|procedure</c> (the case's current stage).</summary>
    public const string Opened = "opened";

    /// <summary>Decisions made in the month, by <c>procedure|timely|outcome</c> (timely: 0 no limit, 1 within it, 2 late).</summary>
    public const string Decided = "decided";

    /// <summary>Fines decided in the month, in yuan (key empty).</summary>
    public const string Fines = "fines";

    /// <summary>Cases that reached their final step, by the month of that day (key empty).</summary>
    public const string Closed = "closed";

    /// <summary>Legal-review opinions given in the month, by <see cref="ReviewKeys"/>.</summary>
    public const string Reviewed = "reviewed";

    /// <summary>
    /// The time limits running on open cases, by the month of their last day, by <c>step|what</c>: dated limits only (a
    /// party's window and a period in hours are counted from the rows). Every month before today's is wholly overdue.
    /// </summary>
    public const string Due = "due";

    /// <summary>Cases opened on the day (daily; per agency and county-wide).</summary>
    public const string OpenedDay = "opened-day";

    /// <summary>Decisions made on the day (daily; per agency and county-wide).</summary>
    public const string DecidedDay = "decided-day";

    /// <summary>
    /// The year's row of a monthly measure (period: 1 January), kept beside the months so that a period of years reads a
    /// twelfth of the rows.
    /// </summary>
    public static string Yearly(string measure) => measure + YearSuffix;

    public static bool IsYearly(string measure) => measure.EndsWith(YearSuffix, StringComparison.Ordinal);

    private const string YearSuffix = "/y";

    /// <summary>The measures counted by day rather than month.</summary>
    public static bool IsDaily(string measure) => measure is OpenedDay or DecidedDay;

    /// <summary>The keys of <see cref="Reviewed"/>: opinions, agreed, returned, first rounds, first rounds agreed, late, working days (a sum), and the problem kinds k0…k30.</summary>
    public static class ReviewKeys
    {
        public const string Rounds = "rounds";
        public const string Agreed = "agreed";
        public const string Returned = "returned";
        public const string First = "first";
        public const string FirstAgreed = "first-agreed";
        public const string Late = "late";
        public const string WorkingDays = "working-days";

        public static string Kind(int bit) => "k" + bit.ToString(CultureInfo.InvariantCulture);
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>0 without a time limit, 1 decided within it, 2 after it.</summary>
    public static int Timeliness(DateOnly decided, DateOnly? due) => due is not { } d ? 0 : decided <= d ? 1 : 2;

    public static string OpenedKey(string stage, ProcedureKind procedure) => stage + "|" + procedure.ToString();

    public static string DecidedKey(ProcedureKind procedure, int timely, string? outcome) =>
        procedure.ToString() + "|" + timely.ToString(CultureInfo.InvariantCulture) + "|" + (outcome ?? "");

    /// <summary>A running limit counted in the <see cref="Due"/> roll-up: a day, not an hour, and not a party's window.</summary>
    public static bool IsDated(CaseSummaryDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return !deadline.PartyWindow && deadline.DueAtUtc is null;
    }

    public static string DueKey(string step, string what) => step + "|" + what;

    public static (string Step, string What) ParseDue(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        return (key[..bar], key[(bar + 1)..]);
    }

    public static (string Stage, ProcedureKind Procedure) ParseOpened(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        return (key[..bar], Enum.Parse<ProcedureKind>(key[(bar + 1)..]));
    }

    public static (ProcedureKind Procedure, int Timely, string? Outcome) ParseDecided(string key)
    {
        var parts = key.Split('|', 3);
        return (Enum.Parse<ProcedureKind>(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2].Length == 0 ? null : parts[2]);
    }

    /// <summary>What one summary (with its rounds) contributes: (agency, measure, period, key, value), values never zero.</summary>
    public static IEnumerable<(Guid AgencyId, string Measure, DateOnly Period, string Key, long Value)> Of(CaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var agency = summary.AgencyId;
        yield return (agency, Opened, MonthOf(summary.OpenedOn), OpenedKey(summary.Stage, summary.Procedure), 1);
        yield return (agency, OpenedDay, summary.OpenedOn, "", 1);
        yield return (County, OpenedDay, summary.OpenedOn, "", 1);
        if (summary.DecidedOn is { } decided)
        {
            var month = MonthOf(decided);
            yield return (agency, Decided, month, DecidedKey(summary.Procedure, Timeliness(decided, summary.DecisionDueOn), summary.Outcome), 1);
            yield return (agency, DecidedDay, decided, "", 1);
            yield return (County, DecidedDay, decided, "", 1);
            if (summary.FineAmount is { } fine and not 0)
            {
                yield return (agency, Fines, month, "", fine);
            }
        }

        if (summary.ClosedOn is { } closed)
        {
            yield return (agency, Closed, MonthOf(closed), "", 1);
        }

        foreach (var deadline in summary.Deadlines)
        {
            if (IsDated(deadline))
            {
                yield return (agency, Due, MonthOf(deadline.DueOn), DueKey(deadline.Step, deadline.What), 1);
            }
        }

        foreach (var round in summary.Rounds)
        {
            if (round.ReviewedOn is not { } on)
            {
                continue;
            }

            foreach (var (key, value) in RoundKeys(round))
            {
                yield return (agency, Reviewed, MonthOf(on), key, value);
            }
        }
    }

    /// <summary>What one reviewed round adds to <see cref="Reviewed"/>.</summary>
    public static IEnumerable<(string Key, long Value)> RoundKeys(CaseSummaryRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        yield return (ReviewKeys.Rounds, 1);
        if (round.Agreed)
        {
            yield return (ReviewKeys.Agreed, 1);
        }

        if (round.Returned)
        {
            yield return (ReviewKeys.Returned, 1);
        }

        if (round.Number == 1)
        {
            yield return (ReviewKeys.First, 1);
            if (round.Agreed)
            {
                yield return (ReviewKeys.FirstAgreed, 1);
            }
        }

        if (round.Late)
        {
            yield return (ReviewKeys.Late, 1);
        }

        if (round.WorkingDays is { } days and not 0)
        {
            yield return (ReviewKeys.WorkingDays, days);
        }

        for (var bit = 0; bit < 31; bit++)
        {
            if ((round.ProblemKinds & (1 << bit)) != 0)
            {
                yield return (ReviewKeys.Kind(bit), 1);
            }
        }
    }

    /// <summary>
    /// The change to the roll-up when a summary goes from <paramref name="before"/> (null: new) to <paramref name="after"/>
    /// (null: gone): the contributions that differ, merged and without zeros.
    /// </summary>
    public static IEnumerable<(Guid AgencyId, string Measure, DateOnly Period, string Key, long Value)> Delta(CaseSummary? before, CaseSummary? after)
    {
        var sums = new CaseCountSums();
        sums.Add(before, -1);
        sums.Add(after, 1);
        return sums.Deltas();
    }
}

/// <summary>Sums of contributions by (agency, measure, period, key): a rebuild, a bulk load, or one save's deltas.</summary>
public sealed class CaseCountSums
{
    private readonly Dictionary<(Guid, string, DateOnly, string), long> _sums = [];

    /// <summary>Adds <paramref name="sign"/> times what <paramref name="summary"/> contributes (nothing when null).</summary>
    public void Add(CaseSummary? summary, long sign = 1)
    {
        if (summary is null)
        {
            return;
        }

        foreach (var (a, m, p, k, v) in CaseCounts.Of(summary))
        {
            Add(a, m, p, k, sign * v);
        }
    }

    /// <summary>
    /// Adds one contribution (the publication tasks' roll-up, <c>PublicationCounts</c>, comes in here directly); a monthly
    /// one is added to its year's row as well (<see cref="CaseCounts.Yearly"/>).
    /// </summary>
    public void Add(Guid agencyId, string measure, DateOnly period, string key, long value)
    {
        var k = (agencyId, measure, period, key);
        _sums[k] = _sums.GetValueOrDefault(k) + value;
        if (!CaseCounts.IsDaily(measure) && !CaseCounts.IsYearly(measure))
        {
            var y = (agencyId, CaseCounts.Yearly(measure), new DateOnly(period.Year, 1, 1), key);
            _sums[y] = _sums.GetValueOrDefault(y) + value;
        }
    }

    public IEnumerable<(Guid AgencyId, string Measure, DateOnly Period, string Key, long Value)> Deltas() =>
        _sums.Where(x => x.Value != 0).Select(x => (x.Key.Item1, x.Key.Item2, x.Key.Item3, x.Key.Item4, x.Value));

    public IEnumerable<CaseCount> Rows() =>
        Deltas().Select(x => new CaseCount { AgencyId = x.AgencyId, Measure = x.Measure, Period = x.Period, Key = x.Key, Value = x.Value });
}

/// <summary>
/// A period of days cut into the whole calendar months it covers (counted from the roll-up) and the days before and
/// after them (counted from the summaries). An empty edge is the empty range [MaxValue, MinValue].
/// </summary>
public sealed record PeriodSplit(DateOnly? FirstMonth, DateOnly? LastMonth, (DateOnly From1, DateOnly To1, DateOnly From2, DateOnly To2) Edges)
{
    public bool HasEdges => Edges.From1 <= Edges.To1 || Edges.From2 <= Edges.To2;

    /// <summary>The edges that are not empty, as day ranges.</summary>
    public IEnumerable<(DateOnly From, DateOnly To)> EdgeRanges =>
        new[] { (Edges.From1, Edges.To1), (Edges.From2, Edges.To2) }.Where(r => r.Item1 <= r.Item2);

    /// <summary>
    /// The whole months cut further into whole calendar years (read from the yearly rows, period 1 January) and the
    /// months before and after them (first days of the first and last month of each range).
    /// </summary>
    public (DateOnly? FirstYear, DateOnly? LastYear, IReadOnlyList<(DateOnly From, DateOnly To)> Months) Years
    {
        get
        {
            if (FirstMonth is not { } m0 || LastMonth is not { } m1)
            {
                return (null, null, []);
            }

            var y0 = m0.Month == 1 ? m0 : new DateOnly(m0.Year + 1, 1, 1);
            var y1 = m1.Month == 12 ? new DateOnly(m1.Year, 1, 1) : new DateOnly(m1.Year - 1, 1, 1);
            if (y0 > y1)
            {
                return (null, null, [(m0, m1)]);
            }

            var months = new List<(DateOnly, DateOnly)>();
            if (m0 < y0)
            {
                months.Add((m0, y0.AddMonths(-1)));
            }

            if (y1.AddYears(1) <= m1)
            {
                months.Add((y1.AddYears(1), m1));
            }

            return (y0, y1, months);
        }
    }

    /// <summary>
    /// The split of the widest period of whole months or years around [<paramref name="from"/>, <paramref name="to"/>]
    /// that holds nothing more to count: <paramref name="lastBefore"/> is the latest day before <paramref name="from"/>
    /// on which anything counted is dated, <paramref name="firstAfter"/> the earliest after <paramref name="to"/> (null:
    /// none). Counting empty days changes no figure, and the period most asked for — this year, this month, up to
    /// today — then reads its year's or month's rows instead of counting its last days from the records.
    /// </summary>
    public static PeriodSplit Of(DateOnly from, DateOnly to, DateOnly? lastBefore, DateOnly? firstAfter)
    {
        var start = from;
        foreach (var wider in (ReadOnlySpan<DateOnly>)[new DateOnly(from.Year, 1, 1), CaseCounts.MonthOf(from)])
        {
            if (wider < from && (lastBefore is not { } b || b < wider))
            {
                start = wider;
                break;
            }
        }

        var end = to;
        foreach (var wider in (ReadOnlySpan<DateOnly>)[new DateOnly(to.Year, 12, 31), CaseCounts.MonthOf(to).AddMonths(1).AddDays(-1)])
        {
            if (wider > to && (firstAfter is not { } a || a > wider))
            {
                end = wider;
                break;
            }
        }

        return Of(start, end);
    }

    public static PeriodSplit Of(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : CaseCounts.MonthOf(from).AddMonths(1);
        var last = to.AddDays(1).Day == 1 ? CaseCounts.MonthOf(to) : CaseCounts.MonthOf(to).AddMonths(-1);
        if (first > last)
        {
            return new PeriodSplit(null, null, (from, to, DateOnly.MaxValue, DateOnly.MinValue));
        }

        var before = from < first ? (from, first.AddDays(-1)) : (DateOnly.MaxValue, DateOnly.MinValue);
        var after = last.AddMonths(1) <= to ? (last.AddMonths(1), to) : (DateOnly.MaxValue, DateOnly.MinValue);
        return new PeriodSplit(first, last, (before.Item1, before.Item2, after.Item1, after.Item2));
    }
}
