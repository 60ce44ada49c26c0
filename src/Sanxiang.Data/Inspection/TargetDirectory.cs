using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Inspection;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Inspection;

/// <summary>What an import of the inspection-target directory did, or would do in a dry run.</summary>
/// <param name="New">Rows whose credit code is not yet in the agency's directory.</param>
/// <param name="Changed">Rows of targets already in the directory with at least one field different.</param>
/// <param name="Unchanged">Rows identical to the directory's target.</param>
/// <param name="Applied">Whether the rows were written (false for a dry run).</param>
public sealed record TargetImportOutcome(int New, int Changed, int Unchanged, bool Applied)
{
    public int Rows => New + Changed + Unchanged;
}

/// <summary>
/// 检查对象名录库 (PLT-2): an agency's directory of inspection targets, kept by spreadsheet import. An import upserts by
/// (agency, credit code) and leaves targets that are not in the file as they are (a file deactivates one with 状态=注销);
/// a dry run only counts. An applied import writes every row and its log entry in one transaction; when a concurrent
/// import of the same agency wins a race for a credit code, it throws <see cref="DbUpdateException"/> having written nothing.
/// </summary>
public sealed class TargetDirectory(SanxiangDbContext db, TimeProvider clock)
{
    public const string ImportedKind = "inspection-targets-imported";

    /// <summary>
    /// Compares <paramref name="rows"/> (already checked by <see cref="InspectionLayouts.Targets"/>: credit codes valid and
    /// unique) with the agency's directory and, when <paramref name="apply"/>, writes them with one ledger event holding
    /// the file's SHA-256 and the counts.
    /// </summary>
    public async Task<TargetImportOutcome> ImportAsync(Guid agencyId, IReadOnlyList<InspectionTarget> rows, bool apply, Guid? actorAccountId,
        string? actorRole, byte[] fileSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(fileSha256);
        var duplicate = rows.GroupBy(r => r.CreditCode, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The credit code {duplicate.Key} appears more than once; the layout refuses such a file.", nameof(rows));
        }

        await using var tx = apply ? await db.Database.BeginTransactionAsync(ct) : null;
        var query = db.InspectionTargets.Where(t => t.AgencyId == agencyId);
        var existing = await (apply ? query : query.AsNoTracking()).ToDictionaryAsync(t => t.CreditCode, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.CreditCode, out var target))
            {
                added++;
                if (apply)
                {
                    db.InspectionTargets.Add(new InspectionTarget
                    {
                        Id = Guid.CreateVersion7(), AgencyId = agencyId, CreditCode = row.CreditCode, Name = row.Name, Address = row.Address,
                        Area = row.Area, Industry = row.Industry, Grade = row.Grade, Tags = [.. row.Tags], AffiliatedAgency = row.AffiliatedAgency,
                        Active = row.Active, UpdatedAtUtc = now,
                    });
                }
            }
            else if (Same(target, row))
            {
                unchanged++;
            }
            else
            {
                changed++;
                if (apply)
                {
                    target.Name = row.Name;
                    target.Address = row.Address;
                    target.Area = row.Area;
                    target.Industry = row.Industry;
                    target.Grade = row.Grade;
                    target.Tags = [.. row.Tags];
                    target.AffiliatedAgency = row.AffiliatedAgency;
                    target.Active = row.Active;
                    target.UpdatedAtUtc = now;
                }
            }
        }

        var outcome = new TargetImportOutcome(added, changed, unchanged, apply);
        if (!apply)
        {
            return outcome;
        }

        db.Record(new LedgerEvent(ImportedKind, null, agencyId, actorAccountId, actorRole, new JsonObject
        {
            ["file"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(fileSha256) },
            ["rows"] = outcome.Rows,
            ["new"] = added,
            ["changed"] = changed,
            ["unchanged"] = unchanged,
        }));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx!.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import of the same agency added one of these credit codes first (the unique index refused ours):
            // nothing was written; leave the context clean for the caller, who reports it and may try again.
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            throw;
        }

        return outcome;
    }

    /// <summary>Whether the directory's target already holds every field of the row.</summary>
    public static bool Same(InspectionTarget target, InspectionTarget row) =>
        target.Name == row.Name && target.Address == row.Address && target.Area == row.Area && target.Industry == row.Industry
        && target.Grade == row.Grade && target.Tags.SequenceEqual(row.Tags, StringComparer.Ordinal)
        && target.AffiliatedAgency == row.AffiliatedAgency && target.Active == row.Active;
}
