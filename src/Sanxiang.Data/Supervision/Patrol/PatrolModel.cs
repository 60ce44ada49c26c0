using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Patrol;

namespace Sanxiang.Data;

/// <summary>
/// The online patrol's tables (issue 9). The patrol is the supervisors' work, so its rows are not <c>IAgencyOwned</c>
/// (the write rule would stop a supervisor confirming a finding of another agency); an agency reads only its own
/// findings, samples and figures through the same scope filter as every agency-owned table, and the one write an
/// agency makes (its answer) is guarded in <c>OnlinePatrols</c>.
/// </summary>
public sealed partial class SanxiangDbContext
{
    private void ConfigureOnlinePatrol(ModelBuilder builder)
    {
        builder.Entity<OnlinePatrol>(e =>
        {
            e.HasIndex(p => new { p.Year, p.QuarterNumber });
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Status).HasMaxLength(16);
            e.Property(p => p.Seed).HasMaxLength(64);
            e.Property(p => p.StartedByName).HasMaxLength(100);
            e.Property(p => p.Revision).IsConcurrencyToken();
            e.Ignore(p => p.Quarter);
            // Agencies see a patrol only when it has a finding or a sample of theirs (the workbench and API filter by those).
        });

        builder.Entity<PatrolAgency>(e =>
        {
            e.HasIndex(a => new { a.PatrolId, a.AgencyId }).IsUnique();
            e.Property(a => a.AgencyName).HasMaxLength(100);
            e.HasOne<OnlinePatrol>().WithMany().HasForeignKey(a => a.PatrolId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(a => ScopeReadsAll || a.AgencyId == ScopeAgencyId);
        });

        builder.Entity<PatrolFinding>(e =>
        {
            e.HasIndex(f => new { f.PatrolId, f.Number }).IsUnique();
            e.HasIndex(f => new { f.AgencyId, f.Status });
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(f => f.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(f => f.Entry).HasMaxLength(300);
            e.Property(f => f.Found).HasMaxLength(4000);
            e.Property(f => f.Rule).HasMaxLength(300);
            e.Property(f => f.Source).HasMaxLength(16);
            e.Property(f => f.Status).HasMaxLength(16);
            e.Property(f => f.Answer).HasMaxLength(4000);
            e.Property(f => f.AnsweredByName).HasMaxLength(100);
            e.Property(f => f.Review).HasMaxLength(2000);
            e.Property(f => f.Revision).IsConcurrencyToken();
            e.HasOne<OnlinePatrol>().WithMany().HasForeignKey(f => f.PatrolId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(f => ScopeReadsAll || f.AgencyId == ScopeAgencyId);
        });

        builder.Entity<PatrolSample>(e =>
        {
            e.HasIndex(s => new { s.PatrolId, s.AgencyId, s.PublishedDecisionId }).IsUnique();
            e.Property(s => s.Label).HasMaxLength(300);
            e.Property(s => s.Outcome).HasMaxLength(16);
            e.Property(s => s.Note).HasMaxLength(2000);
            e.HasOne<OnlinePatrol>().WithMany().HasForeignKey(s => s.PatrolId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(s => ScopeReadsAll || s.AgencyId == ScopeAgencyId);
        });
    }
}
