using System.Globalization;
using System.Text;
using System.Text.Json;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Archive;

/// <summary>The four properties (四性) of Chinese electronic-records archiving (DA/T 70, GB/T 39362).</summary>
public enum ArchiveProperty
{
    /// <summary>真实性: the files are the ones the log recorded; hashes, signatures and proofs verify.</summary>
    Authenticity,

    /// <summary>完整性: every file in the manifest and nothing else.</summary>
    Integrity,

    /// <summary>可用性: every file opens as its declared type.</summary>
    Usability,

    /// <summary>安全性: no executable content; secret-marked files listed.</summary>
    Security,
}

public enum ArchiveFindingLevel
{
    Error,
    Warning,
    Info,
}

/// <summary>One finding: which property, how serious, a stable code (BagIt rule codes included), a Chinese message.</summary>
public sealed record ArchiveFinding(ArchiveProperty Property, ArchiveFindingLevel Level, string Code, string Message, string? Path = null);

/// <summary>The outcome of <see cref="ArchiveCheck.Run(BagSource, ArchiveCheckOptions?)"/>.</summary>
public sealed class ArchiveCheckResult
{
    internal ArchiveCheckResult()
    {
    }

    public List<ArchiveFinding> Findings { get; } = [];

    /// <summary>From bag-info.txt, when it could be read.</summary>
    public string? CaseNumber { get; internal set; }

    public bool Passed(ArchiveProperty property) => !Findings.Any(f => f.Property == property && f.Level == ArchiveFindingLevel.Error);

    public bool AllPassed => Findings.All(f => f.Level != ArchiveFindingLevel.Error);

    public IEnumerable<ArchiveFinding> For(ArchiveProperty property) => Findings.Where(f => f.Property == property);

    public static string Name(ArchiveProperty property) => property switch
    {
        ArchiveProperty.Authenticity => "真实性",
        ArchiveProperty.Integrity => "完整性",
        ArchiveProperty.Usability => "可用性",
        ArchiveProperty.Security => "安全性",
    };

    internal void Add(ArchiveProperty property, ArchiveFindingLevel level, string code, string message, string? path = null) =>
        Findings.Add(new ArchiveFinding(property, level, code, message, path));

    internal void Error(ArchiveProperty property, string code, string message, string? path = null) =>
        Add(property, ArchiveFindingLevel.Error, code, message, path);
}

public sealed record ArchiveCheckOptions
{
    /// <summary>
    /// The log's published verifier keys. When given, the checkpoint must be signed by one of them, whatever keys the
    /// package carries; without them the package's own keys are used, which proves the package is consistent but not
    /// who made it (compare its keys with the published ones, /ledger/keys).
    /// </summary>
    public IReadOnlyList<INoteVerifier>? TrustedKeys { get; init; }

    /// <summary>Office documents up to this size are opened in memory to look inside; larger ones go through a temporary file.</summary>
    public long InMemoryLimit { get; init; } = 64L * 1024 * 1024;
}

