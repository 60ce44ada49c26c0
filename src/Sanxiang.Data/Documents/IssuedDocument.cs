using Sanxiang.Core.Documents;
using Sanxiang.Core.Registry;

namespace Sanxiang.Data.Documents;

/// <summary>
/// A document as issued (REC-2): its number, the hashes of the two files (stored in the blob store), the agency's
/// electronic seal (an SM2 signature over the PDF's SHA-256) and the index of its record in the log. Never changes:
/// a wrong document is corrected by issuing a new one.
/// </summary>
public sealed class IssuedDocument : IAgencyOwned
{
    public Guid Id { get; set; }
    public Guid AgencyId { get; set; }

    /// <summary>The case it belongs to (a plain column until case handling adds its table and the foreign key).</summary>
    public Guid? CaseId { get; set; }

    public DocumentKind Kind { get; set; }

    /// <summary>The year of the number (the issue year in China Standard Time).</summary>
    public int Year { get; set; }

    /// <summary>The place in the agency's sequence for this kind and year: 1, 2, 3 … without gaps.</summary>
    public int Sequence { get; set; }

    /// <summary>文书字号, e.g. 安市监罚〔2026〕15号.</summary>
    public required string Number { get; set; }

    public required string Title { get; set; }

    /// <summary>Lower-case hex SHA-256 of the PDF: its address in the blob store and what the seal signs.</summary>
    public required string PdfSha256 { get; set; }

    /// <summary>Lower-case hex SM3 of the PDF (GB/T 32905).</summary>
    public required string PdfSm3 { get; set; }

    public long PdfSize { get; set; }

    public required string DocxSha256 { get; set; }
    public required string DocxSm3 { get; set; }
    public long DocxSize { get; set; }

    /// <summary>SM2-with-SM3 signature (DER, as BouncyCastle writes it) over the 32 bytes of SHA-256(PDF).</summary>
    public required byte[] SealSignature { get; set; }

    /// <summary>The signed-note key ID of the agency's seal key that made <see cref="SealSignature"/>.</summary>
    public long SealKeyId { get; set; }

    public DateTimeOffset IssuedAtUtc { get; set; }
    public Guid? IssuedBy { get; set; }

    /// <summary>The index of the <c>document-issued</c> record in the log.</summary>
    public long? LedgerIndex { get; set; }
}

/// <summary>
/// The last number given for an agency, year and kind. Incremented in the transaction that inserts the document, so a
/// rolled-back issue gives its number back (no gap) and two issuers cannot read the same value (no duplicate).
/// </summary>
public sealed class DocumentCounter
{
    public Guid AgencyId { get; set; }
    public int Year { get; set; }
    public DocumentKind Kind { get; set; }
    public int Last { get; set; }
}

public static class IssuedDocumentQueries
{
    /// <summary>The decision documents (行政处罚决定书, 不予行政处罚决定书) among <paramref name="documents"/>, as the database can filter them.</summary>
    public static IQueryable<IssuedDocument> Decisions(this IQueryable<IssuedDocument> documents) =>
        documents.Where(d => d.Kind == DocumentKind.PenaltyDecision || d.Kind == DocumentKind.NoPenaltyDecision);
}
