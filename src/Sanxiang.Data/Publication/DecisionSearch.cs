using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;

namespace Sanxiang.Data.Publication;

/// <summary>A search stopped after <see cref="DecisionSearch.Timeout"/>; the message is for the visitor.</summary>
public sealed class DecisionSearchTimeoutException() : Exception("检索用时过长，已停止：请输入更具体的关键词（如当事人全称、决定书文号），或加上执法主体、决定日期等条件后重试。");

/// <summary>A public search of published decisions (PUB-9). Every field optional; <see cref="Page"/> from 1.</summary>
public sealed record DecisionQuery(
    string? Q = null,
    Guid? AgencyId = null,
    PublicationCategory? Category = null,
    string? Party = null,
    string? Code = null,
    string? Number = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 1,
    int PageSize = DecisionSearch.DefaultPageSize);

/// <summary>
/// One page of results, newest publication first; <see cref="Total"/> is exact unless <see cref="TotalCapped"/>, when it
/// is a lower bound: at least that many match (the count stops at <see cref="DecisionSearch.CountCap"/>, and a common word
/// on PostgreSQL is not counted beyond the entries read for the page);
/// <see cref="SearchedNewest"/> is not 0 when a word under three characters was looked for in that many newest entries only.
/// </summary>
/// <see cref="Plan"/> names the way the database was asked (for the benchmark and the tests): <c>filters</c>, <c>short</c>,
/// <c>fts</c> (SQLite), or on PostgreSQL <c>window</c>, <c>probe</c>, <c>newest-first</c>, <c>index</c>, <c>index-sorted</c>;
/// <c>+rare</c> when a long keyword went to the index by its rarest trigrams.
public sealed record DecisionPage(IReadOnlyList<PublishedDecision> Items, int Total, bool TotalCapped, bool HasNext, int SearchedNewest = 0, string Plan = "");

