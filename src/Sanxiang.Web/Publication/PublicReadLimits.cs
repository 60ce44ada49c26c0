using Microsoft.AspNetCore.Http;

namespace Sanxiang.Web.Publication;

/// <summary>
/// The public decision search and the open-data downloads read across every published decision; a client that sends
/// them without pause (a scraper, a script gone wrong) would take the database from everyone else. Each client address
/// gets a number of searches and of downloads per minute (<c>Security:PublicSearchesPerMinute</c>,
/// <c>Security:OpenDataDownloadsPerMinute</c>); beyond that it is answered 429 in Chinese. The entry pages
/// (<c>/decisions/{id}</c>) and the empty search form are not counted: they cost one row.
/// </summary>
public static class PublicReadLimits
{
    /// <summary>The query parameters that make <c>/decisions</c> a search rather than the empty form.</summary>
    private static readonly string[] SearchParameters = ["q", "party", "code", "number", "agency", "category", "from", "to", "page"];

    /// <summary>A search: the portal's <c>/decisions</c> with any search parameter, or the API's list.</summary>
    public static bool IsSearch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value?.TrimEnd('/') ?? "";
        if (string.Equals(path, "/api/v1/public/decisions", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(path, "/decisions", StringComparison.OrdinalIgnoreCase)
            && SearchParameters.Any(p => request.Query.ContainsKey(p));
    }

    /// <summary>A bulk read: the open-data lists, the 双公示 exports, the Atom feeds and the random-inspection data and draw checks.</summary>
    public static bool IsDownload(PathString path) =>
        path.StartsWithSegments("/api/v1/public/open-data", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/public/double-publicity", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/feeds", StringComparison.OrdinalIgnoreCase)
        // The random-inspection data: frozen lists, draw exports and their verification (which re-runs a draw), statistics.
        || path.StartsWithSegments("/api/v1/public/inspection", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/inspections/statistics", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/inspections", StringComparison.OrdinalIgnoreCase)
            && path.Value!.EndsWith("/verify", StringComparison.OrdinalIgnoreCase);
}
