namespace Sanxiang.Data.Sharing;

/// <summary>
/// An API client of the data-sharing export (the provincial platform): a name and the SHA-256 of its key. The key itself
/// is shown once when the client is created and never stored; a revoked client is kept, for the audit trail.
/// </summary>
public sealed class SharingClient
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The key's first characters (after <c>sxk_</c>), to find the row; not secret.</summary>
    public required string KeyPrefix { get; set; }

    /// <summary>SHA-256 of the whole key (256 random bits: a slow hash adds nothing against guessing).</summary>
    public required byte[] KeySha256 { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAtUtc { get; set; }
    public DateTimeOffset? RevokedAtUtc { get; set; }
    public Guid? RevokedBy { get; set; }
    public string? RevokedReason { get; set; }

    public bool IsActive => RevokedAtUtc is null;
}
