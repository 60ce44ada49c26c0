using QRCoder;
using Sanxiang.Core.Documents;

namespace Sanxiang.Web.Documents;

/// <summary>
/// The print block (address and QR code) of an internal report: it points to the report's workbench page on the host the
/// request came to, since such reports (patrol, evaluation) are not published for verification on the portal.
/// </summary>
public static class WorkbenchPrint
{
    public static DocumentPrint For(HttpContext? context, string path)
    {
        var request = context?.Request;
        var root = request is not null ? $"{request.Scheme}://{request.Host}" : "http://127.0.0.1:5000";
        var url = root + path;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix.Select(row => row.Cast<bool>().ToArray()).ToArray();
        return new DocumentPrint(url, modules, new PngByteQRCode(data).GetGraphic(8));
    }
}
