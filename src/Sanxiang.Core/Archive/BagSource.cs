using System.IO.Compression;

namespace Sanxiang.Core.Archive;

/// <summary>A regular file of a bag: its path relative to the bag's base directory ('/'-separated) and its size.</summary>
public sealed record BagFile(string Path, long Length);

/// <summary>
/// A bag to read: a folder or a zip file. Only regular files are listed; what cannot be part of a bag (a symbolic link,
/// a zip entry whose name escapes the bag) is reported in <see cref="Problems"/> and not listed, so it is never read.
/// Files are opened one at a time.
/// </summary>
public abstract class BagSource : IDisposable
{
    /// <summary>Every regular file, ordinal order of path.</summary>
    public abstract IReadOnlyList<BagFile> Files { get; }

    /// <summary>Entries that are not regular files inside the bag, each with the reason in Chinese.</summary>
    public abstract IReadOnlyList<(string Path, string Problem)> Problems { get; }

    /// <summary>What was opened, for messages ("文件夹 …", "压缩包 …").</summary>
    public abstract string Description { get; }

    public abstract bool DirectoryExists(string path);

    public abstract Stream OpenRead(string path);

    public BagFile? Find(string path) => _index.Value.GetValueOrDefault(path);

    public bool Exists(string path) => _index.Value.ContainsKey(path);

    private readonly Lazy<Dictionary<string, BagFile>> _index;

    protected BagSource() => _index = new(() => Files.ToDictionary(f => f.Path, StringComparer.Ordinal));

    /// <summary>A folder, or a zip file (the bag at the zip's root, or in its single top-level folder).</summary>
    /// <exception cref="FileNotFoundException">Neither a folder nor a file.</exception>
    /// <exception cref="InvalidDataException">A file that is not a zip.</exception>
    public static BagSource Open(string path)
    {
        if (Directory.Exists(path))
        {
            return new DirectoryBagSource(path);
        }

        if (File.Exists(path))
        {
            return new ZipBagSource(File.OpenRead(path), leaveOpen: false, Path.GetFileName(path));
        }

        throw new FileNotFoundException($"找不到“{path}”：既不是文件夹，也不是文件。", path);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A bag in a folder. Symbolic links are refused, never followed.</summary>
public sealed class DirectoryBagSource : BagSource
{
    private readonly string _root;
    private readonly List<BagFile> _files = [];
    private readonly List<(string, string)> _problems = [];

    public DirectoryBagSource(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"文件夹“{root}”不存在。");
        }

        Walk(new DirectoryInfo(_root), "");
        _files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
    }

    public override IReadOnlyList<BagFile> Files => _files;

    public override IReadOnlyList<(string Path, string Problem)> Problems => _problems;

    public override string Description => $"文件夹 {_root}";

    public override bool DirectoryExists(string path)
    {
        var full = Full(path);
        return Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is null;
    }

    public override Stream OpenRead(string path) =>
        new FileStream(Full(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    private string Full(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || full == _root
            ? full
            : throw new ArgumentException($"路径“{path}”在包外。", nameof(path));
    }

    private void Walk(DirectoryInfo directory, string prefix)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var path = prefix + entry.Name;
            if (entry.LinkTarget is not null)
            {
                _problems.Add((path, $"是符号链接（指向“{entry.LinkTarget}”），包内只能有普通文件"));
            }
            else if (entry is DirectoryInfo sub)
            {
                Walk(sub, path + "/");
            }
            else if (entry is FileInfo file && (file.Attributes & FileAttributes.Device) == 0)
            {
                _files.Add(new BagFile(path, file.Length));
            }
            else
            {
                _problems.Add((path, "不是普通文件"));
            }
        }
    }
}

/// <summary>
/// A bag in a zip file. RFC 8493 §4 (serialization) expects the archive to unpack to one top-level folder holding the
/// bag; a bag at the archive's root is read as well. Entry names that escape the bag are reported, never opened.
/// </summary>
public sealed class ZipBagSource : BagSource
{
    private readonly ZipArchive _zip;
    private readonly string _prefix;
    private readonly string _name;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly List<BagFile> _files = [];
    private readonly List<(string, string)> _problems = [];

    public ZipBagSource(Stream zip, bool leaveOpen, string name)
    {
        _name = name;
        _zip = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen);
        var names = _zip.Entries.Select(e => e.FullName).ToList();
        _prefix = names.Contains("bagit.txt", StringComparer.Ordinal) ? "" : SingleTopFolder(names) ?? "";
        foreach (var entry in _zip.Entries)
        {
            var full = entry.FullName;
            if (!full.StartsWith(_prefix, StringComparison.Ordinal))
            {
                _problems.Add((full, "在包的顶层文件夹之外"));
                continue;
            }

            var path = full[_prefix.Length..];
            var isDirectory = path.EndsWith('/');
            var check = isDirectory ? path.TrimEnd('/') : path;
            if (check.Length == 0)
            {
                continue;
            }

            if (BagPath.Problem(check) is { } problem)
            {
                _problems.Add((full, problem));
                continue;
            }

            // Unix mode bits in the upper half of ExternalAttributes: 0xA000 marks a symbolic link.
            if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
            {
                _problems.Add((full, "是符号链接，包内只能有普通文件"));
                continue;
            }

            var parts = check.Split('/');
            for (var i = 1; i < parts.Length + (isDirectory ? 1 : 0); i++)
            {
                _directories.Add(string.Join('/', parts[..i]));
            }

            if (!isDirectory)
            {
                if (!_entries.TryAdd(path, entry))
                {
                    _problems.Add((full, "在压缩包中出现了两次"));
                    continue;
                }

                _files.Add(new BagFile(path, entry.Length));
            }
        }

        _files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
    }

    public override IReadOnlyList<BagFile> Files => _files;

    public override IReadOnlyList<(string Path, string Problem)> Problems => _problems;

    public override string Description => $"压缩包 {_name}";

    public override bool DirectoryExists(string path) => _directories.Contains(path.TrimEnd('/'));

    public override Stream OpenRead(string path) =>
        _entries.TryGetValue(path, out var entry) ? entry.Open() : throw new FileNotFoundException($"压缩包中没有“{path}”。", path);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _zip.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string? SingleTopFolder(List<string> names)
    {
        var tops = names.Select(n => n.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        return tops.Count == 1 && names.Contains(tops[0] + "/bagit.txt", StringComparer.Ordinal) ? tops[0] + "/" : null;
    }
}
