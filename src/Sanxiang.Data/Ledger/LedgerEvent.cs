using System.Globalization;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

/// <summary>
/// What happened, as a feature reports it to the record (REC-1): the kind of event, the case, who did it, and the facts.
/// Files appear in <see cref="Facts"/> only as their hashes; personal data that must stay internal only as its hash.
/// </summary>
public sealed record LedgerEvent(string Kind, Guid? CaseId, Guid? AgencyId, Guid? ActorId, string? ActorRole, JsonObject Facts, bool IsPublic = false)
{
    /// <summary>The canonical bytes that become the leaf: sorted keys, UTF-8, no whitespace.</summary>
    public byte[] CanonicalPayload(DateTimeOffset recordedAtUtc)
    {
        var payload = new JsonObject
        {
            ["v"] = 1,
            ["kind"] = Kind,
            ["case"] = CaseId?.ToString(),
            ["agency"] = AgencyId?.ToString(),
            ["actor"] = ActorId is null ? null : new JsonObject { ["account"] = ActorId.ToString(), ["role"] = ActorRole },
            ["at"] = recordedAtUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["facts"] = Facts.DeepClone(),
        };
        return CanonicalJson.Serialize(payload);
    }
}
