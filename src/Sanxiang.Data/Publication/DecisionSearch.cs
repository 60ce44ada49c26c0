using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Publication;

namespace Sanxiang.Data.Publication;

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

/// <summary>One page of results, newest publication first; <see cref="Total"/> is exact up to <see cref="DecisionSearch.CountCap"/>.</summary>
public sealed record DecisionPage(IReadOnlyList<PublishedDecision> Items, int Total, bool TotalCapped, bool HasNext);

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
    public const int CountCap = 10_000;

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
    public static async Task<DecisionPage> RunAsync(SanxiangDbContext db, DecisionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var sqlite = db.Database.IsSqlite();
        var where = new List<string> { "d.\"State\" = 'Public'" };
        var from = "\"PublishedDecisions\" d";
        var order = "d.\"Id\" DESC";
        var parameters = new List<(string Name, object Value)>();
        string Param(object value)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, value));
            return name;
        }

        var q = Clean(query.Q);
        var party = Clean(query.Party);
        if (q is not null || party is not null)
        {
            if (sqlite)
            {
                // FTS5 trigram: a quoted string is matched as a substring when it has three characters or more.
                var match = new List<string>();
                if (q is { Length: >= 3 })
                {
                    match.Add(Quote(q));
                }

                if (party is { Length: >= 3 })
                {
                    match.Add("PartyName : " + Quote(party));
                }

                if (match.Count > 0)
                {
                    from = ($"\"{SqliteTable}\" f JOIN \"PublishedDecisions\" d ON d.\"Id\" = f.rowid");
                    where.Add($"f.\"{SqliteTable}\" MATCH {Param(string.Join(" AND ", match))}");
                    order = "f.rowid DESC";
                }
            }

            if (q is not null && (!sqlite || q.Length < 3))
            {
                var expression = sqlite ? "(" + string.Join(" || ' ' || ", TextColumns.Select(c => $"coalesce(d.\"{c}\", '')")) + ")" : PostgresExpression.Replace("coalesce(\"", "coalesce(d.\"", StringComparison.Ordinal);
                where.Add($"{expression} {(sqlite ? "LIKE" : "ILIKE")} {Param(Like(q))} ESCAPE '\\'");
            }

            if (party is not null && (!sqlite || party.Length < 3))
            {
                where.Add($"d.\"PartyName\" {(sqlite ? "LIKE" : "ILIKE")} {Param(Like(party))} ESCAPE '\\'");
            }
        }

        if (query.AgencyId is { } agency)
        {
            where.Add($"d.\"AgencyId\" = {Param(sqlite ? agency.ToString().ToUpperInvariant() : agency)}");
        }

        if (query.Category is { } category)
        {
            where.Add($"d.\"Category\" = {Param(category.ToString())}");
        }

        if (Clean(query.Code) is { } code)
        {
            where.Add($"d.\"CreditCode\" = {Param(code.ToUpperInvariant())}");
        }

        if (Clean(query.Number) is { } number)
        {
            var p = Param(number);
            where.Add($"(d.\"DocumentNumber\" = {p} OR d.\"CaseNumber\" = {p})");
        }

        if (query.From is { } fromDay)
        {
            where.Add($"d.\"DecidedOn\" >= {Param(DateParam(fromDay, sqlite))}");
        }

        if (query.To is { } toDay)
        {
            where.Add($"d.\"DecidedOn\" <= {Param(DateParam(toDay, sqlite))}");
        }

        var skip = (query.Page - 1) * query.PageSize;
        var ids = new List<long>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        int total;
        try
        {
            await using (var command = Command(connection, db, $"SELECT d.\"Id\" FROM {from} WHERE {string.Join(" AND ", where)} ORDER BY {order} LIMIT {query.PageSize + 1} OFFSET {skip}", parameters))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            await using (var count = Command(connection, db, $"SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {string.Join(" AND ", where)} LIMIT {CountCap + 1}) x", parameters))
            {
                total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
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
        return new DecisionPage([.. rows.OrderByDescending(r => r.Id)], Math.Min(total, CountCap), total > CountCap, hasNext);
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
