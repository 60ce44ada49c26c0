using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using static Microsoft.Playwright.Assertions;

namespace Sanxiang.E2E;

/// <summary>
/// The case page's evidence and documents in the browser: an officer uploads a photo through the page's form (REC-3),
/// sees it in the gallery with its capture metadata and hashes, views it (a recorded read, REC-4); a file that is not
/// what it claims is refused in Chinese and nothing appears; someone who is not an officer of the case cannot upload.
/// A document issued on the case is previewed inline, and the QR code printed on its PDF leads to the public check,
/// which finds the downloaded file genuine and a different hash not.
/// </summary>
public sealed class CaseEvidenceTests(E2EFixture fixture)
{
    [Fact]
    public async Task An_officer_uploads_a_photo_from_the_case_page_and_the_gallery_shows_it_with_its_metadata()
    {
        var officer = await fixture.SignedInAsync("scjg.officer");
        var problems = await PageProblems.WatchAsync(officer);
        var caseUrl = await OpenCaseAsync(officer, "涉嫌销售过期食品案");

        var photo = Picture(160, 120);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        var form = officer.GetByTestId("evidence-upload");
        await Expect(form.GetByTestId("evidence-camera")).ToHaveAttributeAsync("capture", "environment");
        await Expect(form.GetByTestId("evidence-camera")).ToHaveAttributeAsync("accept", "image/*,video/*,audio/*,application/pdf");
        await form.Locator("input[name=title]").FillAsync("店内货架现场照片");
        await form.Locator("input[name=place]").FillAsync("安和县城关镇人民路168号店内");
        await form.Locator("textarea[name=proves]").FillAsync("当事人在店内货架陈列销售超过保质期的饼干 12 袋");
        await form.GetByTestId("evidence-file").SetInputFilesAsync(new FilePayload { Name = "IMG_20261127_093012.png", MimeType = "image/png", Buffer = photo });
        await form.GetByTestId("evidence-submit").ClickAsync();

        await Expect(officer).ToHaveURLAsync(new Regex(@"\?done=evidence#evidence-[0-9a-f-]{36}$"));
        await Expect(officer.GetByTestId("case-message")).ToContainTextAsync("证据已上传");
        var item = officer.GetByTestId("evidence-list").Locator("li.evidence-item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("店内货架现场照片");
        await Expect(item).ToContainTextAsync("安和县城关镇人民路168号店内");
        await Expect(item).ToContainTextAsync("超过保质期的饼干 12 袋");
        await Expect(item).ToContainTextAsync("照片 · image/png");
        await Expect(item).ToContainTextAsync(Sanxiang.Web.Areas.Workbench.Pages.Cases.DetailModel.SizeText(photo.Length));
        await Expect(item).ToContainTextAsync($"SHA-256 {sha[..10]}…{sha[^6..]}");
        await Expect(item.Locator("summary").First).ToHaveAttributeAsync("title", $"SHA-256 {sha}");
        await Expect(item).ToContainTextAsync("采集人");
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", await item.Locator("dd").First.InnerTextAsync());
        // The gallery does not read the file by itself: no picture until the officer asks for it.
        await Expect(item.Locator("img")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(officer, "case-evidence-uploaded.png");

        await item.GetByTestId("evidence-show").ClickAsync();
        var image = officer.GetByTestId("evidence-image");
        await Expect(image).ToBeVisibleAsync();
        await officer.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=evidence-image]'); return i && i.complete && i.naturalWidth > 0; }");
        Assert.Equal(160, await image.EvaluateAsync<int>("i => i.naturalWidth"));
        await fixture.ScreenshotAsync(officer, "case-evidence-viewed.png");
        await officer.GotoAsync(caseUrl);
        await Expect(officer.GetByTestId("case-timeline")).ToContainTextAsync($"调阅证据文件（SHA-256 {sha[..12]}…）");

        // A file that is not what it claims: refused in Chinese, nothing stored, the form filled in again.
        form = officer.GetByTestId("evidence-upload");
        await form.Locator("input[name=title]").FillAsync("执法记录仪截图");
        await form.Locator("input[name=place]").FillAsync("安和县城关镇人民路168号店内");
        await form.Locator("textarea[name=proves]").FillAsync("现场检查过程");
        await form.GetByTestId("evidence-file").SetInputFilesAsync(new FilePayload
        {
            Name = "截图.jpg", MimeType = "image/jpeg", Buffer = Encoding.UTF8.GetBytes("这不是图片，是一段文字。" + Guid.NewGuid()),
        });
        await form.GetByTestId("evidence-submit").ClickAsync();
        var refusal = officer.GetByTestId("evidence-refusal");
        await Expect(refusal).ToContainTextAsync("未保存任何内容");
        await Expect(refusal).ToContainTextAsync("与声明的类型 image/jpeg 不符");
        await Expect(officer.GetByTestId("evidence-upload").Locator("input[name=title]")).ToHaveValueAsync("执法记录仪截图");
        await fixture.ScreenshotAsync(officer, "case-evidence-refused.png");

        // A real picture declared as a video: refused by the kind chosen.
        form = officer.GetByTestId("evidence-upload");
        await form.Locator("select[name=kind]").SelectOptionAsync("Video");
        await form.GetByTestId("evidence-file").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Picture(40, 30) });
        await form.GetByTestId("evidence-submit").ClickAsync();
        await Expect(officer.GetByTestId("evidence-refusal")).ToContainTextAsync("所选证据类别是“录像”，但所选文件的内容是PNG 图片");

