using System.Security.Cryptography;

namespace Sanxiang.Data.Blobs;

/// <summary>
/// Where uploaded files live, addressed by SHA-256 (REC-4). Nothing else in the code touches the paths of stored files.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content, computing its hash while streaming. Refuses content longer than <paramref name="maxBytes"/>.</summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken ct = default);

    /// <summary>Opens a stored file for reading; the stream checks the content against its hash when read to the end.</summary>
    Stream? Open(string sha256);

    /// <summary>Re-reads the whole file and compares it with its address.</summary>
    Task<bool> VerifyAsync(string sha256, CancellationToken ct = default);
}

/// <summary>A stored file: its SHA-256 (its address) and its SM3 (GB/T 32905, for national-algorithm verifiers), both lower-case hex.</summary>
public sealed record StoredBlob(string Sha256, string Sm3, long Size);

public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"文件超过允许的大小上限（{maxBytes / 1024 / 1024} MB）。")
{
    public long MaxBytes { get; } = maxBytes;
}

public sealed class BlobIntegrityException(string sha256)
    : Exception($"存储的文件 {sha256} 与其哈希不符：文件可能已被篡改或损坏。");

public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken ct = default)
    {
        var incoming = Path.Combine(_root, "incoming");
        Directory.CreateDirectory(incoming);
        var temp = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var sm3 = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    sm3.BlockUpdate(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                await file.FlushAsync(ct);
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var sm3Hash = new byte[sm3.GetDigestSize()];
            sm3.DoFinal(sm3Hash, 0);
            var target = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temp);
            }
            else
            {
                File.Move(temp, target);
            }

            return new StoredBlob(sha, Convert.ToHexStringLower(sm3Hash), size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Stream? Open(string sha256)
    {
        if (!IsHash(sha256))
        {
            return null;
        }

        var path = PathOf(sha256);
        return File.Exists(path) ? new VerifyingStream(File.OpenRead(path), sha256) : null;
    }

    public async Task<bool> VerifyAsync(string sha256, CancellationToken ct = default)
    {
        if (!IsHash(sha256) || !File.Exists(PathOf(sha256)))
        {
            return false;
        }

        await using var file = File.OpenRead(PathOf(sha256));
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        return actual == sha256;
    }

    public static bool IsHash(string value) =>
        value.Length == 64 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);

    /// <summary>Hashes what is read and throws at the end if the content does not match its address.</summary>
    private sealed class VerifyingStream(Stream inner, string expected) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _checked;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Check(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Check(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Check(Span<byte> read)
        {
            if (read.Length > 0)
            {
                _hash.AppendData(read);
            }
            else if (!_checked)
            {
                _checked = true;
                if (Convert.ToHexStringLower(_hash.GetHashAndReset()) != expected)
                {
                    throw new BlobIntegrityException(expected);
                }
            }

            return read.Length;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
