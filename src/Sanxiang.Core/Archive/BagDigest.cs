using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Sanxiang.Core.Archive;

/// <summary>
/// One running digest of a BagIt manifest algorithm (RFC 8493 §2.4): md5, sha1, sha224, sha256, sha384, sha512, plus
/// SM3 (GB/T 32905) for the platform's own tag file. SHA-2 through .NET (hardware-accelerated); the legacy algorithms
/// and SM3 through BouncyCastle: md5 and sha1 are only ever used to check old bags, never to seal ours.
/// </summary>
public sealed class BagDigest : IDisposable
{
    /// <summary>The algorithms a BagIt manifest may name that this validator can check, in the order RFC 8493 lists them.</summary>
    public static readonly IReadOnlyList<string> BagItAlgorithms = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

    public const string Sm3 = "sm3";

    private readonly IncrementalHash? _net;
    private readonly IDigest? _bc;

    private BagDigest(string algorithm, IncrementalHash? net, IDigest? bc)
    {
        Algorithm = algorithm;
        _net = net;
        _bc = bc;
    }

    public string Algorithm { get; }

    /// <summary>A digest for a lower-case algorithm name, or null when the algorithm is not supported.</summary>
    public static BagDigest? TryCreate(string algorithm) => algorithm switch
    {
        "sha256" => new BagDigest(algorithm, IncrementalHash.CreateHash(HashAlgorithmName.SHA256), null),
        "sha384" => new BagDigest(algorithm, IncrementalHash.CreateHash(HashAlgorithmName.SHA384), null),
        "sha512" => new BagDigest(algorithm, IncrementalHash.CreateHash(HashAlgorithmName.SHA512), null),
        "sha224" => new BagDigest(algorithm, null, new Sha224Digest()),
        "sha1" => new BagDigest(algorithm, null, new Sha1Digest()),
        "md5" => new BagDigest(algorithm, null, new MD5Digest()),
        Sm3 => new BagDigest(algorithm, null, new SM3Digest()),
        _ => null,
    };

    public static bool IsSupported(string algorithm) => algorithm is "md5" or "sha1" or "sha224" or "sha256" or "sha384" or "sha512" or Sm3;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_net is not null)
        {
            _net.AppendData(data);
        }
        else
        {
            _bc!.BlockUpdate(data);
        }
    }

    /// <summary>The digest as lower-case hex; the digest is then reset.</summary>
    public string FinishHex()
    {
        if (_net is not null)
        {
            return Convert.ToHexStringLower(_net.GetHashAndReset());
        }

        var result = new byte[_bc!.GetDigestSize()];
        _bc.DoFinal(result, 0);
        return Convert.ToHexStringLower(result);
    }

    /// <summary>The lower-case hex digest of a whole stream, read in 80 KB pieces.</summary>
    public static string HashHex(string algorithm, Stream stream)
    {
        using var digest = TryCreate(algorithm) ?? throw new ArgumentException($"不支持的摘要算法“{algorithm}”。", nameof(algorithm));
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            digest.Append(buffer.AsSpan(0, read));
        }

        return digest.FinishHex();
    }

    public void Dispose() => _net?.Dispose();
}