/// <summary>
/// The four-property check (四性检测) of a sealed case file, over a folder or a zip, with nothing but the package (and,
/// optionally, the published keys). See docs/archive-format.md for the layout and docs/decisions/0009 for what each
/// property checks. Every payload file is read once for all digests, its SM3 and its inspection; Office documents are
/// opened a second time to look inside. Never throws on a bad package: every problem is a finding.
/// </summary>
public static class ArchiveCheck
{
    // Codes of our own rules (BagIt rules keep the codes of BagValidator).
    public const string NotOurFormat = "ARCHIVE_FORMAT";
    public const string ManifestJson = "ARCHIVE_MANIFEST_JSON";
    public const string NotInCatalogue = "ARCHIVE_FILE_NOT_IN_CATALOGUE";
    public const string CatalogueFileMissing = "ARCHIVE_CATALOGUE_FILE_MISSING";
    public const string CatalogueSize = "ARCHIVE_CATALOGUE_SIZE";
    public const string CatalogueDigest = "ARCHIVE_CATALOGUE_DIGEST";
    public const string TagFileNotListed = "ARCHIVE_TAG_FILE_NOT_LISTED";
    public const string Sm3Missing = "ARCHIVE_SM3_MISSING";
    public const string Sm3Mismatch = "ARCHIVE_SM3_MISMATCH";
    public const string BagInfoMismatch = "ARCHIVE_BAG_INFO";
    public const string KeyUnreadable = "ARCHIVE_KEY_UNREADABLE";
    public const string KeyNotTrusted = "ARCHIVE_KEY_NOT_TRUSTED";
    public const string CheckpointSignature = "ARCHIVE_CHECKPOINT_SIGNATURE";
    public const string CheckpointMismatch = "ARCHIVE_CHECKPOINT_MISMATCH";
    public const string EntryFormat = "ARCHIVE_ENTRY_FORMAT";
    public const string EntryLeafHash = "ARCHIVE_ENTRY_LEAF_HASH";
    public const string EntryProof = "ARCHIVE_ENTRY_PROOF";
    public const string EntryOtherCase = "ARCHIVE_ENTRY_OTHER_CASE";
    public const string FileNotInLog = "ARCHIVE_FILE_NOT_IN_LOG";
    public const string TypeMismatch = "ARCHIVE_TYPE_MISMATCH";
    public const string TypeUnchecked = "ARCHIVE_TYPE_UNCHECKED";
    public const string NotUtf8 = "ARCHIVE_NOT_UTF8";
    public const string Executable = "ARCHIVE_EXECUTABLE";
    public const string Macro = "ARCHIVE_MACRO";
    public const string ActiveContent = "ARCHIVE_ACTIVE_CONTENT";
    public const string Secret = "ARCHIVE_SECRET";

    public static ArchiveCheckResult Run(string path, ArchiveCheckOptions? options = null)
    {
        using var source = BagSource.Open(path);
        return Run(source, options);
    }

    public static ArchiveCheckResult Run(BagSource bag, ArchiveCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var result = new ArchiveCheckResult();
        try
        {
            Run(bag, options ?? new ArchiveCheckOptions(), result);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            result.Error(ArchiveProperty.Integrity, BagValidator.SourceUnreadable, $"读取{bag.Description}时出错，无法完成检测：{e.Message}");
        }

        return result;
    }

    private static void Run(BagSource bag, ArchiveCheckOptions options, ArchiveCheckResult result)
    {

        // The catalogue first (small), so that each file is inspected as its declared type during the one read.
        var catalogue = ReadCatalogue(bag, result);
        var declared = catalogue?.Files.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? new Dictionary<string, ArchiveManifestFile>(StringComparer.Ordinal);
        var inspections = new Dictionary<string, FileInspection>(StringComparer.Ordinal);
        var bagResult = BagValidator.Validate(bag, path =>
        {
            var inspection = new FileInspection(declared.TryGetValue(path, out var d) ? d.MediaType.ToLowerInvariant() : "application/octet-stream");
            inspections[path] = inspection;
            return inspection;
        });
        result.CaseNumber = bagResult.InfoValue("External-Identifier");
        foreach (var issue in bagResult.Issues)
        {
            result.Add(PropertyOf(issue.Code), issue.Severity == BagIssueSeverity.Error ? ArchiveFindingLevel.Error : ArchiveFindingLevel.Warning,
                issue.Code, issue.Message, issue.Path);
        }

        if (bagResult.Version is null)
        {
            return; // not a bag at all: nothing else can be read safely
        }

        CheckBagShape(bag, bagResult, catalogue, result);
        CheckSm3(bag, inspections, result);
        if (catalogue is not null)
        {
            CheckCatalogue(bag, bagResult, catalogue, inspections, result);
            CheckRecord(bag, catalogue, options, bagResult, result);
            CheckUsabilityAndSecurity(bag, catalogue, inspections, options, result);
        }
    }

