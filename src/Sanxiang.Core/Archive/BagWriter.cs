using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Sanxiang.Core.Archive;

/// <summary>Where a bag is written: a folder, or a zip stream.</summary>
public abstract class BagTarget : IDisposable
{
    /// <summary>A new file at a '/'-separated path relative to the bag's base directory.</summary>
    public abstract Stream Create(string path, bool compress);

    public abstract void CreateDirectory(string path);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A bag written into a folder that does not exist yet or is empty.</summary>
public sealed class DirectoryBagTarget : BagTarget
{
    private readonly string _root;

    public DirectoryBagTarget(string root)
    {
        _root = Path.GetFullPath(root);
        if (Directory.Exists(_root) && Directory.EnumerateFileSystemEntries(_root).Any())
        {
            throw new IOException($"文件夹“{root}”不是空的；案卷只写入新的或空的文件夹。");
        }

        Directory.CreateDirectory(_root);
    }

    public override Stream Create(string path, bool compress)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"路径“{path}”在包外。", nameof(path));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
    }

    public override void CreateDirectory(string path) => Directory.CreateDirectory(Path.Combine(_root, path));
}

/// <summary>
/// A bag written as a zip, in one top-level folder (RFC 8493 §4: a serialised bag unpacks to a single folder named
/// after the bag). The output stream need not be seekable; each entry is written as it comes, so memory stays flat.
/// </summary>
public sealed class ZipBagTarget : BagTarget
{
    private readonly ZipArchive _zip;
    private readonly string _prefix;

    public ZipBagTarget(Stream output, string folder, bool leaveOpen = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var problem = BagPath.Problem(folder) ?? (folder.Contains('/', StringComparison.Ordinal) ? "含“/”" : null);
        if (problem is not null)
        {
            throw new ArgumentException($"压缩包顶层文件夹名“{folder}”不可用：{problem}。", nameof(folder));
        }

        _prefix = folder + "/";
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen, Encoding.UTF8);
    }

    public override Stream Create(string path, bool compress) =>
        _zip.CreateEntry(_prefix + path, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression).Open();

    public override void CreateDirectory(string path) => _zip.CreateEntry(_prefix + path.TrimEnd('/') + "/");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _zip.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Size and digests of a file written into a bag.</summary>
public sealed record BagWrittenFile(string Path, long Size, string Sha256, string Sm3);

/// <summary>
/// Writes a BagIt 1.0 bag (RFC 8493): payload files under data/, then manifest-sha256.txt, bag-info.txt (with
/// Payload-Oxum and Bagging-Date), bagit.txt, optionally an SM3 tag file of the same line format, and
/// tagmanifest-sha256.txt over every other tag file. Each payload file is copied once, streaming, computing SHA-256 and
/// SM3 on the way. Paths are written with CR, LF and '%' percent-encoded, as 1.0 requires. No fetch.txt: a sealed
/// bag holds every byte.
/// </summary>
public sealed class BagWriter
{
    public const string Version = "1.0";

    private readonly BagTarget _target;
    private readonly List<BagWrittenFile> _payload = [];
    private readonly List<BagWrittenFile> _tags = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private bool _finished;

    public BagWriter(BagTarget target)
    {
        _target = target;
        _target.CreateDirectory(BagValidator.PayloadDirectory);
    }

    public IReadOnlyList<BagWrittenFile> Payload => _payload;

