using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Sanxiang.Core.Sharing;

namespace Sanxiang.Core.Tests.Sharing;

public sealed class SharingPackageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private static async IAsyncEnumerable<JsonObject> Records(params JsonObject[] records)
    {
        foreach (var r in records)
        {
            await Task.Yield();
            yield return r;
        }
    }

    private static async Task<byte[]> WriteAsync(int version = SharingPackage.FormatVersion)
    {
        var output = new MemoryStream();
        await using (var writer = new SharingPackageWriter(output))
        {
            await writer.WriteFileAsync(SharingPackage.Agencies, Records(new JsonObject { ["code"] = "SCJG", ["name"] = "安和县市场监督管理局" },
                new JsonObject { ["code"] = "RSJ", ["name"] = "安和县人力资源和社会保障局\n（换行）" }), Ct);
            await writer.WriteFileAsync(SharingPackage.Decisions, Records(), Ct);
            await writer.FinishAsync(new SharingManifest(SharingPackage.Format, version, "安和县", Now, Now.AddHours(-1), Now, 30, writer.Files), Ct);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task A_written_package_reads_back_with_its_manifest_counts_and_digests()
    {
        var content = SharingPackageReader.Read(new MemoryStream(await WriteAsync()));
        Assert.False(content.Manifest.IsFull);
        Assert.Equal(Now.AddHours(-1), content.Manifest.ChangedSince);
        Assert.Equal(Now, content.Manifest.ChangedUntil);
        Assert.Equal(2, content.Records[SharingPackage.Agencies].Count);
        Assert.Equal("安和县人力资源和社会保障局\n（换行）", (string?)content.Records[SharingPackage.Agencies][1].Value["name"]);
        Assert.Empty(content.Records[SharingPackage.Decisions]);
        Assert.Equal(0, content.Manifest.Files.Single(f => f.Name == SharingPackage.Decisions).Records);
    }

    [Fact]
    public async Task An_unknown_format_version_is_refused()
    {
        var package = await WriteAsync(version: 2);
        var e = Assert.Throws<SharingPackageException>(() => SharingPackageReader.Read(new MemoryStream(package)));
        Assert.Contains("格式版本为 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var e = Assert.Throws<SharingPackageException>(() => SharingPackageReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("{\"format\":\"x\"}"))));
        Assert.Contains("不是 ZIP", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewrites one entry of a package, keeping the manifest: a change in transit.</summary>
    private static byte[] Replace(byte[] package, string name, byte[] content)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in source.Entries)
            {
                using var s = target.CreateEntry(e.FullName).Open();
                if (e.FullName == name)
                {
                    s.Write(content);
                }
                else
                {
                    e.Open().CopyTo(s);
                }
            }
        }

        return output.ToArray();
    }

    [Fact]
    public async Task A_file_changed_after_export_fails_its_digest()
    {
        var tampered = Replace(await WriteAsync(), SharingPackage.Agencies, Encoding.UTF8.GetBytes("{\"code\":\"SCJG\",\"name\":\"改过的\"}\n{\"code\":\"RSJ\"}\n"));
        var e = Assert.Throws<SharingPackageException>(() => SharingPackageReader.Read(new MemoryStream(tampered)));
        Assert.Contains("与 manifest.json 不符", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_entry_and_a_zip_bomb_are_stopped_while_inflating()
    {
        var big = Replace(await WriteAsync(), SharingPackage.Agencies, new byte[3 * 1024 * 1024]);
        var tooLarge = Assert.Throws<SharingPackageException>(() => SharingPackageReader.Read(new MemoryStream(big), new SharingReadLimits(MaxEntryBytes: 1024 * 1024)));
        Assert.Contains("上限", tooLarge.Message, StringComparison.Ordinal);
        var bomb = Assert.Throws<SharingPackageException>(() => SharingPackageReader.Read(new MemoryStream(big)));
        Assert.Contains("压缩炸弹", bomb.Message, StringComparison.Ordinal);
        var total = Assert.Throws<SharingPackageException>(() => SharingPackageReader.Read(new MemoryStream(big),
            new SharingReadLimits(MaxTotalBytes: 1024 * 1024, MaxCompressionRatio: 100_000)));
        Assert.Contains("解压后的内容超过", total.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_is_half_open_and_ends_before_the_safety_margin()
    {
        var (full, _) = SharingWindow.Parse(null, null, Now, TimeSpan.FromSeconds(30));
        Assert.NotNull(full);
        Assert.True(full.IsFull);
        Assert.Equal(Now.AddSeconds(-30), full.Until);

        var (w, problems) = SharingWindow.Parse("2026-11-28T07:00:00Z", "2026-11-28T07:30:00+00:00", Now, TimeSpan.FromSeconds(30));
        Assert.Null(problems);
        Assert.True(w!.Contains(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero)));
        Assert.False(w.Contains(new DateTimeOffset(2026, 11, 28, 7, 30, 0, TimeSpan.Zero)));
        Assert.True(w.Contains(new DateTimeOffset(2026, 11, 28, 7, 29, 59, 999, TimeSpan.Zero)));
        Assert.False(w.Contains(new DateTimeOffset(2026, 11, 28, 6, 59, 59, 999, TimeSpan.Zero)));

        // The next window starts where this one ended: a change exactly at the boundary is in the next one only.
        var (next, _) = SharingWindow.Parse(SharingPackage.Iso(w.Until), null, Now, TimeSpan.FromSeconds(30));
        var boundary = w.Until;
        Assert.False(w.Contains(boundary));
        Assert.True(next!.Contains(boundary));

        // China Standard Time is accepted and read as the same instant.
        var (cst, _) = SharingWindow.Parse("2026-11-28T15:00:00+08:00", null, Now, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.Zero), cst!.Since);
    }

    [Theory]
    [InlineData("2026-11-28", null, "changedSince")]
    [InlineData("2026-11-28T07:00:00", null, "changedSince")]
    [InlineData(null, "2026-11-28T07:59:45Z", "until")]
    [InlineData("2026-11-28T07:50:00Z", "2026-11-28T07:40:00Z", "changedSince")]
    public void A_bad_window_is_refused_in_Chinese(string? since, string? until, string field)
    {
        var (window, problems) = SharingWindow.Parse(since, until, Now, TimeSpan.FromSeconds(30));
        Assert.Null(window);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problems![field][0]);
    }
}
