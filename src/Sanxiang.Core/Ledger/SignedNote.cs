using System.Buffers.Binary;
using System.Text;

namespace Sanxiang.Core.Ledger;

/// <summary>The outcome of <see cref="SignedNote.Verify"/>. <see cref="Body"/> is given only for a valid note.</summary>
/// <param name="VerifiedBy">Names of the known keys whose signatures verified.</param>
/// <param name="Error">Why the note was rejected, in Chinese; null when valid.</param>
public sealed record NoteVerification(bool IsValid, string? Body, IReadOnlyList<string> VerifiedBy, string? Error);

/// <summary>
/// Signed notes as https://c2sp.org/signed-note specifies: the text (ending in a newline), a blank line, then one line
/// per signature, "— &lt;key name&gt; base64(key ID, 4 bytes big-endian || signature)". Signatures from unknown keys
/// (name and ID not both matching a given verifier) are ignored; a known key whose signature fails rejects the whole note
/// (the spec's SHOULD); a note with no verified known key is rejected (the spec's MUST). The text of a rejected note is
/// not returned: "The text MUST be ignored unless the note is signed by a trusted key and the signature has been verified."
/// </summary>
public static class SignedNote
{
    /// <summary>More than the 16 signatures the spec requires verifiers to accept; beyond it the note is refused.</summary>
    public const int MaxSignatures = 64;

    /// <summary>Refuse larger notes before parsing them.</summary>
    public const int MaxNoteLength = 1 << 20;

    private const string SignaturePrefix = "\u2014 ";

    public static string Sign(string body, params INoteSigner[] signers)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(signers);
        if (CheckText(body) is { } problem)
        {
            throw new ArgumentException(problem, nameof(body));
        }

        if (signers.Length == 0)
        {
            throw new ArgumentException("至少需要一个签名密钥。", nameof(signers));
        }

        var message = Encoding.UTF8.GetBytes(body);
        var note = new StringBuilder(body).Append('\n');
        foreach (var signer in signers)
        {
            NoteKeyFormat.ValidName(signer.Name);
            var signature = signer.Sign(message);
            var blob = new byte[4 + signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(blob, signer.KeyId);
            signature.CopyTo(blob, 4);
            note.Append(SignaturePrefix).Append(signer.Name).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }

        return note.ToString();
    }

    public static NoteVerification Verify(string note, params INoteVerifier[] verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var known = new Dictionary<(string, uint), INoteVerifier>();
        foreach (var verifier in verifiers)
        {
            if (!known.TryAdd((verifier.Name, verifier.KeyId), verifier))
            {
                throw new ArgumentException($"给出了两个名称和密钥ID都相同的验证密钥（{verifier.Name}）。", nameof(verifiers));
            }
        }

        if (note is null || note.Length > MaxNoteLength)
        {
            return Rejected("签名文本为空或过长。");
        }

        if (CheckText(note) is { } problem)
        {
            return Rejected($"签名文本格式错误：{problem}");
        }

        // The text is separated from the signatures by the last empty line.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return Rejected("签名文本格式错误：找不到正文与签名之间的空行。");
        }

        if (split + 2 >= note.Length)
        {
            return Rejected("签名文本格式错误：空行之后没有签名行。");
        }

        var text = note[..(split + 1)];
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return Rejected($"签名文本格式错误：签名行超过 {MaxSignatures} 行。");
        }

        var message = Encoding.UTF8.GetBytes(text);
        var verifiedBy = new List<string>();
        var seen = new HashSet<(string, uint)>();
        foreach (var line in lines)
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            {
                return Rejected("签名文本格式错误：签名行应以破折号“—”和空格开头。");
            }

            var rest = line[SignaturePrefix.Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !NoteKeyFormat.IsValidName(rest[..space]))
            {
                return Rejected("签名文本格式错误：签名行的密钥名称无效。");
            }

            var name = rest[..space];
            var blob = new byte[(rest.Length - space) * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(rest[(space + 1)..], blob, out var length) || length < 5)
            {
                return Rejected($"签名文本格式错误：密钥“{name}”的签名不是有效的 base64，或短于 5 字节。");
            }

            var keyId = BinaryPrimitives.ReadUInt32BigEndian(blob);
            if (!known.TryGetValue((name, keyId), out var verifier))
            {
                continue; // Unknown key: ignored, as the spec requires.
            }

            if (!verifier.Verify(message, blob[4..length]))
            {
                return Rejected($"密钥“{name}”（ID {keyId:x8}）的签名验证失败：正文或签名已被改动。");
            }

            if (seen.Add((name, keyId)))
            {
                verifiedBy.Add(name);
            }
        }

        return verifiedBy.Count == 0
            ? Rejected("没有任何一个已知密钥的签名：签名全部来自未知密钥，无法确认来源。")
            : new NoteVerification(true, text, verifiedBy, null);
    }

    /// <summary>Ends with a newline; valid UTF-16 (so valid UTF-8); no control characters other than newline.</summary>
    private static string? CheckText(string text)
    {
        if (text.Length == 0 || !text.EndsWith('\n'))
        {
            return "必须以换行符结尾。";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c != '\n')
            {
                return $"第 {i} 个字符是控制字符 U+{(int)c:X4}，签名文本只允许换行这一种控制字符。";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"第 {i} 个字符是不成对的代理项，不是有效的 UTF-8 文本。";
            }
        }

        return null;
    }

    private static NoteVerification Rejected(string error) => new(false, null, [], error);
}
