using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sanxiang.Core.Archive;

public enum BagIssueSeverity
{
    Error,
    Warning,
}

/// <summary>One finding of <see cref="BagValidator"/>: a stable <see cref="Code"/> per rule, a Chinese message for people.</summary>
public sealed record BagIssue(BagIssueSeverity Severity, string Code, string Message, string? Path = null);

/// <summary>What a payload file's bytes are shown to while the validator reads it (once) to check its digests.</summary>
public interface IBagFileObserver
{
    void Append(ReadOnlySpan<byte> data);

    void Complete();
}

/// <summary>The outcome of <see cref="BagValidator.Validate"/>: valid when there is no error; warnings do not invalidate.</summary>
public sealed class BagValidationResult
{
    internal BagValidationResult()
    {
    }

    public List<BagIssue> Issues { get; } = [];

    public bool IsValid => Issues.All(i => i.Severity != BagIssueSeverity.Error);

    public IEnumerable<BagIssue> Errors => Issues.Where(i => i.Severity == BagIssueSeverity.Error);

    public IEnumerable<BagIssue> Warnings => Issues.Where(i => i.Severity == BagIssueSeverity.Warning);

    /// <summary>"1.0", "0.97", …; null when bagit.txt could not be read.</summary>
    public string? Version { get; internal set; }

    /// <summary>bag-info.txt (package-info.txt before 0.96) in file order, continuation lines joined.</summary>
    public List<(string Label, string Value)> Info { get; } = [];

    /// <summary>Payload manifests: algorithm → decoded path → lower-case digest.</summary>
    public Dictionary<string, Dictionary<string, string>> Manifests { get; } = new(StringComparer.Ordinal);

    /// <summary>Tag manifests: algorithm → path → lower-case digest.</summary>
    public Dictionary<string, Dictionary<string, string>> TagManifests { get; } = new(StringComparer.Ordinal);

    /// <summary>The first value of a bag-info label (labels are case-insensitive), or null.</summary>
    public string? InfoValue(string label) =>
        Info.FirstOrDefault(i => string.Equals(i.Label, label, StringComparison.OrdinalIgnoreCase)).Value;

    internal void Error(string code, string message, string? path = null) => Issues.Add(new(BagIssueSeverity.Error, code, message, path));

    internal void Warn(string code, string message, string? path = null) => Issues.Add(new(BagIssueSeverity.Warning, code, message, path));
}

/// <summary>
/// Validates a bag as RFC 8493 (BagIt 1.0) defines "complete" and "valid", and the earlier drafts (0.93–0.97) as the
/// Library of Congress conformance suite reads them. Each payload file is read once, streaming, whatever its size; all
/// manifest algorithms are computed in that one pass. Never throws on a bad bag: every problem is an issue.
/// Rule codes are stable (used by <see cref="ArchiveCheck"/> and by tests); messages are Chinese.
/// </summary>
public static partial class BagValidator
{
    public const string PayloadDirectory = "data";

