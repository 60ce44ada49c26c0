using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sanxiang.Core.Sharing;

/// <summary>Limits on a package being read: a ZIP can claim anything about itself, so every byte is counted as it inflates.</summary>
public sealed record SharingReadLimits(int MaxEntries = 16, long MaxEntryBytes = 256L * 1024 * 1024, long MaxTotalBytes = 512L * 1024 * 1024,
    int MaxCompressionRatio = 200, int MaxLineBytes = 4 * 1024 * 1024);

/// <summary>One record of a data file, with its line number (1-based) for the messages.</summary>
public sealed record SharingRecord(string File, int Line, JsonObject Value);

/// <summary>A package read and checked: its manifest and, per data file present, its records.</summary>
public sealed record SharingPackageContent(SharingManifest Manifest, IReadOnlyDictionary<string, IReadOnlyList<SharingRecord>> Records,
    IReadOnlyList<string> LineProblems);

/// <summary>
/// Reads a package and checks it before anything looks at its content: a ZIP at all; no more entries than a package has;
/// no entry (and not all together) larger than the limits or more compressed than any real NDJSON (a "zip bomb"); the
/// manifest's format and version; every file named in the manifest present, no file that is not, and each one's byte
/// length, SHA-256 and record count as the manifest says. Any failure is a <see cref="SharingPackageException"/> in Chinese.
/// </summary>
public static class SharingPackageReader
{
    public static SharingPackageContent Read(Stream package, SharingReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        limits ??= new SharingReadLimits();
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new SharingPackageException("上传的文件不是 ZIP 压缩包：数据共享包应是本平台或省级平台导出的 .zip 文件。");
        }

        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw new SharingPackageException($"压缩包内有 {zip.Entries.Count} 个文件，超过数据共享包的上限 {limits.MaxEntries} 个：这不是本平台格式的数据包。");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in zip.Entries)
            {
                if (!names.Add(e.FullName))
                {
                    throw new SharingPackageException($"压缩包内文件“{e.FullName}”出现了两次。");
                }

                if (e.FullName.Contains('/', StringComparison.Ordinal) || e.FullName.Contains('\\', StringComparison.Ordinal))
                {
                    throw new SharingPackageException($"压缩包内不应有文件夹（“{e.FullName}”）：数据共享包的文件都在根目录。");
                }
            }

            long total = 0;
            byte[] Inflate(ZipArchiveEntry e)
            {
                // The declared length is only a claim: refuse early when it is too large, and count what really inflates.
                if (e.Length > limits.MaxEntryBytes)
                {
                    throw new SharingPackageException($"压缩包内文件“{e.FullName}”解压后有 {e.Length:N0} 字节，超过单个文件 {limits.MaxEntryBytes:N0} 字节的上限。");
                }

                using var input = e.Open();
                using var output = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    output.Write(buffer, 0, read);
                    total += read;
                    if (output.Length > limits.MaxEntryBytes)
                    {
                        throw new SharingPackageException($"压缩包内文件“{e.FullName}”解压后超过单个文件 {limits.MaxEntryBytes:N0} 字节的上限，已停止读取。");
                    }

                    if (output.Length > 1024 * 1024 && output.Length > Math.Max(e.CompressedLength, 1) * limits.MaxCompressionRatio)
                    {
                        throw new SharingPackageException($"压缩包内文件“{e.FullName}”的压缩比异常（超过 {limits.MaxCompressionRatio} 倍），疑似“压缩炸弹”，已停止读取。");
                    }

                    if (total > limits.MaxTotalBytes)
                    {
                        throw new SharingPackageException($"压缩包解压后的内容超过 {limits.MaxTotalBytes:N0} 字节的上限，已停止读取。");
                    }
                }

                return output.ToArray();
            }

            var manifestEntry = zip.GetEntry(SharingPackage.ManifestName)
                ?? throw new SharingPackageException("压缩包内没有 manifest.json：无法核对数据包的内容，未导入任何数据。");
            var manifest = SharingManifest.Parse(Inflate(manifestEntry));
            if (manifest.FormatVersion != SharingPackage.FormatVersion)
            {
                throw new SharingPackageException($"数据包的格式版本为 {manifest.FormatVersion}，本平台只能读取第 {SharingPackage.FormatVersion} 版：请对方按第 {SharingPackage.FormatVersion} 版格式导出，或先升级本平台。");
            }

            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in manifest.Files)
            {
                if (!listed.Add(f.Name))
                {
                    throw new SharingPackageException($"manifest.json 中文件“{f.Name}”列了两次。");
                }

                if (!SharingPackage.Files.Contains(f.Name))
                {
                    throw new SharingPackageException($"manifest.json 列出的文件“{f.Name}”不属于第 {SharingPackage.FormatVersion} 版数据包。");
                }
            }

            foreach (var name in names.Where(n => n != SharingPackage.ManifestName && !listed.Contains(n)))
            {
                throw new SharingPackageException($"压缩包内的文件“{name}”没有列在 manifest.json 中：无法核对，未导入任何数据。");
            }

            var records = new Dictionary<string, IReadOnlyList<SharingRecord>>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var f in manifest.Files)
            {
                var entry = zip.GetEntry(f.Name) ?? throw new SharingPackageException($"manifest.json 列出的文件“{f.Name}”不在压缩包内。");
                var bytes = Inflate(entry);
                var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (bytes.LongLength != f.Bytes || sha != f.Sha256)
                {
                    throw new SharingPackageException($"文件“{f.Name}”的内容与 manifest.json 不符（SHA-256 应为 {f.Sha256}，实为 {sha}）：数据包在传输或保存中被改动或损坏，未导入任何数据。");
                }

                var lines = ParseLines(f.Name, bytes, limits, problems);
                if (lines.Count != f.Records)
                {
                    throw new SharingPackageException($"文件“{f.Name}”有 {lines.Count} 条记录，manifest.json 记载为 {f.Records} 条。");
                }

                records[f.Name] = lines;
            }

            return new SharingPackageContent(manifest, records, problems);
        }
    }

    private static List<SharingRecord> ParseLines(string file, byte[] bytes, SharingReadLimits limits, List<string> problems)
    {
        var list = new List<SharingRecord>();
        var start = 0;
        var number = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                end = bytes.Length;
            }

            number++;
            var span = bytes.AsSpan(start, end - start);
            start = end + 1;
            if (span.Length > limits.MaxLineBytes)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{file} 第 {number} 行：超过 {limits.MaxLineBytes:N0} 字节的单行上限。"));
                continue;
            }

            if (span.IsEmpty)
            {
                continue;
            }

            try
            {
                if (JsonNode.Parse(span) is JsonObject o)
                {
                    list.Add(new SharingRecord(file, number, o));
                    continue;
                }

                problems.Add($"{file} 第 {number} 行：不是一个 JSON 对象。");
            }
            catch (JsonException e)
            {
                problems.Add($"{file} 第 {number} 行：不是有效的 JSON（{e.Message}）。");
            }
            catch (DecoderFallbackException)
            {
                problems.Add($"{file} 第 {number} 行：不是 UTF-8 文本。");
            }
        }

        return list;
    }
}
