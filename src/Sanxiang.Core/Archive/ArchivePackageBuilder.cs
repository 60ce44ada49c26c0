using System.Globalization;
using System.Text;
using System.Text.Json;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Archive;

/// <summary>What was sealed: every file with its digests, and the catalogue written as data/manifest.json.</summary>
public sealed record ArchivePackageSummary(IReadOnlyList<BagWrittenFile> Files, ArchiveManifest Manifest);

/// <summary>
/// Seals a case into its archive package (案卷, REC-6): a BagIt 1.0 bag laid out as docs/archive-format.md describes.
/// The input is checked first (the checkpoint's signature, every entry's inclusion proof), so that a package is never
/// written that <see cref="ArchiveCheck"/> would refuse; then every file is streamed once into the bag.
/// Writes to a folder (<see cref="WriteDirectory"/>) or a zip stream (<see cref="WriteZip"/>). Synchronous I/O: give
/// it a file stream, not an HTTP response body.
/// </summary>
public static class ArchivePackageBuilder
{
    public static ArchivePackageSummary WriteDirectory(ArchivePackageInput input, string directory, CancellationToken ct = default)
    {
        using var target = new DirectoryBagTarget(directory);
        return Write(input, target, ct);
    }

    /// <summary>A zip whose single top-level folder is named after the case number.</summary>
    public static ArchivePackageSummary WriteZip(ArchivePackageInput input, Stream output, CancellationToken ct = default)
    {
        using var target = new ZipBagTarget(output, FolderName(input.CaseNumber), leaveOpen: true);
        return Write(input, target, ct);
    }

