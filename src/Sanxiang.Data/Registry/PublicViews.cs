using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;

namespace Sanxiang.Data.Registry;

/// <summary>A certificate as the public sees it (PUB-1, PUB-4): no private data.</summary>
public sealed record PublicOfficer(Guid Id, Guid AgencyId, string Name, string CertificateNumber, string Issuer,
    IReadOnlyList<string> Fields, DateOnly ValidFrom, DateOnly ValidTo, CertificateStatus Status, bool IsReviewer)
{
    /// <summary>The status a citizen should see on <paramref name="date"/>: a "valid" certificate past its end date is expired.</summary>
    public CertificateStatus EffectiveStatus(DateOnly date) =>
        Status == CertificateStatus.Valid && date > ValidTo ? CertificateStatus.Expired : Status;
}

/// <summary>
/// The only way public pages and the public API read registry data across agencies: explicit projections of the
/// fields that may be published. Internal queries go through the scoped query filters instead.
/// </summary>
public static class PublicViews
{
    /// <summary>The officers an agency publishes (revoked certificates leave the list).</summary>
    public static IQueryable<PublicOfficer> PublicOfficers(this SanxiangDbContext db, Guid agencyId) =>
        PublishedOfficers(db).Where(o => o.AgencyId == agencyId)
            .OrderBy(o => o.IsReviewer).ThenBy(o => o.CertificateNumber)
            .Select(o => new PublicOfficer(o.Id, o.AgencyId, o.Name, o.CertificateNumber, o.Issuer, o.Fields, o.ValidFrom, o.ValidTo, o.Status, o.IsReviewer));

    /// <summary>Number of published officers per agency.</summary>
    public static Task<Dictionary<Guid, int>> PublicOfficerCountsAsync(this SanxiangDbContext db, CancellationToken ct = default) =>
        PublishedOfficers(db).GroupBy(o => o.AgencyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

    private static IQueryable<Officer> PublishedOfficers(SanxiangDbContext db) =>
        db.Officers.IgnoreQueryFilters().AsNoTracking().Where(o => o.Status != CertificateStatus.Revoked);
}
