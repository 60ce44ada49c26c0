using System.Text;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Core.Tests.Ledger;

public sealed class SignedNoteTests
{
    // The example of golang.org/x/mod/sumdb/note (BSD-3-Clause), package documentation "Example" and note_test.go:
    // signer key "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", the verifier key and
    // the signed note below. Ed25519 is deterministic, so signing the same text must give the same note byte for byte.
    private const string PeterSigner = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string PeterVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterNote = PeterText + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static readonly Ed25519NoteKey Ed = Ed25519NoteKey.Generate("sanxiang.330100/log");
    private static readonly Sm2NoteKey Sm2 = Sm2NoteKey.Generate("sanxiang.330100/log-sm2");
    private static readonly string Body = new Checkpoint("sanxiang.330100/log", 42, MerkleHash.Leaf([42])).Body;

    [Fact]
    public void Go_sumdb_note_example_signs_byte_for_byte_and_verifies()
    {
        var skey = Convert.FromBase64String(PeterSigner);
        Assert.Equal(Ed25519NoteKey.SignatureType, skey[0]);
        var key = Ed25519NoteKey.FromPrivate("PeterNeumann", skey[1..]);
        Assert.Equal(PeterVerifier, key.VerifierKey);
        Assert.Equal(0xc74f20a3u, key.KeyId);
        Assert.Equal(PeterNote, SignedNote.Sign(PeterText, key));

        var result = SignedNote.Verify(PeterNote, Ed25519NoteKey.FromVerifierKey(PeterVerifier));
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(PeterText, result.Body);
        Assert.Equal(["PeterNeumann"], result.VerifiedBy);

        var tampered = SignedNote.Verify(PeterNote.Replace("cryptography", "cryptographY", StringComparison.Ordinal), Ed25519NoteKey.FromVerifierKey(PeterVerifier));
        Assert.False(tampered.IsValid);
        Assert.Null(tampered.Body);
    }

