using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Archive;
using Sanxiang.Core.Ledger;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Archive;

/// <summary>
/// The record part of a case's archive package: the latest signed checkpoint, the case's log entries with their
/// inclusion proofs against it, and the entries too recent to be covered by it (<see cref="NotYetCheckpointed"/>; wait
/// for the checkpoint signer, or call <see cref="LedgerCheckpointer.SignIfGrownAsync"/>, before sealing).
/// </summary>
public sealed record ArchiveRecordPart(string? CheckpointNote, long TreeSize, IReadOnlyList<ArchiveLogEntry> Entries, IReadOnlyList<long> NotYetCheckpointed)
{
    /// <summary>Every requested entry is proved against a signed checkpoint: the case can be sealed.</summary>
    public bool IsComplete => CheckpointNote is not null && NotYetCheckpointed.Count == 0;
}

/// <summary>Loads what <see cref="ArchivePackageBuilder"/> needs from the record log, the same proofs /api/v1/ledger/proof/inclusion serves.</summary>
public static class ArchiveRecord
{
    /// <summary>Every log entry of the case (by <c>LedgerEntry.CaseId</c>), proved against the latest signed checkpoint.</summary>
    public static async Task<ArchiveRecordPart> ForCaseAsync(SanxiangDbContext db, Guid caseId, CancellationToken ct = default)
    {
        var indexes = await db.LedgerEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Index).Select(e => e.Index).ToListAsync(ct);
        return await ForIndexesAsync(db, indexes, ct);
    }

    /// <summary>
    /// The given entries with inclusion proofs against the latest signed checkpoint; all proofs come from one database
    /// round trip (<see cref="DbMerkleNodes.ComputeAsync{T}"/>). Unknown indexes are refused.
    /// </summary>
    public static async Task<ArchiveRecordPart> ForIndexesAsync(SanxiangDbContext db, IReadOnlyCollection<long> indexes, CancellationToken ct = default)
    {
        var wanted = indexes.Distinct().Order().ToList();
        var checkpoint = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct);
        var rows = await db.LedgerEntries.AsNoTracking().Where(e => wanted.Contains(e.Index)).OrderBy(e => e.Index)
            .Select(e => new { e.Index, e.Payload }).ToListAsync(ct);
        if (rows.Count != wanted.Count)
        {
            var missing = wanted.Except(rows.Select(r => r.Index)).First();
            throw new ArgumentException($"记录日志中没有第 {missing} 条记录。", nameof(indexes));
        }

        if (checkpoint is null)
        {
            return new ArchiveRecordPart(null, 0, [], wanted);
        }

        var size = checkpoint.Size;
        var covered = rows.Where(r => r.Index < size).ToList();
        var proofs = await new DbMerkleNodes(db).ComputeAsync(async reader =>
        {
            var list = new List<IReadOnlyList<byte[]>>(covered.Count);
            foreach (var row in covered)
            {
                list.Add(await MerkleTree.InclusionProofAsync(reader, row.Index, size, ct));
            }

            return list;
        }, ct);

        return new ArchiveRecordPart(
            checkpoint.Note,
            size,
            covered.Select((r, i) => new ArchiveLogEntry(r.Index, r.Payload, proofs[i])).ToList(),
            rows.Where(r => r.Index >= size).Select(r => r.Index).ToList());
    }

    /// <summary>The note verifier keys to put in the package (the same as /ledger/keys publishes).</summary>
    public static IReadOnlyList<string> VerifierKeys(LedgerKeys keys) => [keys.Ed25519.VerifierKey, keys.Sm2.VerifierKey];
}
