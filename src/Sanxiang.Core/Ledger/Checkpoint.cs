using System.Globalization;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): origin line, tree size in decimal without
/// leading zeroes, base64 root hash, each followed by a newline. Sign it with <see cref="SignedNote.Sign"/>.
/// This log writes no extension lines (the spec says their use is NOT RECOMMENDED), and <see cref="ParseBody"/> refuses
/// them, so that a parsed checkpoint always gives back exactly the text that was signed.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    private readonly string _origin = ValidOrigin(Origin);
    private readonly long _size = ValidSize(Size);
    private readonly byte[] _rootHash = ValidRoot(RootHash);

    // Validated on construction and on `with`, so no Checkpoint can hold what its Body could not carry.
    public string Origin { get => _origin; init => _origin = ValidOrigin(value); }

    public long Size { get => _size; init => _size = ValidSize(value); }

    /// <summary>The 32-byte root hash (a copy of what was given).</summary>
    public byte[] RootHash { get => _rootHash; init => _rootHash = ValidRoot(value); }

    /// <summary>"origin\nsize\nbase64(root)\n": the note text that is signed.</summary>
    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    /// <exception cref="FormatException">The text is not a checkpoint body, with the reason in Chinese.</exception>
    public static Checkpoint ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n'))
        {
            throw new FormatException("检查点正文必须以换行符结尾。");
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new FormatException($"检查点正文应有三行（来源、树大小、根哈希），实际只有 {lines.Length} 行。");
        }

        if (lines.Length > 3)
        {
            throw new FormatException("检查点正文有扩展行；本日志的检查点不使用扩展行。");
        }

        var (origin, sizeText, rootText) = (lines[0], lines[1], lines[2]);
        if (origin.Length == 0)
        {
            throw new FormatException("检查点第一行（来源）为空。");
        }

        if (origin.Any(char.IsControl))
        {
            throw new FormatException("检查点来源行含有控制字符。");
        }

        if (sizeText.Length == 0 || sizeText.Any(c => c is < '0' or > '9') || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"检查点第二行应为不带前导零的十进制树大小，收到“{sizeText}”。");
        }

        var root = new byte[MerkleHash.Size];
        if (!Convert.TryFromBase64String(rootText, root, out var written) || written != MerkleHash.Size
            || Convert.ToBase64String(root) != rootText)
        {
            throw new FormatException($"检查点第三行应为 {MerkleHash.Size} 字节根哈希的标准 base64 编码，收到“{rootText}”。");
        }

        return new Checkpoint(origin, size, root);
    }

    public bool Equals(Checkpoint? other) =>
        other is not null && Origin == other.Origin && Size == other.Size && RootHash.AsSpan().SequenceEqual(other.RootHash);

    public override int GetHashCode() => HashCode.Combine(Origin, Size, BitConverter.ToInt32(RootHash));

    private static long ValidSize(long size) =>
        size >= 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, $"检查点的树大小不能为负数（收到 {size}）。");

    private static byte[] ValidRoot(byte[] root) =>
        root is { Length: MerkleHash.Size }
            ? (byte[])root.Clone()
            : throw new ArgumentException($"检查点的根哈希应为 {MerkleHash.Size} 字节。", nameof(root));

    private static string ValidOrigin(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.Length == 0 || origin.Any(char.IsControl))
        {
            throw new ArgumentException("检查点来源（origin）不能为空，也不能含换行等控制字符。", nameof(origin));
        }

        return origin;
    }
}
