namespace Sanxiang.Core.Documents;

/// <summary>
/// What the printed copy carries besides the content: where anyone can verify it (the public page for its number) and
/// that address as a QR code, both as modules (drawn as vectors in the PDF) and as a PNG (embedded in the DOCX).
/// Made by the web layer, which knows the public address and owns the QR encoder.
/// </summary>
public sealed record DocumentPrint(string VerifyUrl, bool[][] QrModules, byte[] QrPng)
{
    /// <summary>The address as printed for a person to type: the number in Chinese, not percent-encoded.</summary>
    public string DisplayUrl => Uri.UnescapeDataString(VerifyUrl);
}

/// <summary>The measurements both renderers share: A4, the margins and type sizes of GB/T 9704-2012 as the provincial formats apply them.</summary>
public static class DocumentPage
{
    public const double WidthMm = 210;
    public const double HeightMm = 297;
    public const double TopMm = 37;
    public const double BottomMm = 35;
    public const double LeftMm = 28;
    public const double RightMm = 26;

    /// <summary>二号 for the agency name and the title (小标宋 in the formats).</summary>
    public const double TitlePt = 22;

    /// <summary>三号 for the body (仿宋 in the formats).</summary>
    public const double BodyPt = 16;

    /// <summary>四号 in framed forms.</summary>
    public const double GridPt = 14;

    /// <summary>小四 in tables.</summary>
    public const double TablePt = 12;

    /// <summary>Fixed line spacing of the body: 28 pt (“固定值 28 磅”).</summary>
    public const double BodyLinePt = 28;

    public static double Points(double mm) => mm * 72 / 25.4;
}
