using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sanxiang.Core.Archive;

/// <summary>What a file is in the case file; it decides the folder: data/documents/, data/evidence/, data/record/.</summary>
public enum ArchiveFileKind
{
    Document,
    Evidence,
    Record,
    Key,
}

/// <summary>
/// A document or evidence file to seal. <see cref="Open"/> is called once and the stream read once, to the end, never
/// held in memory whole. <see cref="ExpectedSha256"/> is the hash recorded when the file arrived (REC-4): a file whose
/// bytes no longer match is refused.
/// </summary>
public sealed record ArchiveFileInput
{
    /// <summary><see cref="ArchiveFileKind.Document"/> or <see cref="ArchiveFileKind.Evidence"/>.</summary>
    public required ArchiveFileKind Kind { get; init; }

    /// <summary>Path inside data/documents/ or data/evidence/, '/'-separated, e.g. "01-立案审批表.pdf" or "现场/照片1.jpg".</summary>
    public required string Name { get; init; }

    /// <summary>The declared media type (IANA), e.g. "application/pdf"; usability is checked against it.</summary>
    public required string MediaType { get; init; }

    public required Func<Stream> Open { get; init; }

    /// <summary>Hex SHA-256 recorded when the file arrived (and in the log); the file must still have it.</summary>
    public string? ExpectedSha256 { get; init; }

    /// <summary>Title for people (文书名称、证据名称).</summary>
    public string? Title { get; init; }

    /// <summary>State, commercial or personal secret: marked, listed by the check, access restricted and recorded (REC-6).</summary>
    public bool Secret { get; init; }

    /// <summary>Why it is secret, e.g. "个人隐私"、"商业秘密".</summary>
    public string? SecretReason { get; init; }

    public DateTimeOffset? CapturedAtUtc { get; init; }

    /// <summary>Who captured or made it (name, or officer number).</summary>
    public string? CapturedBy { get; init; }

    /// <summary>Anything else worth keeping with the file: device, place, signer, document number …</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>A log entry of the case: its index, its canonical JSON payload exactly as logged, and its inclusion proof
/// against the checkpoint of the package.</summary>
public sealed record ArchiveLogEntry(long Index, byte[] Payload, IReadOnlyList<byte[]> Proof);

/// <summary>Everything <see cref="ArchivePackageBuilder"/> needs to seal one case.</summary>
public sealed record ArchivePackageInput
{
    /// <summary>案号, e.g. "安市监罚〔2026〕12号": External-Identifier of the bag.</summary>
    public required string CaseNumber { get; init; }

    public Guid? CaseId { get; init; }

    public string? CaseTitle { get; init; }

    /// <summary>The enforcing agency's name: Source-Organization of the bag.</summary>
    public required string Agency { get; init; }

    /// <summary>Its unified social credit code.</summary>
    public string? AgencyCode { get; init; }

    public required DateTimeOffset SealedAtUtc { get; init; }

    public string? SealedBy { get; init; }

    public required IReadOnlyList<ArchiveFileInput> Files { get; init; }

    public required IReadOnlyList<ArchiveLogEntry> Entries { get; init; }

    /// <summary>The signed C2SP checkpoint note every proof is against.</summary>
    public required string CheckpointNote { get; init; }

    /// <summary>Note verifier keys ("name+keyid+base64"), at least one of which signed the checkpoint.</summary>
    public required IReadOnlyList<string> VerifierKeys { get; init; }
}

/// <summary>data/manifest.json: the case file's own catalogue of every payload file (but itself).</summary>
public sealed record ArchiveManifest
{
    public const string FormatName = "sanxiang-case-archive";

    public string Format { get; init; } = FormatName;

    public int FormatVersion { get; init; } = 1;

    public required ArchiveCaseInfo Case { get; init; }

    public required DateTimeOffset SealedAtUtc { get; init; }

    public string? SealedBy { get; init; }

    public required ArchiveCheckpointInfo Checkpoint { get; init; }

    public required IReadOnlyList<ArchiveManifestFile> Files { get; init; }

    /// <summary>How manifest.json is written and read: camelCase, indented, Chinese unescaped, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file for archivists: Chinese as Chinese, not \uXXXX. It is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

public sealed record ArchiveCaseInfo(string Number, Guid? Id, string? Title, string Agency, string? AgencyCode);

public sealed record ArchiveCheckpointInfo(string Origin, long Size, string RootHash);

public sealed record ArchiveManifestFile
{
    public required string Path { get; init; }

    public required ArchiveFileKind Kind { get; init; }

    public required string MediaType { get; init; }

    public required long Size { get; init; }

    public required string Sha256 { get; init; }

    public required string Sm3 { get; init; }

    public string? Title { get; init; }

    public bool Secret { get; init; }

    public string? SecretReason { get; init; }

    public DateTimeOffset? CapturedAtUtc { get; init; }

    public string? CapturedBy { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>The fixed names of the package format (docs/archive-format.md).</summary>
public static class ArchiveLayout
{
    public const string Documents = "data/documents/";
    public const string Evidence = "data/evidence/";
    public const string Record = "data/record/";
    public const string Entries = "data/record/entries.jsonl";
    public const string Checkpoint = "data/record/checkpoint.txt";
    public const string Keys = "data/record/keys/";
    public const string Manifest = "data/manifest.json";
    public const string Sm3TagFile = "sanxiang-sm3.txt";
    public const string EntriesMediaType = "application/x-ndjson";
    public const string VerifierKeyMediaType = "text/plain";

    /// <summary>Our own bag-info.txt labels.</summary>
    public const string FormatLabel = "Sanxiang-Format";
    public const string CaseIdLabel = "Sanxiang-Case-Id";
    public const string AgencyCodeLabel = "Sanxiang-Agency-Code";
    public const string SealedAtLabel = "Sanxiang-Sealed-At";
    public const string LogOriginLabel = "Sanxiang-Log-Origin";
    public const string LogSizeLabel = "Sanxiang-Log-Size";
    public const string LogRootLabel = "Sanxiang-Log-Root";
}
