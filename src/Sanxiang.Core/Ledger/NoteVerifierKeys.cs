namespace Sanxiang.Core.Ledger;

/// <summary>Reads published verifier keys ("name+keyid+base64(type || key)") whatever their algorithm.</summary>
public static class NoteVerifierKeys
{
    /// <summary>An Ed25519 (type 0x01) or SM2 (type 0xff + OID) verifier; FormatException with a Chinese message otherwise.</summary>
    public static INoteVerifier Parse(string vkey)
    {
        var (_, _, typeAndKey) = NoteKeyFormat.ParseVerifierKey(vkey.Trim());
        return typeAndKey.Length > 0 && typeAndKey[0] == Ed25519NoteKey.SignatureType
            ? Ed25519NoteKey.FromVerifierKey(vkey.Trim())
            : typeAndKey.Length > 0 && typeAndKey[0] == Sm2NoteKey.SignatureTypeByte
                ? Sm2NoteKey.FromVerifierKey(vkey.Trim())
                : throw new FormatException("验证密钥的签名类型不受支持（只支持 Ed25519 与 SM2）。");
    }

    /// <summary>Every verifier key in a text such as <c>/ledger/keys</c>: comment lines (#) and PEM blocks are skipped.</summary>
    public static IReadOnlyList<INoteVerifier> ParseAll(string text)
    {
        var keys = new List<INoteVerifier>();
        var inPem = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                inPem = true;
            }
            else if (line.StartsWith("-----END", StringComparison.Ordinal))
            {
                inPem = false;
            }
            else if (!inPem && line.Length > 0 && !line.StartsWith('#'))
            {
                keys.Add(Parse(line));
            }
        }

        return keys;
    }
}
