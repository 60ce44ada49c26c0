using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Registry;

/// <summary>
/// The published content of a list version as canonical JSON (RFC 8785 subset, <see cref="CanonicalJson"/>): the bytes
/// offered for download and whose SHA-256 is recorded in the log when the version is approved, so anyone can check that
/// a downloaded list is the one that was approved. Only public fields appear.
/// </summary>
public static class RegistryJson
{
    public static JsonArray Items(IEnumerable<EnforcementItem> items) =>
        [.. items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(Item)];

    public static JsonArray Officers(IEnumerable<OfficerEntry> officers) =>
        [.. officers.OrderBy(o => o.CertificateNumber, StringComparer.Ordinal).Select(Officer)];

    public static byte[] Canonical(JsonArray list) => CanonicalJson.Serialize(list);

    public static byte[] Sha256(JsonArray list) => SHA256.HashData(Canonical(list));

    public static JsonObject Item(EnforcementItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var item = new JsonObject
        {
            ["code"] = i.Code,
            ["name"] = i.Name,
            ["category"] = i.Category.ToString(),
            ["procedure"] = i.Procedure.ToString(),
            ["legalBasis"] = new JsonArray([.. i.LegalBasis.Select(l => (JsonNode)new JsonObject
            {
                ["law"] = l.Law,
                ["article"] = l.Article,
                ["paragraph"] = l.Paragraph,
                ["item"] = l.Item,
                ["text"] = l.Text,
                ["quoted"] = l.Quoted,
            })]),
            ["randomInspection"] = i.RandomInspectionPlan is { } plan
                ? new JsonObject { ["ratioPercent"] = plan.RatioPercent, ["frequency"] = plan.Frequency, ["targets"] = plan.Targets }
                : null,
            ["legalReviewRequired"] = i.LegalReviewRequired,
            ["discretion"] = new JsonArray([.. i.Discretion.Select(t => (JsonNode)new JsonObject
            {
                ["tier"] = t.Tier,
                ["circumstances"] = t.Circumstances,
                ["penalties"] = new JsonArray([.. t.Penalties.Select(p => (JsonNode)new JsonObject
                {
                    ["kind"] = p.Kind.ToString(),
                    ["minimum"] = p.Minimum,
                    ["maximum"] = p.Maximum,
                    ["unit"] = p.Unit,
                    ["multipleOf"] = p.MultipleOf,
                    ["note"] = p.Note,
                })]),
            })]),
            ["serviceGuide"] = i.ServiceGuide is { } g
                ? new JsonObject
                {
                    ["where"] = g.Where,
                    ["materials"] = new JsonArray([.. g.Materials.Select(m => (JsonNode)JsonValue.Create(m))]),
                    ["timeLimit"] = g.TimeLimit,
                    ["fees"] = g.Fees,
                    ["complaint"] = g.Complaint,
                    ["remedy"] = g.Remedy,
                }
                : null,
            ["summary"] = i.Summary,
        };
        if (i.LegalReviewCriteria is { } c)
        {
            // Only when there are criteria, so that the canonical bytes (and recorded hashes) of lists without any stay as they were.
            item["legalReviewCriteria"] = new JsonObject
            {
                ["finePerson"] = c.FinePerson,
                ["fineOrganisation"] = c.FineOrganisation,
                ["penaltyKinds"] = new JsonArray([.. c.PenaltyKinds.Select(k => (JsonNode)JsonValue.Create(k.ToString()))]),
            };
        }

        return item;
    }

    public static JsonObject Officer(OfficerEntry o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new JsonObject
        {
            ["name"] = o.Name,
            ["certificateNumber"] = o.CertificateNumber,
            ["issuer"] = o.Issuer,
            ["fields"] = new JsonArray([.. o.Fields.Select(f => (JsonNode)JsonValue.Create(f))]),
            ["validFrom"] = Iso(o.ValidFrom),
            ["validTo"] = Iso(o.ValidTo),
            ["status"] = o.Status.ToString(),
            ["isReviewer"] = o.IsReviewer,
        };
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
