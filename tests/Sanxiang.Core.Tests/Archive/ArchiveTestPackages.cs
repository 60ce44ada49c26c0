using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Sanxiang.Core.Archive;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Archive;

/// <summary>
/// A realistic case to seal: a small real PDF, a DOCX made with the Open XML SDK, a PNG photo, an MP4 header sample;
/// the case's log entries among other cases' in an in-memory Merkle tree, with real inclusion proofs against a
/// checkpoint signed with fresh Ed25519 and SM2 keys. Each file's SHA-256 is in the facts of an entry, as the platform
/// logs it when the file arrives.
/// </summary>
internal sealed class ArchiveTestPackages : IDisposable
{
    public static readonly Guid CaseId = Guid.Parse("0193a5b2-7c11-7d3e-9f00-00000000c0de");
    public const string CaseNumber = "安市监罚〔2026〕12号";
    public const string Origin = "sanxiang.test/log";

    private readonly List<string> _temp = [];

    public ArchiveTestPackages()
    {
        Ed25519 = Ed25519NoteKey.Generate(Origin);
        Sm2 = Sm2NoteKey.Generate(Origin + "/sm2");
    }

    public Ed25519NoteKey Ed25519 { get; }

    public Sm2NoteKey Sm2 { get; }

    public static byte[] Pdf { get; } = MinimalPdf("安和县市场监督管理局 行政处罚决定书");

    public static byte[] Docx { get; } = MakeDocx("询问笔录：当事人陈述经营情况。", macro: false);

