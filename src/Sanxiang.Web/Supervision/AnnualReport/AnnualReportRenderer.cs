using QRCoder;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Supervision.AnnualReport;
using Sanxiang.Core.Tabular;
using Sanxiang.Web.Documents;
using Report = Sanxiang.Core.Supervision.AnnualReport.AnnualReport;

namespace Sanxiang.Web.Supervision.AnnualReport;

/// <summary>
/// 行政执法数据年度报告 as DOCX and PDF (the case documents' renderers and fonts, as the patrol report) and its figures as
/// .xlsx (the tabular engine's writer). A published version is drawn from its frozen snapshot and its QR code points to
/// its portal page; a draft from the figures computed now, pointing to the workbench page.
/// </summary>
public sealed class AnnualReportRenderer(DocumentFonts fonts, TimeProvider clock, IHttpContextAccessor http)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static DocumentContent Content(Report report, AnnualFigures figures)
    {
        ArgumentNullException.ThrowIfNull(report);
        return AnnualReportDocument.Build(figures, new AnnualCommentary(report.WorkSummary, report.Problems, report.NextSteps), report.Version, report.Status,
            report.PublishedOn, report.CorrectionReason);
    }

    public byte[] Docx(DocumentContent content, string path) => DocumentDocx.Render(content, Print(path));

    /// <summary>Null when the server has no embeddable CJK font (the caller answers 503 in Chinese).</summary>
    public byte[]? Pdf(DocumentContent content, string path)
    {
        if (fonts.Faces is not { } faces)
        {
            return null;
        }

        DocumentPdf.UseFonts(faces.Body, faces.Title);
        return DocumentPdf.Render(content, Print(path), clock.GetUtcNow());
    }

    public static byte[] Xlsx(AnnualFigures figures)
    {
        using var buffer = new MemoryStream();
        AnnualReportDocument.Layout.Write(buffer, TabularFileFormat.Xlsx, AnnualReportDocument.Rows(figures));
        return buffer.ToArray();
    }

    /// <summary>The download's file name: 安和县市场监督管理局2025年度行政执法数据报告（第1版）.docx.</summary>
    public static string FileName(Report report, string extension) =>
        $"{AnnualReportDocument.Title(report.AgencyName, report.Year)}{(report.IsDraft ? "（草稿）" : $"（第{report.Version}版）")}.{extension}";

    public const string PdfUnavailable = "服务器上没有可嵌入 PDF 的中文 TrueType 字体，无法生成 PDF；请下载 DOCX，或由系统管理员安装 fonts-arphic-uming。";

    private DocumentPrint Print(string path)
    {
        var request = http.HttpContext?.Request;
        var root = request is not null ? $"{request.Scheme}://{request.Host}" : "http://127.0.0.1:5000";
        var url = root + path;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix.Select(row => row.Cast<bool>().ToArray()).ToArray();
        return new DocumentPrint(url, modules, new PngByteQRCode(data).GetGraphic(8));
    }
}
