using Microsoft.AspNetCore.Http;

namespace Sanxiang.Web.Supervision.Complaints;

/// <summary>
/// The per-address limits of the public complaint desk (decision 0017): submissions (the portal form's POST and the public
/// API's) and status look-ups, each per hour (<c>Complaints:SubmissionsPerHour</c>, <c>Complaints:StatusLookupsPerHour</c>).
/// Refused and accepted attempts count alike, so a program guessing query codes or flooding the form is stopped.
/// </summary>
public static class ComplaintLimits
{
    public static bool IsSubmission(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value?.TrimEnd('/') ?? "";
        return HttpMethods.IsPost(request.Method)
            && (string.Equals(path, "/complaints", StringComparison.OrdinalIgnoreCase)
                || string.Equals(path, "/api/v1/public/complaints", StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsStatusLookup(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value?.TrimEnd('/') ?? "";
        return HttpMethods.IsPost(request.Method)
            && (string.Equals(path, "/complaints/status", StringComparison.OrdinalIgnoreCase)
                || string.Equals(path, "/api/v1/public/complaints/status", StringComparison.OrdinalIgnoreCase));
    }
}
