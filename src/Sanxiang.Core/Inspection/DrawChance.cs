using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sanxiang.Core.Inspection;

/// <summary>
/// The draw's source of chance (docs/random-draw.md §3): a keyed HMAC-SHA-256 stream. Block j of the stream named L is
/// HMAC-SHA-256(K, UTF-8(L + "/" + j)), read as four unsigned 64-bit big-endian numbers; a whole number below W is the
/// next such number v, rejected while v ≥ 2^64 − (2^64 mod W) and otherwise taken mod W, so every value below W is exactly
/// equally likely. Anyone with K can compute the same numbers in any language.
/// </summary>
public sealed class DrawChance(byte[] key, string label)
{
    private readonly byte[] _key = key.Length == 32 ? key : throw new ArgumentException("The draw key is 32 bytes.", nameof(key));
    private readonly byte[] _block = new byte[32];
    private long _blockNumber;
    private int _next = 4;

    /// <summary>K = SHA-256(UTF-8("sanxiang/draw/v1") ‖ seed ‖ checkpoint root ‖ SHA-256 of the frozen lists).</summary>
    public static byte[] Key(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> checkpointRoot, ReadOnlySpan<byte> listsSha256)
    {
        if (seed.Length != 32 || checkpointRoot.Length != 32 || listsSha256.Length != 32)
        {
            throw new ArgumentException("Seed, checkpoint root and list digest are 32 bytes each.");
        }

        var prefix = "sanxiang/draw/v1"u8;
        var input = new byte[prefix.Length + 96];
        prefix.CopyTo(input);
        seed.CopyTo(input.AsSpan(prefix.Length));
        checkpointRoot.CopyTo(input.AsSpan(prefix.Length + 32));
        listsSha256.CopyTo(input.AsSpan(prefix.Length + 64));
        return SHA256.HashData(input);
    }

    /// <summary>The next unsigned 64-bit number of the stream.</summary>
    public ulong NextUInt64()
    {
        if (_next == 4)
        {
            HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(label + "/" + _blockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)), _block);
            _blockNumber++;
            _next = 0;
        }

        return BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(8 * _next++, 8));
    }

    /// <summary>A whole number in [0, <paramref name="bound"/>), every value equally likely (rejection sampling).</summary>
    public ulong Below(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        // 2^64 mod bound, computed without 128-bit numbers: (2^64 − bound) mod bound.
        var excess = (0UL - bound) % bound;
        while (true)
        {
            var v = NextUInt64();
            if (excess == 0 || v < 0UL - excess)
            {
                return v % bound;
            }
        }
    }
}
