using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Sanxiang.Web.Workflow;

/// <summary>Where the PNG renderer looks for a CJK font (configuration section <c>FlowCharts</c>).</summary>
public sealed class FlowChartSettings
{
    /// <summary>One font file to use (.ttc/.otf/.ttf), e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc.</summary>
    public string? FontFile { get; set; }

    /// <summary>
    /// Folders to search for fonts. When set, only these are searched; when not, the platform's font manager is asked first,
    /// then the usual font folders of Linux, Windows and macOS.
    /// </summary>
    public string[]? FontDirectories { get; set; }
}

/// <summary>
/// Finds a Chinese font for the PNG charts, once per process. The Linux build of SkiaSharp we ship
/// (SkiaSharp.NativeAssets.Linux.NoDependencies) has no fontconfig, so its font manager knows no system fonts there: this
/// class reads font files itself, preferring the families the SVG names (Noto Sans CJK SC, Source Han Sans SC, Microsoft
/// YaHei), then any font that has Chinese glyphs. Null when there is none: the PNG endpoint then answers 503, never tofu.
/// </summary>
public sealed class ChartFonts(IOptions<FlowChartSettings> options, ILogger<ChartFonts> logger) : IDisposable
{
    public static readonly IReadOnlyList<string> PreferredFamilies =
    [
        "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "Noto Sans SC", "Source Han Sans CN", "PingFang SC",
        "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
    ];

    /// <summary>Characters every chart has; a face without them is not a Chinese font.</summary>
    private const string Probe = "行政执法流程图立案调查决定送达工作日";

    private static readonly string[] FontExtensions = [".ttc", ".otc", ".otf", ".ttf"];

    private readonly Lazy<ChartTypefaces?> found = new(() => Find(options.Value, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public ChartTypefaces? Typefaces => found.Value;

    public void Dispose()
    {
        if (found.IsValueCreated && found.Value is { } faces)
        {
            faces.Regular.Dispose();
            faces.Bold?.Dispose();
        }
    }

    private static ChartTypefaces? Find(FlowChartSettings settings, ILogger logger)
    {
        var result = FromFile(settings.FontFile) ?? (settings.FontDirectories is null ? FromFontManager() : null) ?? FromDirectories(settings.FontDirectories ?? StandardDirectories());
        if (result is null)
        {
            logger.LogWarning("No CJK font found for PNG flow charts (FlowCharts:FontFile, FlowCharts:FontDirectories); install fonts-noto-cjk.");
        }
        else
        {
            logger.LogInformation("PNG flow charts use {Font}", result.Description);
        }

        return result;
    }

    private static ChartTypefaces? FromFile(string? file)
    {
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
        {
            return null;
        }

        var faces = Faces(file).ToList();
        var choice = Choose(faces);
        return choice;
    }

    private static ChartTypefaces? FromFontManager()
    {
        var manager = SKFontManager.Default;
        foreach (var family in PreferredFamilies)
        {
            var regular = manager.MatchFamily(family, SKFontStyle.Normal);
            if (regular is null || !string.Equals(regular.FamilyName, family, StringComparison.OrdinalIgnoreCase) || !Covers(regular))
            {
                regular?.Dispose();
                continue;
            }

            var bold = manager.MatchFamily(family, SKFontStyle.Bold);
            if (bold is not null && (bold.FontWeight < 600 || !string.Equals(bold.FamilyName, family, StringComparison.OrdinalIgnoreCase)))
            {
                bold.Dispose();
                bold = null;
            }

            return new ChartTypefaces(regular, bold, $"{family}（系统字体管理器）");
        }

        return null;
    }

    private static ChartTypefaces? FromDirectories(IEnumerable<string> directories)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 };
        var files = directories.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", options))
            .Where(f => FontExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Take(20_000);
        return Choose([.. files.SelectMany(Faces)]);
    }

    private sealed record Face(string File, int Index, string Family, int Weight);

    /// <summary>Every face in a font file (a .ttc holds several), read and released again.</summary>
    private static IEnumerable<Face> Faces(string file)
    {
        for (var index = 0; index < 64; index++)
        {
            using var typeface = SKTypeface.FromFile(file, index);
            if (typeface is null)
            {
                yield break;
            }

            yield return new Face(file, index, typeface.FamilyName, typeface.FontWeight);
        }
    }

    private static ChartTypefaces? Choose(List<Face> faces)
    {
        foreach (var family in PreferredFamilies)
        {
            var ofFamily = faces.Where(f => string.Equals(f.Family, family, StringComparison.OrdinalIgnoreCase)).ToList();
            var regular = ofFamily.Where(f => f.Weight < 600).OrderBy(f => Math.Abs(f.Weight - 400)).FirstOrDefault();
            if (regular is not null && Load(regular) is { } typeface)
            {
                var bold = ofFamily.Where(f => f.Weight >= 600).OrderBy(f => Math.Abs(f.Weight - 700)).FirstOrDefault();
                return new ChartTypefaces(typeface, bold is null ? null : Load(bold), $"{regular.Family}（{regular.File}）");
            }
        }

        // No preferred family: any face that has Chinese glyphs (regular weight first).
        foreach (var face in faces.OrderBy(f => f.Weight >= 600).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Index))
        {
            if (Load(face) is { } typeface)
            {
                return new ChartTypefaces(typeface, null, $"{face.Family}（{face.File}）");
            }
        }

        return null;
    }

    private static SKTypeface? Load(Face face)
    {
        var typeface = SKTypeface.FromFile(face.File, face.Index);
        if (typeface is not null && Covers(typeface))
        {
            return typeface;
        }

        typeface?.Dispose();
        return null;
    }

    private static bool Covers(SKTypeface typeface)
    {
        using var font = new SKFont(typeface, 12);
        return font.ContainsGlyphs(Probe);
    }

    private static IEnumerable<string> StandardDirectories()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return "/usr/share/fonts";
        yield return "/usr/local/share/fonts";
        if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".local", "share", "fonts");
            yield return Path.Combine(home, ".fonts");
        }

        yield return Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        yield return "/System/Library/Fonts";
        yield return "/Library/Fonts";
    }
}
