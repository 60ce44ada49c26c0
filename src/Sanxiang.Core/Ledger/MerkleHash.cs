using System.Buffers;
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
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    /// <summary>SHA-256(0x00 ‖ data) into <paramref name="destination"/> (32 bytes): one SHA-256 call over a stack or pooled buffer.</summary>
    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        const int StackLimit = 1024;
        byte[]? rented = null;
        var buffer = data.Length < StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(data.Length + 1));
        try
        {
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer[..(data.Length + 1)], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>
    /// SHA-256(0x01 ‖ left ‖ right) into <paramref name="destination"/> (32 bytes), which may overlap either input: the
    /// inputs are copied first.
    /// </summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length == Size && right.Length == Size)
        {
            Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
            buffer[0] = 0x01;
            left.CopyTo(buffer[1..]);
            right.CopyTo(buffer[(1 + Size)..]);
            SHA256.HashData(buffer, destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        if (!hash.TryGetHashAndReset(destination, out _))
        {
            throw new ArgumentException($"目标缓冲区应至少 {Size} 字节。", nameof(destination));
        }
    }
}
