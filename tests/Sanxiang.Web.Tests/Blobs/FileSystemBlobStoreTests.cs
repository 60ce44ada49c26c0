using System.Security.Cryptography;
using System.Text;
using Sanxiang.Data.Blobs;

namespace Sanxiang.Web.Tests.Blobs;

/// <summary>The default blob store: files addressed by SHA-256, checked against their hash whenever read (REC-4).</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sanxiang-blobs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_is_stored_once_under_its_hash_and_reads_back_verified()
    {
        var store = new FileSystemBlobStore(_root);
        var bytes = Encoding.UTF8.GetBytes("询问笔录（第一页）");
        var first = await store.PutAsync(new MemoryStream(bytes), 1024);
        var second = await store.PutAsync(new MemoryStream(bytes), 1024);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first.Sha256);
        Assert.Equal(Convert.ToHexStringLower(Sanxiang.Core.Ledger.Sm3.Hash(bytes)), first.Sm3);
        Assert.Equal(first, second);
        Assert.Equal(bytes.Length, first.Size);
        Assert.Single(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
        await using var read = store.Open(first.Sha256)!;
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.True(await store.VerifyAsync(first.Sha256));
    }

    [Fact]
    public async Task A_tampered_file_is_detected_when_read_and_when_verified()
    {
        var store = new FileSystemBlobStore(_root);
        var stored = await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("现场检查照片")), 1024);
        var path = Directory.EnumerateFiles(_root, stored.Sha256, SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(path, "被替换的内容");
        Assert.False(await store.VerifyAsync(stored.Sha256));
        await using var read = store.Open(stored.Sha256)!;
        var e = await Assert.ThrowsAsync<BlobIntegrityException>(() => read.CopyToAsync(Stream.Null));
        Assert.Contains("篡改", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_over_the_limit_is_refused_and_leaves_nothing_behind()
    {
        var store = new FileSystemBlobStore(_root);
        await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(new MemoryStream(new byte[200_000]), 100_000));
        await Assert.ThrowsAsync<BlobTooLargeException>(() => store.PutAsync(new MemoryStream(new byte[2_000_000]), 1_000_000));
        Assert.False(Directory.Exists(_root) && Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85G")]
    public void A_name_that_is_not_a_hash_opens_nothing(string name)
    {
        Assert.Null(new FileSystemBlobStore(_root).Open(name));
    }
}
