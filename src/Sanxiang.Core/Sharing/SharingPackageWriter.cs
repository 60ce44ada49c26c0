using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sanxiang.Core.Sharing;

/// <summary>
/// Writes a package to a stream (which need not be seekable: a response body) one file at a time, each line hashed and
/// counted as it goes, the manifest last. Nothing is held in memory but the line being written.
/// </summary>
public sealed class SharingPackageWriter : IAsyncDisposable
{
    private static readonly JsonSerializerOptions ManifestOptions = new(SharingPackage.LineOptions) { WriteIndented = true };

    private readonly ZipArchive _zip;
    private readonly List<SharingFile> _files = [];

    public SharingPackageWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
    }

    public IReadOnlyList<SharingFile> Files => _files;

    /// <summary>Writes one NDJSON file from <paramref name="records"/>.</summary>
    public async Task WriteFileAsync(string name, IAsyncEnumerable<System.Text.Json.Nodes.JsonObject> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var entry = _zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0, bytes = 0;
        await using (var stream = await entry.OpenAsync(ct))
        {
            await foreach (var record in records.WithCancellation(ct))
            {
                var line = SharingPackage.Line(record);
                sha.AppendData(line);
                await stream.WriteAsync(line, ct);
                count++;
                bytes += line.Length;
            }
        }

        _files.Add(new SharingFile(name, count, bytes, Convert.ToHexStringLower(sha.GetHashAndReset())));
    }

    /// <summary>Writes <c>manifest.json</c> (indented, for people) with the files written so far, and closes the ZIP.</summary>
    public async Task FinishAsync(SharingManifest manifest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entry = _zip.CreateEntry(SharingPackage.ManifestName, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var stream = await entry.OpenAsync(ct))
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(manifest.ToJson(), ManifestOptions);
            await stream.WriteAsync(json, ct);
        }

        await _zip.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _zip.DisposeAsync();
}
