using System.Security.Claims;
using System.Text.Json.Nodes;
using Sanxiang.Core.Accounts;
using Sanxiang.Data;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Evidence;

/// <summary>
/// The chain of custody (REC-4, REC-6): every read of a stored file is itself a record in the log — who (account and
/// role), of which agency, which file (its SHA-256), for what purpose, in which case — committed before a byte is sent.
/// </summary>
public static class EvidenceCustody
{
    public const string ReadEvent = "evidence-read";

    public const int MaxPurposeLength = 200;

    /// <summary>
    /// Records a read of the file <paramref name="sha256"/> by <paramref name="reader"/>. Call <c>SaveChangesAsync</c>
    /// before streaming the file, so that a read that was not recorded cannot happen.
    /// </summary>
    public static void RecordRead(SanxiangDbContext db, ClaimsPrincipal reader, string sha256, string purpose, Guid? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reader);
        var actor = Guid.TryParse(reader.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        db.Record(new LedgerEvent(ReadEvent, caseId, reader.Agency(), actor, Roles.All.FirstOrDefault(reader.IsInRole), new JsonObject
        {
            ["sha256"] = sha256,
            ["purpose"] = purpose,
        }));
    }

    /// <summary>The purpose a reader gave, trimmed; "查看" when none; null when too long.</summary>
    public static string? Purpose(string? given) =>
        string.IsNullOrWhiteSpace(given) ? "查看" : given.Trim().Length > MaxPurposeLength ? null : given.Trim();
}
