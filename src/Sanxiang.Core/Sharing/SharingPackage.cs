using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sanxiang.Core.Sharing;

/// <summary>
/// The data-sharing package of PLT-4 (docs/data-sharing.md, decision 0020): a ZIP of NDJSON files, one JSON object a
/// line, and a <c>manifest.json</c> naming every file with its record count, byte length and SHA-256, the format version,
/// the generation time and the change window, so the receiver can check that it holds exactly what was sent.
/// </summary>
public static class SharingPackage
{
    /// <summary>The format's name in the manifest.</summary>
    public const string Format = "sanxiang-sharing";

    /// <summary>The format version this platform writes and reads. A reader refuses any other.</summary>
    public const int FormatVersion = 1;

    public const string ManifestName = "manifest.json";
    public const string Agencies = "agencies.ndjson";
    public const string ItemLists = "item-lists.ndjson";
    public const string OfficerLists = "officer-lists.ndjson";
    public const string Decisions = "decisions.ndjson";
    public const string InspectionResults = "inspection-results.ndjson";
    public const string Statistics = "statistics.ndjson";

    /// <summary>Every data file of a version-1 package, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Files = [Agencies, ItemLists, OfficerLists, Decisions, InspectionResults, Statistics];

    /// <summary>What each file holds, in Chinese, for the manifest and the documentation.</summary>
    public static string Describe(string file) => file switch
    {
        Agencies => "执法主体（基本信息，按代码）",
        ItemLists => "执法事项清单（权责清单）的已批准版本，每行一个版本及其全部事项",
        OfficerLists => "执法人员名单的已批准版本，每行一个版本及其全部人员和证件",
        Decisions => "公示的执法决定（案件的公开信息）；已撤下的只留存根（tombstone）",
        InspectionResults => "双随机抽查已公示的检查结果",
        Statistics => "各执法主体按月统计（快照，每个数据包都是全量）",
        _ => file,
    };

    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Compact JSON with Chinese as characters, one line (NDJSON never has a raw line break inside a record).</summary>
    public static readonly JsonSerializerOptions LineOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        WriteIndented = false,
    };

    public static byte[] Line(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.SerializeToUtf8Bytes(record, LineOptions);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }
}

/// <summary>One file as the manifest lists it.</summary>
public sealed record SharingFile(string Name, long Records, long Bytes, string Sha256);

/// <summary>The manifest of a package (<c>manifest.json</c>).</summary>
public sealed record SharingManifest(
    string Format,
    int FormatVersion,
    string Origin,
    DateTimeOffset GeneratedAtUtc,
    DateTimeOffset? ChangedSince,
    DateTimeOffset ChangedUntil,
    int SafetyMarginSeconds,
    IReadOnlyList<SharingFile> Files)
{
    public bool IsFull => ChangedSince is null;

    public JsonObject ToJson() => new()
    {
        ["format"] = Format,
        ["formatVersion"] = FormatVersion,
        ["origin"] = Origin,
        ["kind"] = IsFull ? "full" : "incremental",
        ["generatedAtUtc"] = SharingPackage.Iso(GeneratedAtUtc),
        ["changedSince"] = ChangedSince is { } s ? SharingPackage.Iso(s) : null,
        ["changedUntil"] = SharingPackage.Iso(ChangedUntil),
        ["nextChangedSince"] = SharingPackage.Iso(ChangedUntil),
        ["safetyMarginSeconds"] = SafetyMarginSeconds,
        ["files"] = new JsonArray([.. Files.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["description"] = SharingPackage.Describe(f.Name),
            ["records"] = f.Records,
            ["bytes"] = f.Bytes,
            ["sha256"] = f.Sha256,
        })]),
    };

    /// <summary>Reads a manifest, or says in Chinese what is wrong with it (the format version is checked by the reader).</summary>
    public static SharingManifest Parse(ReadOnlySpan<byte> json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new SharingPackageException("manifest.json 不是一个 JSON 对象。");
        }
        catch (JsonException e)
        {
            throw new SharingPackageException($"manifest.json 不是有效的 JSON：{e.Message}");
        }

        string Text(string name) => root[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw new SharingPackageException($"manifest.json 缺少“{name}”。");
        DateTimeOffset Instant(string name, string text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                ? t
                : throw new SharingPackageException($"manifest.json 的“{name}”不是有效的时间：{text}。");

        var format = Text("format");
        if (format != SharingPackage.Format)
        {
            throw new SharingPackageException($"这不是本平台的数据共享包：manifest.json 的格式名为“{format}”，应为“{SharingPackage.Format}”。");
        }

        var version = root["formatVersion"] is JsonValue fv && fv.TryGetValue<int>(out var n)
            ? n
            : throw new SharingPackageException("manifest.json 缺少格式版本号（formatVersion）。");
        var files = new List<SharingFile>();
        if (root["files"] is not JsonArray list)
        {
            throw new SharingPackageException("manifest.json 缺少文件清单（files）。");
        }

        foreach (var node in list)
        {
            if (node is not JsonObject f || f["name"]?.GetValue<string>() is not { Length: > 0 } name
                || f["sha256"]?.GetValue<string>() is not { Length: 64 } sha
                || f["records"] is not JsonValue r || !r.TryGetValue<long>(out var records)
                || f["bytes"] is not JsonValue b || !b.TryGetValue<long>(out var bytes))
            {
                throw new SharingPackageException("manifest.json 的文件清单中有一项缺少文件名、记录数、字节数或 SHA-256 摘要值。");
            }

            files.Add(new SharingFile(name, records, bytes, sha.ToLowerInvariant()));
        }

        var since = root["changedSince"] is JsonValue sv && sv.TryGetValue<string>(out var st) ? Instant("changedSince", st) : (DateTimeOffset?)null;
        return new SharingManifest(format, version, root["origin"]?.GetValue<string>() ?? "", Instant("generatedAtUtc", Text("generatedAtUtc")),
            since, Instant("changedUntil", Text("changedUntil")),
            root["safetyMarginSeconds"] is JsonValue m && m.TryGetValue<int>(out var margin) ? margin : 0, files);
    }
}

/// <summary>A package (or its manifest) is not acceptable; the message says why, in Chinese.</summary>
public sealed class SharingPackageException(string message) : Exception(message);