    // Rule codes.
    public const string SourceEntry = "SOURCE_ENTRY";
    public const string SourceUnreadable = "SOURCE_UNREADABLE";
    public const string BagitMissing = "BAGIT_MISSING";
    public const string BagitBom = "BAGIT_BOM";
    public const string BagitFormat = "BAGIT_FORMAT";
    public const string BagitTrailingWhitespace = "BAGIT_TRAILING_WHITESPACE";
    public const string BagitVersionUnknown = "BAGIT_VERSION_UNKNOWN";
    public const string BagitEncoding = "BAGIT_ENCODING";
    public const string TagFileBom = "TAG_FILE_BOM";
    public const string PayloadDirectoryMissing = "PAYLOAD_DIRECTORY_MISSING";
    public const string ManifestMissing = "MANIFEST_MISSING";
    public const string ManifestAlgorithmUnsupported = "MANIFEST_ALGORITHM_UNSUPPORTED";
    public const string ManifestLine = "MANIFEST_LINE";
    public const string ManifestPathUnsafe = "MANIFEST_PATH_UNSAFE";
    public const string ManifestPathOutsidePayload = "MANIFEST_PATH_OUTSIDE_PAYLOAD";
    public const string ManifestDotSlash = "MANIFEST_DOT_SLASH";
    public const string ManifestBinaryMarker = "MANIFEST_BINARY_MARKER";
    public const string ManifestDuplicate = "MANIFEST_DUPLICATE";
    public const string ManifestVariant = "MANIFEST_CASE_OR_NORMALIZATION_VARIANT";
    public const string PayloadMissing = "PAYLOAD_MISSING";
    public const string PayloadNotInManifest = "PAYLOAD_NOT_IN_MANIFEST";
    public const string PayloadDigestMismatch = "PAYLOAD_DIGEST_MISMATCH";
    public const string SpecialSystemFile = "SPECIAL_SYSTEM_FILE";
    public const string TagManifestLine = "TAGMANIFEST_LINE";
    public const string TagManifestPathUnsafe = "TAGMANIFEST_PATH_UNSAFE";
    public const string TagManifestListsPayload = "TAGMANIFEST_LISTS_PAYLOAD";
    public const string TagFileMissing = "TAG_FILE_MISSING";
    public const string TagDigestMismatch = "TAG_DIGEST_MISMATCH";
    public const string BagInfoLine = "BAGINFO_LINE";
    public const string BagInfoLabelWhitespace = "BAGINFO_LABEL_WHITESPACE";
    public const string BagInfoRepeated = "BAGINFO_REPEATED";
    public const string BagInfoDate = "BAGINFO_DATE";
    public const string PayloadOxumFormat = "PAYLOAD_OXUM_FORMAT";
    public const string PayloadOxumMismatch = "PAYLOAD_OXUM_MISMATCH";
    public const string FetchLine = "FETCH_LINE";
    public const string FetchPathUnsafe = "FETCH_PATH_UNSAFE";
    public const string FetchPathOutsidePayload = "FETCH_PATH_OUTSIDE_PAYLOAD";
    public const string FetchNotInManifest = "FETCH_NOT_IN_MANIFEST";
    public const string FetchMissing = "FETCH_MISSING";

    private static readonly string[] KnownVersions = ["0.93", "0.94", "0.95", "0.96", "0.97", "1.0"];

    /// <summary>Reserved elements of bag-info.txt that RFC 8493 §2.2.2 says are not to be repeated.</summary>
    private static readonly string[] NotRepeatable = ["Bagging-Date", "Bag-Size", "Payload-Oxum", "Bag-Group-Identifier", "Bag-Count"];

    private static readonly string[] SystemFiles = [".DS_Store", "Thumbs.db", "desktop.ini", ".Spotlight-V100", ".Trashes", "ehthumbs.db"];

    [GeneratedRegex(@"^(tag)?manifest-([a-z0-9]+)\.txt$")]
    private static partial Regex ManifestName();

