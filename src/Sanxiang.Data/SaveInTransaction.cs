using Microsoft.EntityFrameworkCore;

namespace Sanxiang.Data;

public sealed partial class SanxiangDbContext
{
    /// <summary>
    /// Saves in one transaction (the caller's, or one of its own); <paramref name="after"/> may read what the first save
    /// wrote (the log leaf just appended) and store it with a second save. On failure nothing stays pending: the records
    /// to log are discarded and the tracker cleared; a <see cref="DbUpdateException"/> for which <paramref name="conflict"/>
    /// gives an exception (a concurrency conflict, a unique version) is replaced by it.
    /// </summary>
    public async Task SaveInTransactionAsync(Func<DbUpdateException, Exception?> conflict, Func<Task>? after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var own = Database.CurrentTransaction is null;
        await using var tx = own ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            await SaveChangesAsync(ct);
            if (after is not null)
            {
                await after();
                await SaveChangesAsync(ct);
            }

            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }
        catch (Exception e)
        {
            DiscardPendingRecords();
            ChangeTracker.Clear();
            if (e is DbUpdateException update && conflict(update) is { } replaced)
            {
                throw replaced;
            }

            throw;
        }
    }
}
