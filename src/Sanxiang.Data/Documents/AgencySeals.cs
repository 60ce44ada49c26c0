using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Documents;

/// <summary>
/// Each agency's electronic seal: an SM2 key (GB/T 32918, SM3 digest), made the first time the agency issues a document
/// and kept as a file readable only by the platform's user (mode 600) under <c>Documents:SealKeyDirectory</c> (default
/// <c>Storage:DataDirectory</c>/keys/seals). Never in the database, the repository or a log. Several web nodes share the
/// folder like the blob store; the first node to create a key wins and the others read it.
/// </summary>
public sealed class AgencySeals(string directory)
{
    private readonly ConcurrentDictionary<string, Sm2NoteKey> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public string Directory { get; } = Path.GetFullPath(directory);

    public static AgencySeals FromConfiguration(IConfiguration configuration) => new(
        configuration["Documents:SealKeyDirectory"] ?? Path.Combine(configuration["Storage:DataDirectory"] ?? "data", "keys", "seals"));

    /// <summary>The key's name in signed-note form, e.g. <c>SCJG/seal</c>.</summary>
    public static string KeyName(string agencyCode) => agencyCode + "/seal";

    /// <summary>The agency's seal key, created on first use.</summary>
    public Sm2NoteKey For(string agencyCode)
    {
        if (string.IsNullOrWhiteSpace(agencyCode) || !agencyCode.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"执法主体代码“{agencyCode}”无效。", nameof(agencyCode));
        }

        return _keys.GetOrAdd(agencyCode, code =>
        {
            lock (_gate)
            {
                System.IO.Directory.CreateDirectory(Directory);
                var path = PathOf(code);
                if (!File.Exists(path))
                {
                    var created = Sm2NoteKey.Generate(KeyName(code));
                    try
                    {
                        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                        if (!OperatingSystem.IsWindows())
                        {
                            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                        }

                        using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, options))
                        {
                            file.Write(Convert.ToBase64String(created.ExportPrivate()) + "\n");
                        }

                        return created;
                    }
                    catch (IOException) when (File.Exists(path))
                    {
                        // Another node made it first: use theirs.
                    }
                }

                return Sm2NoteKey.FromPrivate(KeyName(code), Convert.FromBase64String(File.ReadAllText(path).Trim()));
            }
        });
    }

    /// <summary>The public key of an agency's seal, or null when the agency has never issued a document.</summary>
    public Sm2NoteKey? PublicKey(string agencyCode)
    {
        if (string.IsNullOrWhiteSpace(agencyCode) || !agencyCode.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        if (_keys.TryGetValue(agencyCode, out var key) || File.Exists(PathOf(agencyCode)))
        {
            return key ?? For(agencyCode);
        }

        return null;
    }

    private string PathOf(string code) => Path.Combine(Directory, code + ".sm2.key");

    /// <summary>What the seal signs: the 32 bytes of the PDF's SHA-256 (decision 0008).</summary>
    public static byte[] SignedMessage(string pdfSha256Hex) => Convert.FromHexString(pdfSha256Hex);
}
