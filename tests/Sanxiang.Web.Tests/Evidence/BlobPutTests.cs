using System.Security.Cryptography;
using Sanxiang.Data.Blobs;

namespace Sanxiang.Web.Tests.Evidence;

/// <summary>The store's single streaming pass: a check on the head before anything is written, both hashes, nothing left behind.</summary>
public sealed class BlobPutTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sanxiang-blobput-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(FileSystemBlobStore.ChunkBytes)]
    [InlineData(FileSystemBlobStore.ChunkBytes + 1)]
    [InlineData((3 * FileSystemBlobStore.ChunkBytes) + 17)]
    public async Task Both_hashes_are_right_at_every_size_around_the_head_and_chunk_edges_in_parallel_and_inline(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var expected = new StoredBlob(Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(Sanxiang.Core.Ledger.Sm3.Hash(bytes)), length);
        var seen = -1;
        var parallel = await new FileSystemBlobStore(_root).PutAsync(new TrickleStream(bytes), new BlobPut(10_000_000)
        {
            CheckHead = head =>
            {
                seen = head.Length;
                return long.MaxValue;
            },
        }, Ct);
        var inline = await new FileSystemBlobStore(_root) { HashSm3InParallel = false }.PutAsync(new MemoryStream(bytes), 10_000_000, Ct);
        Assert.Equal(expected, parallel);
        Assert.Equal(expected, inline);
        Assert.Equal(Math.Min(length, 8192), seen);
        Assert.True(await new FileSystemBlobStore(_root).VerifyAsync(expected.Sha256, Ct));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "incoming")));
    }

    [Fact]
    public async Task Content_refused_by_its_head_is_never_written()
    {
        var put = new BlobPut(1_000_000) { CheckHead = _ => throw new BlobRefusedException("文件内容是 PNG 图片，与声明的类型 video/mp4 不符。") };
        var e = await Assert.ThrowsAsync<BlobRefusedException>(() => new FileSystemBlobStore(_root).PutAsync(new MemoryStream(new byte[100_000]), put, Ct));
        Assert.Equal(415, e.Status);
        Assert.False(Directory.Exists(_root) && Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task The_head_check_can_lower_the_limit_for_this_kind_of_content()
    {
        var put = new BlobPut(10_000_000) { CheckHead = _ => 300_000 };
        var e = await Assert.ThrowsAsync<BlobTooLargeException>(() => new FileSystemBlobStore(_root).PutAsync(new MemoryStream(new byte[1_000_000]), put, Ct));
        Assert.Equal(300_000, e.MaxBytes);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Equal(300_000, (await new FileSystemBlobStore(_root).PutAsync(new MemoryStream(new byte[300_000]), put, Ct)).Size);
    }

    [Fact]
    public async Task A_stream_that_breaks_half_way_leaves_nothing_behind()
    {
        var broken = new TrickleStream(new byte[5 * FileSystemBlobStore.ChunkBytes], failAfter: (2 * FileSystemBlobStore.ChunkBytes) + 1000);
        await Assert.ThrowsAsync<IOException>(() => new FileSystemBlobStore(_root).PutAsync(broken, 100_000_000, Ct));
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    /// <summary>Hands out at most 7,000 bytes per read, as a network stream does; optionally fails after some bytes.</summary>
    private sealed class TrickleStream(byte[] content, long failAfter = long.MaxValue) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                throw new IOException("连接已断开（测试）");
            }

            var n = Math.Min(Math.Min(buffer.Length, 7000), content.Length - _position);
            content.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
