using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Inspection;

/// <summary>A random-inspection item of a plan: the agency that inspects and its item (随机抽查事项).</summary>
public sealed record DrawItem(string Agency, string Code, string Name);

/// <summary>
/// What the plan says about the draw: how many targets (a count, or a ratio of the candidates rounded up), how many
/// inspectors of each agency go to each target, the weight of each credit/risk grade and the conflict rules.
/// </summary>
public sealed record DrawRules(int? Count, int? RatioPercent, int InspectorsPerTarget, IReadOnlyDictionary<string, int> Weights,
    bool ExcludeLastInspectors, bool ExcludeAffiliatedAgency)
{
    /// <summary>How many targets a draw over <paramref name="candidates"/> picks: the count, or ⌈candidates × ratio / 100⌉.</summary>
    public int SampleSize(int candidates) => Count ?? (int)(((long)candidates * (RatioPercent ?? 0) + 99) / 100);

    public int WeightOf(string grade) => Weights.TryGetValue(grade, out var w) ? w : 0;
}

/// <summary>
/// 检查对象: a candidate as frozen into the plan (credit code, name, grade, the certificates of who inspected it last time
/// under this agency's items, and the agency it is affiliated with, if any: inspectors of that agency may not go).
/// </summary>
public sealed record DrawCandidate(string CreditCode, string Name, string Grade, IReadOnlyList<string> LastInspectors, string? AffiliatedAgency);

/// <summary>检查人员: an officer of a participating agency, certified for the plan's field on the day the lists were frozen.</summary>
public sealed record DrawInspector(string Agency, string Certificate, string Name);

/// <summary>A declared recusal (回避): this inspector may not inspect this target. The reason stays internal.</summary>
public sealed record DrawRecusal(string Certificate, string CreditCode);