        await officer.GotoAsync(caseUrl);
        await Expect(officer.GetByTestId("evidence-list").Locator("li.evidence-item")).ToHaveCountAsync(1);
        await problems.CollectCspViolationsAsync(officer);
        // The two refusals answer 415 on purpose; nothing else may go wrong (CSP, failed requests, script errors).
        Assert.DoesNotContain(problems.Problems, p => !p.Contains("415", StringComparison.Ordinal));

        // Not an officer of the case: no form, and the upload address refuses.
        var reviewer = await fixture.SignedInAsync("scjg.reviewer");
        await reviewer.GotoAsync(caseUrl);
        await Expect(reviewer.GetByTestId("evidence-list")).ToBeVisibleAsync();
        await Expect(reviewer.GetByTestId("evidence-upload")).ToHaveCountAsync(0);
        var refused = await reviewer.GotoAsync(caseUrl + "/evidence");
        Assert.Equal(403, refused?.Status);
        await Expect(reviewer.GetByTestId("evidence-refusal")).ToContainTextAsync("证据只能由本案承办人员采集上传");

        // On a phone: the gallery and the form in one column, no sideways scrolling.
        await using var phone = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var mobile = await phone.NewPageAsync();
        await fixture.SignInAsync(mobile, "scjg.officer");
        await mobile.GotoAsync(caseUrl + "#evidence");
        await Expect(mobile.GetByTestId("evidence-upload")).ToBeVisibleAsync();
        var width = await mobile.EvaluateAsync<int>("document.documentElement.scrollWidth");
        // What sticks out, should anything: named in the failure.
        var wide = await mobile.EvaluateAsync<string>("""
            () => 'inner ' + window.innerWidth + ' ' + [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 || e.scrollWidth > 391)
                .slice(0, 12).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth).join('; ')
            """);
        await fixture.ScreenshotAsync(mobile, "case-evidence-mobile-full.png");
        Assert.True(width <= 390, $"页面宽度 {width}px 超出手机屏幕：{wide}");
        await mobile.Locator("#evidence").ScrollIntoViewIfNeededAsync();
        await mobile.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ArtifactsDirectory, "case-evidence-mobile.png") });
        await mobile.GetByTestId("evidence-upload").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(fixture.ArtifactsDirectory, "case-evidence-form-mobile.png") });
    }

    [Fact]
    public async Task The_QR_code_on_an_issued_PDF_leads_to_its_public_check_which_finds_the_file_genuine_and_another_hash_not()
    {
        var officer = await fixture.SignedInAsync("scjg.officer");
        var problems = await PageProblems.WatchAsync(officer);
        await OpenCaseAsync(officer, "涉嫌未按规定公示食品经营许可证案");
        var issue = officer.GetByTestId("issue-document");
        await issue.Locator("select[name=kind]").SelectOptionAsync("RegistrationApproval");
        await issue.Locator("button[type=submit]").ClickAsync();
        await Expect(officer.GetByTestId("case-message")).ToContainTextAsync("文书已出具");
        var row = officer.GetByTestId("case-documents").Locator("tbody tr").First;
        var number = (await row.Locator("td[data-label=文号]").InnerTextAsync()).Trim();
        Assert.Matches(@"^安市监立〔\d{4}〕\d+号$", number);

        // Preview: the PDF inline in a frame of the case page, which the browser is allowed to show.
        await row.GetByText("预览").ClickAsync();
        var frame = officer.GetByTestId("document-preview-frame");
        await Expect(frame).ToBeVisibleAsync();
        var inlineUrl = await frame.GetAttributeAsync("src");
        Assert.EndsWith(".pdf?inline=true", inlineUrl, StringComparison.Ordinal);
        var inline = await officer.Context.APIRequest.GetAsync(inlineUrl!);
        Assert.Equal(200, inline.Status);
        Assert.Equal("application/pdf", inline.Headers["content-type"]);
        Assert.StartsWith("inline;", inline.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", inline.Headers["x-frame-options"]);
        Assert.Contains("frame-ancestors 'self'", inline.Headers["content-security-policy"], StringComparison.Ordinal);
        await officer.WaitForLoadStateAsync(LoadState.Load);
        await fixture.ScreenshotAsync(officer, "case-document-preview.png");
        await problems.CollectCspViolationsAsync(officer);
        Assert.Empty(problems.Problems);

        // Download the PDF through the row's link with the officer's session (an attachment, so the browser saves it), and
        // read the QR code drawn on its first page. (Waiting for Chromium's download event after the inline preview proved
        // flaky: about one run in three never reported it.)
        var href = await row.GetByText("下载 PDF").GetAttributeAsync("href");
        var response = await officer.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("attachment;", response.Headers["content-disposition"], StringComparison.Ordinal);
        var pdf = await response.BodyAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var url = DecodeQr(pdf);
        Assert.StartsWith(fixture.BaseAddress.ToString().TrimEnd('/') + "/verify/document/", url, StringComparison.Ordinal);
        Assert.Equal(number, Uri.UnescapeDataString(url[(url.LastIndexOf('/') + 1)..]));

        // A member of the public follows it: the number is known; the downloaded file is genuine; another hash is not.
        await using var publicContext = await fixture.NewContextAsync();
        var visitor = await publicContext.NewPageAsync();
        await visitor.GotoAsync(url);
        var verdict = visitor.GetByTestId("verdict");
        await Expect(verdict).ToContainTextAsync("该编号的文书已由本平台出具");
        await Expect(verdict).ToContainTextAsync(number);

        var file = Path.Combine(fixture.ArtifactsDirectory, "issued-document.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        await visitor.Locator("#file").SetInputFilesAsync(file);
        await visitor.GetByTestId("verify-form").Locator("button[type=submit]").ClickAsync();
        verdict = visitor.GetByTestId("verdict");
        await Expect(verdict).ToHaveAttributeAsync("data-kind", "Authentic");
        await Expect(verdict).ToContainTextAsync("真实：与本平台出具的文书一致");
        await Expect(verdict).ToContainTextAsync(number);
        await Expect(verdict).ToContainTextAsync("有效（SM2 签名经出具机关公钥验证通过）");
        await fixture.ScreenshotAsync(visitor, "verify-document-genuine.png");

        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        var tampered = (sha[0] == '0' ? "1" : "0") + sha[1..];
        await visitor.GotoAsync(url);
        await visitor.Locator("#sha256").FillAsync(tampered);
        await visitor.GetByTestId("verify-form").Locator("button[type=submit]").ClickAsync();
        verdict = visitor.GetByTestId("verdict");
        await Expect(verdict).ToHaveAttributeAsync("data-kind", "Altered");
        await Expect(verdict).ToContainTextAsync("不一致：该文件不是本平台以此编号出具的文书");
        await Expect(verdict).ToContainTextAsync(number);
        await fixture.ScreenshotAsync(visitor, "verify-document-altered.png");
    }

    /// <summary>
    /// The QR code of the first page: the PDF draws it as filled black squares, one per dark module (decision 0008). The
    /// squares are put back on the module grid, rasterised with a quiet zone into 8-bit luminance and decoded by ZXing.
    /// </summary>
    private static string DecodeQr(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var squares = page.Paths
            .Where(p => p.IsFilled)
            .Select(p => p.GetBoundingRectangle())
            .Where(r => r is { } b && b.Width is > 0.5 and < 5 && Math.Abs(b.Width - b.Height) < 0.01)
            .Select(r => r!.Value)
            .ToList();
        Assert.True(squares.Count > 100, $"第一页上只找到 {squares.Count} 个二维码模块");

        // The squares are a hair wider than the module (no seams in print): the pitch is the smallest non-zero step between them.
        var lefts = squares.Select(s => s.Left).Distinct().Order().ToList();
        var pitch = lefts.Zip(lefts.Skip(1), (a, b) => b - a).Where(d => d > 0.1).Min();
        var left = squares.Min(s => s.Left);
        var top = squares.Max(s => s.Top);
        var modules = squares.Select(s => (Col: (int)Math.Round((s.Left - left) / pitch), Row: (int)Math.Round((top - s.Top) / pitch))).ToHashSet();
        var size = Math.Max(modules.Max(m => m.Col), modules.Max(m => m.Row)) + 1;

        const int scale = 6;
        const int quiet = 4;
        var side = (size + (2 * quiet)) * scale;
        var luminance = new byte[side * side];
        Array.Fill(luminance, (byte)255);
        foreach (var (col, row) in modules)
        {
            for (var y = 0; y < scale; y++)
            {
                Array.Fill(luminance, (byte)0, (((row + quiet) * scale) + y) * side + ((col + quiet) * scale), scale);
            }
        }

        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, side, side, RGBLuminanceSource.BitmapFormat.Gray8)));
        var result = new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true });
        Assert.NotNull(result);
        return result.Text;
    }

    /// <summary>A real PNG of <paramref name="width"/>×<paramref name="height"/> (a coloured gradient, unique per call): signature, IHDR, zlib IDAT, IEND.</summary>
    private static byte[] Picture(int width, int height)
    {
        var salt = RandomNumberGenerator.GetInt32(256);
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)(60 + (x * 160 / width)));
                raw.WriteByte((byte)(90 + (y * 120 / height)));
                raw.WriteByte((byte)((salt + (x ^ y)) & 0xFF));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream png, string type, byte[] data)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.Write(typed);
            BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
            png.Write(length);
        }

        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }

            return ~crc;
        }
    }

    /// <summary>Opens a case through the registration form (the officer and a colleague) and returns its address.</summary>
    private static async Task<string> OpenCaseAsync(IPage officer, string cause)
    {
        await officer.GotoAsync("/workbench/cases/new");
        var form = officer.GetByTestId("new-case-form");
        await form.Locator("select[name=ItemCode]").SelectOptionAsync("360736-SCJG-CF-001");
        await form.Locator("input[name=Cause]").FillAsync(cause);
        await form.Locator("select[name=Source]").SelectOptionAsync("监督检查");
        await form.Locator("input[name=OccurredOn]").FillAsync(E2EFixture.Day(-10));
        await form.Locator("input[name=PartyName]").FillAsync("安和县鲜丰农贸有限公司");
        await form.Locator("input[name=CreditCode]").FillAsync("91360736MA35R8QX11");
        await form.Locator("input[name=Representative]").FillAsync("王建华");
        await form.Locator("input[name=Address]").FillAsync("安和县城关镇人民路168号");
        await form.Locator("input[name=OfficerIds]").Nth(1).CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/workbench/cases/[0-9a-f-]{36}$"));
        return officer.Url;
    }
}
