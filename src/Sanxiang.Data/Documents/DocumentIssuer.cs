using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Documents;
using Sanxiang.Data.Access;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Documents;

/// <summary>Draws a laid-out document as PDF and DOCX. Implemented by the web layer, which finds the fonts and knows the public address.</summary>
public interface IDocumentRenderer
{
    RenderedDocument Render(DocumentContent content, DateTimeOffset issuedAtUtc);
}

public sealed record RenderedDocument(byte[] Pdf, byte[] Docx);

/// <summary>Who issues: the account and the role it acts in (as the log records actors).</summary>
public sealed record DocumentActor(Guid? AccountId, string? Role);

/// <summary>The outcome of an issue: the document, or what its format needs and the facts lack (in Chinese).</summary>
public sealed record DocumentIssueResult(IssuedDocument? Document, IReadOnlyList<string> Missing)
{
    public bool Issued => Document is not null;
}

/// <summary>
/// The one way a document comes into existence (REC-2): checks that the facts are complete, takes the next number of
/// the agency's sequence for the kind and year, lays the document out, renders PDF and DOCX, stores both files, seals the
/// PDF with the agency's key and records <c>document-issued</c> in the log — in one transaction, so a failure anywhere
/// leaves no document, no record and no used number (the two files may remain in the content-addressed store, unreferenced).
/// </summary>
public sealed class DocumentIssuer(IDocumentRenderer renderer, IBlobStore blobs, AgencySeals seals, TimeProvider clock)
{
    public const string LedgerKind = "document-issued";

