using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// An Ed25519 note key, signature type 0x01 of https://c2sp.org/signed-note: RFC 8032 signatures over the note text,
/// key ID = SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4]. Interoperates with golang.org/x/mod/sumdb/note.
/// A key made from a verifier key can only verify.
/// </summary>
public sealed class Ed25519NoteKey : INoteSigner, INoteVerifier
{
    public const byte SignatureType = 0x01;

    private readonly Ed25519PrivateKeyParameters? _private;
    private readonly Ed25519PublicKeyParameters _public;

    private Ed25519NoteKey(string name, Ed25519PrivateKeyParameters? privateKey, Ed25519PublicKeyParameters publicKey)
    {
        Name = NoteKeyFormat.ValidName(name);
        _private = privateKey;
        _public = publicKey;
        KeyId = NoteKeyFormat.KeyId(name, [SignatureType, .. publicKey.GetEncoded()]);
    }

    public string Name { get; }

    public uint KeyId { get; }

    /// <summary>The 32-byte RFC 8032 public key.</summary>
    public byte[] PublicKey => _public.GetEncoded();

    public bool CanSign => _private is not null;

    /// <summary>The note verifier key: "name+keyid+base64(0x01 || public key)".</summary>
    public string VerifierKey => NoteKeyFormat.VerifierKey(Name, KeyId, [SignatureType, .. PublicKey]);

    /// <summary>The public key as a PEM SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----").</summary>
    public string PublicKeyPem =>
        new string(PemEncoding.Write("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_public).GetDerEncoded())) + "\n";

    public static Ed25519NoteKey Generate(string name)
    {
        var privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new Ed25519NoteKey(name, privateKey, privateKey.GeneratePublicKey());
    }

    /// <summary>From the 32-byte RFC 8032 seed that <see cref="ExportPrivate"/> gives.</summary>
    public static Ed25519NoteKey FromPrivate(string name, byte[] seed32)
    {
        ArgumentNullException.ThrowIfNull(seed32);
        if (seed32.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException($"Ed25519 私钥应为 {Ed25519PrivateKeyParameters.KeySize} 字节，实际 {seed32.Length} 字节。", nameof(seed32));
        }

        var privateKey = new Ed25519PrivateKeyParameters(seed32);
        return new Ed25519NoteKey(name, privateKey, privateKey.GeneratePublicKey());
    }

    /// <exception cref="FormatException">Not an Ed25519 verifier key, or its key ID does not match.</exception>
    public static Ed25519NoteKey FromVerifierKey(string vkey)
    {
        var (name, _, typeAndKey) = NoteKeyFormat.ParseVerifierKey(vkey);
        if (typeAndKey[0] != SignatureType || typeAndKey.Length != 1 + Ed25519PublicKeyParameters.KeySize)
        {
            throw new FormatException("这不是 Ed25519 验证密钥（签名类型应为 0x01，公钥 32 字节）。");
        }

        return new Ed25519NoteKey(name, null, new Ed25519PublicKeyParameters(typeAndKey, 1));
    }

    /// <summary>The 32-byte seed. Keep it out of the database and out of git.</summary>
    public byte[] ExportPrivate() =>
        _private?.GetEncoded() ?? throw new InvalidOperationException($"密钥“{Name}”只有公钥，不能导出私钥。");

    public byte[] Sign(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_private is null)
        {
            throw new InvalidOperationException($"密钥“{Name}”只有公钥，不能签名。");
        }

        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public bool Verify(byte[] message, byte[] signature)
    {
        if (message is null || signature is null || signature.Length != Ed25519PrivateKeyParameters.SignatureSize)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, _public);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }
}
