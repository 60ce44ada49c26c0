using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Publication;
using Sanxiang.Data;

namespace Sanxiang.Web.Publication;

/// <summary>
/// The Atom feed (RFC 4287) of published decisions, for the county and per agency (PUB-9): the 50 most recently changed
/// entries, newest first, each with a stable tag URI (RFC 4151) as its id and a link to its public page; an entry that
/// was withdrawn, expired, ended by credit repair or corrected says so with the reason. Written with
/// <see cref="XmlWriter"/>, so every text is escaped; characters XML cannot carry are dropped.
/// </summary>
public static class DecisionFeed
{
    public const int MaxEntries = 50;
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const string County = "安和县";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/decisions.atom", Feed).AllowAnonymous().WithTags("开放数据")
            .WithSummary("执法决定公示的 Atom 订阅（全县，或 agency=执法主体代码 只含该机关）：最近变动的 50 条，撤回、期满撤下和更正也作为条目列出")
            .Produces(200, contentType: "application/atom+xml").ProducesValidationProblem();
    }

    /// <summary>
    /// The tag URI authority (<c>Feeds:TagAuthority</c>, a domain the county holds; set it once before the first feed is
    /// read and never change it, or every reader sees every entry again).
    /// </summary>
    public static string TagAuthority(IConfiguration configuration) => configuration["Feeds:TagAuthority"] is { Length: > 0 } a ? a : "sanxiang.local";

    public static string EntryId(string authority, long id) => string.Create(CultureInfo.InvariantCulture, $"tag:{authority},2026:decision/{id}");

    private static async Task<IResult> Feed(HttpContext http, SanxiangDbContext db, TimeProvider clock, IConfiguration configuration, string? agency,
        CancellationToken ct)
    {
        var (filter, problem) = await PublicDecisionFilter.ParseAsync(http, db, agency, null, null, null, null, ct);
        if (filter is null)
        {
            return problem!;
        }

        // The most recent changes: the newest publications and the newest withdrawals, expiries and corrections, merged.
        // Two indexed top-N reads rather than ORDER BY COALESCE(...), which no index serves.
        var scope = filter.Scope(db);
        var published = await scope.OrderByDescending(p => p.Id).Take(MaxEntries).ToListAsync(ct);
        var changed = await scope.Where(p => p.StateAtUtc != null).OrderByDescending(p => p.StateAtUtc).Take(MaxEntries).ToListAsync(ct);
        var entries = published.Concat(changed).DistinctBy(p => p.Id)
            .OrderByDescending(Updated).ThenByDescending(p => p.Id).Take(MaxEntries).ToList();

        var authority = TagAuthority(configuration);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var title = filter.Agency is { } a ? $"{a.Name}行政执法决定公示" : $"{County}行政执法决定公示";
        var feedId = filter.Agency is { } b ? $"tag:{authority},2026:decisions/agency/{b.Code}" : $"tag:{authority},2026:decisions";

        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true };
        using (var w = XmlWriter.Create(output, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", Atom);
            w.WriteAttributeString("xml", "lang", null, "zh-CN");
            Element(w, "id", feedId);
            Element(w, "title", title);
            Element(w, "subtitle", "行政处罚、行政许可和其他行政执法决定的公示信息，含撤回、更正和期满撤下的记录。");
            Element(w, "updated", Instant(entries.Count > 0 ? entries.Max(Updated) : clock.GetUtcNow()));
            Link(w, "self", http.Request.GetEncodedUrl(), "application/atom+xml");
            Link(w, "alternate", origin + "/decisions" + (filter.Agency is { } c ? "?agency=" + Uri.EscapeDataString(c.Code) : ""), "text/html");
            w.WriteStartElement("author", Atom);
            Element(w, "name", filter.Agency?.Name ?? County + "人民政府");
            w.WriteEndElement();
            Element(w, "generator", "三项制度行政执法信息平台");

            foreach (var d in entries)
            {
                w.WriteStartElement("entry", Atom);
                Element(w, "id", EntryId(authority, d.Id));
                var number = string.IsNullOrEmpty(d.DocumentNumber) ? "" : $"（{d.DocumentNumber}）";
                var mark = d.State == PublishedState.Public ? "" : $"【{d.State.Chinese()}】";
                Element(w, "title", $"{mark}{d.AgencyName}{d.Title}{number}");
                Element(w, "published", Instant(d.PublishedAtUtc));
                Element(w, "updated", Instant(Updated(d)));
                Link(w, "alternate", origin + "/decisions/" + d.Id.ToString(CultureInfo.InvariantCulture), "text/html");
                w.WriteStartElement("author", Atom);
                Element(w, "name", d.AgencyName);
                w.WriteEndElement();
                w.WriteStartElement("category", Atom);
                w.WriteAttributeString("term", d.Category.ToString());
                w.WriteAttributeString("label", d.Category.Chinese());
                w.WriteEndElement();
                w.WriteStartElement("summary", Atom);
                w.WriteAttributeString("type", "text");
                w.WriteString(Clean(Summary(d)));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return TypedResults.Bytes(output.ToArray(), ContentType);
    }

    private static DateTimeOffset Updated(PublishedDecision d) => d.StateAtUtc is { } at && at > d.PublishedAtUtc ? at : d.PublishedAtUtc;

    private static string Summary(PublishedDecision d)
    {
        var reason = string.IsNullOrWhiteSpace(d.StateReason) ? "" : $"原因：{d.StateReason}。";
        var on = d.StateAtUtc is { } at ? LegalDate(ChinaTime.DateOf(at)) : "";
        return d.State switch
        {
            PublishedState.Public => Content(d),
            PublishedState.Superseded => $"本公示已于{on}更正，以公示编号 {d.SupersededById?.ToString(CultureInfo.InvariantCulture)} 的新版本为准。{reason}{Content(d)}",
            PublishedState.Withdrawn => $"已撤回：本公示于{on}撤回，原公示内容不再公开。{reason}",
            PublishedState.Expired => $"公示期满：本公示于{on}撤下。{reason}",
            PublishedState.Repaired => $"信用修复：本公示于{on}提前撤下。{reason}",
        };
    }

    private static string Content(PublishedDecision d)
    {
        var parts = new List<string> { $"当事人：{d.PartyName}", $"案由：{d.Cause}", $"决定内容：{d.Result}" };
        parts.Add($"决定日期：{LegalDate(d.DecidedOn)}");
        return string.Join("；", parts) + "。";
    }

    private static string LegalDate(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Element(XmlWriter w, string name, string value) => w.WriteElementString(name, Atom, Clean(value));

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", Atom);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", Clean(href));
        w.WriteEndElement();
    }

    /// <summary>Drops the characters XML 1.0 cannot carry (control characters, lone surrogates), which would otherwise fail the writer.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                sb.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }
}