    /// <summary>"安市监罚〔2026〕12号" stays as it is; characters no file system takes become "_".</summary>
    public static string FolderName(string caseNumber)
    {
        var name = new StringBuilder();
        foreach (var c in caseNumber.Trim())
        {
            name.Append(char.IsControl(c) || "/\\:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        return name.Length == 0 || name.ToString() is "." or ".." ? "案卷" : name.ToString();
    }

    public static ArchivePackageSummary Write(ArchivePackageInput input, BagTarget target, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var checkpoint = CheckRecord(input);
        CheckFiles(input.Files);

        var writer = new BagWriter(target);
        var described = new List<ArchiveManifestFile>();
        foreach (var file in input.Files.OrderBy(f => f.Kind))
        {
            var folder = file.Kind == ArchiveFileKind.Document ? "documents/" : "evidence/";
            BagWrittenFile written;
            using (var content = file.Open())
            {
                written = writer.AddPayload(folder + file.Name, content, Compressible(file.MediaType), file.ExpectedSha256, ct);
            }

            described.Add(new ArchiveManifestFile
            {
                Path = written.Path,
                Kind = file.Kind,
                MediaType = file.MediaType,
                Size = written.Size,
                Sha256 = written.Sha256,
                Sm3 = written.Sm3,
                Title = file.Title,
                Secret = file.Secret,
                SecretReason = file.Secret ? file.SecretReason : null,
                CapturedAtUtc = file.CapturedAtUtc,
                CapturedBy = file.CapturedBy,
                Metadata = file.Metadata is { Count: > 0 } ? file.Metadata : null,
            });
        }

        var entries = writer.AddPayload("record/entries.jsonl", EntriesJsonLines(input.Entries, checkpoint));
        described.Add(Record(entries, ArchiveFileKind.Record, ArchiveLayout.EntriesMediaType, "本案记录日志条目及其包含证明"));
        var note = writer.AddPayload("record/checkpoint.txt", new UTF8Encoding(false).GetBytes(input.CheckpointNote));
        described.Add(Record(note, ArchiveFileKind.Record, "text/plain", "签名检查点（C2SP signed note）"));
        foreach (var key in input.VerifierKeys.Select(k => k.Trim()).Distinct(StringComparer.Ordinal))
        {
            var verifier = NoteVerifierKeys.Parse(key);
            var keyFile = writer.AddPayload($"record/keys/{KeyFileName(verifier)}", new UTF8Encoding(false).GetBytes(key + "\n"));
            described.Add(Record(keyFile, ArchiveFileKind.Key, ArchiveLayout.VerifierKeyMediaType, $"验证公钥 {verifier.Name}"));
        }

        var manifest = new ArchiveManifest
        {
            Case = new ArchiveCaseInfo(input.CaseNumber, input.CaseId, input.CaseTitle, input.Agency, input.AgencyCode),
            SealedAtUtc = input.SealedAtUtc.ToUniversalTime(),
            SealedBy = input.SealedBy,
            Checkpoint = new ArchiveCheckpointInfo(checkpoint.Origin, checkpoint.Size, Convert.ToBase64String(checkpoint.RootHash)),
            Files = described,
        };
        writer.AddPayload("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveManifest.Json));

        List<(string, string)> info =
        [
            ("Source-Organization", input.Agency),
            ("External-Identifier", input.CaseNumber),
            ("External-Description", $"行政执法案卷 {input.CaseNumber}" + (input.CaseTitle is { Length: > 0 } t ? $"（{t}）" : "")),
            ("Bag-Software-Agent", "Sanxiang 三项制度平台"),
            (ArchiveLayout.FormatLabel, $"{ArchiveManifest.FormatName}/1"),
            (ArchiveLayout.SealedAtLabel, manifest.SealedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            (ArchiveLayout.LogOriginLabel, checkpoint.Origin),
            (ArchiveLayout.LogSizeLabel, checkpoint.Size.ToString(CultureInfo.InvariantCulture)),
            (ArchiveLayout.LogRootLabel, Convert.ToBase64String(checkpoint.RootHash)),
        ];
        if (input.CaseId is { } id)
        {
            info.Add((ArchiveLayout.CaseIdLabel, id.ToString()));
        }

        if (input.AgencyCode is { Length: > 0 } code)
        {
            info.Add((ArchiveLayout.AgencyCodeLabel, code));
        }

        var files = writer.Finish(info, ChinaTime.DateOf(input.SealedAtUtc), ArchiveLayout.Sm3TagFile);
        return new ArchivePackageSummary(files, manifest);
    }

    /// <summary>One JSON object per line: index, leafHash, treeSize, proof, and the payload embedded byte for byte.</summary>
    public static byte[] EntriesJsonLines(IEnumerable<ArchiveLogEntry> entries, Checkpoint checkpoint)
    {
        using var output = new MemoryStream();
        foreach (var entry in entries.OrderBy(e => e.Index))
        {
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = ArchiveManifest.Json.Encoder }))
            {
                json.WriteStartObject();
                json.WriteNumber("index", entry.Index);
                json.WriteString("leafHash", Convert.ToBase64String(MerkleHash.Leaf(entry.Payload)));
                json.WriteNumber("treeSize", checkpoint.Size);
                json.WriteStartArray("proof");
                foreach (var p in entry.Proof)
                {
                    json.WriteStringValue(Convert.ToBase64String(p));
                }

                json.WriteEndArray();
                json.WritePropertyName("payload");
                // The canonical bytes exactly as logged: the leaf hash is over these bytes, so they are not re-serialised.
                json.WriteRawValue(entry.Payload, skipInputValidation: false);
                json.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static Checkpoint CheckRecord(ArchivePackageInput input)
    {
        var verifiers = input.VerifierKeys.Select(k => NoteVerifierKeys.Parse(k)).ToArray();
        if (verifiers.Length == 0)
        {
            throw new ArgumentException("至少需要一个验证公钥。", nameof(input));
        }

        var verdict = SignedNote.Verify(input.CheckpointNote, verifiers);
        if (!verdict.IsValid)
        {
            throw new ArgumentException($"检查点不能用给出的公钥验证：{verdict.Error}", nameof(input));
        }

        var checkpoint = Checkpoint.ParseBody(verdict.Body!);
        var seen = new HashSet<long>();
        foreach (var entry in input.Entries)
        {
            if (!seen.Add(entry.Index))
            {
                throw new ArgumentException($"记录 {entry.Index} 给出了两次。", nameof(input));
            }

            if (entry.Payload.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') >= 0)
            {
                throw new ArgumentException($"记录 {entry.Index} 的内容含换行，不是规范 JSON。", nameof(input));
            }

            if (!MerkleVerifier.VerifyInclusion(entry.Index, checkpoint.Size, MerkleHash.Leaf(entry.Payload), entry.Proof, checkpoint.RootHash))
            {
                throw new ArgumentException(
                    $"记录 {entry.Index} 的包含证明对检查点（大小 {checkpoint.Size}）不成立：内容、证明或检查点不匹配。", nameof(input));
            }
        }

        return checkpoint;
    }

    private static void CheckFiles(IReadOnlyList<ArchiveFileInput> files)
    {
        foreach (var file in files)
        {
            if (file.Kind is not (ArchiveFileKind.Document or ArchiveFileKind.Evidence))
            {
                throw new ArgumentException($"文件“{file.Name}”的类别只能是文书或证据。", nameof(files));
            }

            var problem = BagPath.Problem(file.Name) ?? (file.Name.IndexOfAny(['\r', '\n']) >= 0 ? "含换行" : null);
            if (problem is not null)
            {
                throw new ArgumentException($"文件名“{file.Name}”不可用：{problem}。", nameof(files));
            }

            if (string.IsNullOrWhiteSpace(file.MediaType))
            {
                throw new ArgumentException($"文件“{file.Name}”没有媒体类型。", nameof(files));
            }
        }
    }

    private static ArchiveManifestFile Record(BagWrittenFile file, ArchiveFileKind kind, string mediaType, string title) => new()
    {
        Path = file.Path,
        Kind = kind,
        MediaType = mediaType,
        Size = file.Size,
        Sha256 = file.Sha256,
        Sm3 = file.Sm3,
        Title = title,
    };

    /// <summary>"sanxiang.local_log_sm2+1a2b3c4d.vkey": the key's name made file-safe, and its ID.</summary>
    private static string KeyFileName(INoteVerifier key)
    {
        var name = new StringBuilder();
        foreach (var c in key.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name}+{key.KeyId:x8}.vkey");
    }

    /// <summary>Media that are compressed already are stored, not deflated again.</summary>
    private static bool Compressible(string mediaType) =>
        !(mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
          || mediaType is "image/jpeg" or "image/png" or "image/gif" or "image/webp" or "application/zip"
          || mediaType.StartsWith("application/vnd.openxmlformats-officedocument", StringComparison.OrdinalIgnoreCase));
}
