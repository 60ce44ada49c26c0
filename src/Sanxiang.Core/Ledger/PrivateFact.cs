using System.Security.Cryptography;
using System.Text;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// A salted commitment to personal data that must stay internal (a party's ID number, a witness's name and phone):
/// the log holds only <see cref="Commitment"/>, the database keeps the value with its <see cref="Salt"/>.
/// A plain hash would not do: an 18-digit ID number has so little entropy (region, birth date, sequence, checksum)
/// that every candidate can be hashed in minutes; with 32 random bytes of salt, the public log reveals nothing, while
/// anyone holding the record (an auditor, a court) recomputes SHA-256(salt ‖ UTF-8 value) and checks it against the log.
/// </summary>
public sealed record PrivateFact(byte[] Salt, string Commitment)
{
    public const int SaltSize = 32;

    /// <summary>Commits to <paramref name="value"/> (trimmed, Unicode NFC, so the same text always gives the same bytes).</summary>
    public static PrivateFact Commit(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        return new PrivateFact(salt, Hash(salt, value));
    }

    /// <summary>Whether <paramref name="value"/> is the value committed to with <paramref name="salt"/>.</summary>
    public static bool Verify(string value, byte[] salt, string commitment)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(commitment);
        if (salt.Length != SaltSize)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hash(salt, value));
        var given = Encoding.ASCII.GetBytes(commitment.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Hash(byte[] salt, string value)
    {
        var text = Encoding.UTF8.GetBytes(value.Trim().Normalize(NormalizationForm.FormC));
        var buffer = new byte[salt.Length + text.Length];
        salt.CopyTo(buffer, 0);
        text.CopyTo(buffer, salt.Length);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