/// <summary>
/// The frozen inputs of a draw (docs/random-draw.md §2): the plan as published, the candidate and inspector lists and the
/// recusals. They are frozen and hashed when the plan is committed; their canonical JSON (RFC 8785) is what the export
/// carries and what <see cref="Sha256"/> hashes, so a change to any field changes the digest.
/// </summary>
public sealed record DrawLists(string PlanNumber, string Title, IReadOnlyList<DrawItem> Items, DrawRules Rules,
    IReadOnlyList<DrawCandidate> Candidates, IReadOnlyList<DrawInspector> Inspectors, IReadOnlyList<DrawRecusal> Recusals)
{
    /// <summary>The participating agencies in code order: the order in which each target's teams are assigned.</summary>
    public IReadOnlyList<string> Agencies => [.. Items.Select(i => i.Agency).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The lists in their canonical order: candidates by credit code, inspectors by agency and certificate, recusals by both.</summary>
    public DrawLists Sorted() => this with
    {
        Candidates = [.. Candidates.OrderBy(c => c.CreditCode, StringComparer.Ordinal)],
        Inspectors = [.. Inspectors.OrderBy(i => i.Agency, StringComparer.Ordinal).ThenBy(i => i.Certificate, StringComparer.Ordinal)],
        Recusals = [.. Recusals.Distinct().OrderBy(r => r.Certificate, StringComparer.Ordinal).ThenBy(r => r.CreditCode, StringComparer.Ordinal)],
    };

    public JsonObject ToJson() => new()
    {
        ["plan"] = PlanNumber,
        ["title"] = Title,
        ["items"] = new JsonArray([.. Items.Select(i => (JsonNode)new JsonObject { ["agency"] = i.Agency, ["code"] = i.Code, ["name"] = i.Name })]),
        ["rules"] = new JsonObject
        {
            ["count"] = Rules.Count,
            ["ratioPercent"] = Rules.RatioPercent,
            ["inspectorsPerTarget"] = Rules.InspectorsPerTarget,
            ["weights"] = new JsonObject([.. Rules.Weights.OrderBy(w => w.Key, StringComparer.Ordinal)
                .Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))]),
            ["excludeLastInspectors"] = Rules.ExcludeLastInspectors,
            ["excludeAffiliatedAgency"] = Rules.ExcludeAffiliatedAgency,
        },
        ["candidates"] = new JsonArray([.. Candidates.Select(c => (JsonNode)new JsonObject
        {
            ["creditCode"] = c.CreditCode,
            ["name"] = c.Name,
            ["grade"] = c.Grade,
            ["lastInspectors"] = new JsonArray([.. c.LastInspectors.Select(l => (JsonNode)l)]),
            ["affiliatedAgency"] = c.AffiliatedAgency,
        })]),
        ["inspectors"] = new JsonArray([.. Inspectors.Select(i => (JsonNode)new JsonObject
        {
            ["agency"] = i.Agency, ["certificate"] = i.Certificate, ["name"] = i.Name,
        })]),
        ["recusals"] = new JsonArray([.. Recusals.Select(r => (JsonNode)new JsonObject { ["certificate"] = r.Certificate, ["creditCode"] = r.CreditCode })]),
    };

    /// <summary>SHA-256 of the canonical JSON of <paramref name="lists"/> as given (an export is hashed as it stands).</summary>
    public static byte[] Sha256(JsonNode lists) => SHA256.HashData(CanonicalJson.Serialize(lists));

    public byte[] Sha256() => Sha256(ToJson());

    /// <exception cref="FormatException">A member is missing or of the wrong kind (the message is Chinese).</exception>
    public static DrawLists FromJson(JsonObject o)
    {
        var rules = Obj(o, "rules");
        var weights = Obj(rules, "weights").ToDictionary(w => w.Key, w => Int(w.Value, "权重 " + w.Key), StringComparer.Ordinal);
        return new DrawLists(
            Str(o, "plan"),
            Str(o, "title"),
            [.. Arr(o, "items").Select(n => n is JsonObject i ? new DrawItem(Str(i, "agency"), Str(i, "code"), Str(i, "name")) : throw Bad("items"))],
            new DrawRules(OptInt(rules, "count"), OptInt(rules, "ratioPercent"), Int(rules["inspectorsPerTarget"], "inspectorsPerTarget"), weights,
                Bool(rules, "excludeLastInspectors"), Bool(rules, "excludeAffiliatedAgency")),
            [.. Arr(o, "candidates").Select(n => n is JsonObject c
                ? new DrawCandidate(Str(c, "creditCode"), Str(c, "name"), Str(c, "grade"),
                    [.. Arr(c, "lastInspectors").Select(l => l?.GetValue<string>() ?? throw Bad("lastInspectors"))], OptStr(c, "affiliatedAgency"))
                : throw Bad("candidates"))],
            [.. Arr(o, "inspectors").Select(n => n is JsonObject i ? new DrawInspector(Str(i, "agency"), Str(i, "certificate"), Str(i, "name")) : throw Bad("inspectors"))],
            [.. Arr(o, "recusals").Select(n => n is JsonObject r ? new DrawRecusal(Str(r, "certificate"), Str(r, "creditCode")) : throw Bad("recusals"))]);
    }

    internal static FormatException Bad(string member) => new($"导出文件中的“{member}”缺失或格式不对。");

    internal static JsonObject Obj(JsonObject o, string name) => o[name] as JsonObject ?? throw Bad(name);

    internal static JsonArray Arr(JsonObject o, string name) => o[name] as JsonArray ?? throw Bad(name);

    internal static string Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Bad(name);

    internal static string? OptStr(JsonObject o, string name) => o[name] is null ? null : Str(o, name);

    internal static bool Bool(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Bad(name);

    internal static int Int(JsonNode? n, string name) =>
        n is JsonValue v && v.TryGetValue<int>(out var i) ? i : throw Bad(name);

    internal static int? OptInt(JsonObject o, string name) => o[name] is null ? null : Int(o[name], name);

    internal static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