    /// <summary>Which property a BagIt rule belongs to: digests are authenticity, paths that escape are security, the rest integrity.</summary>
    private static ArchiveProperty PropertyOf(string bagCode) => bagCode switch
    {
        BagValidator.PayloadDigestMismatch or BagValidator.TagDigestMismatch => ArchiveProperty.Authenticity,
        BagValidator.ManifestPathUnsafe or BagValidator.TagManifestPathUnsafe or BagValidator.FetchPathUnsafe
            or BagValidator.SourceEntry => ArchiveProperty.Security,
        _ => ArchiveProperty.Integrity,
    };

    private static ArchiveManifest? ReadCatalogue(BagSource bag, ArchiveCheckResult result)
    {
        if (!bag.Exists(ArchiveLayout.Manifest))
        {
            result.Error(ArchiveProperty.Integrity, ManifestJson, $"缺少案卷目录文件 {ArchiveLayout.Manifest}：这不是本平台封存的案卷包。", ArchiveLayout.Manifest);
            return null;
        }

        var bytes = BagValidator.ReadAll(bag, ArchiveLayout.Manifest, 256L * 1024 * 1024);
        try
        {
            var manifest = bytes is null ? null : JsonSerializer.Deserialize<ArchiveManifest>(bytes, ArchiveManifest.Json);
            if (manifest is null || manifest.Format != ArchiveManifest.FormatName || manifest.FormatVersion != 1 || manifest.Files is null)
            {
                result.Error(ArchiveProperty.Integrity, ManifestJson, $"{ArchiveLayout.Manifest} 不是 {ArchiveManifest.FormatName} 第 1 版的案卷目录。", ArchiveLayout.Manifest);
                return null;
            }

            return manifest;
        }
        catch (JsonException e)
        {
            result.Error(ArchiveProperty.Integrity, ManifestJson, $"{ArchiveLayout.Manifest} 不是有效的 JSON：{e.Message}", ArchiveLayout.Manifest);
            result.Error(ArchiveProperty.Usability, ManifestJson, $"{ArchiveLayout.Manifest} 无法解析。", ArchiveLayout.Manifest);
            return null;
        }
    }

    /// <summary>Our profile of BagIt: version 1.0 in UTF-8, manifest-sha256, every tag file in tagmanifest-sha256, no fetch.txt.</summary>
    private static void CheckBagShape(BagSource bag, BagValidationResult bagResult, ArchiveManifest? catalogue, ArchiveCheckResult result)
    {
        if (bagResult.Version != BagWriter.Version)
        {
            result.Error(ArchiveProperty.Integrity, NotOurFormat, $"案卷包应为 BagIt 1.0，实际为 {bagResult.Version}。", "bagit.txt");
        }

        if (!bagResult.Manifests.ContainsKey("sha256"))
        {
            result.Error(ArchiveProperty.Integrity, NotOurFormat, "缺少 manifest-sha256.txt。", "manifest-sha256.txt");
        }

        if (!bagResult.TagManifests.TryGetValue("sha256", out var tags))
        {
            result.Error(ArchiveProperty.Integrity, NotOurFormat, "缺少 tagmanifest-sha256.txt。", "tagmanifest-sha256.txt");
            tags = [];
        }

        if (bag.Exists("fetch.txt"))
        {
            result.Error(ArchiveProperty.Integrity, NotOurFormat, "案卷包不能有 fetch.txt：封存的案卷必须包含每一个字节。", "fetch.txt");
        }

        foreach (var file in bag.Files.Where(f => !f.Path.StartsWith(BagValidator.PayloadDirectory + "/", StringComparison.Ordinal)))
        {
            if (!file.Path.StartsWith("tagmanifest-", StringComparison.Ordinal) && !tags.ContainsKey(file.Path))
            {
                result.Error(ArchiveProperty.Integrity, TagFileNotListed, $"标签文件“{file.Path}”没有列在 tagmanifest-sha256.txt 中：包里有清单之外的文件。", file.Path);
            }
        }

        foreach (var required in new[] { "bag-info.txt", ArchiveLayout.Sm3TagFile })
        {
            if (bag.Exists(required) && !tags.ContainsKey(required))
            {
                result.Error(ArchiveProperty.Integrity, TagFileNotListed, $"“{required}”必须列在 tagmanifest-sha256.txt 中。", required);
            }
        }

        if (bagResult.InfoValue("Payload-Oxum") is null)
        {
            result.Error(ArchiveProperty.Integrity, BagInfoMismatch, "bag-info.txt 缺少 Payload-Oxum（载荷字节数.文件数）。", "bag-info.txt");
        }

        if (catalogue is not null && bagResult.InfoValue("External-Identifier") != catalogue.Case.Number)
        {
            result.Error(ArchiveProperty.Integrity, BagInfoMismatch,
                $"bag-info.txt 的 External-Identifier“{bagResult.InfoValue("External-Identifier")}”与案卷目录的案号“{catalogue.Case.Number}”不一致。", "bag-info.txt");
        }
    }

