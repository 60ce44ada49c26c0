using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.AnnualReport;

namespace Sanxiang.Data;

/// <summary>
/// The annual reports' table (issue 9 item 5): one row per version of an agency's report for a year, agency-owned (an
/// agency writes only its own; supervisors read all). A version is unique per agency, year and number, so two people
/// publishing at once cannot both make version 1; <see cref="AnnualReport.Revision"/> guards the draft they edit.
/// </summary>
public sealed partial class SanxiangDbContext
{
    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();

    private void ConfigureAnnualReports(ModelBuilder builder)
    {
        builder.Entity<AnnualReport>(e =>
        {
            e.HasIndex(r => new { r.AgencyId, r.Year, r.Version }).IsUnique();
            e.HasIndex(r => new { r.Year, r.Status });
            e.Property(r => r.Status).HasMaxLength(8);
            e.Property(r => r.WorkSummary).HasMaxLength(AnnualReportRules.MaxLength);
            e.Property(r => r.Problems).HasMaxLength(AnnualReportRules.MaxLength);
            e.Property(r => r.NextSteps).HasMaxLength(AnnualReportRules.MaxLength);
            e.Property(r => r.CorrectionReason).HasMaxLength(500);
            e.Property(r => r.ContentSha256).HasMaxLength(64);
            e.Property(r => r.AgencyName).HasMaxLength(100);
            e.Property(r => r.PublishedByName).HasMaxLength(100);
            e.Property(r => r.Revision).IsConcurrencyToken();
            e.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(r => ScopeReadsAll || r.AgencyId == ScopeAgencyId);
        });
    }
}
