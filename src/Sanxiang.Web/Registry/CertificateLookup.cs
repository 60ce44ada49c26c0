using Microsoft.EntityFrameworkCore;
using QRCoder;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Registry;

/// <summary>What the public verification page says about a certificate number on a day (PUB-4).</summary>
public sealed record CertificateVerdict(string Number, CertificateVerdictKind Kind, PublicOfficer? Officer, string? AgencyName, string? AgencyCode);

public enum CertificateVerdictKind
{
    /// <summary>In an agency's list in force today, valid today.</summary>
    Valid,
    Expired,
    Suspended,
    Revoked,
    /// <summary>Listed once, but in no list in force today (the officer left, or the certificate was replaced).</summary>
    NoLongerListed,
    /// <summary>Never listed in this county.</summary>
    Unknown,
}

/// <summary>The certificate check behind <c>/verify/certificate/{number}</c>, its QR codes and its rate limit.</summary>
public static class CertificateLookup
{
    /// <summary>Requests counted by the look-up rate limit: the page for a number and its QR codes.</summary>
    public static bool IsLookup(PathString path) =>
        (path.StartsWithSegments("/verify/certificate", out var rest) && rest.HasValue && rest.Value!.Length > 1)
        || path.StartsWithSegments("/api/v1/registry/certificates");

    /// <summary>The verdict in a few words, as the page's headline says it.</summary>
    public static string Headline(CertificateVerdictKind kind) => kind switch
    {
        CertificateVerdictKind.Valid => "有效",
        CertificateVerdictKind.Expired => "已过期，不能执法",
        CertificateVerdictKind.Suspended => "已暂扣，不能执法",
        CertificateVerdictKind.Revoked => "已注销，不能执法",
        CertificateVerdictKind.NoLongerListed => "不在现行公示名单中",
        CertificateVerdictKind.Unknown => "查无此证",
    };

    public static async Task<CertificateVerdict> VerifyAsync(SanxiangDbContext db, string number, DateOnly today, CancellationToken ct = default)
    {
        number = number.Trim();
        var officer = await db.OfficerEntriesInForce(today)
            .Where(o => o.CertificateNumber == number)
            .Select(o => new PublicOfficer(o.OfficerId, o.AgencyId, o.Name, o.CertificateNumber, o.Issuer, o.Fields, o.ValidFrom, o.ValidTo, o.Status, o.IsReviewer))
            .FirstOrDefaultAsync(ct);
        if (officer is null)
        {
            var listedBefore = await db.OfficerEntries.IgnoreQueryFilters().AsNoTracking()
                .AnyAsync(o => o.CertificateNumber == number && db.RegistryVersions.Any(v => v.Id == o.VersionId && v.Status == VersionStatus.Approved), ct);
            return new CertificateVerdict(number, listedBefore ? CertificateVerdictKind.NoLongerListed : CertificateVerdictKind.Unknown, null, null, null);
        }

        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == officer.AgencyId).Select(a => new { a.Name, a.Code }).FirstAsync(ct);
        var kind = officer.EffectiveStatus(today) switch
        {
            CertificateStatus.Valid when officer.ValidFrom > today => CertificateVerdictKind.Expired,
            CertificateStatus.Valid => CertificateVerdictKind.Valid,
            CertificateStatus.Expired => CertificateVerdictKind.Expired,
            CertificateStatus.Suspended => CertificateVerdictKind.Suspended,
            CertificateStatus.Revoked => CertificateVerdictKind.Revoked,
        };
        return new CertificateVerdict(number, kind, officer, agency.Name, agency.Code);
    }

    /// <summary>The absolute address of a certificate's verification page, for its QR code.</summary>
    public static string PageUrl(HttpRequest request, IConfiguration configuration, string number)
    {
        var configured = configuration["Portal:PublicBaseUrl"];
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
        return $"{root}/verify/certificate/{Uri.EscapeDataString(number)}";
    }

    public static byte[] QrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(10);
    }

    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(10);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/verify/certificate/{number}/qr.png", (string number, HttpContext http, IConfiguration configuration) =>
            RegistryRules.CheckCertificateNumber(number) is { } bad
                ? Results.Problem(Problems.Create(http, 400, detail: bad))
                : Results.File(QrPng(PageUrl(http.Request, configuration, number)), "image/png"))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/verify/certificate/{number}/qr.svg", (string number, HttpContext http, IConfiguration configuration) =>
            RegistryRules.CheckCertificateNumber(number) is { } bad
                ? Results.Problem(Problems.Create(http, 400, detail: bad))
                : Results.Text(QrSvg(PageUrl(http.Request, configuration, number)), "image/svg+xml", System.Text.Encoding.UTF8))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
