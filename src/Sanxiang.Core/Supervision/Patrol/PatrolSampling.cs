using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>
/// 人工抽查 sample: per agency, the <see cref="Size"/> published entries (all when fewer) with the smallest
/// SHA-256(seed ‖ "|" ‖ agency id ‖ "|" ‖ public number). The seed is drawn when the patrol starts and recorded in its
/// log entry, so anyone can recompute the sample from the seed and the public numbers; it does not depend on the order
/// the entries were read in, nor on a library's random generator.
/// </summary>
public static class PatrolSampling
{
    public const int Size = 5;

    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static IReadOnlyList<long> Draw(string seedHex, Guid agencyId, IEnumerable<long> entryIds, int size = Size)
    {
        ArgumentNullException.ThrowIfNull(seedHex);
        ArgumentNullException.ThrowIfNull(entryIds);
        return [.. entryIds.Distinct()
            .Select(id => (Id: id, Rank: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{seedHex}|{agencyId:D}|{id}"))))))
            .OrderBy(x => x.Rank, StringComparer.Ordinal).Take(size).Select(x => x.Id).OrderBy(id => id)];
    }
}
