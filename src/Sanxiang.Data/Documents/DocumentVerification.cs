using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Documents;

namespace Sanxiang.Data.Documents;

public enum DocumentVerdictKind
{
    /// <summary>The number was issued and the file (or hash) is the issued PDF or DOCX.</summary>
    Authentic,
    /// <summary>The number was issued, but the file is not what was issued: altered, or another document.</summary>
    Altered,
    /// <summary>No document with this number was issued on the platform.</summary>
    UnknownNumber,
    /// <summary>Only the number was given: it was issued; the file was not checked.</summary>
    NumberOnly,
}

/// <summary>
/// What the public may learn about an issued document: who issued what kind on which day, and whether a copy is the
/// issued one. Never the party, the case or the content (PUB-7): those are in the copy the person already holds.
/// </summary>
public sealed record DocumentVerdict(
    DocumentVerdictKind Kind,
    string Number,
    string? AgencyName,
    string? AgencyCode,
    string? Title,
    DateOnly? IssuedOn,
    long? LedgerIndex,
    string? MatchedFormat,
    bool SignatureValid,
    string? PdfSha256,
    string? SealKey);

/// <summary>The check behind <c>/verify/document</c> and <c>/api/v1/documents/verify</c>: public, so it reads through an explicit projection.</summary>
public static class DocumentVerification
{
    public static async Task<DocumentVerdict> VerifyAsync(SanxiangDbContext db, AgencySeals seals, string number, string? sha256, CancellationToken ct = default)
    {
        var issued = await db.IssuedDocuments.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Number == number)
            .Join(db.Agencies, d => d.AgencyId, a => a.Id, (d, a) => new
            {
                d.Title, d.Kind, d.IssuedAtUtc, d.LedgerIndex, d.PdfSha256, d.DocxSha256, d.SealSignature, d.SealKeyId, AgencyName = a.Name, AgencyCode = a.Code,
            })
            .ToListAsync(ct);
        if (issued.Count == 0)
        {
            return new DocumentVerdict(DocumentVerdictKind.UnknownNumber, number, null, null, null, null, null, null, false, null, null);
        }

        // One number, one document; should two agencies ever share a prefix, the hash tells which one is meant.
        var match = sha256 is null ? null : issued.FirstOrDefault(d => d.PdfSha256 == sha256 || d.DocxSha256 == sha256);
        var d = match ?? issued[0];
        var key = seals.PublicKey(d.AgencyCode);
        var signatureValid = key is not null && key.KeyId == (uint)d.SealKeyId && key.Verify(AgencySeals.SignedMessage(d.PdfSha256), d.SealSignature);
        var kind = sha256 is null ? DocumentVerdictKind.NumberOnly : match is null ? DocumentVerdictKind.Altered : DocumentVerdictKind.Authentic;
        var format = match is null ? null : match.PdfSha256 == sha256 ? "PDF" : "DOCX";
        return new DocumentVerdict(kind, number, d.AgencyName, d.AgencyCode, d.Title, Core.ChinaTime.DateOf(d.IssuedAtUtc), d.LedgerIndex, format,
            signatureValid, kind == DocumentVerdictKind.Authentic ? d.PdfSha256 : null, key?.VerifierKey);
    }

    /// <summary>A SHA-256 as a person pastes it: hex, any case, spaces and colons ignored; null when it is not one.</summary>
    public static string? NormaliseSha256(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var hex = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != ':')]).ToLowerInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    public static string Headline(DocumentVerdictKind kind) => kind switch
    {
        DocumentVerdictKind.Authentic => "真实：与本平台出具的文书一致",
        DocumentVerdictKind.Altered => "不一致：该文件不是本平台以此编号出具的文书",
        DocumentVerdictKind.UnknownNumber => "查无此文书编号",
        DocumentVerdictKind.NumberOnly => "该编号的文书已由本平台出具",
    };

    /// <summary>The title of a kind for the public, without revealing anything of the case.</summary>
    public static string KindTitle(DocumentKind kind) => kind.Title();
}
