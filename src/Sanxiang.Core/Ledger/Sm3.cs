using Org.BouncyCastle.Crypto.Digests;

namespace Sanxiang.Core.Ledger;

/// <summary>SM3 (GB/T 32905-2016), BouncyCastle's <see cref="SM3Digest"/>. Hash big files once, streaming.</summary>
public static class Sm3
{
    public const int Size = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var result = new byte[Size];
        digest.DoFinal(result, 0);
        return result;
    }

    public static byte[] Hash(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var digest = new SM3Digest();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
        }

        var result = new byte[Size];
        digest.DoFinal(result, 0);
        return result;
    }
}