    private static void CheckSm3(BagSource bag, Dictionary<string, FileInspection> inspections, ArchiveCheckResult result)
    {
        if (!bag.Exists(ArchiveLayout.Sm3TagFile))
        {
            result.Error(ArchiveProperty.Authenticity, Sm3Missing, $"缺少 SM3 摘要文件 {ArchiveLayout.Sm3TagFile}。", ArchiveLayout.Sm3TagFile);
            return;
        }

        var text = BagValidator.ReadAll(bag, ArchiveLayout.Sm3TagFile, 256L * 1024 * 1024);
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in BagValidator.Lines(text is null ? "" : Encoding.UTF8.GetString(text)).Where(l => l.Length > 0))
        {
            var split = line.IndexOf(' ', StringComparison.Ordinal);
            var path = split > 0 ? BagPath.Decode(line[split..].TrimStart(' ', '\t')) : "";
            if (split != 64 || BagPath.Problem(path) is not null || !listed.TryAdd(path, line[..split].ToLowerInvariant()))
            {
                result.Error(ArchiveProperty.Authenticity, Sm3Mismatch, $"{ArchiveLayout.Sm3TagFile} 中有格式错误或重复的行：“{line}”。", ArchiveLayout.Sm3TagFile);
            }
        }

        foreach (var file in bag.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal)))
        {
            if (!listed.ContainsKey(file.Path))
            {
                result.Error(ArchiveProperty.Integrity, Sm3Missing, $"载荷文件“{file.Path}”没有列在 {ArchiveLayout.Sm3TagFile} 中。", file.Path);
            }
        }

        foreach (var (path, expected) in listed)
        {
            string? actual;
            if (inspections.TryGetValue(path, out var inspection))
            {
                actual = inspection.Sm3;
            }
            else if (bag.Exists(path))
            {
                using var stream = bag.OpenRead(path);
                actual = BagDigest.HashHex(BagDigest.Sm3, stream);
            }
            else
            {
                result.Error(ArchiveProperty.Integrity, CatalogueFileMissing, $"{ArchiveLayout.Sm3TagFile} 列出的“{path}”不存在。", path);
                continue;
            }

            if (actual != expected)
            {
                result.Error(ArchiveProperty.Authenticity, Sm3Mismatch, $"“{path}”的 SM3 摘要与 {ArchiveLayout.Sm3TagFile} 不符：文件已被改动。", path);
            }
        }
    }

    /// <summary>data/manifest.json lists every payload file but itself, each with the size and digests it has.</summary>
    private static void CheckCatalogue(BagSource bag, BagValidationResult bagResult, ArchiveManifest catalogue,
        Dictionary<string, FileInspection> inspections, ArchiveCheckResult result)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in catalogue.Files)
        {
            if (!listed.Add(entry.Path))
            {
                result.Error(ArchiveProperty.Integrity, ManifestJson, $"案卷目录把“{entry.Path}”列了两次。", entry.Path);
                continue;
            }

            var file = bag.Find(entry.Path);
            if (file is null || entry.Path == ArchiveLayout.Manifest)
            {
                result.Error(ArchiveProperty.Integrity, CatalogueFileMissing, $"案卷目录所列的“{entry.Path}”{(file is null ? "不在包中" : "不能列它自己")}。", entry.Path);
                continue;
            }

            if (file.Length != entry.Size)
            {
                result.Error(ArchiveProperty.Integrity, CatalogueSize, $"“{entry.Path}”实际 {file.Length} 字节，案卷目录记载 {entry.Size} 字节。", entry.Path);
            }

            if (bagResult.Manifests.TryGetValue("sha256", out var sha) && sha.TryGetValue(entry.Path, out var bagDigest)
                && !string.Equals(bagDigest, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                result.Error(ArchiveProperty.Authenticity, CatalogueDigest, $"“{entry.Path}”在案卷目录中的 SHA-256 与 manifest-sha256.txt 不一致。", entry.Path);
            }

            if (inspections.TryGetValue(entry.Path, out var inspection) && !string.Equals(inspection.Sm3, entry.Sm3, StringComparison.OrdinalIgnoreCase))
            {
                result.Error(ArchiveProperty.Authenticity, CatalogueDigest, $"“{entry.Path}”的 SM3 摘要与案卷目录记载不符。", entry.Path);
            }
        }

        foreach (var file in bag.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal) && f.Path != ArchiveLayout.Manifest))
        {
            if (!listed.Contains(file.Path))
            {
                result.Error(ArchiveProperty.Integrity, NotInCatalogue, $"载荷文件“{file.Path}”不在案卷目录 {ArchiveLayout.Manifest} 中：包里有目录之外的文件。", file.Path);
            }
        }
    }

    private sealed record EntryLine(long Index, byte[] Payload);

    /// <summary>Checkpoint signature, each entry's leaf hash and inclusion proof, and every document and evidence file bound to an entry.</summary>
    private static void CheckRecord(BagSource bag, ArchiveManifest catalogue, ArchiveCheckOptions options, BagValidationResult bagResult, ArchiveCheckResult result)
    {
        // Keys in the package.
        var packageKeys = new List<INoteVerifier>();
        foreach (var file in bag.Files.Where(f => f.Path.StartsWith(ArchiveLayout.Keys, StringComparison.Ordinal)))
        {
            try
            {
                var text = Encoding.UTF8.GetString(BagValidator.ReadAll(bag, file.Path, 1024 * 1024) ?? []);
                packageKeys.AddRange(NoteVerifierKeys.ParseAll(text));
            }
            catch (FormatException e)
            {
                result.Error(ArchiveProperty.Authenticity, KeyUnreadable, $"验证公钥“{file.Path}”无法读取：{e.Message}", file.Path);
            }
        }

        var verifiers = options.TrustedKeys ?? packageKeys;
        if (options.TrustedKeys is { } trusted)
        {
            foreach (var key in packageKeys.Where(k => !trusted.Any(t => t.Name == k.Name && t.KeyId == k.KeyId)))
            {
                result.Add(ArchiveProperty.Authenticity, ArchiveFindingLevel.Warning, KeyNotTrusted,
                    $"包中的公钥“{key.Name}”（ID {key.KeyId:x8}）不在给出的可信公钥中。");
            }
        }
        else
        {
            result.Add(ArchiveProperty.Authenticity, ArchiveFindingLevel.Info, KeyNotTrusted,
                "检查点签名是用包内附带的公钥验证的；要确认案卷出自本平台，请用公布的公钥（/ledger/keys）核对，或以 --key 指定。");
        }

        if (!bag.Exists(ArchiveLayout.Checkpoint))
        {
            result.Error(ArchiveProperty.Integrity, CatalogueFileMissing, $"缺少签名检查点 {ArchiveLayout.Checkpoint}。", ArchiveLayout.Checkpoint);
            return;
        }

        var note = Encoding.UTF8.GetString(BagValidator.ReadAll(bag, ArchiveLayout.Checkpoint, SignedNote.MaxNoteLength) ?? []);
        Checkpoint checkpoint;
        var distinct = verifiers.GroupBy(v => (v.Name, v.KeyId)).Select(g => g.First()).ToArray();
        var verdict = distinct.Length == 0 ? new NoteVerification(false, null, [], "没有可用的验证公钥。") : SignedNote.Verify(note, distinct);
        if (!verdict.IsValid)
        {
            result.Error(ArchiveProperty.Authenticity, CheckpointSignature, $"检查点签名验证失败：{verdict.Error}", ArchiveLayout.Checkpoint);
            return;
        }

        try
        {
            checkpoint = Checkpoint.ParseBody(verdict.Body!);
        }
        catch (FormatException e)
        {
            result.Error(ArchiveProperty.Authenticity, CheckpointSignature, $"检查点正文无法解析：{e.Message}", ArchiveLayout.Checkpoint);
            return;
        }

        var root = Convert.ToBase64String(checkpoint.RootHash);
        if (catalogue.Checkpoint.Size != checkpoint.Size || catalogue.Checkpoint.RootHash != root || catalogue.Checkpoint.Origin != checkpoint.Origin
            || bagResult.InfoValue(ArchiveLayout.LogRootLabel) is { } infoRoot && infoRoot != root)
        {
            result.Error(ArchiveProperty.Authenticity, CheckpointMismatch, "案卷目录或 bag-info.txt 记载的检查点与签名检查点不一致。", ArchiveLayout.Checkpoint);
        }

        // Entries.
        var entries = ReadEntries(bag, checkpoint, result);
        var caseId = catalogue.Case.Id?.ToString();
        var recordedHashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            try
            {
                using var payload = JsonDocument.Parse(entry.Payload);
                if (caseId is not null && payload.RootElement.TryGetProperty("case", out var c) && c.ValueKind == JsonValueKind.String
                    && !string.Equals(c.GetString(), caseId, StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(ArchiveProperty.Integrity, ArchiveFindingLevel.Warning, EntryOtherCase,
                        string.Create(CultureInfo.InvariantCulture, $"记录 {entry.Index} 属于另一个案件（{c.GetString()}）。"), ArchiveLayout.Entries);
                }

                if (payload.RootElement.TryGetProperty("facts", out var facts))
                {
                    CollectStrings(facts, recordedHashes);
                }
            }
            catch (JsonException)
            {
                result.Error(ArchiveProperty.Usability, EntryFormat, string.Create(CultureInfo.InvariantCulture, $"记录 {entry.Index} 的内容不是有效的 JSON。"), ArchiveLayout.Entries);
            }
        }

        foreach (var file in catalogue.Files.Where(f => f.Kind is ArchiveFileKind.Document or ArchiveFileKind.Evidence))
        {
            var base64 = TryHexToBase64(file.Sha256);
            if (!recordedHashes.Contains(file.Sha256) && (base64 is null || !recordedHashes.Contains(base64)))
            {
                result.Error(ArchiveProperty.Authenticity, FileNotInLog,
                    $"“{file.Path}”的 SHA-256 没有出现在本案任何一条记录中：无法证明它就是记录日志登记的那个文件。", file.Path);
            }
        }
    }

    private static List<EntryLine> ReadEntries(BagSource bag, Checkpoint checkpoint, ArchiveCheckResult result)
    {
        var entries = new List<EntryLine>();
        if (!bag.Exists(ArchiveLayout.Entries))
        {
            result.Error(ArchiveProperty.Integrity, CatalogueFileMissing, $"缺少记录条目文件 {ArchiveLayout.Entries}。", ArchiveLayout.Entries);
            return entries;
        }

        using var stream = bag.OpenRead(ArchiveLayout.Entries);
        var all = new MemoryStream();
        stream.CopyTo(all);
        var bytes = all.ToArray();
        var lineNumber = 0;
        var seen = new HashSet<long>();
        foreach (var range in SplitLines(bytes))
        {
            lineNumber++;
            var line = bytes.AsSpan(range);
            if (line.IsEmpty)
            {
                continue;
            }

            var at = string.Create(CultureInfo.InvariantCulture, $"{ArchiveLayout.Entries} 第 {lineNumber} 行");
            if (!TryParseEntry(line, out var index, out var leafHash, out var treeSize, out var proof, out var payload))
            {
                result.Error(ArchiveProperty.Usability, EntryFormat, $"{at}不是有效的记录条目（index、leafHash、treeSize、proof、payload）。", ArchiveLayout.Entries);
                result.Error(ArchiveProperty.Integrity, EntryFormat, $"{at}无法读取。", ArchiveLayout.Entries);
                continue;
            }

            if (!seen.Add(index))
            {
                result.Error(ArchiveProperty.Integrity, EntryFormat, string.Create(CultureInfo.InvariantCulture, $"{at}：记录 {index} 出现了两次。"), ArchiveLayout.Entries);
            }

            var leaf = MerkleHash.Leaf(payload);
            if (!leaf.AsSpan().SequenceEqual(leafHash))
            {
                result.Error(ArchiveProperty.Authenticity, EntryLeafHash,
                    string.Create(CultureInfo.InvariantCulture, $"{at}：记录 {index} 的内容与其叶子哈希不符（RFC 6962 叶子哈希 = SHA-256(0x00 ‖ 内容)）：内容已被改动。"), ArchiveLayout.Entries);
            }
            else if (treeSize != checkpoint.Size || !MerkleVerifier.VerifyInclusion(index, checkpoint.Size, leaf, proof, checkpoint.RootHash))
            {
                result.Error(ArchiveProperty.Authenticity, EntryProof,
                    string.Create(CultureInfo.InvariantCulture, $"{at}：记录 {index} 的包含证明对签名检查点（大小 {checkpoint.Size}）不成立。"), ArchiveLayout.Entries);
            }

            entries.Add(new EntryLine(index, payload));
        }

        return entries;
    }

    /// <summary>Reads one line; the payload is sliced out byte for byte (the leaf hash is over exactly those bytes).</summary>
    private static bool TryParseEntry(ReadOnlySpan<byte> line, out long index, out byte[] leafHash, out long treeSize, out List<byte[]> proof, out byte[] payload)
    {
        index = -1;
        treeSize = -1;
        leafHash = [];
        proof = [];
        payload = [];
        var found = 0;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "index":
                        index = reader.GetInt64();
                        found |= 1;
                        break;
                    case "leafHash":
                        leafHash = reader.GetBytesFromBase64();
                        found |= 2;
                        break;
                    case "treeSize":
                        treeSize = reader.GetInt64();
                        found |= 4;
                        break;
                    case "proof":
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            return false;
                        }

                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            proof.Add(reader.GetBytesFromBase64());
                        }

                        found |= 8;
                        break;
                    case "payload":
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        payload = line[start..(int)reader.BytesConsumed].ToArray();
                        found |= 16;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return found == 31 && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<Range> SplitLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                yield return new Range(start, i);
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            yield return new Range(start, bytes.Length);
        }
    }

    private static void CollectStrings(JsonElement element, HashSet<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    CollectStrings(p.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, into);
                }

                break;
            default:
                break;
        }
    }

    private static string? TryHexToBase64(string hex)
    {
        try
        {
            return Convert.ToBase64String(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void CheckUsabilityAndSecurity(BagSource bag, ArchiveManifest catalogue, Dictionary<string, FileInspection> inspections,
        ArchiveCheckOptions options, ArchiveCheckResult result)
    {
        // Every file that was read, catalogued or not: a file slipped in must not escape the security check.
        var described = catalogue.Files.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (path, inspection) in inspections.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var file = described.GetValueOrDefault(path) ?? new ArchiveManifestFile
            {
                Path = path,
                Kind = ArchiveFileKind.Evidence,
                MediaType = inspection.MediaType,
                Size = inspection.Length,
                Sha256 = "",
                Sm3 = "",
            };

            var mediaType = inspection.MediaType;
            var head = inspection.Head;

            // Security: executables whatever they claim to be.
            if (FileTypes.Executable(head) is { } executable)
            {
                result.Error(ArchiveProperty.Security, Executable, $"“{file.Path}”是{executable}，案卷中不能有可执行内容。", file.Path);
            }
            else if (FileTypes.HasExecutableExtension(file.Path))
            {
                result.Error(ArchiveProperty.Security, Executable, $"“{file.Path}”的扩展名表明它是可执行文件或含宏的文档。", file.Path);
            }

            if (FileTypes.IsMacroEnabledType(mediaType))
            {
                result.Error(ArchiveProperty.Security, Macro, $"“{file.Path}”声明为启用宏的 Office 类型（{mediaType}）。", file.Path);
            }

            foreach (var marker in inspection.MarkersFound.Order(StringComparer.Ordinal))
            {
                var (level, what) = marker switch
                {
                    "/JavaScript" or "/JS" => (ArchiveFindingLevel.Error, "PDF 中含 JavaScript 脚本"),
                    "/Launch" => (ArchiveFindingLevel.Error, "PDF 中含启动外部程序的动作（/Launch）"),
                    "/EmbeddedFile" => (ArchiveFindingLevel.Warning, "PDF 中嵌有附件，请人工查看"),
                    _ => (ArchiveFindingLevel.Error, $"含脚本（{marker}）"),
                };
                result.Add(ArchiveProperty.Security, level, ActiveContent, $"“{file.Path}”：{what}。", file.Path);
            }

            if (file.Secret)
            {
                result.Add(ArchiveProperty.Security, ArchiveFindingLevel.Info, Secret,
                    $"涉密文件：“{file.Path}”{(file.Title is { } t ? $"（{t}）" : "")}{(file.SecretReason is { } r ? $"，{r}" : "")}；查阅须经授权并留痕。", file.Path);
            }

            // Usability: the bytes fit the declared type.
            if (FileTypes.SignatureProblem(mediaType, head, inspection.Tail, out var known) is { } problem)
            {
                result.Error(ArchiveProperty.Usability, TypeMismatch, $"“{file.Path}”声明为 {file.MediaType}，但{problem}。", file.Path);
            }
            else if (FileTypes.IsOfficeOpenXml(mediaType))
            {
                CheckOfficePackage(bag, file, options, result);
            }
            else if (FileTypes.IsText(mediaType))
            {
                if (!inspection.IsValidUtf8)
                {
                    result.Error(ArchiveProperty.Usability, NotUtf8, $"“{file.Path}”声明为文本（{file.MediaType}），但不是有效的 UTF-8。", file.Path);
                }
                else if (mediaType == "application/json" && !JsonOpens(bag, file.Path))
                {
                    result.Error(ArchiveProperty.Usability, TypeMismatch, $"“{file.Path}”声明为 JSON，但无法解析。", file.Path);
                }
            }
            else if (!known && described.ContainsKey(path))
            {
                result.Add(ArchiveProperty.Usability, ArchiveFindingLevel.Warning, TypeUnchecked,
                    $"“{file.Path}”的类型 {file.MediaType} 不在可核对的格式之列，未检查能否打开。", file.Path);
            }
        }
    }

    private static void CheckOfficePackage(BagSource bag, ArchiveManifestFile file, ArchiveCheckOptions options, ArchiveCheckResult result)
    {
        string? problem;
        bool macros;
        using (var stream = bag.OpenRead(file.Path))
        {
            if (file.Size <= options.InMemoryLimit)
            {
                using var copy = new MemoryStream((int)Math.Max(0, file.Size));
                stream.CopyTo(copy);
                copy.Position = 0;
                problem = FileTypes.OfficePackageProblem(copy, out macros);
            }
            else
            {
                var temp = Path.GetTempFileName();
                try
                {
                    using var copy = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
                    stream.CopyTo(copy);
                    copy.Position = 0;
                    problem = FileTypes.OfficePackageProblem(copy, out macros);
                }
                finally
                {
                    File.Delete(temp);
                }
            }
        }

        if (problem is not null)
        {
            result.Error(ArchiveProperty.Usability, TypeMismatch, $"“{file.Path}”声明为 {file.MediaType}，但{problem}。", file.Path);
        }

        if (macros)
        {
            result.Error(ArchiveProperty.Security, Macro, $"“{file.Path}”含 VBA 宏（vbaProject.bin），案卷中不能有宏。", file.Path);
        }
    }

    private static bool JsonOpens(BagSource bag, string path)
    {
        try
        {
            using var stream = bag.OpenRead(path);
            using var _ = JsonDocument.Parse(stream);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