    /// <summary>
    /// Issues a document. Call it with the unit of work's context; if the caller has begun a transaction, the number,
    /// the document and the record join it and are committed with the caller's change (then the caller's transaction must
    /// not have read before this call on SQLite, or the write lock cannot be taken: begin it, then call this first).
    /// </summary>
    public async Task<DocumentIssueResult> IssueAsync(SanxiangDbContext db, DocumentKind kind, DocumentFacts facts, Guid agencyId, Guid? caseId,
        DocumentActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(actor);
        if (!db.Scope.MayWrite(agencyId, registryData: false))
        {
            throw new AgencyAccessDeniedException("无权以其他执法主体的名义出具文书。");
        }

        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new { a.Code, a.Name, a.CaseNumberPrefix }).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"执法主体 {agencyId} 不存在。");
        // The agency's own name and prefix, whatever the caller wrote: the number sequence belongs to the agency.
        facts = facts with { Agency = (facts.Agency ?? new DocumentAgency(agency.Name, agency.CaseNumberPrefix)) with { Name = agency.Name, NumberPrefix = agency.CaseNumberPrefix } };
        var missing = DocumentTemplates.CheckComplete(kind, facts);
        if (missing.Count > 0)
        {
            return new DocumentIssueResult(null, missing);
        }

        var now = clock.GetUtcNow();
        var year = ChinaTime.DateOf(now).Year;
        (int Year, int Sequence)? byCase = null;
        if (kind.NumberedByCase())
        {
            var numbered = caseId is { } id
                ? await db.Cases.AsNoTracking().Where(c => c.Id == id && c.AgencyId == agencyId).Select(c => new { c.Year, c.Sequence }).FirstOrDefaultAsync(ct)
                : null;
            if (numbered is null)
            {
                return new DocumentIssueResult(null, ["所属案件（立案审批表以案号为文号，须从本机关的案件出具）"]);
            }

            if (await db.IssuedDocuments.AnyAsync(d => d.CaseId == caseId && d.Kind == kind, ct))
            {
                // Callers check first and say so; the unique number index would refuse it anyway.
                throw new InvalidOperationException($"本案的{kind.Title()}已经出具，每案只有一份。");
            }

            byCase = (numbered.Year, numbered.Sequence);
        }
        else
        {
            await EnsureCounterAsync(db, agencyId, year, kind, ct);
        }

        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        int sequence;
        if (byCase is { } n)
        {
            (year, sequence) = n;
        }
        else
        {
            // The transaction's first statement is this write: it takes the counter row's lock (PostgreSQL) or the database
            // write lock (SQLite) until commit, so concurrent issuers of the same sequence queue here and each reads its own value.
            var counter = db.Set<DocumentCounter>().Where(c => c.AgencyId == agencyId && c.Year == year && c.Kind == kind);
            await counter.ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
            sequence = await counter.Select(c => c.Last).SingleAsync(ct);
        }

        var number = DocumentNumber.Format(agency.CaseNumberPrefix, kind, year, sequence);

        var content = DocumentTemplates.Build(kind, facts, number);
        var rendered = renderer.Render(content, now);
        var pdf = await StoreAsync(db, rendered.Pdf, "application/pdf", $"{number}.pdf", agencyId, actor, now, ct);
        var docx = await StoreAsync(db, rendered.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{number}.docx", agencyId, actor, now, ct);
        var seal = seals.For(agency.Code);
        var signature = seal.Sign(AgencySeals.SignedMessage(pdf.Sha256));

        var document = new IssuedDocument
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agencyId,
            CaseId = caseId,
            Kind = kind,
            Year = year,
            Sequence = sequence,
            Number = number,
            Title = kind.Title(),
            PdfSha256 = pdf.Sha256,
            PdfSm3 = pdf.Sm3,
            PdfSize = pdf.Size,
            DocxSha256 = docx.Sha256,
            DocxSm3 = docx.Sm3,
            DocxSize = docx.Size,
            SealSignature = signature,
            SealKeyId = seal.KeyId,
            IssuedAtUtc = now,
            IssuedBy = actor.AccountId,
        };
        db.Add(document);
        // Recorded last, so that it is the last leaf of this unit of work (its index is read back below).
        db.Record(new LedgerEvent(LedgerKind, caseId, agencyId, actor.AccountId, actor.Role, new JsonObject
        {
            ["document"] = document.Id.ToString(),
            ["number"] = number,
            ["kind"] = kind.ToString(),
            ["title"] = document.Title,
            ["pdf"] = new JsonObject { ["sha256"] = pdf.Sha256, ["sm3"] = pdf.Sm3, ["size"] = pdf.Size },
            ["docx"] = new JsonObject { ["sha256"] = docx.Sha256, ["sm3"] = docx.Sm3, ["size"] = docx.Size },
            ["seal"] = new JsonObject
            {
                ["alg"] = "SM2-SM3",
                ["key"] = seal.VerifierKey,
                ["signed"] = "sha256(pdf)",
                ["signature"] = Convert.ToBase64String(signature),
            },
        }, IsPublic: true));

        try
        {
            await db.SaveChangesAsync(ct);
            var size = await db.LedgerState.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Size).SingleAsync(ct);
            await db.Set<IssuedDocument>().Where(d => d.Id == document.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LedgerIndex, size - 1), ct);
            // Written above, so the tracked row stays unchanged (setting only the current value would make it an update).
            var index = db.Entry(document).Property(d => d.LedgerIndex);
            index.OriginalValue = size - 1;
            index.CurrentValue = size - 1;
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }
        catch
        {
            // Nothing of this issue may stay tracked: a retry with the same context must not write it twice.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity == document || (e.Entity is BlobRecord && e.State == EntityState.Added)).ToList())
            {
                entry.State = EntityState.Detached;
            }

            throw;
        }

        return new DocumentIssueResult(document, []);
    }

    /// <summary>
    /// Makes sure the counter row exists before the issuing transaction (when the caller has none): an idempotent insert
    /// (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike), so that two first issuers of a year do not both insert it.
    /// </summary>
    private static async Task EnsureCounterAsync(SanxiangDbContext db, Guid agencyId, int year, DocumentKind kind, CancellationToken ct)
    {
        var exists = await db.Set<DocumentCounter>().AsNoTracking().AnyAsync(c => c.AgencyId == agencyId && c.Year == year && c.Kind == kind, ct);
        if (!exists)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"DocumentCounters\" (\"AgencyId\", \"Year\", \"Kind\", \"Last\") VALUES ({agencyId}, {year}, {kind.ToString()}, 0) ON CONFLICT DO NOTHING", ct);
        }
    }

    private async Task<StoredBlob> StoreAsync(SanxiangDbContext db, byte[] content, string mediaType, string name, Guid agencyId, DocumentActor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        using var stream = new MemoryStream(content, writable: false);
        var stored = await blobs.PutAsync(stream, content.LongLength, ct);
        if (await db.Blobs.FindAsync([stored.Sha256, agencyId], ct) is null)
        {
            db.Blobs.Add(new BlobRecord
            {
                Sha256 = stored.Sha256,
                Sm3 = stored.Sm3,
                Size = stored.Size,
                MediaType = mediaType,
                OriginalName = name,
                StoredAtUtc = now,
                StoredBy = actor.AccountId,
                AgencyId = agencyId,
            });
        }

        return stored;
    }

    /// <summary>Lower-case hex SHA-256, as documents and blobs are addressed.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
