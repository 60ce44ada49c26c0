using System.Globalization;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

/// <summary>
/// What happened, as a feature reports it to the record (REC-1): the kind of event, the case, who did it, and the facts.
/// Files appear in <see cref="Facts"/> only as their hashes; personal data that must stay internal only as a
/// <see cref="PrivateFact"/> commitment (the salt and the value stay in the database).
/// </summary>
public sealed record LedgerEvent(string Kind, Guid? CaseId, Guid? AgencyId, Guid? ActorId, string? ActorRole, JsonObject Facts, bool IsPublic = false)
{
    /// <summary>The canonical bytes that become the leaf: sorted keys, UTF-8, no whitespace.</summary>
    public byte[] CanonicalPayload(DateTimeOffset recordedAtUtc)
    {
        // The envelope's members are written in canonical (sorted) order by hand: actor, agency, at, case, facts, kind,
        // v; only the facts go through the general canonicaliser. One UTF-8 buffer, no intermediate JSON nodes or text.
        using var w = new CanonicalJsonWriter();
        w.WriteRaw("{\"actor\":"u8);
        if (ActorId is { } actor)
        {
            w.WriteRaw("{\"account\":"u8);
            w.WriteString(actor);
            w.WriteRaw(",\"role\":"u8);
            WriteStringOrNull(w, ActorRole);
            w.WriteRaw("}"u8);
        }
        else
        {
            w.WriteNull();
        }

        w.WriteRaw(",\"agency\":"u8);
        WriteGuidOrNull(w, AgencyId);
        w.WriteRaw(",\"at\":"u8);
        Span<char> at = stackalloc char[28];
        recordedAtUtc.UtcDateTime.TryFormat(at, out var length, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        w.WriteString(at[..length]);
        w.WriteRaw(",\"case\":"u8);
        WriteGuidOrNull(w, CaseId);
        w.WriteRaw(",\"facts\":"u8);
        w.WriteNode(Facts);
        w.WriteRaw(",\"kind\":"u8);
        w.WriteString(Kind);
        w.WriteRaw(",\"v\":1}"u8);
        return w.ToArray();
    }

    private static void WriteGuidOrNull(CanonicalJsonWriter w, Guid? value)
    {
        if (value is { } guid)
        {
            w.WriteString(guid);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void WriteStringOrNull(CanonicalJsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteString(value);
        }
    }
}