    public static byte[] MacroDocx { get; } = MakeDocx("这份文档带宏。", macro: true);

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The first boxes of an MP4 file: ftyp (isom), then an empty mdat.</summary>
    public static byte[] Mp4 { get; } =
    [
        0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
        (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
        0, 0, 0, 8, (byte)'m', (byte)'d', (byte)'a', (byte)'t',
    ];

    public static readonly (ArchiveFileKind Kind, string Name, string MediaType, byte[] Bytes, bool Secret)[] Files =
    [
        (ArchiveFileKind.Document, "01-行政处罚决定书.pdf", "application/pdf", Pdf, false),
        (ArchiveFileKind.Document, "02-询问笔录.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Docx, true),
        (ArchiveFileKind.Evidence, "现场/照片1.png", "image/png", Png, false),
        (ArchiveFileKind.Evidence, "现场/执法记录仪.mp4", "video/mp4", Mp4, false),
    ];

    /// <summary>The input for the case: 4 files, 6 log entries among 37, checkpoint at 37.</summary>
    public async Task<ArchivePackageInput> InputAsync(INoteSigner[]? signers = null)
    {
        var payloads = new List<byte[]>();
        var ours = new List<long>();
        var other = Guid.Parse("0193a5b2-7c11-7d3e-9f00-0000000000aa");
        for (var i = 0; i < 37; i++)
        {
            var mine = i is 3 or 8 or 9 or 20 or 21 or 33;
            var facts = new JsonObject { ["n"] = i };
            if (mine && ours.Count < Files.Length)
            {
                var f = Files[ours.Count];
                facts["file"] = new JsonObject
                {
                    ["name"] = f.Name,
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(f.Bytes)),
                    ["sm3"] = Convert.ToHexStringLower(Sm3.Hash(f.Bytes)),
                };
            }

            if (mine)
            {
                ours.Add(i);
            }

            payloads.Add(CanonicalJson.Serialize(new JsonObject
            {
                ["actor"] = null,
                ["agency"] = null,
                ["at"] = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["case"] = (mine ? CaseId : other).ToString(),
                ["facts"] = facts,
                ["kind"] = mine ? "case.evidence-added" : "case.other",
                ["v"] = 1,
            }));
        }

        var nodes = new InMemoryMerkleNodes();
        for (var i = 0; i < payloads.Count; i++)
        {
            foreach (var node in await MerkleTree.AppendAsync(nodes, i, MerkleHash.Leaf(payloads[i])))
            {
                nodes.Add(node);
            }
        }

        var size = payloads.Count;
        var root = await MerkleTree.RootAsync(nodes, size);
        var note = SignedNote.Sign(new Checkpoint(Origin, size, root).Body, signers ?? [Ed25519, Sm2]);
        var entries = new List<ArchiveLogEntry>();
        foreach (var index in ours)
        {
            entries.Add(new ArchiveLogEntry(index, payloads[(int)index], await MerkleTree.InclusionProofAsync(nodes, index, size)));
        }

        return new ArchivePackageInput
        {
            CaseNumber = CaseNumber,
            CaseId = CaseId,
            CaseTitle = "某超市销售过期食品案",
            Agency = "安和县市场监督管理局",
            AgencyCode = "11350100MB0000000X",
            SealedAtUtc = new DateTimeOffset(2026, 11, 27, 2, 30, 0, TimeSpan.Zero),
            SealedBy = "档案员 张敏",
            Files = Files.Select(f => new ArchiveFileInput
            {
                Kind = f.Kind,
                Name = f.Name,
                MediaType = f.MediaType,
                Open = () => new MemoryStream(f.Bytes, writable: false),
                ExpectedSha256 = Convert.ToHexStringLower(SHA256.HashData(f.Bytes)),
                Title = Path.GetFileNameWithoutExtension(f.Name),
                Secret = f.Secret,
                SecretReason = f.Secret ? "个人隐私" : null,
                CapturedAtUtc = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
                CapturedBy = "执法人员 李强（35010001）",
                Metadata = f.Kind == ArchiveFileKind.Evidence ? new Dictionary<string, string> { ["地点"] = "安和县城关镇某超市" } : null,
            }).ToList(),
            Entries = entries,
            CheckpointNote = note,
            VerifierKeys = [Ed25519.VerifierKey, Sm2.VerifierKey],
        };
    }

    /// <summary>A freshly sealed package in a new temporary folder.</summary>
    public async Task<string> SealAsync()
    {
        var directory = NewTemp();
        ArchivePackageBuilder.WriteDirectory(await InputAsync(), directory);
        return directory;
    }

    public string NewTemp()
    {
        var path = Path.Combine(Path.GetTempPath(), "sanxiang-archive-" + Guid.NewGuid().ToString("N"));
        _temp.Add(path);
        return path;
    }

    /// <summary>
    /// What a careful forger does after changing payload files: rebuilds data/manifest.json's sizes and digests,
    /// manifest-sha256.txt, sanxiang-sm3.txt, Payload-Oxum and tagmanifest-sha256.txt, so that every BagIt and SM3
    /// digest agrees again. Only the log (leaf hashes, proofs, the signed checkpoint) can still tell.
    /// <paramref name="extra"/> adds catalogue entries for files the forger slipped in.
    /// </summary>
    public void Rebag(string directory, params ArchiveManifestFile[] extra)
    {
        var manifestPath = Path.Combine(directory, "data", "manifest.json");
        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(File.ReadAllBytes(manifestPath), ArchiveManifest.Json)!;
        var rebuilt = NewTemp();
        var writer = new BagWriter(new DirectoryBagTarget(rebuilt));
        var files = new List<ArchiveManifestFile>();
        var data = Path.Combine(directory, "data");
        foreach (var file in Directory.GetFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(data, file).Replace('\\', '/');
            if (relative == "manifest.json")
            {
                continue;
            }

            using var stream = File.OpenRead(file);
            var written = writer.AddPayload(relative, stream);
            var described = manifest.Files.FirstOrDefault(f => f.Path == written.Path) ?? extra.FirstOrDefault(f => f.Path == written.Path);
            if (described is not null)
            {
                files.Add(described with { Size = written.Size, Sha256 = written.Sha256, Sm3 = written.Sm3 });
            }
        }

        writer.AddPayload("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest with { Files = files }, ArchiveManifest.Json));
        var info = File.ReadAllLines(Path.Combine(directory, "bag-info.txt"))
            .Select(l => (Label: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]))
            .Where(i => i.Label is not ("Payload-Oxum" or "Bagging-Date")).ToList();
        writer.Finish(info, new DateOnly(2026, 11, 27), ArchiveLayout.Sm3TagFile);
        Directory.Delete(directory, recursive: true);
        Directory.Move(rebuilt, directory);
    }

    /// <summary>Rewrites the tagmanifest-sha256.txt line of one tag file, as a forger who edited it would.</summary>
    public static void FixTagManifest(string directory, string tagFile)
    {
        var path = Path.Combine(directory, "tagmanifest-sha256.txt");
        var digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, tagFile))));
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.EndsWith("  " + tagFile, StringComparison.Ordinal) ? $"{digest}  {tagFile}" : l));
    }

    /// <summary>A one-page PDF 1.4 with a correct cross-reference table (offsets computed), text in a standard font.</summary>
    public static byte[] MinimalPdf(string title)
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Title <FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(title))}> /Producer (Sanxiang tests) >>",
        };
        const string Stream = "BT /F1 18 Tf 72 770 Td (Administrative penalty decision) Tj ET";
        objects[3] = $"<< /Length {Stream.Length} >>\nstream\n{Stream}\nendstream";
        var pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        var latin1 = Encoding.Latin1;
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return latin1.GetBytes(pdf.ToString());
    }

    /// <summary>A Word document made with the Open XML SDK; with <paramref name="macro"/>, a VBA project part inside.</summary>
    public static byte[] MakeDocx(string text, bool macro)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, macro ? WordprocessingDocumentType.MacroEnabledDocument : WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
            if (macro)
            {
                var vba = main.AddNewPart<VbaProjectPart>();
                using var part = vba.GetStream(FileMode.Create);
                part.Write("\u00d0\u00cf\u0011\u00e0 fake VBA project"u8);
            }

            main.Document.Save();
        }

        return memory.ToArray();
    }

    public void Dispose()
    {
        foreach (var path in _temp.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
