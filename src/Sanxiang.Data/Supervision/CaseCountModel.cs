using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Supervision;
using Sanxiang.Data.Calendar;

namespace Sanxiang.Data;

/// <summary>The publication side of the dashboard's roll-up (decision 0022), kept by the same save as the tasks.</summary>
public sealed partial class SanxiangDbContext
{
    /// <summary>
    /// Stamps a task with its first published version when that version is added, and adds to the roll-up's deltas what
    /// each added or changed task counts now minus what the database has it count (<see cref="PublicationCounts.Settled"/>).
    /// </summary>
    private async Task RefreshPublicationCountsAsync(CancellationToken ct)
    {
        var first = ChangeTracker.Entries<PublishedDecision>().Where(e => e.State == EntityState.Added && e.Entity.Version == 1).Select(e => e.Entity).ToList();
        foreach (var entry in first)
        {
            var task = ChangeTracker.Entries<PublicationTask>().Select(e => e.Entity).FirstOrDefault(t => t.Id == entry.TaskId)
                ?? await PublicationTasks.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == entry.TaskId, ct);
            if (task is not null && task.FirstPublishedOn is null)
            {
                task.FirstPublishedOn = entry.PublishedOn;
                task.FirstPublishedWithFullText = entry.FullText is not null;
            }
        }

        var changed = ChangeTracker.Entries<PublicationTask>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (e.Entity, e.State)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var ids = changed.Select(c => c.Entity.Id).ToList();
        var stored = await PublicationTasks.IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var calendar = await CalendarStore.LoadAsync(this, ct);
        foreach (var (task, state) in changed)
        {
            if (stored.TryGetValue(task.Id, out var before))
            {
                AddPublicationCounts(before, calendar, -1);
            }

            if (state != EntityState.Deleted)
            {
                AddPublicationCounts(task, calendar, 1);
            }
        }
    }

    private void AddPublicationCounts(PublicationTask task, Sanxiang.Core.Calendar.WorkdayCalendar calendar, long sign)
    {
        var month = Sanxiang.Core.Supervision.CaseCounts.MonthOf(task.DecidedOn);
        foreach (var (key, value) in PublicationCounts.Settled(task, task.FirstPublishedOn, task.FirstPublishedWithFullText, calendar))
        {
            _countDeltas.Add(task.AgencyId, PublicationCounts.Measure, month, key, sign * value);
        }
    }
}
