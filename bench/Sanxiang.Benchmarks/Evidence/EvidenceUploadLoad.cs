using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Crypto.Digests;
using Sanxiang.Data.Blobs;

namespace Sanxiang.Benchmarks.Evidence;

/// <summary>
/// Evidence upload throughput, side by side on one machine in one run: raw disk write (1 MiB writes and fsync), SHA-256
/// and SM3 hashing in memory, the blob store alone (SM3 inline and on a second core), and whole uploads over HTTP to
/// the real server on Kestrel, a child process whose peak RSS (VmHWM) is read after each upload.
/// <c>dotnet bench/Sanxiang.Benchmarks/bin/Release/net10.0/Sanxiang.Benchmarks.dll evidence-load --web
/// src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll --files 3 --size-mib 1024 --dir /tmp/evidence-load</c>.
/// Everything written under --dir is removed at the end.
/// </summary>
public static partial class EvidenceUploadLoad
{
    private const int Block = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var web = Path.GetFullPath(options.GetValueOrDefault("web", "src/Sanxiang.Web/bin/Release/net10.0/Sanxiang.Web.dll"));
        var files = int.Parse(options.GetValueOrDefault("files", "3"), CultureInfo.InvariantCulture);
        var size = long.Parse(options.GetValueOrDefault("size-mib", "1024"), CultureInfo.InvariantCulture) * Block;
        var root = Path.GetFullPath(options.GetValueOrDefault("dir", Path.Combine(Path.GetTempPath(), "sanxiang-evidence-load")));
        var only = options.GetValueOrDefault("only", "all");
        Directory.CreateDirectory(root);
        var pattern = new byte[16 * Block];
        RandomNumberGenerator.Fill(pattern);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, {files} × {size / Block} MiB, folder {root}");
        try
        {
            if (only is "all" or "local")
            {
                for (var round = 1; round <= files; round++)
                {
                    Report($"disk write + fsync, round {round}", size, DiskWrite(Path.Combine(root, "disk.tmp"), size, pattern));
                }

                Report("SHA-256 in memory", 1024L * Block, Hash(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), pattern, 1024L * Block));
                var sm3Bytes = 256L * Block;
                Report("SM3 (BouncyCastle) in memory", sm3Bytes, Sm3(pattern, sm3Bytes));
                for (var round = 1; round <= files; round++)
                {
                    Report($"blob store, SM3 inline, round {round}", size, await StoreAsync(root, size, pattern, parallel: false));
                    Report($"blob store, SM3 on a second core, round {round}", size, await StoreAsync(root, size, pattern, parallel: true));
                }
            }

