using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sanxiang.Core.Ledger;

/// <summary>A key that signs note text (https://c2sp.org/signed-note). <see cref="Sign"/> returns the bare signature.</summary>
public interface INoteSigner
{
    string Name { get; }

    uint KeyId { get; }

    byte[] Sign(byte[] message);
}

/// <summary>A key that checks note signatures. Must return false, not throw, on a malformed signature.</summary>
public interface INoteVerifier
{
    string Name { get; }

    uint KeyId { get; }

    bool Verify(byte[] message, byte[] signature);
}

/// <summary>The signed-note rules on key names, key IDs and verifier keys shared by both key types.</summary>
internal static class NoteKeyFormat
{
    /// <summary>"Key names MUST be non-empty and MUST NOT contain any Unicode spaces or plus (U+002B) characters."</summary>
    public static string ValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"签名密钥名称“{name}”无效：不能为空，不能含空白、加号或控制字符。", nameof(name));
        }

        return name;
    }

    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c));

    /// <summary>key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian.</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> typeAndKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 1 + typeAndKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        typeAndKey.CopyTo(input.AsSpan(nameBytes.Length + 1));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <summary>"&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(type || public key)&gt;", the form of golang.org/x/mod/sumdb/note.</summary>
    public static string VerifierKey(string name, uint keyId, ReadOnlySpan<byte> typeAndKey) =>
        $"{name}+{keyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String(typeAndKey)}";

    /// <summary>Splits a verifier key and checks that its key ID is the one its name and key give.</summary>
    public static (string Name, uint KeyId, byte[] TypeAndKey) ParseVerifierKey(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        // The base64 part may itself contain '+': split off the name and the ID only.
        var first = vkey.IndexOf('+', StringComparison.Ordinal);
        var second = first < 0 ? -1 : vkey.IndexOf('+', first + 1);
        if (first <= 0 || second < 0)
        {
            throw new FormatException("验证密钥格式应为“名称+8位十六进制密钥ID+base64公钥”。");
        }

        var name = vkey[..first];
        var idText = vkey[(first + 1)..second];
        if (!IsValidName(name))
        {
            throw new FormatException($"验证密钥中的名称“{name}”无效。");
        }

        if (idText.Length != 8 || !uint.TryParse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            throw new FormatException($"验证密钥中的密钥ID“{idText}”应为 8 位十六进制数。");
        }

        byte[] typeAndKey;
        try
        {
            typeAndKey = Convert.FromBase64String(vkey[(second + 1)..]);
        }
        catch (FormatException e)
        {
            throw new FormatException("验证密钥中的公钥不是有效的 base64。", e);
        }

        if (typeAndKey.Length < 2)
        {
            throw new FormatException("验证密钥中的公钥为空。");
        }

        if (KeyId(name, typeAndKey) != keyId)
        {
            throw new FormatException($"验证密钥的密钥ID {idText} 与名称和公钥不符。");
        }

        return (name, keyId, typeAndKey);
    }
}
