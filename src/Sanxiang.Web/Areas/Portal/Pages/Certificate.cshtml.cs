using Sanxiang.Web.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data;

namespace Sanxiang.Web.Areas.Portal.Pages;

/// <summary>
/// 执法证件核验 (PUB-4): whether a certificate is valid today, for whom and for which fields — one glance, for a citizen
/// at the door holding a phone to the certificate's QR code. Rate-limited per address against enumeration.
/// </summary>
public sealed class CertificateModel(SanxiangDbContext db, TimeProvider clock) : PageModel
{
    public CertificateVerdict? Verdict { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? number, [FromQuery(Name = "number")] string? queryNumber)
    {
        Today = ChinaTime.Today(clock);
        if (number is null && !string.IsNullOrWhiteSpace(queryNumber))
        {
            // The search form submits ?number=…; the page for a number has one address (the one the QR code holds).
            return Redirect($"/verify/certificate/{Uri.EscapeDataString(queryNumber.Trim())}");
        }

        if (number is null)
        {
            return Page();
        }

        if (RegistryRules.CheckCertificateNumber(number) is { } bad)
        {
            Error = bad;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Verdict = await CertificateLookup.VerifyAsync(db, number, Today, HttpContext.RequestAborted);
        if (Verdict.Kind is CertificateVerdictKind.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
