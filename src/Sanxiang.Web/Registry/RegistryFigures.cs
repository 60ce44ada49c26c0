using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;

namespace Sanxiang.Web.Registry;

/// <summary>Figures the registry keeps an eye on: the reviewer ratio (REV-6) and certificates about to expire.</summary>
public static class RegistryFigures
{
    /// <summary>REV-6: each agency's reviewers should be at least 5% of its officers holding a valid certificate.</summary>
    public const double MinimumReviewerRatio = 0.05;

    public static async Task<List<ReviewerRatioDto>> ReviewerRatiosAsync(SanxiangDbContext db, DateOnly today)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync();
        var officers = await db.OfficerEntriesInForce(today).ToListAsync();
        return [.. agencies
            .Select(a =>
            {
                var certified = officers.Where(o => o.AgencyId == a.Id && o.IsCertifiedOn(today)).ToList();
                var reviewers = certified.Count(o => o.IsReviewer);
                var ratio = certified.Count == 0 ? 0 : (double)reviewers / certified.Count;
                return new ReviewerRatioDto(a.Code, a.Name, certified.Count, reviewers, Math.Round(ratio, 4), certified.Count > 0 && ratio < MinimumReviewerRatio);
            })
            .Where(r => r.CertifiedOfficers > 0)];
    }

    /// <summary>Certificates valid today that end within <paramref name="days"/> days, soonest first (scoped to the caller).</summary>
    public static async Task<List<ExpiringCertificateDto>> ExpiringAsync(SanxiangDbContext db, DateOnly today, int days)
    {
        var until = today.AddDays(days);
        var rows = await (from o in db.ScopedOfficerEntriesInForce(today)
                          join a in db.Agencies on o.AgencyId equals a.Id
                          where o.Status == CertificateStatus.Valid && o.ValidTo >= today && o.ValidTo <= until
                          orderby o.ValidTo
                          select new { o, a.Code, a.Name }).ToListAsync();
        return [.. rows.Select(r => new ExpiringCertificateDto(r.Code, r.Name, r.o.OfficerId, r.o.Name, r.o.CertificateNumber, r.o.ValidTo,
            r.o.ValidTo.DayNumber - today.DayNumber))];
    }
}
