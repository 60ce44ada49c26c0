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
        // Keys in canonical order: actor, agency, at, case | facts | kind, v. The facts are serialised in place rather
        // than cloned into one object: the same bytes, without copying every event's tree.
        var before = CanonicalJson.Serialize(new JsonObject
        {
            ["actor"] = ActorId is null ? null : new JsonObject { ["account"] = ActorId.ToString(), ["role"] = ActorRole },
            ["agency"] = AgencyId?.ToString(),
            ["at"] = recordedAtUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["case"] = CaseId?.ToString(),
        });
        var facts = CanonicalJson.Serialize(Facts);
        var after = CanonicalJson.Serialize(new JsonObject { ["kind"] = Kind, ["v"] = 1 });
        var payload = new byte[before.Length - 1 + FactsKey.Length + facts.Length + 1 + after.Length - 1];
        var span = payload.AsSpan();
        before.AsSpan(0, before.Length - 1).CopyTo(span);
        span = span[(before.Length - 1)..];
        FactsKey.CopyTo(span);
        span = span[FactsKey.Length..];
        facts.CopyTo(span);
        span = span[facts.Length..];
        span[0] = (byte)',';
        after.AsSpan(1).CopyTo(span[1..]);
        return payload;
    }

    private static ReadOnlySpan<byte> FactsKey => ",\"facts\":"u8;
}
