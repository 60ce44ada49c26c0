using QRCoder;
using Sanxiang.Core.Documents;
using Sanxiang.Data.Documents;

namespace Sanxiang.Web.Documents;

/// <summary>
/// Renders documents for <see cref="DocumentIssuer"/>: the fonts found by <see cref="DocumentFonts"/>, and on every page a
/// QR code of the public verification page for the document's number (<c>Portal:PublicBaseUrl</c>, or the address of
/// the request that issues it).
/// </summary>
public sealed class DocumentRenderer(DocumentFonts fonts, IConfiguration configuration, IHttpContextAccessor http) : IDocumentRenderer
{
    public RenderedDocument Render(DocumentContent content, DateTimeOffset issuedAtUtc)
    {
        var faces = fonts.Faces ?? throw new InvalidOperationException(
            "服务器上没有可嵌入 PDF 的中文 TrueType 字体，无法出具文书。请安装 fonts-arphic-uming（或配置 Documents:BodyFontFile）。");
        DocumentPdf.UseFonts(faces.Body, faces.Title);
        var url = VerifyUrl(content.Number);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        // QRCoder's matrix includes the quiet zone (4 modules each side), which the printed code needs.
        var modules = data.ModuleMatrix.Select(row => row.Cast<bool>().ToArray()).ToArray();
        var print = new DocumentPrint(url, modules, new PngByteQRCode(data).GetGraphic(8));
        return new RenderedDocument(DocumentPdf.Render(content, print, issuedAtUtc), DocumentDocx.Render(content, print));
    }

    public string VerifyUrl(string number)
    {
        var configured = configuration["Portal:PublicBaseUrl"];
        var request = http.HttpContext?.Request;
        var root = !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/')
            : request is not null ? $"{request.Scheme}://{request.Host}"
            : "http://127.0.0.1:5000";
        return $"{root}/verify/document/{Uri.EscapeDataString(number)}";
    }
}