    /// <summary>
    /// Copies <paramref name="content"/> to data/<paramref name="path"/>. When <paramref name="expectedSha256"/> is given
    /// the copy is refused (<see cref="InvalidDataException"/>) if the bytes read do not have that digest: a stored file
    /// is checked against its hash whenever it is archived (REC-4).
    /// </summary>
    public BagWrittenFile AddPayload(string path, Stream content, bool compress = true, string? expectedSha256 = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (_finished)
        {
            throw new InvalidOperationException("包已经写完，不能再添加文件。");
        }

        var full = Claim(BagValidator.PayloadDirectory + "/" + path);
        using var sha = BagDigest.TryCreate("sha256")!;
        using var sm3 = BagDigest.TryCreate(BagDigest.Sm3)!;
        long size = 0;
        using (var output = _target.Create(full, compress))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                sha.Append(buffer.AsSpan(0, read));
                sm3.Append(buffer.AsSpan(0, read));
                output.Write(buffer, 0, read);
                size += read;
            }
        }

        var written = new BagWrittenFile(full, size, sha.FinishHex(), sm3.FinishHex());
        if (expectedSha256 is not null && !string.Equals(expectedSha256, written.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"文件“{path}”读出的内容与登记的 SHA-256 不符（登记 {expectedSha256.ToLowerInvariant()}，读出 {written.Sha256}）：存储中的文件已损坏或被替换，不能封存。");
        }

        _payload.Add(written);
        return written;
    }

    public BagWrittenFile AddPayload(string path, byte[] content, bool compress = true)
    {
        using var stream = new MemoryStream(content, writable: false);
        return AddPayload(path, stream, compress);
    }

    /// <summary>
    /// Writes the tag files and closes the bag. <paramref name="info"/> are bag-info.txt elements besides Payload-Oxum
    /// and Bagging-Date, which are computed. <paramref name="sm3TagFile"/> names a tag file of "sm3-hex  path" lines over
    /// every payload file and the tag files written before it, itself covered by tagmanifest-sha256.txt.
    /// </summary>
    public IReadOnlyList<BagWrittenFile> Finish(IEnumerable<(string Label, string Value)> info, DateOnly baggingDate, string? sm3TagFile = null)
    {
        if (_finished)
        {
            throw new InvalidOperationException("包已经写完。");
        }

        _finished = true;
        WriteTag("manifest-sha256.txt", ManifestText(_payload, f => f.Sha256));

        var bagInfo = new StringBuilder();
        bagInfo.Append("Bagging-Date: ").Append(baggingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        bagInfo.Append("Payload-Oxum: ").Append(string.Create(CultureInfo.InvariantCulture, $"{_payload.Sum(f => f.Size)}.{_payload.Count}")).Append('\n');
        foreach (var (label, value) in info)
        {
            if (label.Length == 0 || label.Trim() != label || label.IndexOfAny([':', '\r', '\n']) >= 0)
            {
                throw new ArgumentException($"bag-info 标签“{label}”无效：不能为空，不能有首尾空白、冒号或换行。", nameof(info));
            }

            // One line per element: line breaks inside a value become spaces (a reader would join continuation lines so).
            bagInfo.Append(label).Append(": ").Append(value.ReplaceLineEndings(" ").Trim()).Append('\n');
        }

        WriteTag("bag-info.txt", bagInfo.ToString());
        WriteTag("bagit.txt", $"BagIt-Version: {Version}\nTag-File-Character-Encoding: UTF-8\n");
        if (sm3TagFile is not null)
        {
            WriteTag(sm3TagFile, ManifestText([.. _payload, .. _tags], f => f.Sm3));
        }

        // The tag manifest lists every tag file, so that a changed bag-info.txt or SM3 file is caught like a changed payload.
        var tagManifest = ManifestText(_tags, f => f.Sha256);
        WriteTag("tagmanifest-sha256.txt", tagManifest);
        _target.Dispose();
        return [.. _payload, .. _tags];
    }

    private static string ManifestText(IEnumerable<BagWrittenFile> files, Func<BagWrittenFile, string> digest)
    {
        var text = new StringBuilder();
        foreach (var f in files)
        {
            text.Append(digest(f)).Append("  ").Append(BagPath.Encode(f.Path)).Append('\n');
        }

        return text.ToString();
    }

    private void WriteTag(string name, string text)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        var full = Claim(name);
        using (var output = _target.Create(full, compress: true))
        {
            output.Write(bytes);
        }

        _tags.Add(new BagWrittenFile(full, bytes.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            Convert.ToHexStringLower(Ledger.Sm3.Hash(bytes))));
    }

    private string Claim(string path)
    {
        if (BagPath.Problem(path) is { } problem)
        {
            throw new ArgumentException($"路径“{path}”不可用：{problem}。", nameof(path));
        }

        if (!_paths.Add(path) || !_paths.Add("\0" + path.Normalize(NormalizationForm.FormC).ToUpperInvariant()))
        {
            throw new ArgumentException($"路径“{path}”与包中已有的文件重名（不区分大小写和 Unicode 规范化形式）。", nameof(path));
        }

        return path;
    }
}
