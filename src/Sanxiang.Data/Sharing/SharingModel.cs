using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Data.Sharing;

namespace Sanxiang.Data;

/// <summary>
/// Data sharing (PLT-4, decision 0020): the change time of every row a sharing package carries, and the provincial
/// platform's API clients. The change time is a shadow column <see cref="SharingColumns.ChangedAtUtc"/>, set by
/// <see cref="StampChangeTimes"/> on every save from the server's clock, so no caller can forget it and the entity
/// classes stay as they are.
/// </summary>
public sealed partial class SanxiangDbContext
{
    public DbSet<SharingClient> SharingClients => Set<SharingClient>();

    /// <summary>The entity types whose rows carry a change time (a case's records change their case's).</summary>
    private static readonly Type[] StampedTypes = [typeof(Agency), typeof(RegistryVersion), typeof(PublishedDecision), typeof(Case), typeof(InspectionTask)];

    private static void ConfigureSharing(ModelBuilder builder)
    {
        foreach (var type in StampedTypes)
        {
            var e = builder.Entity(type);
            // Rows written outside the DbContext (bulk loads) get the epoch: they appear in full exports, never in a window.
            e.Property<DateTimeOffset>(SharingColumns.ChangedAtUtc).HasDefaultValue(DateTimeOffset.UnixEpoch);
            e.HasIndex(SharingColumns.ChangedAtUtc);
        }

        builder.Entity<SharingClient>(e =>
        {
            e.ToTable("SharingClients");
            e.HasIndex(c => c.KeyPrefix).IsUnique();
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.KeyPrefix).HasMaxLength(16);
            e.Property(c => c.KeySha256).HasMaxLength(32);
            e.Property(c => c.RevokedReason).HasMaxLength(200);
        });
    }

    /// <summary>
    /// Sets the change time of every added or modified row of a shared kind, and of the case whose records this unit of
    /// work adds, to the server's time now. Called after the write checks, just before the rows are written.
    /// </summary>
    private void StampChangeTimes()
    {
        var now = Sanxiang.Core.Sharing.SharingWindow.Truncate(_clock.GetUtcNow());
        var cases = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Agency or RegistryVersion or PublishedDecision or Case or InspectionTask:
                    Stamp(entry, now);
                    break;
                case CaseOfficer or CaseFact or CaseStepRecord or CaseEvidence:
                    cases.Add((Guid)entry.Property("CaseId").CurrentValue!);
                    break;
            }
        }

        foreach (var c in ChangeTracker.Entries<Case>().Where(c => cases.Contains(c.Entity.Id)))
        {
            Stamp(c, now);
        }
    }

    private static void Stamp(EntityEntry entry, DateTimeOffset now) => entry.Property(SharingColumns.ChangedAtUtc).CurrentValue = now;
}
