using Microsoft.EntityFrameworkCore;
using Sanxiang.Data;

namespace Sanxiang.Web.Supervision;

/// <summary>Which agency a dashboard request narrows to: none (the caller's whole scope) or one by its code.</summary>
public static class DashboardScope
{
    /// <summary>
    /// The agency of <paramref name="code"/> within the caller's scope; an agency user asking for another agency gets
    /// the same answer as for an unknown code, so the dashboard does not tell which codes exist.
    /// </summary>
    public static async Task<(Guid? AgencyId, string? Problem)> AgencyAsync(SanxiangDbContext db, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(code))
        {
            return (db.Scope.ReadsAllAgencies ? null : db.Scope.AgencyId, null);
        }

        var id = await db.Agencies.AsNoTracking().Where(a => a.Code == code.Trim()).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (id is not null && !db.Scope.ReadsAllAgencies && id != db.Scope.AgencyId)
        {
            id = null;
        }

        return id is null ? (null, $"没有代码为“{code.Trim()}”的执法主体，或您无权查看它的数据。") : (id, null);
    }
}