    [GeneratedRegex(@"^([0-9]+)\.([0-9]+)$")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"^[0-9a-fA-F]+$")]
    private static partial Regex HexDigest();

    /// <summary>Validates the bag; <paramref name="observe"/> (may return null) sees the bytes of each payload file read.</summary>
    public static BagValidationResult Validate(BagSource bag, Func<string, IBagFileObserver?>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var result = new BagValidationResult();
        try
        {
            Validate(bag, observe, result);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // A damaged zip entry (bad deflate data, a CRC error) or an unreadable file: the bag cannot be checked.
            result.Error(SourceUnreadable, $"读取{bag.Description}时出错，无法完成核对：{e.Message}");
        }

        return result;
    }

    private static void Validate(BagSource bag, Func<string, IBagFileObserver?>? observe, BagValidationResult result)
    {
        foreach (var (path, problem) in bag.Problems)
        {
            result.Error(SourceEntry, $"“{path}”{problem}。", path);
        }

        // 1. bagit.txt: version and tag-file encoding (RFC 8493 §2.1.1).
        var (version, encoding) = ReadDeclaration(bag, result);
        if (version is null || encoding is null)
        {
            return;
        }

        result.Version = version;
        var v1 = !version.StartsWith("0.", StringComparison.Ordinal);

        if (!bag.DirectoryExists(PayloadDirectory))
        {
            result.Error(PayloadDirectoryMissing, "缺少载荷目录 data/。", PayloadDirectory);
        }

        // 2. Manifests (§2.1.3, §2.2.1).
        var manifestFiles = bag.Files.Where(f => !f.Path.Contains('/', StringComparison.Ordinal))
            .Select(f => (f.Path, Match: ManifestName().Match(f.Path))).Where(m => m.Match.Success).ToList();
        foreach (var (path, match) in manifestFiles)
        {
            var tag = match.Groups[1].Success;
            var algorithm = match.Groups[2].Value;
            if (!BagDigest.IsSupported(algorithm) || algorithm == BagDigest.Sm3)
            {
                result.Warn(ManifestAlgorithmUnsupported, $"{path} 使用的摘要算法“{algorithm}”不受支持，未核对。", path);
                continue;
            }

            var entries = ReadManifest(bag, path, encoding, v1, tag, result);
            (tag ? result.TagManifests : result.Manifests)[algorithm] = entries;
        }

        if (result.Manifests.Count == 0)
        {
            result.Error(ManifestMissing, "没有可核对的载荷清单（manifest-<算法>.txt）。");
        }

        // 3. bag-info.txt (§2.2.2); package-info.txt before 0.96.
        var infoName = bag.Exists("bag-info.txt") ? "bag-info.txt" : !v1 && bag.Exists("package-info.txt") ? "package-info.txt" : null;
        if (infoName is not null)
        {
            ReadBagInfo(bag, infoName, encoding, v1, result);
        }

        // 4. fetch.txt (§2.2.3): we never write it; a bag that lists files still to fetch is incomplete.
        var fetched = bag.Exists("fetch.txt") ? ReadFetch(bag, encoding, result) : [];

        // 5. Payload: completeness, then every digest in one read of each file.
        CheckPayload(bag, result, fetched, observe);

        // 6. Tag files listed in tag manifests.
        CheckTagFiles(bag, result);
    }

    private static (string? Version, Encoding? Encoding) ReadDeclaration(BagSource bag, BagValidationResult result)
    {
        if (!bag.Exists("bagit.txt"))
        {
            result.Error(BagitMissing, "缺少 bagit.txt：这不是一个 BagIt 包。", "bagit.txt");
            return (null, null);
        }

        var bytes = ReadAll(bag, "bagit.txt", 64 * 1024);
        if (bytes is null)
        {
            result.Error(BagitFormat, "bagit.txt 过大（超过 64 KB）。", "bagit.txt");
            return (null, null);
        }

        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            result.Error(BagitBom, "bagit.txt 以字节顺序标记（BOM）开头；RFC 8493 要求 bagit.txt 是不带 BOM 的 UTF-8。", "bagit.txt");
            return (null, null);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            result.Error(BagitFormat, "bagit.txt 不是有效的 UTF-8 文本。", "bagit.txt");
            return (null, null);
        }

        var lines = Lines(text);
        if (lines.Count != 2)
        {
            result.Error(BagitFormat, $"bagit.txt 应恰好有两行（BagIt-Version 和 Tag-File-Character-Encoding），实际有 {lines.Count} 行。", "bagit.txt");
            return (null, null);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].TrimEnd(' ', '\t') != lines[i])
            {
                result.Warn(BagitTrailingWhitespace, $"bagit.txt 第 {i + 1} 行末尾有多余的空白，已忽略。", "bagit.txt");
                lines[i] = lines[i].TrimEnd(' ', '\t');
            }
        }

        const string VersionLabel = "BagIt-Version: ";
        const string EncodingLabel = "Tag-File-Character-Encoding: ";
        if (!lines[0].StartsWith(VersionLabel, StringComparison.Ordinal))
        {
            result.Error(BagitFormat, $"bagit.txt 第一行应为“BagIt-Version: 主版本.次版本”，收到“{lines[0]}”。", "bagit.txt");
            return (null, null);
        }

        if (!lines[1].StartsWith(EncodingLabel, StringComparison.Ordinal))
        {
            result.Error(BagitFormat, $"bagit.txt 第二行应为“Tag-File-Character-Encoding: 编码”，收到“{lines[1]}”。", "bagit.txt");
            return (null, null);
        }

        var version = lines[0][VersionLabel.Length..];
        if (!VersionNumber().IsMatch(version))
        {
            result.Error(BagitFormat, $"BagIt 版本号“{version}”格式错误，应为“主版本.次版本”，如 1.0。", "bagit.txt");
            return (null, null);
        }

        if (!KnownVersions.Contains(version, StringComparer.Ordinal))
        {
            result.Warn(BagitVersionUnknown, $"BagIt 版本 {version} 不是已知版本（0.93–0.97、1.0），按 1.0 的规则核对。", "bagit.txt");
        }

        var encodingName = lines[1][EncodingLabel.Length..];
        var encoding = ResolveEncoding(encodingName);
        if (encoding is null)
        {
            result.Error(BagitEncoding, $"标签文件字符编码“{encodingName}”无法识别。", "bagit.txt");
            return (null, null);
        }

        return (version, encoding);
    }

    private static Encoding? ResolveEncoding(string name)
    {
        if (name.Length == 0 || name.Trim() != name)
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    /// <summary>A tag file's text in the declared encoding; a byte-order mark is taken off (and, for UTF-8, warned about).</summary>
    private static string? ReadTagText(BagSource bag, string path, Encoding encoding, BagValidationResult result)
    {
        var bytes = ReadAll(bag, path, 256 * 1024 * 1024);
        if (bytes is null)
        {
            result.Error(TagManifestLine, $"标签文件 {path} 过大（超过 256 MB）。", path);
            return null;
        }

        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            result.Warn(TagFileBom, $"标签文件 {path} 以 UTF-8 字节顺序标记（BOM）开头，已忽略。", path);
            span = span[3..];
            encoding = new UTF8Encoding(false, true);
        }
        else if (encoding.CodePage is 1200 or 1201 && span.Length >= 2)
        {
            if (span[0] == 0xFF && span[1] == 0xFE)
            {
                encoding = new UnicodeEncoding(false, false, true);
                span = span[2..];
            }
            else if (span[0] == 0xFE && span[1] == 0xFF)
            {
                encoding = new UnicodeEncoding(true, false, true);
                span = span[2..];
            }
        }

        try
        {
            return encoding.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            result.Error(TagManifestLine, $"标签文件 {path} 不是有效的 {encoding.WebName} 文本（bagit.txt 声明的编码）。", path);
            return null;
        }
    }

    private static Dictionary<string, string> ReadManifest(BagSource bag, string file, Encoding encoding, bool v1, bool tag, BagValidationResult result)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = ReadTagText(bag, file, encoding, result);
        if (text is null)
        {
            return entries;
        }

        var lineCode = tag ? TagManifestLine : ManifestLine;
        var lines = Lines(text);
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var at = $"{file} 第 {n + 1} 行";
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var split = line.IndexOfAny([' ', '\t']);
            if (split <= 0)
            {
                result.Error(lineCode, $"{at}格式错误：应为“摘要 空白 文件路径”。", file);
                continue;
            }

            var digest = line[..split];
            var raw = line[split..].TrimStart(' ', '\t');
            if (!HexDigest().IsMatch(digest))
            {
                result.Error(lineCode, $"{at}的摘要“{digest}”不是十六进制数。", file);
                continue;
            }

            if (raw.StartsWith('*'))
            {
                // md5sum/sha512sum "binary mode" marker: not part of the file name.
                result.Warn(ManifestBinaryMarker, $"{at}的路径前有 md5sum 工具的“*”标记，已忽略该标记。", file);
                raw = raw[1..];
            }

            if (raw.StartsWith("./", StringComparison.Ordinal))
            {
                result.Warn(ManifestDotSlash, $"{at}的路径以“./”开头，已按去掉“./”处理。", file);
                raw = raw[2..];
            }

            var path = v1 ? BagPath.Decode(raw) : raw;
            if (BagPath.Problem(path) is { } problem)
            {
                result.Error(tag ? TagManifestPathUnsafe : ManifestPathUnsafe, $"{at}的路径“{raw}”{problem}，不能使用。", file);
                continue;
            }

            var inPayload = path.StartsWith(PayloadDirectory + "/", StringComparison.Ordinal);
            if (!tag && !inPayload)
            {
                result.Error(ManifestPathOutsidePayload, $"{at}的路径“{raw}”不在载荷目录 data/ 中；载荷清单只能列 data/ 下的文件。", file);
                continue;
            }

            if (tag && inPayload)
            {
                result.Warn(TagManifestListsPayload, $"{at}列出了载荷文件“{path}”；标签清单应只列标签文件。", file);
            }

            digest = digest.ToLowerInvariant();
            if (entries.TryGetValue(path, out var earlier))
            {
                if (earlier != digest)
                {
                    result.Error(ManifestDuplicate, $"{file} 把“{path}”列了两次，摘要不同。", path);
                }
                else if (v1)
                {
                    result.Error(ManifestDuplicate, $"{file} 把“{path}”列了两次；RFC 8493 要求每个文件只列一次。", path);
                }
                else
                {
                    result.Warn(ManifestDuplicate, $"{file} 把“{path}”列了两次（摘要相同）。", path);
                }

                continue;
            }

            entries[path] = digest;
        }

        return entries;
    }

    private static void ReadBagInfo(BagSource bag, string file, Encoding encoding, bool v1, BagValidationResult result)
    {
        var text = ReadTagText(bag, file, encoding, result);
        if (text is null)
        {
            return;
        }

        var lines = Lines(text);
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (result.Info.Count == 0)
                {
                    result.Error(BagInfoLine, $"{file} 第 {n + 1} 行以空白开头，但前面没有可续写的元素。", file);
                    continue;
                }

                var (label, value) = result.Info[^1];
                result.Info[^1] = (label, value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                result.Error(BagInfoLine, $"{file} 第 {n + 1} 行不是“标签: 值”格式：“{line}”。", file);
                continue;
            }

            var rawLabel = line[..colon];
            if (v1 && rawLabel.Trim() != rawLabel)
            {
                result.Error(BagInfoLabelWhitespace, $"{file} 第 {n + 1} 行的标签“{rawLabel}”前后有空白；RFC 8493 不允许。", file);
            }

            result.Info.Add((rawLabel.Trim(), line[(colon + 1)..].Trim()));
        }

        if (v1)
        {
            foreach (var label in NotRepeatable)
            {
                if (result.Info.Count(i => string.Equals(i.Label, label, StringComparison.OrdinalIgnoreCase)) > 1)
                {
                    result.Warn(BagInfoRepeated, $"{file} 中“{label}”出现了不止一次；该元素不应重复。", file);
                }
            }
        }

        if (result.InfoValue("Bagging-Date") is { } date
            && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            result.Warn(BagInfoDate, $"Bagging-Date“{date}”不是 YYYY-MM-DD 格式的日期。", file);
        }
    }

    private static HashSet<string> ReadFetch(BagSource bag, Encoding encoding, BagValidationResult result)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var text = ReadTagText(bag, "fetch.txt", encoding, result);
        if (text is null)
        {
            return paths;
        }

        var lines = Lines(text);
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            // url length filepath: the url and the length contain no whitespace; the path may.
            var parts = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || (parts[1] != "-" && !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                result.Error(FetchLine, $"fetch.txt 第 {n + 1} 行格式错误：应为“URL 长度（或 -） 文件路径”。", "fetch.txt");
                continue;
            }

            var path = BagPath.Decode(parts[2]);
            if (BagPath.Problem(path) is { } problem)
            {
                result.Error(FetchPathUnsafe, $"fetch.txt 第 {n + 1} 行的路径“{parts[2]}”{problem}，不能使用。", "fetch.txt");
                continue;
            }

            if (!path.StartsWith(PayloadDirectory + "/", StringComparison.Ordinal))
            {
                result.Error(FetchPathOutsidePayload, $"fetch.txt 第 {n + 1} 行的路径“{path}”不在载荷目录 data/ 中。", "fetch.txt");
                continue;
            }

            paths.Add(path);
        }

        return paths;
    }

    private static void CheckPayload(BagSource bag, BagValidationResult result, HashSet<string> fetched, Func<string, IBagFileObserver?>? observe)
    {
        var payload = bag.Files.Where(f => f.Path.StartsWith(PayloadDirectory + "/", StringComparison.Ordinal)).ToList();
        var present = payload.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

        // Names listed in a manifest that differ from another listed name only in case or Unicode normalisation: on a
        // case-insensitive or normalising file system they are one file. With the same digest this is a warning and
        // either spelling on disk satisfies both; with different digests the bag contradicts itself.
        var satisfiedVariants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (algorithm, entries) in result.Manifests)
        {
            foreach (var group in entries.GroupBy(e => Fold(e.Key)).Where(g => g.Count() > 1))
            {
                var names = string.Join("、", group.Select(g => $"“{g.Key}”"));
                if (group.Select(g => g.Value).Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    result.Error(ManifestVariant, $"manifest-{algorithm}.txt 列出的 {names} 只有大小写或 Unicode 规范化形式不同，摘要却不同。", group.First().Key);
                    continue;
                }

                result.Warn(ManifestVariant, $"manifest-{algorithm}.txt 列出的 {names} 只有大小写或 Unicode 规范化形式不同，在不区分大小写或会规范化文件名的系统上是同一个文件。", group.First().Key);
                if (group.Any(g => present.Contains(g.Key)))
                {
                    satisfiedVariants.UnionWith(group.Select(g => g.Key).Where(k => !present.Contains(k)));
                }
            }

            foreach (var listed in entries.Keys.Where(k => !present.Contains(k) && !satisfiedVariants.Contains(k)))
            {
                if (fetched.Contains(listed))
                {
                    result.Error(FetchMissing, $"“{listed}”列在 fetch.txt 中，尚未取回：包不完整。", listed);
                }
                else
                {
                    result.Error(PayloadMissing, $"manifest-{algorithm}.txt 列出的“{listed}”不存在。", listed);
                }
            }
        }

        foreach (var path in fetched.Where(p => !result.Manifests.Values.Any(m => m.ContainsKey(p))))
        {
            result.Error(FetchNotInManifest, $"fetch.txt 列出的“{path}”不在载荷清单中。", "fetch.txt");
        }

        long octets = 0;
        foreach (var file in payload)
        {
            octets += file.Length;
            var name = file.Path[(file.Path.LastIndexOf('/') + 1)..];
            if (SystemFiles.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.Warn(SpecialSystemFile, $"载荷中有操作系统生成的文件“{file.Path}”，通常不应归档。", file.Path);
            }

            var expected = new List<(string Algorithm, string Digest)>();
            foreach (var (algorithm, entries) in result.Manifests)
            {
                if (entries.TryGetValue(file.Path, out var digest))
                {
                    expected.Add((algorithm, digest));
                }
                else
                {
                    result.Error(PayloadNotInManifest, $"载荷文件“{file.Path}”没有列在 manifest-{algorithm}.txt 中。", file.Path);
                }
            }

            if (expected.Count == 0)
            {
                continue;
            }

            var actual = HashFile(bag, file.Path, expected.Select(e => e.Algorithm), observe?.Invoke(file.Path));
            foreach (var (algorithm, digest) in expected)
            {
                if (actual[algorithm] != digest)
                {
                    result.Error(PayloadDigestMismatch, $"载荷文件“{file.Path}”的 {algorithm} 摘要与 manifest-{algorithm}.txt 不符：文件已被改动或损坏。", file.Path);
                }
            }
        }

        if (result.InfoValue("Payload-Oxum") is { } oxum)
        {
            var parts = oxum.Split('.');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                result.Error(PayloadOxumFormat, $"Payload-Oxum“{oxum}”格式错误，应为“字节数.文件数”。", "bag-info.txt");
            }
            else if (bytes != octets || count != payload.Count)
            {
                result.Error(PayloadOxumMismatch,
                    $"Payload-Oxum 记载载荷为 {bytes} 字节、{count} 个文件，实际为 {octets} 字节、{payload.Count} 个文件。", "bag-info.txt");
            }
        }
    }

    private static void CheckTagFiles(BagSource bag, BagValidationResult result)
    {
        foreach (var (algorithm, entries) in result.TagManifests)
        {
            foreach (var (path, digest) in entries)
            {
                if (!bag.Exists(path))
                {
                    result.Error(TagFileMissing, $"tagmanifest-{algorithm}.txt 列出的标签文件“{path}”不存在。", path);
                    continue;
                }

                if (HashFile(bag, path, [algorithm], null)[algorithm] != digest)
                {
                    result.Error(TagDigestMismatch, $"标签文件“{path}”的 {algorithm} 摘要与 tagmanifest-{algorithm}.txt 不符：文件已被改动。", path);
                }
            }
        }
    }

    /// <summary>Lower-case, NFC: two names that a case-insensitive or normalising file system would take for one.</summary>
    private static string Fold(string path) => path.Normalize(NormalizationForm.FormC).ToUpperInvariant();

    /// <summary>Every requested digest of one file in a single streaming read.</summary>
    internal static Dictionary<string, string> HashFile(BagSource bag, string path, IEnumerable<string> algorithms, IBagFileObserver? observer)
    {
        var digests = algorithms.Distinct(StringComparer.Ordinal).Select(a => BagDigest.TryCreate(a)!).ToList();
        try
        {
            using var stream = bag.OpenRead(path);
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                foreach (var d in digests)
                {
                    d.Append(chunk);
                }

                observer?.Append(chunk);
            }

            observer?.Complete();
            return digests.ToDictionary(d => d.Algorithm, d => d.FinishHex(), StringComparer.Ordinal);
        }
        finally
        {
            foreach (var d in digests)
            {
                d.Dispose();
            }
        }
    }

    /// <summary>The whole file if it is at most <paramref name="limit"/> bytes, else null.</summary>
    internal static byte[]? ReadAll(BagSource bag, string path, long limit)
    {
        var file = bag.Find(path);
        if (file is null || file.Length > limit)
        {
            return null;
        }

        using var stream = bag.OpenRead(path);
        using var memory = new MemoryStream((int)file.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Lines ended by LF, CR or CRLF (RFC 8493 allows all three); a last line without an ending counts.</summary>
    internal static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
