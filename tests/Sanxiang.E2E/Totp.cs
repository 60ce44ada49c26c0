using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sanxiang.E2E;

/// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s step, 6 digits) over an RFC 4648 base32 key, as an authenticator app computes it.</summary>
public static class Totp
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Compute(string base32Key, DateTimeOffset now) =>
        Hotp(Base32Decode(base32Key), now.ToUnixTimeSeconds() / 30, 6);

    /// <summary>RFC 4226 HOTP with dynamic truncation.</summary>
    public static string Hotp(byte[] key, long counter, int digits)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // HMAC-SHA1 is what RFC 6238 authenticators use; this is the test's authenticator.
        HMACSHA1.HashData(key, message, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7FFF_FFFF;
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>Base32 (RFC 4648) decoding; ignores case, spaces and '=' padding, as the key is shown in groups of four.</summary>
    public static byte[] Base32Decode(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        var buffer = 0;
        var bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
