using System.Security.Cryptography;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// The hashing of RFC 6962 §2.1 (RFC 9162 §2.1.1): SHA-256, a 0x00 prefix for leaves and 0x01 for interior nodes, so that
/// no leaf can be passed off as a node (second-preimage resistance).
/// </summary>
public static class MerkleHash
{
    /// <summary>Length of every hash in the log, in bytes.</summary>
    public const int Size = 32;

    private static readonly byte[] Empty = SHA256.HashData([]);

    /// <summary>MTH({}) = SHA-256(""): the root of the empty tree. A fresh copy each time.</summary>
    public static byte[] EmptyRoot => (byte[])Empty.Clone();

    /// <summary>SHA-256(0x00 ‖ data).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        if (left.Length == Size && right.Length == Size)
        {
            buffer[0] = 0x01;
            left.CopyTo(buffer[1..]);
            right.CopyTo(buffer[(1 + Size)..]);
            return SHA256.HashData(buffer);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }
}
