using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;

namespace Sanxiang.Data.Registry;

/// <summary>A certificate as the public sees it (PUB-1, PUB-4): no private data.</summary>
public sealed record PublicOfficer(Guid OfficerId, Guid AgencyId, string Name, string CertificateNumber, string Issuer,
    IReadOnlyList<string> Fields, DateOnly ValidFrom, DateOnly ValidTo, CertificateStatus Status, bool IsReviewer)
{
    /// <summary>The status a citizen should see on <paramref name="date"/>: a "valid" certificate past its end date is expired.</summary>
    public CertificateStatus EffectiveStatus(DateOnly date) => CertificateStatuses.Effective(Status, ValidTo, date);
}

/// <summary>
/// The only way public pages and the public API read registry data across agencies: the lists in force on a given day
/// (approved versions only), and explicit projections of the fields that may be published. Internal queries go through
/// the scoped query filters instead.
/// </summary>
public static class PublicViews
{
    /// <summary>
    /// The version of each agency's list of <paramref name="kind"/> in force on <paramref name="date"/>: the approved one
    /// with the latest effective date not after it (the higher number when two take effect the same day).
    /// </summary>
    public static IQueryable<RegistryVersion> VersionsInForce(this SanxiangDbContext db, RegistryListKind kind, DateOnly date)
    {
        // No IgnoreQueryFilters here: approved versions pass the version filter for everyone, and ignoring filters in a
        // subquery would switch them off for the whole query it is composed into (an EF rule), the scoped ones included.
        var approved = db.RegistryVersions.AsNoTracking()
            .Where(v => v.Kind == kind && v.Status == VersionStatus.Approved && v.EffectiveFrom <= date);
        return approved.Where(v => !approved.Any(w => w.AgencyId == v.AgencyId
            && (w.EffectiveFrom > v.EffectiveFrom || (w.EffectiveFrom == v.EffectiveFrom && w.Number > v.Number))));
    }

    /// <summary>Every item in force on <paramref name="date"/>, all agencies (filter further by agency).</summary>
    public static IQueryable<EnforcementItem> ItemsInForce(this SanxiangDbContext db, DateOnly date)
    {
        var versions = db.VersionsInForce(RegistryListKind.Items, date).Select(v => v.Id);
        return db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().Where(i => versions.Contains(i.VersionId));
    }

    /// <summary>Every officer entry in force on <paramref name="date"/>, all agencies, revoked certificates included.</summary>
    public static IQueryable<OfficerEntry> OfficerEntriesInForce(this SanxiangDbContext db, DateOnly date)
    {
        var versions = db.VersionsInForce(RegistryListKind.Officers, date).Select(v => v.Id);
        return db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => versions.Contains(o.VersionId));
    }

    /// <summary>
    /// The officer entries in force on <paramref name="date"/> that the caller may see internally: the DbContext's scope
    /// filter applies (the own agency; the whole county for supervisors).
    /// </summary>
    public static IQueryable<OfficerEntry> ScopedOfficerEntriesInForce(this SanxiangDbContext db, DateOnly date)
    {
        var versions = db.VersionsInForce(RegistryListKind.Officers, date).Select(v => v.Id);
        return db.OfficerEntries.AsNoTracking().Where(o => versions.Contains(o.VersionId));
    }

    /// <summary>
    /// Whether an officer may be assigned to new enforcement work on <paramref name="date"/>: listed in the agency's
    /// officer list in force that day, with a certificate valid that day (and covering <paramref name="field"/> if given).
    /// Null when they may; otherwise the reason, in Chinese.
    /// </summary>
    public static async Task<string?> CheckAssignableAsync(this SanxiangDbContext db, Guid officerId, DateOnly date, string? field = null, CancellationToken ct = default)
    {
        var entry = await db.OfficerEntriesInForce(date).FirstOrDefaultAsync(o => o.OfficerId == officerId, ct);
        return entry is null
            ? $"该人员不在其所属执法主体 {date:yyyy-MM-dd} 施行的执法人员名单中，不得从事执法工作。"
            : entry.CheckAssignable(date, field);
    }

    /// <summary>What changed from one version of a list to another (both approved, or a draft and its basis).</summary>
    public static async Task<ListDiff> DiffVersionsAsync(this SanxiangDbContext db, RegistryListKind kind, Guid before, Guid after, CancellationToken ct = default)
    {
        if (kind == RegistryListKind.Items)
        {
            var items = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.VersionId == before || i.VersionId == after).ToListAsync(ct);
            return RegistryDiffs.Items(items.Where(i => i.VersionId == before), items.Where(i => i.VersionId == after));
        }

        var officers = await db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => o.VersionId == before || o.VersionId == after).ToListAsync(ct);
        return RegistryDiffs.Officers(officers.Where(o => o.VersionId == before), officers.Where(o => o.VersionId == after));
    }

    /// <summary>The officers an agency publishes on <paramref name="date"/> (revoked certificates leave the list).</summary>
    public static IQueryable<PublicOfficer> PublicOfficers(this SanxiangDbContext db, Guid agencyId, DateOnly date) =>
        Project(db.OfficerEntriesInForce(date).Where(o => o.AgencyId == agencyId && o.Status != CertificateStatus.Revoked)
            .OrderBy(o => o.IsReviewer).ThenBy(o => o.CertificateNumber));

    /// <summary>The officers of one version, as published.</summary>
    public static IQueryable<PublicOfficer> PublicOfficersOfVersion(this SanxiangDbContext db, Guid versionId) =>
        Project(db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => o.VersionId == versionId && o.Status != CertificateStatus.Revoked)
            .OrderBy(o => o.IsReviewer).ThenBy(o => o.CertificateNumber));

    /// <summary>Number of published officers per agency on <paramref name="date"/>.</summary>
    public static Task<Dictionary<Guid, int>> PublicOfficerCountsAsync(this SanxiangDbContext db, DateOnly date, CancellationToken ct = default) =>
        db.OfficerEntriesInForce(date).Where(o => o.Status != CertificateStatus.Revoked)
            .GroupBy(o => o.AgencyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

    private static IQueryable<PublicOfficer> Project(IQueryable<OfficerEntry> entries) =>
        entries.Select(o => new PublicOfficer(o.OfficerId, o.AgencyId, o.Name, o.CertificateNumber, o.Issuer, o.Fields, o.ValidFrom, o.ValidTo, o.Status, o.IsReviewer));
}
