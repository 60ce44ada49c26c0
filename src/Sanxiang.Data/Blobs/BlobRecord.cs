using Sanxiang.Core.Registry;

namespace Sanxiang.Data.Blobs;

/// <summary>What was recorded when a file arrived (REC-4): its SHA-256, size and media type.</summary>
public sealed class BlobRecord : IAgencyOwned
{
    /// <summary>Lower-case hex SHA-256 of the content: the file's address.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Lower-case hex SM3 of the content, computed in the same pass.</summary>
    public required string Sm3 { get; set; }
    public long Size { get; set; }
    public required string MediaType { get; set; }
    public string? OriginalName { get; set; }
    public DateTimeOffset StoredAtUtc { get; set; }
    public Guid? StoredBy { get; set; }
    public Guid AgencyId { get; set; }
}