            if (only is "all" or "http")
            {
                await HttpAsync(web, root, files, size, pattern);
            }
        }
        finally
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(root))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        return 0;
    }

    private static void Report(string what, long bytes, TimeSpan elapsed) =>
        Console.WriteLine($"{what,-48} {bytes / (double)Block,8:0} MiB {elapsed.TotalSeconds,8:0.00} s {bytes / (double)Block / elapsed.TotalSeconds,8:0} MiB/s");

    private static TimeSpan DiskWrite(string path, long size, byte[] pattern)
    {
        var clock = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            for (long done = 0; done < size; done += Block)
            {
                file.Write(pattern, (int)(done % pattern.Length), Block);
            }

            file.Flush(flushToDisk: true);
        }

        clock.Stop();
        File.Delete(path);
        return clock.Elapsed;
    }

    private static TimeSpan Hash(IncrementalHash hash, byte[] pattern, long size)
    {
        var clock = Stopwatch.StartNew();
        for (long done = 0; done < size; done += pattern.Length)
        {
            hash.AppendData(pattern);
        }

        hash.GetHashAndReset();
        hash.Dispose();
        return clock.Elapsed;
    }

    private static TimeSpan Sm3(byte[] pattern, long size)
    {
        var clock = Stopwatch.StartNew();
        var digest = new SM3Digest();
        for (long done = 0; done < size; done += pattern.Length)
        {
            digest.BlockUpdate(pattern, 0, pattern.Length);
        }

        digest.DoFinal(new byte[32], 0);
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> StoreAsync(string root, long size, byte[] pattern, bool parallel)
    {
        var store = new FileSystemBlobStore(Path.Combine(root, "store")) { HashSm3InParallel = parallel };
        var clock = Stopwatch.StartNew();
        var stored = await store.PutAsync(new PatternStream(pattern, size), new BlobPut(long.MaxValue));
        clock.Stop();
        File.Delete(Directory.EnumerateFiles(Path.Combine(root, "store"), stored.Sha256, SearchOption.AllDirectories).Single());
        return clock.Elapsed;
    }

    private static async Task HttpAsync(string web, string root, int files, long size, byte[] pattern)
    {
        var data = Path.Combine(root, "server");
        Directory.CreateDirectory(data);
        var password = "Bb!" + Guid.NewGuid().ToString("N")[..14] + "9aZ";
        using var started = await WebServerProcess.StartAsync(web, data, password, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Sanxiang"] = $"Data Source={Path.Combine(data, "sanxiang.db")}",
            ["Evidence__MaxFileBytes"] = (size + Block).ToString(CultureInfo.InvariantCulture),
        }, TimeSpan.FromMinutes(3));
        var server = started.Process;
        try
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            {
                BaseAddress = started.Address,
                Timeout = TimeSpan.FromHours(1),
            };
            var signIn = await client.GetStringAsync("/account/signin");
            var token = WebUtility.HtmlDecode(TokenField().Match(signIn).Groups[1].Value);
            var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "scjg.officer",
                ["Password"] = password,
                ["__RequestVerificationToken"] = token,
            }));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
            }

            await UploadAsync(client, pattern, 16L * Block, seed: 0); // warm-up
            Console.WriteLine($"server ready (pid {server.Id}), RSS {StatusMiB(server.Id, "VmRSS")} MiB after a 16 MiB warm-up upload");
            for (var round = 1; round <= files; round++)
            {
                File.WriteAllText($"/proc/{server.Id}/clear_refs", "5");
                var elapsed = await UploadAsync(client, pattern, size, seed: round);
                Report($"HTTP upload to Kestrel, round {round}", size, elapsed);
                Console.WriteLine($"    server peak RSS during the upload {StatusMiB(server.Id, "VmHWM")} MiB, RSS now {StatusMiB(server.Id, "VmRSS")} MiB");
                foreach (var stored in Directory.EnumerateFiles(Path.Combine(data, "blobs"), "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length == size))
                {
                    File.Delete(stored);
                }
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<TimeSpan> UploadAsync(HttpClient client, byte[] pattern, long size, int seed)
    {
        var content = new StreamContent(new PatternStream(pattern, size, seed), Block);
        content.Headers.ContentType = new("video/mp4");
        content.Headers.ContentLength = size;
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/v1/blobs", content);
        clock.Stop();
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created || JsonDocument.Parse(body).RootElement.GetProperty("size").GetInt64() != size)
        {
            throw new InvalidOperationException($"upload failed: {(int)response.StatusCode} {body}");
        }

        return clock.Elapsed;
    }

    private static long StatusMiB(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim().Split(' ')[0],
            CultureInfo.InvariantCulture) / 1024;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>
    /// <c>size</c> bytes cut from a 16 MiB random pattern, each MiB stamped with its number and the seed (so files
    /// differ and nothing is deduplicated), starting with an MP4 header; costs the client almost no CPU.
    /// </summary>
    private sealed class PatternStream(byte[] pattern, long size, int seed = 0) : Stream
    {
        private static readonly byte[] Mp4 = Convert.FromHexString("0000001c6674797069736f6d0000020069736f6d69736f326d703431");
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => size;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, size - _position);
            var written = 0;
            while (written < n)
            {
                var at = _position % pattern.Length;
                var part = (int)Math.Min(n - written, Math.Min(pattern.Length - at, Block - (_position % Block)));
                pattern.AsSpan((int)at, part).CopyTo(buffer.Slice(written, part));
                if (_position % Block == 0 && part >= 40)
                {
                    BitConverter.TryWriteBytes(buffer.Slice(written + 28, 8), _position / Block);
                    BitConverter.TryWriteBytes(buffer.Slice(written + 36, 4), seed);
                    if (_position == 0)
                    {
                        Mp4.CopyTo(buffer[written..]);
                    }
                }

                written += part;
                _position += part;
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