/// <summary>
/// PUB-9: searches what is on the portal (entries in force; superseded and withdrawn ones are reached from their
/// successor or by their address). Full text in Chinese without a word segmenter: a substring search over the party,
/// codes, numbers, cause, facts, result and full text — SQLite's FTS5 trigram index, PostgreSQL's pg_trgm GIN index
/// over the same text. A query under three characters has no trigram and is answered by scanning newest first, which
/// stops at the page's end. Results are in publication order (the entry's number), so the trigram index is read in
/// its own order and a page needs no sort. Bad input gets Chinese problems, never an exception.
/// </summary>
public static class DecisionSearch
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 100;
    public const int MaxPage = 500;
    public const int CountCap = 1_000;

    /// <summary>PostgreSQL: the newest entries a text condition is first checked in (see <see cref="PostgresTextAsync"/>).</summary>
    public const int ProbeWindow = 300;

    /// <summary>PostgreSQL: matches among the <see cref="ProbeWindow"/> newest that make a word common (read newest first, not by the index).</summary>
    public const int CommonInProbe = 8;

    /// <summary>PostgreSQL: the most entries a common word is read in, newest first, before the index is used instead.</summary>
    public const int MaxProbeWindow = 20_000;

    /// <summary>The newest entries whose text tells which of a long keyword's trigrams are rare (see <see cref="RaritySampler"/>).</summary>
    public const int RaritySample = 64;

    /// <summary>A trigram found in at most this many of the <see cref="RaritySample"/> counts as rare.</summary>
    public const int RareInSample = 2;

    /// <summary>A span of decision dates up to this many days is searched through the date indexes and sorted.</summary>
    public const int SortedDateSpanDays = 400;

    /// <summary>The newest entries a word under three characters is looked for in.</summary>
    public const int ShortQueryWindow = 20_000;

    /// <summary>The SQLite full-text table (external content over PublishedDecisions, trigram tokenizer).</summary>
    public const string SqliteTable = "PublishedDecisionsFts";

    /// <summary>The columns the full text covers, in the FTS table's order.</summary>
    public static readonly string[] TextColumns = ["PartyName", "CreditCode", "DocumentNumber", "CaseNumber", "Cause", "Facts", "Result", "FullText"];

    /// <summary>The expression PostgreSQL's trigram index is built on; the query uses it verbatim so the index applies.</summary>
    public static readonly string PostgresExpression =
        "(" + string.Join(" || ' ' || ", TextColumns.Select(c => $"coalesce(\"{c}\", '')")) + ")";

    /// <summary><see cref="PostgresExpression"/> over the alias <c>d</c>: the text a keyword is looked for in, on both databases.</summary>
    private static readonly string RowText = PostgresExpression.Replace("coalesce(\"", "coalesce(d.\"", StringComparison.Ordinal);

    /// <summary>Checks a query; the problems in Chinese (field, message), none when it may run.</summary>
    public static IReadOnlyList<(string Field, string Message)> Validate(DecisionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<(string, string)>();
        if (query.Q is { } q && q.Trim().Length > MaxQueryLength)
        {
            problems.Add(("q", $"检索词过长（{q.Trim().Length} 字）：全文检索词不超过 {MaxQueryLength} 字，请只输入要查找的关键词。"));
        }

        foreach (var (field, value, max) in new[] { ("party", query.Party, 100), ("code", query.Code, 40), ("number", query.Number, 80) })
        {
            if (value is { } v && v.Trim().Length > max)
            {
                problems.Add((field, $"{FieldName(field)}过长：不超过 {max} 字。"));
            }
        }

        if (query.From is { } from && query.To is { } to && to < from)
        {
            problems.Add(("to", $"日期范围前后颠倒：截止日期 {to:yyyy-MM-dd} 早于起始日期 {from:yyyy-MM-dd}。"));
        }

        if (query.Page < 1 || query.Page > MaxPage)
        {
            problems.Add(("page", $"页码应在 1 至 {MaxPage} 之间；结果较多时请增加检索条件缩小范围。"));
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            problems.Add(("pageSize", $"每页条数应在 1 至 {MaxPageSize} 之间。"));
        }

        return problems;
    }

    /// <summary>Runs a valid query (see <see cref="Validate"/>) over the entries in force, reading across agencies.</summary>
    /// <remarks>
    /// A text condition (full text, party) of three characters or more: on SQLite through the FTS5 trigram index, which
    /// yields the newest matches first; on PostgreSQL as <see cref="PostgresTextAsync"/> decides from a sample of the
    /// newest entries. A word under three characters has no trigram: it is looked for in the newest
    /// <see cref="ShortQueryWindow"/> entries only, and the answer says so (<see cref="DecisionPage.SearchedNewest"/>).
    /// </remarks>
    public static Task<DecisionPage> RunAsync(SanxiangDbContext db, DecisionQuery query, CancellationToken ct = default) => RunAsync(db, query, Timeout, ct);

    /// <summary>As <see cref="RunAsync(SanxiangDbContext, DecisionQuery, CancellationToken)"/>, stopped after <paramref name="timeout"/>.</summary>
    public static async Task<DecisionPage> RunAsync(SanxiangDbContext db, DecisionQuery query, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout <= TimeSpan.Zero)
        {
            await limit.CancelAsync(); // no time at all: stopped before the first statement, not after a timer's tick
        }
        else
        {
            limit.CancelAfter(timeout);
        }
        try
        {
            return await SearchAsync(db, query, limit.Token);
        }
        catch (Exception e) when (limit.IsCancellationRequested && !ct.IsCancellationRequested && e is OperationCanceledException or DbException)
        {
            throw new DecisionSearchTimeoutException();
        }
    }

    /// <summary>A search that takes longer is stopped and answered with a Chinese message, never left to the database's own timeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    private static async Task<DecisionPage> SearchAsync(SanxiangDbContext db, DecisionQuery query, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        var parameters = new List<(string Name, object Value)>();
        string Param(object value)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, value));
            return name;
        }

        // Conditions on the row itself (indexed columns); on SQLite the state is written +State so that the planner does
        // not pick the state index (every row is public) over the credit code's or the number's.
        var filters = new List<string> { sqlite ? "+d.\"State\" = 'Public'" : "d.\"State\" = 'Public'" };
        if (query.AgencyId is { } agency)
        {
            filters.Add($"d.\"AgencyId\" = {Param(sqlite ? agency.ToString().ToUpperInvariant() : agency)}");
        }

        if (query.Category is { } category)
        {
            filters.Add($"d.\"Category\" = {Param(category.ToString())}");
        }

        if (Clean(query.Code) is { } code)
        {
            filters.Add($"d.\"CreditCode\" = {Param(code.ToUpperInvariant())}");
        }

        if (Clean(query.Number) is { } number)
        {
            var p = Param(number);
            filters.Add($"(d.\"DocumentNumber\" = {p} OR d.\"CaseNumber\" = {p})");
        }

        if (query.From is { } fromDay)
        {
            filters.Add($"d.\"DecidedOn\" >= {Param(DateParam(fromDay, sqlite))}");
        }

        if (query.To is { } toDay)
        {
            filters.Add($"d.\"DecidedOn\" <= {Param(DateParam(toDay, sqlite))}");
        }

        // The text conditions as a scan (LIKE over the row) and, where every word has three characters, as an index query.
        var q = Clean(query.Q);
        var party = Clean(query.Party);
        if (q is not null && Clean(query.Number) is null && Core.Documents.DocumentNumber.Normalise(q, out _) is { } asNumber)
        {
            // A whole document or case number typed as the keyword: its trigrams (〔20, 202, …) are in nearly every
            // document; the exact number through its own index is what the visitor means.
            var p = Param(asNumber);
            filters.Add($"(d.\"DocumentNumber\" = {p} OR d.\"CaseNumber\" = {p})");
            q = null;
        }

        // Case-folding every candidate's text costs PostgreSQL most of a recheck: a word without Latin letters needs none.
        var like = sqlite || (q ?? "").All(c => !char.IsAsciiLetter(c)) && (party ?? "").All(c => !char.IsAsciiLetter(c)) ? "LIKE" : "ILIKE";
        var scan = new List<string>();
        var qLike = q is null ? null : Param(Like(q));
        var partyLike = party is null ? null : Param(Like(party));
        if (qLike is not null)
        {
            scan.Add($"{RowText} {like} {qLike} ESCAPE '\\'");
        }

        if (partyLike is not null)
        {
            scan.Add($"d.\"PartyName\" {like} {partyLike} ESCAPE '\\'");
        }

        var indexable = q is null or { Length: >= 3 } && party is null or { Length: >= 3 };
        var skip = (query.Page - 1) * query.PageSize;
        var take = query.PageSize + 1;
        var connection = db.Database.GetDbConnection();
        var rarity = new RaritySampler(connection, db);
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        List<long> ids;
        int total;
        var lowerBound = false;
        var searchedNewest = 0;
        string plan;
        try
        {
            if (scan.Count == 0)
            {
                var where = string.Join(" AND ", filters);
                // A span of decision dates of about a year or less: its entries lie together in publication order, which
                // the planners do not know (they would read newest first through the whole table to reach an old month);
                // "Id + 0" keeps them off that order, so they take the agency-and-date or the date index and sort the span.
                var order = query.From is { } f && query.To is { } t && t.DayNumber - f.DayNumber <= SortedDateSpanDays ? "d.\"Id\" + 0 DESC" : "d.\"Id\" DESC";
                ids = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM \"PublishedDecisions\" d WHERE {where} ORDER BY {order} LIMIT {take} OFFSET {skip}", parameters, ct);
                total = await CountAsync(connection, db, $"\"PublishedDecisions\" d WHERE {where}", parameters, ct);
                plan = "filters";
            }
            else if (!indexable)
            {
                // A word under three characters has no trigram: the newest entries only, page and count over them.
                var recent = $"(SELECT {Newest(q is not null)} FROM \"PublishedDecisions\" ORDER BY \"Id\" DESC LIMIT {ShortQueryWindow}) d";
                var where = string.Join(" AND ", filters.Concat(scan));
                ids = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM {recent} WHERE {where} ORDER BY d.\"Id\" DESC LIMIT {take} OFFSET {skip}", parameters, ct);
                total = await CountAsync(connection, db, $"{recent} WHERE {where}", parameters, ct);
                var size = await CountAsync(connection, db, "\"PublishedDecisions\" d", [], ct, ShortQueryWindow + 1);
                searchedNewest = size > ShortQueryWindow ? ShortQueryWindow : 0;
                plan = "short";
            }
            else if (sqlite)
            {
                // FTS5 reads its doclists in rowid order, so the newest matches come first and a page of a common word
                // stops at the page's end; the count stops at CountCap + 1.
                // A long keyword is looked up by its rarest trigrams only and checked whole on the row: FTS5 would
                // otherwise read the long doclists of its common trigrams (有限公, 限公司) to the end for a rare name.
                var match = new List<string>();
                var check = new List<string>(filters);
                var byRare = false;
                if (q is not null)
                {
                    if (await rarity.RareTrigramsAsync(q, ct) is { } rare)
                    {
                        match.AddRange(rare.Select(Quote));
                        check.Add(scan[0]);
                        byRare = true;
                    }
                    else
                    {
                        match.Add(Quote(q));
                    }
                }

                if (party is not null)
                {
                    if (await rarity.RareTrigramsAsync(party, ct) is { } rare)
                    {
                        match.AddRange(rare.Select(g => "PartyName : " + Quote(g)));
                        check.Add(scan[^1]);
                        byRare = true;
                    }
                    else
                    {
                        match.Add("PartyName : " + Quote(party));
                    }
                }

                var from = $"\"{SqliteTable}\" f JOIN \"PublishedDecisions\" d ON d.\"Id\" = f.rowid";
                var where = string.Join(" AND ", check.Append($"f.\"{SqliteTable}\" MATCH {Param(string.Join(" AND ", match))}"));
                ids = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM {from} WHERE {where} ORDER BY f.rowid DESC LIMIT {take} OFFSET {skip}", parameters, ct);
                total = await CountAsync(connection, db, $"{from} WHERE {where}", parameters, ct);
                plan = byRare ? "fts+rare" : "fts";
            }
            else
            {
                (ids, total, lowerBound, plan) = await PostgresTextAsync(connection, db, rarity, filters, scan, q, party, qLike, partyLike, like, parameters, Param, skip, take, ct);
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var hasNext = ids.Count > query.PageSize;
        var page = ids.Take(query.PageSize).ToList();
        var rows = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking().Where(d => page.Contains(d.Id)).ToListAsync(ct);
        return new DecisionPage([.. rows.OrderByDescending(r => r.Id)], Math.Min(total, CountCap), total > CountCap || lowerBound, hasNext, searchedNewest, plan);
    }

    /// <summary>
    /// PostgreSQL, a text condition of three characters or more. pg_trgm's GIN index finds a rare word at once but
    /// hands over every match of a common one unordered (each rechecked against its de-TOASTed text, then sorted), and
    /// its own estimate of a pattern's matches is a constant, so the plan is chosen here from a sample: the newest
    /// <see cref="ProbeWindow"/> entries, checked row by row in one statement.
    /// <list type="number">
    /// <item>The sample is the whole table: the answer is exact from it.</item>
    /// <item>The sample holds the page: the page is exact (every older match is older than the sample's); the total is
    /// what the sample holds, a lower bound.</item>
    /// <item>The word is common (<see cref="CommonInProbe"/> matches in the sample or more): the newest entries are read in
    /// order until the page is full, over a window sized from the sample's rate (at most <see cref="MaxProbeWindow"/>);
    /// the total is a lower bound.</item>
    /// <item>Otherwise, or when that window does not fill the page: the trigram index, up to <see cref="CountCap"/> + 1
    /// matches, sorted here (exact total); beyond the cap, the page by the index sorted by the database.</item>
    /// </list>
    /// </summary>
    private static async Task<(List<long> Ids, int Total, bool LowerBound, string Plan)> PostgresTextAsync(DbConnection connection, SanxiangDbContext db,
        RaritySampler rarity, List<string> filters, List<string> scan, string? q, string? party, string? qLike, string? partyLike, string like,
        List<(string Name, object Value)> parameters, Func<object, string> param, int skip, int take, CancellationToken ct)
    {
        var rowWhere = string.Join(" AND ", filters.Concat(scan));
        var window = new List<long>();
        var matches = new List<long>();
        await using (var command = Command(connection, db,
            $"SELECT d.\"Id\", ({rowWhere}) FROM (SELECT {Newest(q is not null)} FROM \"PublishedDecisions\" ORDER BY \"Id\" DESC LIMIT {ProbeWindow}) d ORDER BY d.\"Id\" DESC", parameters))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                window.Add(reader.GetInt64(0));
                if (!reader.IsDBNull(1) && reader.GetBoolean(1))
                {
                    matches.Add(reader.GetInt64(0));
                }
            }
        }

        if (window.Count < ProbeWindow)
        {
            return ([.. matches.Skip(skip).Take(take)], matches.Count, false, "window");
        }

        if (matches.Count >= skip + take)
        {
            return ([.. matches.Skip(skip).Take(take)], matches.Count, true, "probe");
        }

        if (matches.Count >= CommonInProbe)
        {
            // Three times the rows the sample's rate says the page needs.
            var rows = (int)Math.Clamp(3L * (skip + take) * ProbeWindow / matches.Count, 2L * ProbeWindow, MaxProbeWindow);
            var ordered = await IdsAsync(connection, db,
                $"SELECT d.\"Id\" FROM (SELECT {Newest(q is not null)} FROM \"PublishedDecisions\" ORDER BY \"Id\" DESC LIMIT {rows}) d WHERE {rowWhere} ORDER BY d.\"Id\" DESC LIMIT {take} OFFSET {skip}",
                parameters, ct);
            if (ordered.Count == take)
            {
                return (ordered, skip + take, true, "newest-first");
            }
        }

        // The expression of the GIN index, verbatim, and the party's own trigram index; a long keyword by its rarest
        // trigrams only (the index would otherwise read the long lists of its common ones), checked whole on the row
        // through an expression the index does not serve ("|| ''").
        var indexed = new List<string>(filters);
        var byRare = "";
        async Task IndexedAsync(string text, string pattern, string column)
        {
            if (await rarity.RareTrigramsAsync(text, ct) is { } rare)
            {
                foreach (var gram in rare)
                {
                    indexed.Add($"{column} {like} {param(Like(gram))} ESCAPE '\\'");
                }

                indexed.Add($"({column} || '') {like} {pattern} ESCAPE '\\'");
                byRare = "+rare";
            }
            else
            {
                indexed.Add($"{column} {like} {pattern} ESCAPE '\\'");
            }
        }

        if (qLike is not null)
        {
            await IndexedAsync(q!, qLike, RowText);
        }

        if (partyLike is not null)
        {
            await IndexedAsync(party!, partyLike, "d.\"PartyName\"");
        }

        var indexedWhere = string.Join(" AND ", indexed);
        var found = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM \"PublishedDecisions\" d WHERE {indexedWhere} LIMIT {CountCap + 1}", parameters, ct);
        if (found.Count <= CountCap)
        {
            found.Sort((x, y) => y.CompareTo(x));
            return ([.. found.Skip(skip).Take(take)], found.Count, false, "index" + byRare);
        }

        var page = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM \"PublishedDecisions\" d WHERE {indexedWhere} ORDER BY d.\"Id\" DESC LIMIT {take} OFFSET {skip}", parameters, ct);
        return (page, found.Count, false, "index-sorted" + byRare);
    }

    /// <summary>
    /// Tells which trigrams of a keyword are rare, from the text of the newest <see cref="RaritySample"/> entries, read at
    /// most once per search (the full-text keyword and the party name share it).
    /// </summary>
    private sealed class RaritySampler(DbConnection connection, SanxiangDbContext db)
    {
        private List<string>? _sample;

        /// <summary>
        /// The trigrams of a keyword of four characters or more that are rare (in at most <see cref="RareInSample"/> of the
        /// sample), the three rarest; null when none is (a common keyword, whose pages fill fast), when all are, or when the
        /// table is smaller than the sample (every way is cheap then).
        /// </summary>
        public async Task<List<string>?> RareTrigramsAsync(string text, CancellationToken ct)
        {
            var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
            var grams = Enumerable.Range(0, Math.Max(0, runes.Length - 2)).Select(i => string.Concat(runes[i], runes[i + 1], runes[i + 2]))
                .DistinctBy(g => g.ToLowerInvariant()).ToList();
            if (grams.Count < 2)
            {
                return null;
            }

            if (_sample is null)
            {
                _sample = new List<string>(RaritySample);
                await using var command = Command(connection, db, $"SELECT {RowText} FROM (SELECT {Newest(true)} FROM \"PublishedDecisions\" ORDER BY \"Id\" DESC LIMIT {RaritySample}) d", []);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    _sample.Add(reader.GetString(0).ToLowerInvariant());
                }
            }

            if (_sample.Count < RaritySample)
            {
                return null;
            }

            var found = grams.Select(g => (Gram: g, In: _sample.Count(s => s.Contains(g.ToLowerInvariant(), StringComparison.Ordinal)))).ToList();
            var rare = found.Where(f => f.In <= RareInSample).OrderBy(f => f.In).Take(3).Select(f => f.Gram).ToList();
            return rare.Count == 0 || rare.Count == grams.Count ? null : rare;
        }
    }

    private static async Task<List<long>> IdsAsync(DbConnection connection, SanxiangDbContext db, string sql, List<(string Name, object Value)> parameters,
        CancellationToken ct)
    {
        var ids = new List<long>();
        await using var command = Command(connection, db, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Counts the rows of <paramref name="fromWhere"/> up to <paramref name="cap"/> (by default one past <see cref="CountCap"/>).</summary>
    private static async Task<int> CountAsync(DbConnection connection, SanxiangDbContext db, string fromWhere, List<(string Name, object Value)> parameters,
        CancellationToken ct, int cap = CountCap + 1)
    {
        await using var count = Command(connection, db, $"SELECT count(*) FROM (SELECT 1 FROM {fromWhere} LIMIT {cap}) x", parameters);
        return Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, SanxiangDbContext db, string sql, List<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        return command;
    }

    /// <summary>
    /// The columns a window of the newest entries is read with: those the conditions use, the long texts only when the
    /// keyword is looked for in them (SQLite would otherwise read every entry's overflow pages for a party name alone).
    /// </summary>
    private static string Newest(bool text) => text ? NewestWithText : NewestWithoutText;

    private static readonly string[] ConditionColumns = ["Id", "State", "AgencyId", "Category", "CreditCode", "DocumentNumber", "CaseNumber", "DecidedOn", "PartyName"];

    private static readonly string NewestWithoutText = string.Join(", ", ConditionColumns.Select(c => $"\"{c}\""));

    private static readonly string NewestWithText = string.Join(", ", ConditionColumns.Concat(TextColumns).Distinct().Select(c => $"\"{c}\""));

    private static object DateParam(DateOnly day, bool sqlite) => sqlite ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day;

    /// <summary>Trims, drops control characters; null when nothing is left.</summary>
    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var s = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return s.Length == 0 ? null : s;
    }

    /// <summary>An FTS5 string: the whole query as one quoted phrase, quotes doubled, so no query syntax reaches FTS5.</summary>
    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Like(string s) =>
        "%" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static string FieldName(string field) => field switch
    {
        "party" => "当事人名称",
        "code" => "统一社会信用代码",
        _ => "文号或案件编号",
    };
}
