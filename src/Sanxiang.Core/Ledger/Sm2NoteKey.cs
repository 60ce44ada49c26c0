using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Sanxiang.Core.Ledger;

/// <summary>
/// An SM2 note key: SM2 signatures with SM3 (GB/T 32918.2-2016) on the sm2p256v1 curve, user ID "1234567812345678"
/// (the default of GM/T 0009), made by BouncyCastle's <see cref="SM2Signer"/>; the signature is the DER SEQUENCE of r
/// and s as BouncyCastle produces it.
/// <para>
/// Signature type. https://c2sp.org/signed-note assigns no identifier byte to SM2, and says: "0xff — Reserved for signature
/// types without an identifier byte assigned by this specification. It is RECOMMENDED that this byte be followed by a
/// longer identifier that is unlikely to collide." So the type here is 0xff followed by the DER encoding of the object
/// identifier of SM2-with-SM3, 1.2.156.10197.1.501 (GM/T 0006), which nobody else will pick by accident; the key ID is
/// SHA-256(name || 0x0A || 0xff || OID || public key)[:4] and the verifier key is
/// "name+keyid+base64(0xff || OID || 0x04 || X || Y)", both as the spec recommends for any type. A verifier that knows
/// only the Ed25519 key ignores this signature line, as the spec requires of unknown keys.
/// </para>
/// </summary>
public sealed class Sm2NoteKey : INoteSigner, INoteVerifier
{
    /// <summary>0xff, the signed-note type byte for algorithms it does not assign.</summary>
    public const byte SignatureTypeByte = 0xff;

    /// <summary>The user ID of GM/T 0009 used when none is agreed, and BouncyCastle's default.</summary>
    public const string UserId = "1234567812345678";

    private static readonly X9ECParameters Curve = GMNamedCurves.GetByName("sm2p256v1");
    private static readonly ECDomainParameters Domain = new(Curve);
    private static readonly byte[] UserIdBytes = Encoding.ASCII.GetBytes(UserId);

    /// <summary>0xff || DER(OID 1.2.156.10197.1.501): what precedes the public key in the key ID and the verifier key.</summary>
    public static ReadOnlySpan<byte> SignatureType => TypePrefix;

    private static readonly byte[] TypePrefix = [SignatureTypeByte, .. GMObjectIdentifiers.sm2sign_with_sm3.GetDerEncoded()];

    private readonly ECPrivateKeyParameters? _private;
    private readonly ECPublicKeyParameters _public;

    private Sm2NoteKey(string name, ECPrivateKeyParameters? privateKey, ECPublicKeyParameters publicKey)
    {
        Name = NoteKeyFormat.ValidName(name);
        _private = privateKey;
        _public = publicKey;
        KeyId = NoteKeyFormat.KeyId(name, [.. TypePrefix, .. PublicKey]);
    }

    public string Name { get; }

    public uint KeyId { get; }

    /// <summary>The uncompressed point 0x04 || X || Y, 65 bytes.</summary>
    public byte[] PublicKey => _public.Q.GetEncoded(false);

    public bool CanSign => _private is not null;

    public string VerifierKey => NoteKeyFormat.VerifierKey(Name, KeyId, [.. TypePrefix, .. PublicKey]);

    /// <summary>SubjectPublicKeyInfo (id-ecPublicKey on sm2p256v1) as PEM.</summary>
    public string PublicKeyPem
    {
        get
        {
            var named = new ECPublicKeyParameters("EC", _public.Q, GMObjectIdentifiers.sm2p256v1);
            var der = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(named).GetDerEncoded();
            return new string(PemEncoding.Write("PUBLIC KEY", der)) + "\n";
        }
    }

    public static Sm2NoteKey Generate(string name)
    {
        var random = new SecureRandom();
        BigInteger d;
        do
        {
            d = new BigInteger(Domain.N.BitLength, random);
        }
        while (d.SignValue <= 0 || d.CompareTo(Domain.N.Subtract(BigInteger.One)) >= 0);

        return FromScalar(name, d);
    }

    /// <summary>From the 32-byte big-endian private scalar d (1 ≤ d ≤ n − 2) that <see cref="ExportPrivate"/> gives.</summary>
    public static Sm2NoteKey FromPrivate(string name, byte[] seed32)
    {
        ArgumentNullException.ThrowIfNull(seed32);
        if (seed32.Length != 32)
        {
            throw new ArgumentException($"SM2 私钥应为 32 字节，实际 {seed32.Length} 字节。", nameof(seed32));
        }

        var d = new BigInteger(1, seed32);
        if (d.SignValue <= 0 || d.CompareTo(Domain.N.Subtract(BigInteger.One)) >= 0)
        {
            throw new ArgumentException("SM2 私钥超出范围：应满足 1 ≤ d ≤ n−2（GB/T 32918.1）。", nameof(seed32));
        }

        return FromScalar(name, d);
    }

    /// <exception cref="FormatException">Not an SM2 verifier key of this form, a point off the curve, or a wrong key ID.</exception>
    public static Sm2NoteKey FromVerifierKey(string vkey)
    {
        var (name, _, typeAndKey) = NoteKeyFormat.ParseVerifierKey(vkey);
        if (!typeAndKey.AsSpan().StartsWith(TypePrefix) || typeAndKey.Length != TypePrefix.Length + 65)
        {
            throw new FormatException("这不是 SM2 验证密钥（签名类型应为 0xff 加 SM2-with-SM3 的对象标识符，公钥为 65 字节未压缩点）。");
        }

        ECPoint q;
        try
        {
            var encoded = typeAndKey.AsSpan(TypePrefix.Length).ToArray();
            if (encoded[0] != 0x04)
            {
                throw new FormatException("SM2 公钥应为未压缩点（0x04 开头）。");
            }

            q = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("SM2 公钥不是 sm2p256v1 曲线上的点。", e);
        }

        return new Sm2NoteKey(name, null, new ECPublicKeyParameters(q, Domain));
    }

    public byte[] ExportPrivate() =>
        _private?.D.ToByteArrayUnsigned() is { } d
            ? [.. new byte[32 - d.Length], .. d]
            : throw new InvalidOperationException($"密钥“{Name}”只有公钥，不能导出私钥。");

    public byte[] Sign(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_private is null)
        {
            throw new InvalidOperationException($"密钥“{Name}”只有公钥，不能签名。");
        }

        var signer = new SM2Signer(new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(_private, new SecureRandom()), UserIdBytes));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public bool Verify(byte[] message, byte[] signature)
    {
        if (message is null || signature is null || signature.Length == 0)
        {
            return false;
        }

        var verifier = new SM2Signer(new SM3Digest());
        verifier.Init(false, new ParametersWithID(_public, UserIdBytes));
        verifier.BlockUpdate(message, 0, message.Length);
        try
        {
            return verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            return false; // Not a DER SEQUENCE of two integers.
        }
    }

    private static Sm2NoteKey FromScalar(string name, BigInteger d)
    {
        var q = Domain.G.Multiply(d).Normalize();
        return new Sm2NoteKey(name, new ECPrivateKeyParameters(d, Domain), new ECPublicKeyParameters(q, Domain));
    }
}
