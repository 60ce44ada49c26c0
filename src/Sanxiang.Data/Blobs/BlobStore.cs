using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Org.BouncyCastle.Crypto.Digests;

namespace Sanxiang.Data.Blobs;

/// <summary>
/// Where uploaded files live, addressed by SHA-256 (REC-4). Nothing else in the code touches the paths of stored files.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the content, computing its hash while streaming. Refuses content longer than <paramref name="maxBytes"/>.</summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken ct = default);

    /// <summary>
    /// Stores the content in one streaming pass (SHA-256 and SM3 computed on the way, memory bounded whatever the size),
    /// after <see cref="BlobPut.CheckHead"/> has accepted its first bytes. Whatever is refused or cut off leaves nothing behind.
    /// </summary>
    Task<StoredBlob> PutAsync(Stream content, BlobPut put, CancellationToken ct = default);

    /// <summary>Opens a stored file for reading; the stream checks the content against its hash when read to the end.</summary>
    Stream? Open(string sha256);

    /// <summary>Re-reads the whole file and compares it with its address.</summary>
    Task<bool> VerifyAsync(string sha256, CancellationToken ct = default);
}

/// <summary>A stored file: its SHA-256 (its address) and its SM3 (GB/T 32905, for national-algorithm verifiers), both lower-case hex.</summary>
public sealed record StoredBlob(string Sha256, string Sm3, long Size);

/// <summary>How to take one file in.</summary>
/// <param name="MaxBytes">The largest content accepted (a larger one is refused with <see cref="BlobTooLargeException"/>).</param>
public sealed record BlobPut(long MaxBytes)
{
    /// <summary>How many leading bytes <see cref="CheckHead"/> is shown (fewer when the content is shorter; none when empty).</summary>
    public int HeadBytes { get; init; } = 8192;

    /// <summary>
    /// Looks at the first bytes before anything is written: throws <see cref="BlobRefusedException"/> to refuse the
    /// content, or returns the size limit for it (e.g. a smaller one for photos than for video; at most <see cref="MaxBytes"/>).
    /// </summary>
    public Func<ReadOnlyMemory<byte>, long>? CheckHead { get; init; }
}

/// <summary>Content refused by a <see cref="BlobPut.CheckHead"/>, with the Chinese reason and the HTTP status that fits it.</summary>
public sealed class BlobRefusedException(string message, int status = 415) : Exception(message)
{
    public int Status { get; } = status;
}

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

    /// <summary>Bytes handed from the reading loop to the SM3 hasher at a time; at most <see cref="ChunksInFlight"/> wait.</summary>
    public const int ChunkBytes = 256 * 1024;

    private const int ChunksInFlight = 8;

    /// <summary>
    /// SM3 (BouncyCastle, ~100 MB/s) is ten times slower than SHA-256: it runs on its own core, fed through a bounded
    /// channel of pooled buffers, while this thread reads, computes SHA-256 and writes. False: one thread does all
    /// (kept for the benchmark that compares the two, docs/benchmarks.md).
    /// </summary>
    public bool HashSm3InParallel { get; init; } = true;

    /// <summary>Whether a stored file is flushed to the disk before its address is returned (on by default: a row must never name a lost file).</summary>
    public bool FlushToDisk { get; init; } = true;

    public Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken ct = default) =>
        PutAsync(content, new BlobPut(maxBytes), ct);

    public async Task<StoredBlob> PutAsync(Stream content, BlobPut put, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(put);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(put.HeadBytes, ChunkBytes);
        byte[]? chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        string? temp = null;
        Sm3Hasher? sm3 = null;
        try
        {
            // The head is read (and checked) before a file exists: refused content never touches the disk.
            var filled = await content.ReadAtLeastAsync(chunk.AsMemory(0, put.HeadBytes), put.HeadBytes, throwOnEndOfStream: false, ct);
            var limit = Math.Min(put.MaxBytes, put.CheckHead?.Invoke(chunk.AsMemory(0, filled)) ?? put.MaxBytes);
            if (filled == put.HeadBytes)
            {
                // Top up the first chunk, so that every chunk but the last is full (a short read means the end).
                filled += await content.ReadAtLeastAsync(chunk.AsMemory(filled, ChunkBytes - filled), ChunkBytes - filled, throwOnEndOfStream: false, ct);
            }

            long size = filled;
            if (size > limit)
            {
                throw new BlobTooLargeException(limit);
            }

            var incoming = Path.Combine(_root, "incoming");
            Directory.CreateDirectory(incoming);
            temp = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sm3 = new Sm3Hasher(HashSm3InParallel);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                while (filled > 0)
                {
                    sha256.AppendData(chunk, 0, filled);
                    await file.WriteAsync(chunk.AsMemory(0, filled), ct);
                    var handed = chunk;
                    chunk = null;
                    await sm3.AddAsync(handed, filled, ct); // the hasher returns the buffer to the pool
                    if (filled < ChunkBytes)
                    {
                        break;
                    }

                    chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                    filled = await content.ReadAtLeastAsync(chunk.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, ct);
                    size += filled;
                    if (size > limit)
                    {
                        throw new BlobTooLargeException(limit);
                    }
                }

                if (FlushToDisk)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            var sha = Convert.ToHexStringLower(sha256.GetHashAndReset());
            var sm3Hash = Convert.ToHexStringLower(await sm3.FinishAsync());
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

            return new StoredBlob(sha, sm3Hash, size);
        }
        catch
        {
            if (sm3 is not null)
            {
                await sm3.AbandonAsync();
            }

            if (temp is not null)
            {
                File.Delete(temp);
            }

            throw;
        }
        finally
        {
            if (chunk is not null)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    /// <summary>SM3 over chunks handed to it, on another core through a bounded channel (or inline). Owns each buffer handed to it.</summary>
    private sealed class Sm3Hasher
    {
        private readonly SM3Digest _digest = new();
        private readonly Channel<(byte[] Buffer, int Length)>? _queue;
        private readonly Task? _worker;

        public Sm3Hasher(bool parallel)
        {
            if (!parallel)
            {
                return;
            }

            _queue = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
            _worker = Task.Run(async () =>
            {
                await foreach (var (buffer, length) in _queue.Reader.ReadAllAsync())
                {
                    _digest.BlockUpdate(buffer, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            });
        }

        public async ValueTask AddAsync(byte[] buffer, int length, CancellationToken ct)
        {
            if (_queue is null)
            {
                _digest.BlockUpdate(buffer, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }

            try
            {
                await _queue.Writer.WriteAsync((buffer, length), ct);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        public async Task<byte[]> FinishAsync()
        {
            if (_queue is not null)
            {
                _queue.Writer.Complete();
                await _worker!;
            }

            var hash = new byte[_digest.GetDigestSize()];
            _digest.DoFinal(hash, 0);
            return hash;
        }

        /// <summary>After a failure: let the worker finish what it holds so every buffer goes back to the pool.</summary>
        public async Task AbandonAsync()
        {
            if (_queue is not null && _queue.Writer.TryComplete())
            {
                await _worker!;
            }
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
