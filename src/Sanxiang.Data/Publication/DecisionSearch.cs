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
/// One page of results, newest publication first; <see cref="Total"/> is exact up to <see cref="DecisionSearch.CountCap"/>;
/// <see cref="SearchedNewest"/> is not 0 when a word under three characters was looked for in that many newest entries only.
/// </summary>
public sealed record DecisionPage(IReadOnlyList<PublishedDecision> Items, int Total, bool TotalCapped, bool HasNext, int SearchedNewest = 0);

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

    /// <summary>Rows per page looked at newest first before the trigram index is used (see <see cref="RunAsync"/>).</summary>
    public const int ProbeWindow = 1_000;

    public const int MaxProbeWindow = 20_000;

    /// <summary>The newest entries a word under three characters is looked for in.</summary>
    public const int ShortQueryWindow = 20_000;

    /// <summary>The SQLite full-text table (external content over PublishedDecisions, trigram tokenizer).</summary>
    public const string SqliteTable = "PublishedDecisionsFts";

    /// <summary>The columns the full text covers, in the FTS table's order.</summary>
    public static readonly string[] TextColumns = ["PartyName", "CreditCode", "DocumentNumber", "CaseNumber", "Cause", "Facts", "Result", "FullText"];

    /// <summary>The expression PostgreSQL's trigram index is built on; the query uses it verbatim so the index applies.</summary>
    public static readonly string PostgresExpression =
        "(" + string.Join(" || ' ' || ", TextColumns.Select(c => $"coalesce(\"{c}\", '')")) + ")";

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
    /// A text condition (full text, party) is first tried on the newest <see cref="ProbeWindow"/> rows per page, without
    /// the trigram index: a common word fills the page there at once, where the index would hand over every match to be
    /// sorted. The page found there is exact (any match outside the window is older than all inside it). Only when the
    /// window does not fill the page does the query go to the trigram index, where a rarer word is cheap. A word under
    /// three characters has no trigram: it is looked for in the newest <see cref="ShortQueryWindow"/> entries only, and
    /// the answer says so (<see cref="DecisionPage.SearchedNewest"/>).
    /// </remarks>
    public static async Task<DecisionPage> RunAsync(SanxiangDbContext db, DecisionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
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
            var expression = "(" + string.Join(" || ' ' || ", TextColumns.Select(c => $"coalesce(d.\"{c}\", '')")) + ")";
            scan.Add($"{expression} {like} {qLike} ESCAPE '\\'");
        }

        if (partyLike is not null)
        {
            scan.Add($"d.\"PartyName\" {like} {partyLike} ESCAPE '\\'");
        }

        var indexable = q is null or { Length: >= 3 } && party is null or { Length: >= 3 };
        var skip = (query.Page - 1) * query.PageSize;
        var take = query.PageSize + 1;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        List<long> ids;
        int total;
        var searchedNewest = 0;
        try
        {
            if (scan.Count == 0)
            {
                var where = string.Join(" AND ", filters);
                ids = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM \"PublishedDecisions\" d WHERE {where} ORDER BY d.\"Id\" DESC LIMIT {take} OFFSET {skip}", parameters, ct);
                total = await CountAsync(connection, db, $"\"PublishedDecisions\" d WHERE {where}", parameters, ct);
            }
            else
            {
                var window = indexable ? Math.Min(ProbeWindow * query.Page, MaxProbeWindow) : ShortQueryWindow;
                var recent = $"(SELECT * FROM \"PublishedDecisions\" ORDER BY \"Id\" DESC LIMIT {window}) d";
                var where = string.Join(" AND ", filters.Concat(scan));
                ids = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM {recent} WHERE {where} ORDER BY d.\"Id\" DESC LIMIT {take} OFFSET {skip}", parameters, ct);
                total = await CountAsync(connection, db, $"{recent} WHERE {where}", parameters, ct);
                if (!indexable)
                {
                    var size = await CountAsync(connection, db, "\"PublishedDecisions\" d", [], ct, window + 1);
                    searchedNewest = size > window ? window : 0;
                }
                else if (ids.Count < take || total <= CountCap)
                {
                    // The window did not settle it: the trigram index for the page (if needed) and an exact count.
                    string from;
                    var indexed = new List<string>(filters);
                    string order;
                    if (sqlite)
                    {
                        var match = new List<string>();
                        if (q is not null)
                        {
                            match.Add(Quote(q));
                        }

                        if (party is not null)
                        {
                            match.Add("PartyName : " + Quote(party));
                        }

                        from = $"\"{SqliteTable}\" f JOIN \"PublishedDecisions\" d ON d.\"Id\" = f.rowid";
                        indexed.Add($"f.\"{SqliteTable}\" MATCH {Param(string.Join(" AND ", match))}");
                        order = "f.rowid DESC";
                    }
                    else
                    {
                        // The expression of the GIN index, verbatim, and the party's own trigram index.
                        from = "\"PublishedDecisions\" d";
                        if (qLike is not null)
                        {
                            indexed.Add($"{PostgresExpression.Replace("coalesce(\"", "coalesce(d.\"", StringComparison.Ordinal)} {like} {qLike} ESCAPE '\\'");
                        }

                        if (partyLike is not null)
                        {
                            indexed.Add($"d.\"PartyName\" {like} {partyLike} ESCAPE '\\'");
                        }

                        order = "d.\"Id\" DESC";
                    }

                    var indexedWhere = string.Join(" AND ", indexed);
                    if (ids.Count < take)
                    {
                        ids = await IdsAsync(connection, db, $"SELECT d.\"Id\" FROM {from} WHERE {indexedWhere} ORDER BY {order} LIMIT {take} OFFSET {skip}", parameters, ct);
                    }

                    total = await CountAsync(connection, db, $"{from} WHERE {indexedWhere}", parameters, ct);
                }
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
        return new DecisionPage([.. rows.OrderByDescending(r => r.Id)], Math.Min(total, CountCap), total > CountCap, hasNext, searchedNewest);
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
