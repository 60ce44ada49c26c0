using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Publication;

/// <summary>
/// The query of the open data, the 双公示 export and the feed: <c>agency</c> (an agency's code), <c>category</c>
/// (penalty, licensing, other, or 行政处罚 / 行政许可 / 其他), and a date range <c>from</c>–<c>to</c> (both yyyy-MM-dd,
/// inclusive) or <c>since</c> (the same as <c>from</c>). Each malformed value is a 400 problem with a Chinese detail.
/// </summary>
public sealed record PublicDecisionFilter(Agency? Agency, PublicationCategory? Category, DateOnly? From, DateOnly? To,
    IReadOnlyDictionary<Guid, Agency> Agencies)
{
    public const string CategoryHelp = "category 只能是 penalty（行政处罚决定）、licensing（行政许可决定）或 other（其他行政执法决定），也可以写中文“行政处罚”“行政许可”“其他”。";

    /// <summary>Parses the query; returns the filter, or the problem to answer with.</summary>
    public static async Task<(PublicDecisionFilter? Filter, IResult? Problem)> ParseAsync(HttpContext http, SanxiangDbContext db,
        string? agency, string? category, string? since, string? from, string? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        PublicationCategory? parsedCategory = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (ParseCategory(category.Trim()) is not { } c)
            {
                return (null, Invalid(http, "category", $"{CategoryHelp}（现为“{Clip(category)}”）"));
            }

            parsedCategory = c;
        }

        if (!string.IsNullOrWhiteSpace(since) && !string.IsNullOrWhiteSpace(from))
        {
            return (null, Invalid(http, "since", "since 与 from 含义相同（公示日期的起始日），请只填写其中一个。"));
        }

        if (!TryDate(since ?? from, out var start))
        {
            var name = since is null ? "from" : "since";
            return (null, Invalid(http, name, $"{name} 应为日期，格式如 2026-03-05（现为“{Clip(since ?? from)}”）。"));
        }

        if (!TryDate(to, out var end))
        {
            return (null, Invalid(http, "to", $"to 应为日期，格式如 2026-03-05（现为“{Clip(to)}”）。"));
        }

        if (start is { } s && end is { } e && e < s)
        {
            return (null, Invalid(http, "to", $"截止日期 to（{Iso(e)}）早于起始日期（{Iso(s)}），请检查日期范围。"));
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        Agency? chosen = null;
        if (!string.IsNullOrWhiteSpace(agency))
        {
            chosen = agencies.Values.FirstOrDefault(a => string.Equals(a.Code, agency.Trim(), StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                return (null, Invalid(http, "agency", $"执法主体代码“{Clip(agency)}”不存在。执法主体及其代码见 /api/v1/agencies。"));
            }
        }

        return (new PublicDecisionFilter(chosen, parsedCategory, start, end, agencies), null);
    }

    /// <summary>Entries of the filter's agency and category (every state: callers choose which).</summary>
    public IQueryable<PublishedDecision> Scope(SanxiangDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Anonymous callers: the agency filter would hide every row, so read across agencies; callers project or map only
        // published fields (the entry holds nothing else that is public; TaskId, CaseId and the actors stay internal).
        var q = db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking();
        if (Agency is { } a)
        {
            q = q.Where(p => p.AgencyId == a.Id);
        }

        if (Category is { } c)
        {
            q = q.Where(p => p.Category == c);
        }

        return q;
    }

    /// <summary>Entries on the portal whose publication day is within the range.</summary>
    public IQueryable<PublishedDecision> Public(SanxiangDbContext db)
    {
        var q = Scope(db).Where(p => p.State == PublishedState.Public);
        if (From is { } f)
        {
            q = q.Where(p => p.PublishedOn >= f);
        }

        if (To is { } t)
        {
            q = q.Where(p => p.PublishedOn <= t);
        }

        return q;
    }

    /// <summary>Entries that left the portal (withdrawn, expired, ended by credit repair) on a day within the range.</summary>
    public IQueryable<PublishedDecision> Removed(SanxiangDbContext db)
    {
        var q = Scope(db).Where(p => p.State == PublishedState.Withdrawn || p.State == PublishedState.Expired || p.State == PublishedState.Repaired);
        if (From is { } f)
        {
            var start = ChinaTime.StartOfDayUtc(f);
            q = q.Where(p => p.StateAtUtc >= start);
        }

        if (To is { } t)
        {
            var end = ChinaTime.StartOfDayUtc(t.AddDays(1));
            q = q.Where(p => p.StateAtUtc < end);
        }

        return q;
    }

    public string CodeOf(Guid agencyId) => Agencies.TryGetValue(agencyId, out var a) ? a.Code : "";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Iso(DateOnly? date) => date is { } d ? Iso(d) : null;

    /// <summary>The public address of an entry, absolute on the host the request came to.</summary>
    public static string DecisionUrl(HttpContext http, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{http.Request.Scheme}://{http.Request.Host}/decisions/{id}");

    /// <summary>A category by its English name (any case) or its Chinese name; null when it is neither (shared with the search).</summary>
    internal static PublicationCategory? ParseCategory(string text) => text.Trim().ToUpperInvariant() switch
    {
        "PENALTY" or "行政处罚" or "行政处罚决定" => PublicationCategory.Penalty,
        "LICENSING" or "行政许可" or "行政许可决定" => PublicationCategory.Licensing,
        "OTHER" or "其他" or "其他行政执法决定" => PublicationCategory.Other,
        _ => null,
    };

    /// <summary>An ISO date (<c>2026-03-01</c>); true with null for an empty value (shared with the search).</summary>
    internal static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Length <= 12 && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        return false;
    }

    private static string Clip(string? text) => text is null ? "" : text.Length > 20 ? text[..20] + "…" : text;

    private static IResult Invalid(HttpContext http, string field, string message) =>
        Problems.Result(http, 400, message, new Dictionary<string, string[]> { [field] = [message] });
}
