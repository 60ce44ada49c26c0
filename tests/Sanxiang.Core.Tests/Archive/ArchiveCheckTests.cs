using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sanxiang.Core.Archive;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Archive;

/// <summary>
/// Issue 5 item 6: an archive package that the check passes, then fails after each kind of tampering, each on the
/// property it belongs to. Tampering that a forger would cover up (by rebuilding every BagIt and SM3 digest) is tested
/// covered up, so that only what the log proves can catch it.
/// </summary>
public sealed class ArchiveCheckTests : IDisposable
{
    private readonly ArchiveTestPackages _packages = new();

    public void Dispose() => _packages.Dispose();

    private static string Report(ArchiveCheckResult r) =>
        string.Join("\n", r.Findings.Select(f => $"{ArchiveCheckResult.Name(f.Property)} {f.Level} {f.Code} {f.Message}"));

    private static void AssertFails(ArchiveCheckResult result, ArchiveProperty property, string code)
    {
        Assert.False(result.Passed(property), $"应在{ArchiveCheckResult.Name(property)}上不通过：\n{Report(result)}");
        Assert.Contains(result.Findings, f => f.Property == property && f.Level == ArchiveFindingLevel.Error && f.Code == code);
        Assert.False(result.AllPassed);
    }

    [Fact]
    public async Task A_sealed_package_passes_all_four_properties_and_is_a_valid_bag()
    {
        var dir = await _packages.SealAsync();
        var result = ArchiveCheck.Run(dir);
        Assert.True(result.AllPassed, Report(result));
        Assert.Equal(ArchiveTestPackages.CaseNumber, result.CaseNumber);
        Assert.DoesNotContain(result.Findings, f => f.Level == ArchiveFindingLevel.Warning);

        // The secret-marked record is listed under security, without failing it.
        var secret = Assert.Single(result.Findings, f => f.Code == ArchiveCheck.Secret);
        Assert.Contains("02-询问笔录.docx", secret.Message, StringComparison.Ordinal);

        // Standard BagIt tools see a plain valid 1.0 bag with no warnings.
        using var source = BagSource.Open(dir);
        var bag = BagValidator.Validate(source);
        Assert.True(bag.IsValid);
        Assert.Empty(bag.Issues);
        Assert.Equal("1.0", bag.Version);
        Assert.Equal("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", File.ReadAllText(Path.Combine(dir, "bagit.txt")));
        var info = File.ReadAllText(Path.Combine(dir, "bag-info.txt"));
        Assert.Contains("External-Identifier: 安市监罚〔2026〕12号\n", info, StringComparison.Ordinal);
        Assert.Contains("Source-Organization: 安和县市场监督管理局\n", info, StringComparison.Ordinal);
        Assert.Contains("Bagging-Date: 2026-11-27\n", info, StringComparison.Ordinal);
        var tags = File.ReadAllText(Path.Combine(dir, "tagmanifest-sha256.txt"));
        foreach (var tag in new[] { "bagit.txt", "bag-info.txt", "manifest-sha256.txt", "sanxiang-sm3.txt" })
        {
            Assert.Contains("  " + tag + "\n", tags, StringComparison.Ordinal);
        }

        // Each entry line carries the payload exactly as logged.
        var input = await _packages.InputAsync();
        var lines = File.ReadAllLines(Path.Combine(dir, "data", "record", "entries.jsonl"));
        Assert.Equal(input.Entries.Count, lines.Length);
        Assert.Contains(Encoding.UTF8.GetString(input.Entries[0].Payload), lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zipped_package_passes_and_a_changed_byte_inside_fails()
    {
        var input = await _packages.InputAsync();
        using var zip = new MemoryStream();
        ArchivePackageBuilder.WriteZip(input, zip);
        zip.Position = 0;
        using (var source = new ZipBagSource(zip, leaveOpen: true, "case.zip"))
        {
            var result = ArchiveCheck.Run(source);
            Assert.True(result.AllPassed, Report(result));
        }

        // Unzip, change a byte of the photo, zip again.
        var dir = _packages.NewTemp();
        zip.Position = 0;
        System.IO.Compression.ZipFile.ExtractToDirectory(zip, dir);
        var bag = Path.Combine(dir, ArchivePackageBuilder.FolderName(ArchiveTestPackages.CaseNumber));
        FlipLastByte(Path.Combine(bag, "data", "evidence", "现场", "照片1.png"));
        var tampered = Path.Combine(_packages.NewTemp() + ".zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(dir, tampered);
        try
        {
            AssertFails(ArchiveCheck.Run(tampered), ArchiveProperty.Authenticity, BagValidator.PayloadDigestMismatch);
        }
        finally
        {
            File.Delete(tampered);
        }
    }

    [Fact]
    public async Task A_zip_with_damaged_compressed_data_fails_without_throwing()
    {
        var input = await _packages.InputAsync();
        using var zip = new MemoryStream();
        ArchivePackageBuilder.WriteZip(input, zip);
        var bytes = zip.ToArray();
        // Damage the middle of the deflated entries.json/manifest region: somewhere past the first entries' headers.
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        using var source = new ZipBagSource(new MemoryStream(bytes), leaveOpen: false, "damaged.zip");
        var result = ArchiveCheck.Run(source);
        Assert.False(result.AllPassed);
    }

    [Fact]
    public async Task A_changed_byte_in_a_payload_file_fails_authenticity()
    {
        var dir = await _packages.SealAsync();
        FlipLastByte(Path.Combine(dir, "data", "documents", "01-行政处罚决定书.pdf"));
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Authenticity, BagValidator.PayloadDigestMismatch);
        AssertFails(result, ArchiveProperty.Authenticity, ArchiveCheck.Sm3Mismatch);
    }

    [Fact]
    public async Task A_removed_file_fails_integrity()
    {
        var dir = await _packages.SealAsync();
        File.Delete(Path.Combine(dir, "data", "evidence", "现场", "执法记录仪.mp4"));
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Integrity, BagValidator.PayloadMissing);
        AssertFails(result, ArchiveProperty.Integrity, ArchiveCheck.CatalogueFileMissing);
        AssertFails(result, ArchiveProperty.Integrity, BagValidator.PayloadOxumMismatch);
    }

    [Fact]
    public async Task An_extra_file_fails_integrity_even_in_a_tag_folder()
    {
        var dir = await _packages.SealAsync();
        File.WriteAllText(Path.Combine(dir, "data", "evidence", "补充说明.txt"), "后来加的");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "包外说明");
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Integrity, BagValidator.PayloadNotInManifest);
        AssertFails(result, ArchiveProperty.Integrity, ArchiveCheck.NotInCatalogue);
        AssertFails(result, ArchiveProperty.Integrity, ArchiveCheck.TagFileNotListed);
    }

    [Fact]
    public async Task An_edited_manifest_line_fails_authenticity_with_or_without_fixing_the_tag_manifest()
    {
        var dir = await _packages.SealAsync();
        var manifest = Path.Combine(dir, "manifest-sha256.txt");
        var forged = new string('0', 64);
        File.WriteAllLines(manifest, File.ReadAllLines(manifest).Select(l => l.EndsWith("照片1.png", StringComparison.Ordinal) ? forged + l[64..] : l));
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Authenticity, BagValidator.TagDigestMismatch);

        ArchiveTestPackages.FixTagManifest(dir, "manifest-sha256.txt");
        var fixedUp = ArchiveCheck.Run(dir);
        Assert.DoesNotContain(fixedUp.Findings, f => f.Code == BagValidator.TagDigestMismatch);
        AssertFails(fixedUp, ArchiveProperty.Authenticity, BagValidator.PayloadDigestMismatch);
        AssertFails(fixedUp, ArchiveProperty.Authenticity, ArchiveCheck.CatalogueDigest);
    }

    [Fact]
    public async Task A_changed_log_entry_fails_authenticity_even_with_every_digest_rebuilt()
    {
        var dir = await _packages.SealAsync();
        var entries = Path.Combine(dir, "data", "record", "entries.jsonl");
        File.WriteAllText(entries, File.ReadAllText(entries).Replace("case.evidence-added", "case.evidence-adder", StringComparison.Ordinal));
        _packages.Rebag(dir);
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Authenticity, ArchiveCheck.EntryLeafHash);

        // The forger also recomputes each leaf hash: the proof against the signed root still fails.
        var lines = File.ReadAllLines(entries).Select(line =>
        {
            // The payload is the last member, written byte for byte: from "payload": to the closing brace.
            var payload = Encoding.UTF8.GetBytes(line[(line.IndexOf("\"payload\":", StringComparison.Ordinal) + 10)..^1]);
            var leaf = Convert.ToBase64String(MerkleHash.Leaf(payload));
            var at = line.IndexOf("\"leafHash\":\"", StringComparison.Ordinal) + 12;
            return line[..at] + leaf + line[(at + 44)..];
        }).ToArray();
        File.WriteAllText(entries, string.Join("\n", lines) + "\n");
        _packages.Rebag(dir);
        var result = ArchiveCheck.Run(dir);
        Assert.DoesNotContain(result.Findings, f => f.Code == ArchiveCheck.EntryLeafHash);
        AssertFails(result, ArchiveProperty.Authenticity, ArchiveCheck.EntryProof);
    }

    [Fact]
    public async Task A_changed_proof_hash_fails_authenticity()
    {
        var dir = await _packages.SealAsync();
        var entries = Path.Combine(dir, "data", "record", "entries.jsonl");
        var lines = File.ReadAllLines(entries);
        var first = lines[0];
        var at = first.IndexOf("\"proof\":[\"", StringComparison.Ordinal) + 10;
        var proofHash = Convert.FromBase64String(first.Substring(at, 44));
        proofHash[0] ^= 1;
        lines[0] = first[..at] + Convert.ToBase64String(proofHash) + first[(at + 44)..];
        File.WriteAllText(entries, string.Join("\n", lines) + "\n");
        _packages.Rebag(dir);
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Authenticity, ArchiveCheck.EntryProof);
    }

    [Fact]
    public async Task A_changed_checkpoint_root_or_signature_fails_authenticity()
    {
        var dir = await _packages.SealAsync();
        var path = Path.Combine(dir, "data", "record", "checkpoint.txt");
        var note = File.ReadAllText(path);
        var lines = note.Split('\n');
        var root = Convert.FromBase64String(lines[2]);
        root[31] ^= 0x80;
        lines[2] = Convert.ToBase64String(root);
        File.WriteAllText(path, string.Join('\n', lines));
        _packages.Rebag(dir);
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Authenticity, ArchiveCheck.CheckpointSignature);

        var dir2 = await _packages.SealAsync();
        var path2 = Path.Combine(dir2, "data", "record", "checkpoint.txt");
        var signed = File.ReadAllText(path2);
        var sig = signed.LastIndexOf(' ') + 1;
        var blob = Convert.FromBase64String(signed[sig..].TrimEnd('\n'));
        blob[^1] ^= 1;
        File.WriteAllText(path2, signed[..sig] + Convert.ToBase64String(blob) + "\n");
        _packages.Rebag(dir2);
        AssertFails(ArchiveCheck.Run(dir2), ArchiveProperty.Authenticity, ArchiveCheck.CheckpointSignature);
    }

    [Fact]
    public async Task A_swapped_key_fails_authenticity_and_a_re_signed_package_fails_against_the_published_keys()
    {
        // A key swapped for another: the checkpoint's signatures are from keys the package no longer has.
        var dir = await _packages.SealAsync();
        var keys = Path.Combine(dir, "data", "record", "keys");
        foreach (var file in Directory.GetFiles(keys))
        {
            File.Delete(file);
        }

        File.WriteAllText(Path.Combine(keys, "other.vkey"), Ed25519NoteKey.Generate(ArchiveTestPackages.Origin).VerifierKey + "\n");
        _packages.Rebag(dir, new ArchiveManifestFile { Path = "data/record/keys/other.vkey", Kind = ArchiveFileKind.Key, MediaType = "text/plain", Size = 0, Sha256 = "", Sm3 = "" });
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Authenticity, ArchiveCheck.CheckpointSignature);

        // A whole forged package signed with the forger's own key is self-consistent; the published keys refuse it.
        var forger = Ed25519NoteKey.Generate(ArchiveTestPackages.Origin);
        var forged = _packages.NewTemp();
        var input = await _packages.InputAsync([forger]);
        ArchivePackageBuilder.WriteDirectory(input with { VerifierKeys = [forger.VerifierKey] }, forged);
        Assert.True(ArchiveCheck.Run(forged).AllPassed);
        var published = new ArchiveCheckOptions { TrustedKeys = [_packages.Ed25519, _packages.Sm2] };
        var result = ArchiveCheck.Run(forged, published);
        AssertFails(result, ArchiveProperty.Authenticity, ArchiveCheck.CheckpointSignature);
        Assert.Contains(result.Findings, f => f.Code == ArchiveCheck.KeyNotTrusted && f.Level == ArchiveFindingLevel.Warning);

        // And the genuine package passes against the published keys.
        Assert.True(ArchiveCheck.Run(await _packages.SealAsync(), published).AllPassed);
    }

    [Fact]
    public async Task A_document_replaced_and_rebagged_fails_authenticity_because_the_log_recorded_another_file()
    {
        var dir = await _packages.SealAsync();
        File.WriteAllBytes(Path.Combine(dir, "data", "documents", "01-行政处罚决定书.pdf"), ArchiveTestPackages.MinimalPdf("改过的决定书"));
        _packages.Rebag(dir);
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Authenticity, ArchiveCheck.FileNotInLog);
        Assert.True(result.Passed(ArchiveProperty.Integrity), Report(result));
        Assert.True(result.Passed(ArchiveProperty.Usability), Report(result));
    }

    [Fact]
    public async Task A_file_that_is_not_its_declared_type_fails_usability()
    {
        var dir = await _packages.SealAsync();
        File.WriteAllBytes(Path.Combine(dir, "data", "documents", "01-行政处罚决定书.pdf"), ArchiveTestPackages.Png);
        File.WriteAllBytes(Path.Combine(dir, "data", "documents", "02-询问笔录.docx"), Encoding.UTF8.GetBytes("PK\u0003\u0004 not really a zip"));
        var truncated = ArchiveTestPackages.Mp4[..6];
        File.WriteAllBytes(Path.Combine(dir, "data", "evidence", "现场", "执法记录仪.mp4"), truncated);
        _packages.Rebag(dir);
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Usability, ArchiveCheck.TypeMismatch);
        Assert.Equal(3, result.Findings.Count(f => f.Code == ArchiveCheck.TypeMismatch));
    }

    [Fact]
    public async Task A_truncated_pdf_fails_usability()
    {
        var dir = await _packages.SealAsync();
        var pdf = ArchiveTestPackages.Pdf;
        File.WriteAllBytes(Path.Combine(dir, "data", "documents", "01-行政处罚决定书.pdf"), pdf[..(pdf.Length / 2)]);
        _packages.Rebag(dir);
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Usability, ArchiveCheck.TypeMismatch);
        Assert.Contains("%%EOF", Assert.Single(result.Findings, f => f.Code == ArchiveCheck.TypeMismatch).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("elf")]
    [InlineData("pe")]
    [InlineData("script")]
    public async Task An_executable_slipped_in_fails_security(string kind)
    {
        var dir = await _packages.SealAsync();
        byte[] bytes = kind switch
        {
            "elf" => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0],
            "pe" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0],
            _ => "#!/bin/sh\nrm -rf /\n"u8.ToArray(),
        };
        File.WriteAllBytes(Path.Combine(dir, "data", "evidence", "现场", "照片2.png"), bytes);
        _packages.Rebag(dir, new ArchiveManifestFile { Path = "data/evidence/现场/照片2.png", Kind = ArchiveFileKind.Evidence, MediaType = "image/png", Size = 0, Sha256 = "", Sm3 = "" });
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Security, ArchiveCheck.Executable);
    }

    [Fact]
    public async Task An_executable_listed_in_the_bag_but_not_in_the_catalogue_still_fails_security()
    {
        var dir = await _packages.SealAsync();
        File.WriteAllBytes(Path.Combine(dir, "data", "evidence", "tool"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]);
        _packages.Rebag(dir); // the bag lists it; the catalogue does not
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Integrity, ArchiveCheck.NotInCatalogue);
        AssertFails(result, ArchiveProperty.Security, ArchiveCheck.Executable);
    }

    [Fact]
    public async Task Quoted_script_text_in_a_log_entry_is_not_active_content()
    {
        var input = await _packages.InputAsync();
        var dir = _packages.NewTemp();
        ArchivePackageBuilder.WriteDirectory(input with { CaseTitle = "<script>alert(1)</script> javascript:void(0)" }, dir);
        Assert.True(ArchiveCheck.Run(dir).AllPassed);
    }

    [Fact]
    public async Task A_macro_enabled_document_fails_security_whatever_it_is_called()
    {
        var dir = await _packages.SealAsync();
        File.WriteAllBytes(Path.Combine(dir, "data", "documents", "02-询问笔录.docx"), ArchiveTestPackages.MacroDocx);
        _packages.Rebag(dir);
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Security, ArchiveCheck.Macro);
        Assert.True(result.Passed(ArchiveProperty.Usability), Report(result));
    }

    [Fact]
    public async Task A_pdf_with_javascript_or_a_launch_action_fails_security()
    {
        var dir = await _packages.SealAsync();
        var pdf = Encoding.Latin1.GetString(ArchiveTestPackages.Pdf)
            .Replace("/Type /Catalog", "/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(dir, "data", "documents", "01-行政处罚决定书.pdf"), Encoding.Latin1.GetBytes(pdf));
        _packages.Rebag(dir);
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Security, ArchiveCheck.ActiveContent);
    }

    [Fact]
    public async Task A_wrong_payload_oxum_fails_integrity()
    {
        var dir = await _packages.SealAsync();
        var info = Path.Combine(dir, "bag-info.txt");
        File.WriteAllLines(info, File.ReadAllLines(info).Select(l => l.StartsWith("Payload-Oxum: ", StringComparison.Ordinal) ? "Payload-Oxum: 1.1" : l));
        ArchiveTestPackages.FixTagManifest(dir, "bag-info.txt");
        var result = ArchiveCheck.Run(dir);
        AssertFails(result, ArchiveProperty.Integrity, BagValidator.PayloadOxumMismatch);
    }

    [Theory]
    [InlineData("data/../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("data\\..\\..\\evil.exe")]
    public async Task A_path_traversal_entry_fails_security(string path)
    {
        var dir = await _packages.SealAsync();
        File.AppendAllText(Path.Combine(dir, "manifest-sha256.txt"), Convert.ToHexStringLower(SHA256.HashData([])) + "  " + path + "\n");
        ArchiveTestPackages.FixTagManifest(dir, "manifest-sha256.txt");
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Security, BagValidator.ManifestPathUnsafe);
    }

    [Fact]
    public async Task A_symbolic_link_in_the_package_fails_security_and_is_not_followed()
    {
        var dir = await _packages.SealAsync();
        File.CreateSymbolicLink(Path.Combine(dir, "data", "evidence", "link.png"), "/etc/passwd");
        AssertFails(ArchiveCheck.Run(dir), ArchiveProperty.Security, BagValidator.SourceEntry);
    }

    [Fact]
    public async Task The_builder_refuses_a_file_whose_bytes_no_longer_match_its_recorded_hash()
    {
        var input = await _packages.InputAsync();
        var files = input.Files.ToList();
        files[0] = files[0] with { Open = () => new MemoryStream(ArchiveTestPackages.MinimalPdf("被替换")) };
        var e = Assert.Throws<InvalidDataException>(() => ArchivePackageBuilder.WriteDirectory(input with { Files = files }, _packages.NewTemp()));
        Assert.Contains("不能封存", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_builder_refuses_a_proof_that_does_not_verify()
    {
        var input = await _packages.InputAsync();
        var entries = input.Entries.ToList();
        entries[0] = entries[0] with { Index = entries[0].Index + 1 };
        Assert.Throws<ArgumentException>(() => ArchivePackageBuilder.WriteDirectory(input with { Entries = entries }, _packages.NewTemp()));
    }

    [Fact]
    public void Manifest_json_round_trips()
    {
        var manifest = new ArchiveManifest
        {
            Case = new ArchiveCaseInfo("案号", Guid.Empty, null, "机关", null),
            SealedAtUtc = DateTimeOffset.UnixEpoch,
            Checkpoint = new ArchiveCheckpointInfo("o", 1, "AA=="),
            Files = [new ArchiveManifestFile { Path = "data/a", Kind = ArchiveFileKind.Evidence, MediaType = "image/png", Size = 1, Sha256 = "00", Sm3 = "11" }],
        };
        var json = JsonSerializer.Serialize(manifest, ArchiveManifest.Json);
        Assert.Contains("\"kind\": \"evidence\"", json, StringComparison.Ordinal);
        Assert.Contains("\"number\": \"案号\"", json, StringComparison.Ordinal);
        Assert.Equal("data/a", JsonSerializer.Deserialize<ArchiveManifest>(json, ArchiveManifest.Json)!.Files[0].Path);
    }

    private static void FlipLastByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }
}
