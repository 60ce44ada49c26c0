using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Archive;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Ledger;
using Sanxiang.Data.Archive;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Cases;

/// <summary>
/// Seals a case that has reached its final step into its archive package (REC-6, docs/archive-format.md): the evidence
/// files, every log entry of the case with its inclusion proof and the signed checkpoint they prove against, as a BagIt
/// zip stored in the blob store under its SHA-256, and records the seal (package SHA-256 and SM3) in the log. Idempotent:
/// a case already packaged is left alone, so a failed seal can simply be run again.
/// </summary>
public sealed class CaseArchiver(SanxiangDbContext db, IBlobStore blobs, LedgerKeys keys, TimeProvider clock)
{
    /// <summary>Generous: evidence videos may be gigabytes, and the package holds them all.</summary>
    private const long MaxPackageBytes = 1L << 40;

    public async Task<Case> SealAsync(Guid caseId, Guid? actorId, string? actorRole, CancellationToken ct = default)
    {
        var @case = await db.Cases.Include(c => c.Evidence).FirstOrDefaultAsync(c => c.Id == caseId, ct)
            ?? throw new CaseRuleException("case", "案件不存在，或不属于您所在的执法主体。", 404);
        if (!@case.IsSealed)
        {
            throw new CaseRuleException("case", "案件尚未办结归档，不能封存案卷。", 409);
        }

        if (@case.ArchiveSha256 is not null)
        {
            return @case;
        }

        // The package proves every entry of the case against a signed checkpoint: sign one that covers them.
        await LedgerCheckpointer.SignIfGrownAsync(db, keys, clock.GetUtcNow(), ct);
        var record = await ArchiveRecord.ForCaseAsync(db, caseId, ct);
        if (!record.IsComplete)
        {
            throw new InvalidOperationException($"案件 {@case.Number} 的记录尚未全部被签名检查点覆盖，无法封存。");
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == @case.AgencyId, ct);
        var files = @case.Evidence.OrderBy(e => e.CapturedAtUtc).Select((e, i) => new ArchiveFileInput
        {
            Kind = ArchiveFileKind.Evidence,
            Name = string.Create(CultureInfo.InvariantCulture, $"{i + 1:000}-{Safe(e.Title)}{Extension(e.MediaType)}"),
            MediaType = e.MediaType,
            Open = () => blobs.Open(e.Sha256) ?? throw new CaseRuleException("evidence", $"证据“{e.Title}”的文件在存储中缺失，案卷不能封存。", 409),
            ExpectedSha256 = e.Sha256,
            Title = e.Title,
            Secret = e.Secret,
            SecretReason = e.Secret ? "涉及国家秘密、商业秘密或者个人隐私，限制调阅" : null,
            CapturedAtUtc = e.CapturedAtUtc,
            CapturedBy = e.CollectorName,
            Metadata = new Dictionary<string, string> { ["place"] = e.Place, ["proves"] = e.Proves, ["step"] = e.Step, ["kind"] = e.Kind.ToString() },
        }).ToList();

        // The issued documents, both renderings: their hashes are in the document-issued entries of the case.
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAtUtc).ToListAsync(ct);
        foreach (var d in documents)
        {
            foreach (var (sha, type, extension) in new[] { (d.PdfSha256, "application/pdf", ".pdf"),
                         (d.DocxSha256, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx") })
            {
                files.Add(new ArchiveFileInput
                {
                    Kind = ArchiveFileKind.Document,
                    Name = $"{Safe(d.Number)}-{Safe(d.Title)}{extension}",
                    MediaType = type,
                    Open = () => blobs.Open(sha) ?? throw new CaseRuleException("document", $"文书 {d.Number} 的文件在存储中缺失，案卷不能封存。", 409),
                    ExpectedSha256 = sha,
                    Title = $"{d.Title}（{d.Number}）",
                });
            }
        }

        var now = clock.GetUtcNow();
        var temp = Path.Combine(Path.GetTempPath(), "sanxiang-archive-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
            {
                ArchivePackageBuilder.WriteZip(new ArchivePackageInput
                {
                    CaseNumber = @case.Number,
                    CaseId = @case.Id,
                    CaseTitle = @case.Cause,
                    Agency = agency.Name,
                    AgencyCode = agency.Code,
                    SealedAtUtc = @case.SealedAtUtc!.Value,
                    Files = files,
                    Entries = record.Entries,
                    CheckpointNote = record.CheckpointNote!,
                    VerifierKeys = ArchiveRecord.VerifierKeys(keys),
                }, output, ct);
            }

            StoredBlob stored;
            await using (var input = File.OpenRead(temp))
            {
                stored = await blobs.PutAsync(input, MaxPackageBytes, ct);
            }

            @case.ArchiveSha256 = stored.Sha256;
            db.Record(new LedgerEvent("case-sealed", @case.Id, @case.AgencyId, actorId, actorRole, new JsonObject
            {
                ["number"] = @case.Number,
                ["packageSha256"] = stored.Sha256,
                ["packageSm3"] = stored.Sm3,
                ["size"] = stored.Size,
                ["entries"] = record.Entries.Count,
                ["checkpointSize"] = record.TreeSize,
                ["files"] = files.Count,
                ["documents"] = documents.Count,
                ["at"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }));
            await db.SaveChangesAsync(ct);
            return @case;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Runs the four-property check on a sealed case's package against the platform's published keys.</summary>
    public async Task<ArchiveCheckResult> CheckAsync(Case @case, CancellationToken ct = default)
    {
        if (@case.ArchiveSha256 is not { } sha || blobs.Open(sha) is not { } stream)
        {
            throw new CaseRuleException("case", "本案尚未生成电子案卷封存包。", 409);
        }

        var temp = Path.Combine(Path.GetTempPath(), "sanxiang-check-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            await using (stream)
            await using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await stream.CopyToAsync(copy, ct);
            }

            return ArchiveCheck.Run(temp, new ArchiveCheckOptions { TrustedKeys = [keys.Ed25519, keys.Sm2] });
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string Safe(string title)
    {
        var chars = title.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('%' or '#' or ' ' or '\\' or '/')).Take(40).ToArray();
        return chars.Length == 0 ? "证据" : new string(chars);
    }

    private static string Extension(string mediaType) => Sanxiang.Core.Evidence.MediaFormats.ByMediaType(mediaType)?.Extensions[0] ?? ".bin";
}
