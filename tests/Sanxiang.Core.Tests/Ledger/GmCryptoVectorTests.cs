using System.Text;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Sanxiang.Core.Ledger;
using static Sanxiang.Core.Tests.Ledger.LedgerTestData;

namespace Sanxiang.Core.Tests.Ledger;

/// <summary>SM3 (GB/T 32905) and SM2 (GB/T 32918.2 Annex A) standard examples, Vectors/sm2-sm3/sm2-sm3-vectors.json.</summary>
public sealed class GmCryptoVectorTests
{
    private static readonly JsonNode Vectors = JsonNode.Parse(File.ReadAllText(VectorPath("sm2-sm3", "sm2-sm3-vectors.json")))!;

    private static string S(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static BigInteger Big(JsonNode node, string name) => new(S(node, name), 16);

    private static byte[] Bytes32(BigInteger value) => BigIntegers.AsUnsignedByteArray(32, value);

    [Fact]
    public void Sm3_examples()
    {
        var cases = Vectors["sm3"]!.AsArray();
        Assert.Equal(5, cases.Count);
        foreach (var c in cases)
        {
            var message = c!["msg_ascii"] is { } ascii
                ? Encoding.ASCII.GetBytes(ascii.GetValue<string>())
                : Encoding.ASCII.GetBytes(new string('a', 1_000_000));
            Assert.Equal(S(c, "digest"), Convert.ToHexStringLower(Sm3.Hash(message)));
            Assert.Equal(S(c, "digest"), Convert.ToHexStringLower(Sm3.Hash(new MemoryStream(message))));
        }
    }

    [Fact]
    public void Sm2_GBT32918_annex_A_example_with_k_fixed()
    {
        var v = Vectors["sm2_sign"]!["gbt32918_2_annexA_fp256"]!;
        var curveNode = v["curve"]!;
        var n = Big(curveNode, "n");
        var curve = new FpCurve(Big(curveNode, "p"), Big(curveNode, "a"), Big(curveNode, "b"), n, BigInteger.One);
        var g = curve.CreatePoint(Big(curveNode, "Gx"), Big(curveNode, "Gy"));
        var domain = new ECDomainParameters(curve, g, n);
        var d = Big(v, "d");
        var p = g.Multiply(d).Normalize();
        Assert.Equal(Big(v, "Px"), p.AffineXCoord.ToBigInteger());
        Assert.Equal(Big(v, "Py"), p.AffineYCoord.ToBigInteger());

        var userId = Encoding.ASCII.GetBytes(S(v, "userId_ascii"));
        var message = Encoding.ASCII.GetBytes(S(v, "message_ascii"));

        // ZA = SM3(ENTL ‖ ID ‖ a ‖ b ‖ Gx ‖ Gy ‖ Px ‖ Py), e = SM3(ZA ‖ M): checks Sm3 on the standard's own numbers.
        byte[] za = Sm3.Hash([.. Hex(S(v, "ENTL_hex")), .. userId, .. Bytes32(Big(curveNode, "a")), .. Bytes32(Big(curveNode, "b")),
            .. Bytes32(Big(curveNode, "Gx")), .. Bytes32(Big(curveNode, "Gy")), .. Bytes32(Big(v, "Px")), .. Bytes32(Big(v, "Py"))]);
        Assert.Equal(S(v, "ZA"), Convert.ToHexString(za));
        Assert.Equal(S(v, "e"), Convert.ToHexString(Sm3.Hash([.. za, .. message])));

        // "its k is random, so fix it with ParametersWithID(ParametersWithRandom(key, fixedRandom), id)".
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(new ECPrivateKeyParameters(d, domain), new FixedK(Big(v, "k"))), userId));
        signer.BlockUpdate(message, 0, message.Length);
        var rs = signer.GenerateSignature();
        Assert.Equal(S(v, "r") + S(v, "s"), Convert.ToHexString(rs));

        var verifier = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        verifier.Init(false, new ParametersWithID(new ECPublicKeyParameters(p, domain), userId));
        verifier.BlockUpdate(message, 0, message.Length);
        Assert.True(verifier.VerifySignature(rs));
    }

    [Fact]
    public void Sm2_bouncycastle_sm2p256v1_example_with_k_fixed()
    {
        var v = Vectors["sm2_sign"]!["bc_sm2p256v1_sm3"]!;
        var key = Sm2NoteKey.FromPrivate("test", Bytes32(Big(v, "d")));
        Assert.Equal("04" + S(v, "Px") + S(v, "Py"), Convert.ToHexString(key.PublicKey));

        var domain = new ECDomainParameters(Org.BouncyCastle.Asn1.GM.GMNamedCurves.GetByName("sm2p256v1"));
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        var userId = Encoding.ASCII.GetBytes(S(v, "userId_ascii"));
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(new ECPrivateKeyParameters(Big(v, "d"), domain), new FixedK(Big(v, "k"))), userId));
        var message = Encoding.ASCII.GetBytes(S(v, "message_ascii"));
        signer.BlockUpdate(message, 0, message.Length);
        Assert.Equal(S(v, "r") + S(v, "s"), Convert.ToHexString(signer.GenerateSignature()));
    }

    [Fact]
    public void Sm2NoteKey_with_the_default_user_id_verifies_an_independently_derived_signature()
    {
        // DERIVED by an independent implementation (see the file's note), not an official vector: r, s for user ID
        // 1234567812345678, the ID Sm2NoteKey uses.
        var v = Vectors["sm2_sign"]!["derived_default_id_sm2p256v1"]!;
        Assert.Equal(Sm2NoteKey.UserId, S(v, "userId_ascii"));
        var key = Sm2NoteKey.FromPrivate("test", Bytes32(Big(v, "d")));
        var der = new DerSequence(new DerInteger(Big(v, "r")), new DerInteger(Big(v, "s"))).GetEncoded();
        var message = Encoding.ASCII.GetBytes(S(v, "message_ascii"));
        Assert.True(key.Verify(message, der));
        Assert.False(key.Verify(Encoding.ASCII.GetBytes("hi chappY"), der));
        Assert.False(key.Verify(message, [.. der[..^1], (byte)(der[^1] ^ 1)]));
        Assert.False(key.Verify(message, [0x30, 0x01]));

        // Its own signatures (random k) verify, and verify through a key made from the verifier key alone.
        var signature = key.Sign(message);
        Assert.True(Sm2NoteKey.FromVerifierKey(key.VerifierKey).Verify(message, signature));
    }

    /// <summary>A SecureRandom that yields k: BouncyCastle draws k as a 256-bit number from NextBytes.</summary>
    private sealed class FixedK(BigInteger k) : SecureRandom
    {
        private readonly byte[] _k = BigIntegers.AsUnsignedByteArray(32, k);

        public override void NextBytes(byte[] buf) => NextBytes(buf.AsSpan());

        public override void NextBytes(byte[] buf, int off, int len) => NextBytes(buf.AsSpan(off, len));

        public override void NextBytes(Span<byte> buffer) => _k.AsSpan(_k.Length - buffer.Length).CopyTo(buffer);
    }
}
