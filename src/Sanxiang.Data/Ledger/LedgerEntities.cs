namespace Sanxiang.Data.Ledger;

/// <summary>
/// One event of the full-process record (REC-1), as a leaf of the Merkle log (REC-5). The payload is the canonical JSON
/// that was hashed, stored byte for byte; the leaf hash is SHA-256(0x00 || payload).
/// </summary>
public sealed class LedgerEntry
{
    /// <summary>The leaf index: 0, 1, 2, … without gaps.</summary>
    public long Index { get; set; }
    public required byte[] LeafHash { get; set; }
    public required byte[] Payload { get; set; }
    public required string Kind { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? AgencyId { get; set; }
    public Guid? ActorId { get; set; }
    public DateTimeOffset RecordedAtUtc { get; set; }

    /// <summary>Whether the payload may be shown to the public (a published decision, a withdrawal); otherwise only the hash is.</summary>
    public bool IsPublic { get; set; }
}

/// <summary>The hash of a complete subtree (level, index): what makes appends and proofs O(log n).</summary>
public sealed class LedgerNode
{
    public int Level { get; set; }
    public long Index { get; set; }
    public required byte[] Hash { get; set; }
}

/// <summary>A signed checkpoint (C2SP tlog-checkpoint in a signed note). Every one is kept.</summary>
public sealed class LedgerCheckpoint
{
    public long Id { get; set; }
    public long Size { get; set; }
    public required byte[] RootHash { get; set; }
    public required string Note { get; set; }
    public DateTimeOffset SignedAtUtc { get; set; }
}

/// <summary>The single row that serialises appends: every writer locks it first, then reads the size.</summary>
public sealed class LedgerState
{
    public int Id { get; set; }
    public long Size { get; set; }
}