    [Fact]
    public void Signed_with_Ed25519_and_SM2_verifies_with_either_key_alone_and_with_both()
    {
        var note = SignedNote.Sign(Body, Ed, Sm2);
        var lines = note.Split('\n');
        Assert.StartsWith("— sanxiang.330100/log ", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("— sanxiang.330100/log-sm2 ", lines[5], StringComparison.Ordinal);

        var both = SignedNote.Verify(note, Ed, Sm2);
        Assert.True(both.IsValid, both.Error);
        Assert.Equal(Body, both.Body);
        Assert.Equal([Ed.Name, Sm2.Name], both.VerifiedBy);

        // Verifiers built from the published verifier keys only, as a citizen or a witness would have them.
        var edOnly = SignedNote.Verify(note, Ed25519NoteKey.FromVerifierKey(Ed.VerifierKey));
        Assert.True(edOnly.IsValid, edOnly.Error);
        Assert.Equal([Ed.Name], edOnly.VerifiedBy);

        var sm2Only = SignedNote.Verify(note, Sm2NoteKey.FromVerifierKey(Sm2.VerifierKey));
        Assert.True(sm2Only.IsValid, sm2Only.Error);
        Assert.Equal([Sm2.Name], sm2Only.VerifiedBy);
        Assert.Equal(Body, Checkpoint.ParseBody(sm2Only.Body!).Body);
    }

    [Fact]
    public void A_note_signed_by_unknown_keys_only_is_rejected()
    {
        var note = SignedNote.Sign(Body, Sm2);
        var result = SignedNote.Verify(note, Ed);
        Assert.False(result.IsValid);
        Assert.Contains("未知密钥", result.Error, StringComparison.Ordinal);

        // Same name, other key: still unknown (name and ID must both match).
        var impostor = Ed25519NoteKey.Generate(Ed.Name);
        Assert.False(SignedNote.Verify(SignedNote.Sign(Body, impostor), Ed).IsValid);
    }

    [Fact]
    public void Tampered_body_or_signature_is_rejected_with_a_Chinese_reason()
    {
        var note = SignedNote.Sign(Body, Ed, Sm2);
        var changedBody = note.Replace("\n42\n", "\n43\n", StringComparison.Ordinal);
        foreach (var verifier in new INoteVerifier[] { Ed, Sm2 })
        {
            var result = SignedNote.Verify(changedBody, verifier);
            Assert.False(result.IsValid);
            Assert.Contains("签名验证失败", result.Error, StringComparison.Ordinal);
        }

        var lines = note.Split('\n');
        for (var line = 4; line <= 5; line++)
        {
            var blob = Convert.FromBase64String(lines[line][(lines[line].LastIndexOf(' ') + 1)..]);
            blob[^2] ^= 0x10;
            var copy = (string[])lines.Clone();
            copy[line] = lines[line][..(lines[line].LastIndexOf(' ') + 1)] + Convert.ToBase64String(blob);
            var result = SignedNote.Verify(string.Join('\n', copy), Ed, Sm2);
            Assert.False(result.IsValid);
            Assert.Contains("签名验证失败", result.Error, StringComparison.Ordinal);
        }

        // A failed known signature rejects the note even when another known one verifies.
        var withBadSm2 = SignedNote.Sign(Body, Ed) + SignedNote.Sign("other\n", Sm2).Split('\n')[2] + "\n";
        Assert.False(SignedNote.Verify(withBadSm2, Ed, Sm2).IsValid);
        Assert.True(SignedNote.Verify(withBadSm2, Ed).IsValid); // to an Ed25519-only verifier that line is unknown
    }

    [Theory]
    [InlineData("", "格式错误")]
    [InlineData("text\n", "格式错误")]
    [InlineData("text\n\n", "格式错误")]
    [InlineData("text\n\n— name AAAA\n", "格式错误")]
    [InlineData("text\n\n- name AAAAAAAAAAAA\n", "格式错误")]
    [InlineData("text\n\n— name not!base64\n", "格式错误")]
    [InlineData("text\n\n— na+me AAAAAAAAAAAA\n", "格式错误")]
    [InlineData("te\txt\n\n— name AAAAAAAAAAAA\n", "控制字符")]
    [InlineData("text\n\n— name AAAAAAAAAAAA", "格式错误")]
    public void Malformed_notes_are_rejected_without_throwing(string note, string reason)
    {
        var result = SignedNote.Verify(note, Ed);
        Assert.False(result.IsValid);
        Assert.Null(result.Body);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_may_contain_blank_lines_the_last_one_separates_the_signatures()
    {
        var text = "a\n\nb\n";
        var result = SignedNote.Verify(SignedNote.Sign(text, Ed), Ed);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(text, result.Body);
    }

    [Fact]
    public void Keys_round_trip_through_private_export_and_verifier_keys()
    {
        var ed = Ed25519NoteKey.FromPrivate(Ed.Name, Ed.ExportPrivate());
        Assert.Equal(Ed.VerifierKey, ed.VerifierKey);
        var sm2 = Sm2NoteKey.FromPrivate(Sm2.Name, Sm2.ExportPrivate());
        Assert.Equal(Sm2.VerifierKey, sm2.VerifierKey);
        Assert.Equal(65, sm2.PublicKey.Length);
        Assert.Equal(0x04, sm2.PublicKey[0]);

        // SM2 signature type: 0xff followed by the DER of OID 1.2.156.10197.1.501; key ID as the spec recommends.
        var typeAndKey = Convert.FromBase64String(Sm2.VerifierKey.Split('+', 3)[2]);
        Assert.Equal(Convert.FromHexString("FF06082A811CCF55018375"), typeAndKey[..11]);
        var idInput = (byte[])[.. Encoding.UTF8.GetBytes(Sm2.Name), 0x0A, .. typeAndKey];
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Security.Cryptography.SHA256.HashData(idInput)), Sm2.KeyId);

        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", Ed.PublicKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", Sm2.PublicKeyPem, StringComparison.Ordinal);
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        // .NET cannot use the SM2 curve, but the SubjectPublicKeyInfo must at least be well-formed DER with the SM2 OID.
        var der = Convert.FromBase64String(string.Concat(Sm2.PublicKeyPem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('-'))));
        Assert.Contains("06082A811CCF5501822D", Convert.ToHexString(der), StringComparison.Ordinal); // sm2p256v1

        var verifyOnly = Ed25519NoteKey.FromVerifierKey(Ed.VerifierKey);
        Assert.Throws<InvalidOperationException>(() => verifyOnly.Sign([1]));
        Assert.Throws<InvalidOperationException>(() => verifyOnly.ExportPrivate());
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // wrong ID
    [InlineData("PeterNeumanN+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // wrong name
    [InlineData("PeterNeumann+c74f20a3+AhpC2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // wrong type
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("PeterNeumann+c74f20a3+!!!!")]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void Bad_verifier_keys_are_refused(string vkey)
    {
        Assert.Throws<FormatException>(() => Ed25519NoteKey.FromVerifierKey(vkey));
        Assert.Throws<FormatException>(() => Sm2NoteKey.FromVerifierKey(vkey));
    }

    [Fact]
    public void Bad_key_names_and_bodies_are_refused_when_signing()
    {
        Assert.Throws<ArgumentException>(() => Ed25519NoteKey.Generate("with space"));
        Assert.Throws<ArgumentException>(() => Sm2NoteKey.Generate("with+plus"));
        Assert.Throws<ArgumentException>(() => Ed25519NoteKey.Generate(""));
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("no newline", Ed));
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("tab\there\n", Ed));
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("x\n"));
    }
}
