using Microsoft.EntityFrameworkCore;

namespace Sanxiang.Data.Cases;

/// <summary>
/// One entry of a case's record in the log (REC-1, REC-5), as the case page's timeline and the responsibility trail
/// read it: its leaf index and leaf hash, when it was recorded, who did it and what it says.
/// </summary>
public sealed record CaseLedgerEntry(long Index, DateTimeOffset RecordedAtUtc, string Kind, byte[] Payload, byte[] LeafHash, Guid? ActorId)
{
    public string LeafHashHex => Convert.ToHexStringLower(LeafHash);

    /// <summary>The case's entries in log order (the caller's scope applies to the case, not to the log: check the case first).</summary>
    public static async Task<List<CaseLedgerEntry>> ForCaseAsync(SanxiangDbContext db, Guid caseId, CancellationToken ct = default) =>
        await db.LedgerEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Index)
            .Select(e => new CaseLedgerEntry(e.Index, e.RecordedAtUtc, e.Kind, e.Payload, e.LeafHash, e.ActorId)).ToListAsync(ct);
}
