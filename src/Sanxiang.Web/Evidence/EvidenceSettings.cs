using Sanxiang.Core.Evidence;

namespace Sanxiang.Web.Evidence;

/// <summary>Evidence uploads (<c>Evidence:*</c>): size limits per file and per kind, and the media types accepted.</summary>
public sealed class EvidenceSettings
{
    /// <summary>Largest file of any kind, in bytes (default 8 GiB: an hour of a body camera's 1080p video is 2–4 GB).</summary>
    public long MaxFileBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Lower limits by kind (e.g. <c>Evidence:MaxBytesByKind:Photo</c>); a kind not named has <see cref="MaxFileBytes"/>.</summary>
    public Dictionary<EvidenceKind, long> MaxBytesByKind { get; set; } = new()
    {
        [EvidenceKind.Photo] = 100L * 1024 * 1024,
        [EvidenceKind.Scan] = 500L * 1024 * 1024,
        [EvidenceKind.Document] = 500L * 1024 * 1024,
    };

    /// <summary>Media types accepted as evidence (canonical names, see <see cref="MediaFormats"/>); empty: all that are recognised, bare archives excepted.</summary>
    public List<string> AllowedMediaTypes { get; set; } = [];

    /// <summary>A multipart form's text fields (capture time, place, collector, what it proves …): at most this many, each at most <see cref="MaxFieldBytes"/>.</summary>
    public int MaxFields { get; set; } = 32;

    public int MaxFieldBytes { get; set; } = 16 * 1024;

    /// <summary>An upload during which nothing arrives for this long is given up and discarded (seconds).</summary>
    public int IdleTimeoutSeconds { get; set; } = 60;

    public long LimitFor(EvidenceKind kind) => Math.Min(MaxFileBytes, MaxBytesByKind.TryGetValue(kind, out var limit) ? limit : MaxFileBytes);

    public IReadOnlySet<string> Allowed() =>
        AllowedMediaTypes.Count == 0 ? MediaFormats.DefaultEvidenceTypes : AllowedMediaTypes.Select(t => t.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>"100 MB", "8 GB": a limit as a person reads it.</summary>
    public static string Describe(long bytes) =>
        bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0 ? $"{bytes / (1024L * 1024 * 1024)} GB"
        : bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : $"{bytes / 1024.0:0.#} KB";
}
