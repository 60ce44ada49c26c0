using Microsoft.Extensions.Options;
using Sanxiang.Core.Documents;
using SkiaSharp;

namespace Sanxiang.Web.Documents;

/// <summary>Where the PDF renderer looks for its fonts (configuration section <c>Documents</c>).</summary>
public sealed class DocumentSettings
{
    /// <summary>The body face (宋体/仿宋 style), a TrueType .ttf or .ttc, e.g. /usr/share/fonts/truetype/arphic/uming.ttc.</summary>
    public string? BodyFontFile { get; set; }

    /// <summary>The title face (黑体/小标宋 style); when not found, the body face is used in simulated bold.</summary>
    public string? TitleFontFile { get; set; }

    /// <summary>Folders to search when the files are not set (default: the usual font folders).</summary>
    public string[]? FontDirectories { get; set; }
}

/// <summary>The two faces found for the PDF, as standalone TrueType fonts, and where they came from.</summary>
public sealed record DocumentFontFaces(byte[] Body, byte[] Title, string Description);

/// <summary>
/// Finds TrueType CJK fonts for the PDF, once per process. PDFsharp embeds TrueType (glyf) outlines only, so the Noto
/// CJK fonts (CFF) most Linux machines have are skipped; Debian's fonts-arphic-uming (AR PL UMing, a Ming/Song face) and
/// fonts-wqy-zenhei (WenQuanYi Zen Hei, a Hei face) are what test.sh installs, and Windows' SimSun/SimHei/FangSong are
/// preferred where present. Null when there is none: issuing then fails with a clear message rather than printing tofu.
/// </summary>
public sealed class DocumentFonts(IOptions<DocumentSettings> options, ILogger<DocumentFonts> logger)
{
    public static readonly IReadOnlyList<string> BodyFamilies =
        ["FangSong", "仿宋", "SimSun", "宋体", "AR PL UMing CN", "AR PL SungtiL GB", "AR PL UMing TW", "Droid Sans Fallback", "WenQuanYi Zen Hei"];

    public static readonly IReadOnlyList<string> TitleFamilies =
        ["SimHei", "黑体", "WenQuanYi Zen Hei", "Microsoft YaHei", "Droid Sans Fallback"];

    /// <summary>Characters every document has; a face without them is not a Chinese font.</summary>
    private const string Probe = "行政处罚决定书当事人违法事实证据罚款复议诉讼〔〕号";

    private static readonly string[] FontExtensions = [".ttc", ".ttf"];

    private readonly Lazy<DocumentFontFaces?> _found = new(() => Find(options.Value, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public DocumentFontFaces? Faces => _found.Value;

    private sealed record Face(string File, int Index, string Family);

    private static DocumentFontFaces? Find(DocumentSettings settings, ILogger logger)
    {
        var candidates = new List<Face>();
        foreach (var file in new[] { settings.BodyFontFile, settings.TitleFontFile }.Where(f => !string.IsNullOrWhiteSpace(f) && File.Exists(f)))
        {
            candidates.AddRange(FacesIn(file!));
        }

        var configured = candidates.Count > 0;
        if (!configured)
        {
            var search = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 };
            candidates.AddRange((settings.FontDirectories ?? StandardDirectories().ToArray()).Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*", search))
                .Where(f => FontExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).Take(20_000)
                .SelectMany(FacesIn));
        }

        var body = Choose(configured && settings.BodyFontFile is { } b ? candidates.Where(c => c.File == b).ToList() : candidates, BodyFamilies, out var bodyFace);
        if (body is null)
        {
            logger.LogWarning("No TrueType CJK font found for case documents (Documents:BodyFontFile); install fonts-arphic-uming.");
            return null;
        }

        var title = Choose(configured && settings.TitleFontFile is { } t ? candidates.Where(c => c.File == t).ToList() : candidates, TitleFamilies, out var titleFace);
        var description = $"正文 {bodyFace!.Family}（{bodyFace.File}），标题 {(title is null ? bodyFace.Family + "（加粗）" : $"{titleFace!.Family}（{titleFace.File}）")}";
        logger.LogInformation("Case documents use {Fonts}", description);
        return new DocumentFontFaces(body, title ?? body, description);
    }

    private static byte[]? Choose(List<Face> faces, IReadOnlyList<string> families, out Face? chosen)
    {
        foreach (var face in faces.OrderBy(f => Rank(f.Family, families)).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Index))
        {
            if (Rank(face.Family, families) == int.MaxValue && families != BodyFamilies)
            {
                break; // A title face must be one of the Hei families; otherwise the body face in bold.
            }

            if (!Covers(face))
            {
                continue;
            }

            var bytes = TrueTypeFace.Extract(File.ReadAllBytes(face.File), face.Index, out _);
            if (bytes is not null)
            {
                chosen = face;
                return bytes;
            }
        }

        chosen = null;
        return null;
    }

    private static int Rank(string family, IReadOnlyList<string> families)
    {
        for (var i = 0; i < families.Count; i++)
        {
            if (string.Equals(families[i], family, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static IEnumerable<Face> FacesIn(string file)
    {
        for (var index = 0; index < 16; index++)
        {
            using var typeface = SKTypeface.FromFile(file, index);
            if (typeface is null)
            {
                yield break;
            }

            yield return new Face(file, index, typeface.FamilyName);
        }
    }

    private static bool Covers(Face face)
    {
        using var typeface = SKTypeface.FromFile(face.File, face.Index);
        if (typeface is null)
        {
            return false;
        }

        using var font = new SKFont(typeface, 12);
        return font.ContainsGlyphs(Probe);
    }

    private static IEnumerable<string> StandardDirectories()
    {
        yield return "/usr/share/fonts/truetype";
        yield return "/usr/share/fonts";
        yield return "/usr/local/share/fonts";
        yield return Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        yield return "/Library/Fonts";
    }
}
