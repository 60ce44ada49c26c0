using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Sanxiang.Core.Documents;
using Sanxiang.Data;
using Sanxiang.Data.Documents;
using Sanxiang.Web.Documents;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>
/// 执法文书核验 (REC-2): anyone holding a document — the party, a bank, a court — checks it by its number and either its
/// SHA-256 or the file itself, which the server hashes as it streams in (nothing is kept). Says who issued what on which day and
/// whether the copy is the issued one; never the party or the content. Rate-limited per address like certificate look-ups.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = DocumentVerifyLimits.MaxBytes + (64 * 1024))]
[RequestSizeLimit(DocumentVerifyLimits.MaxBytes + (64 * 1024))]
public sealed class VerifyDocumentModel(SanxiangDbContext db, AgencySeals seals) : PageModel
{
    public DocumentVerdict? Verdict { get; private set; }
    public string? Error { get; private set; }
    public string? Number { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? number, [FromQuery(Name = "number")] string? queryNumber)
    {
        if (number is null && !string.IsNullOrWhiteSpace(queryNumber))
        {
            return Redirect($"/verify/document/{Uri.EscapeDataString(queryNumber.Trim())}");
        }

        if (number is null)
        {
            return Page();
        }

        Number = DocumentNumber.Normalise(number, out var problem);
        if (Number is null)
        {
            Number = number;
            return Fail(problem!, StatusCodes.Status400BadRequest);
        }

        Verdict = await DocumentVerification.VerifyAsync(db, seals, Number, null, HttpContext.RequestAborted);
        if (Verdict.Kind == DocumentVerdictKind.UnknownNumber)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string? number, [FromForm(Name = "number")] string? formNumber,
        [FromForm(Name = "sha256")] string? sha256, IFormFile? file)
    {
        Number = DocumentNumber.Normalise(formNumber ?? number, out var problem);
        if (Number is null)
        {
            Number = formNumber ?? number;
            return Fail(problem!, StatusCodes.Status400BadRequest);
        }

        string? hash;
        if (file is { Length: > 0 })
        {
            if (file.Length > DocumentVerifyLimits.MaxBytes)
            {
                return Fail($"文件过大：核验的文件不超过 {DocumentVerifyLimits.MaxBytes / 1024 / 1024} MB。", StatusCodes.Status413PayloadTooLarge);
            }

            await using var stream = file.OpenReadStream();
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, HttpContext.RequestAborted));
        }
        else if (!string.IsNullOrWhiteSpace(sha256))
        {
            hash = DocumentVerification.NormaliseSha256(sha256);
            if (hash is null)
            {
                return Fail("SHA-256 格式不正确：应为 64 位十六进制字符（0-9、a-f）。", StatusCodes.Status400BadRequest);
            }
        }
        else
        {
            return Fail("请上传文书文件（PDF 或 Word），或粘贴文件的 SHA-256 值。", StatusCodes.Status400BadRequest);
        }

        Verdict = await DocumentVerification.VerifyAsync(db, seals, Number, hash, HttpContext.RequestAborted);
        Response.StatusCode = Verdict.Kind switch
        {
            DocumentVerdictKind.UnknownNumber => StatusCodes.Status404NotFound,
            DocumentVerdictKind.Altered => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    private PageResult Fail(string message, int status)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
