using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sanxiang.Web.Tests.Evidence;

/// <summary>
/// Uploads cut off half-way, over a real socket to the real server on Kestrel: the half-received file is deleted from
/// incoming/ and no row is written, whether the client closes its side (less than its Content-Length arrives) or the
/// connection is reset, for a raw body and for a phone's multipart form.
/// </summary>
public abstract partial class CutOffUploadTests(KestrelApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task An_upload_cut_off_half_way_leaves_no_file_and_no_row(bool multipart, bool reset)
    {
        var cookies = new CookieContainer();
        using var client = await app.SignInAsync("scjg.officer", cookies);
        var rowsBefore = await app.BlobRowsAsync();
        var token = multipart ? await TokenAsync(client) : null;

        const int Declared = 20 * 1024 * 1024;
        const int Sent = 4 * 1024 * 1024;
        var boundary = "----sanxiang" + Guid.NewGuid().ToString("N");
        var prefix = multipart
            ? Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
                + $"--{boundary}\r\nContent-Disposition: form-data; name=\"place\"\r\n\r\n城关镇解放路\r\n"
                + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"VID_0001.mp4\"\r\nContent-Type: video/mp4\r\n\r\n")
            : [];
        var suffix = multipart ? Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n") : [];
        var head = "POST /api/v1/blobs HTTP/1.1\r\n"
            + $"Host: {app.BaseAddress.Authority}\r\n"
            + $"Cookie: {cookies.GetCookieHeader(app.BaseAddress)}\r\n"
            + (multipart ? $"Content-Type: multipart/form-data; boundary={boundary}\r\n" : "Content-Type: video/mp4\r\nX-File-Name: VID_0001.mp4\r\n")
            + $"Content-Length: {prefix.Length + Declared + suffix.Length}\r\n\r\n";

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, Ct);
        var socket = tcp.GetStream();
        await socket.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await socket.WriteAsync(prefix, Ct);
        var video = EvidenceUploadTests.Mp4(Sent);
        await socket.WriteAsync(video, Ct);
        await socket.FlushAsync(Ct);

        // The upload is under way: a partial file is in incoming/.
        Assert.True(await WaitAsync(() => Directory.Exists(app.IncomingDirectory) && Directory.EnumerateFiles(app.IncomingDirectory).Any(f => new FileInfo(f).Length > 0)),
            "上传过程中 incoming/ 里应当有正在写入的文件\n" + app.Output);

        if (reset)
        {
            tcp.Client.LingerState = new LingerOption(true, 0); // close with RST, as a phone losing its network does
            tcp.Close();
        }
        else
        {
            // Content-Length promised more than arrives. Kestrel takes the client's FIN for the end of the connection and
            // aborts the request, so there is usually no one left to answer; if an answer does come, it is the Chinese reason.
            tcp.Client.Shutdown(SocketShutdown.Send);
            using var reader = new StreamReader(socket, Encoding.UTF8);
            string response;
            try
            {
                response = await reader.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            }
            catch (IOException)
            {
                response = "";
            }

            if (response.Length > 0)
            {
                Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
                Assert.Contains("上传未完成", response, StringComparison.Ordinal);
            }
        }

        Assert.True(await WaitAsync(() => !Directory.EnumerateFiles(app.IncomingDirectory).Any()), "中断的上传在 incoming/ 中留下了文件");
        Assert.Equal(rowsBefore, await app.BlobRowsAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "blobs"), Convert.ToHexStringLower(SHA256.HashData(video)), SearchOption.AllDirectories));

        // The server is fine afterwards: the same officer uploads a whole file.
        var whole = new ByteArrayContent(EvidenceUploadTests.Mp4(100_000));
        whole.Headers.ContentType = new("video/mp4");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/blobs", whole, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_upload_that_stalls_is_given_up_with_a_Chinese_reason_and_leaves_nothing()
    {
        var cookies = new CookieContainer();
        using var client = await app.SignInAsync("scjg.officer", cookies);
        var rowsBefore = await app.BlobRowsAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, Ct);
        var socket = tcp.GetStream();
        await socket.WriteAsync(Encoding.ASCII.GetBytes("POST /api/v1/blobs HTTP/1.1\r\n"
            + $"Host: {app.BaseAddress.Authority}\r\nCookie: {cookies.GetCookieHeader(app.BaseAddress)}\r\n"
            + $"Content-Type: video/mp4\r\nContent-Length: {20 * 1024 * 1024}\r\n\r\n"), Ct);
        await socket.WriteAsync(EvidenceUploadTests.Mp4(2 * 1024 * 1024), Ct);
        Assert.True(await WaitAsync(() => Directory.Exists(app.IncomingDirectory) && Directory.EnumerateFiles(app.IncomingDirectory).Any()));

        // The phone keeps the connection open and sends nothing more: after the idle timeout the server answers and discards.
        var clock = Stopwatch.StartNew();
        var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (!Encoding.UTF8.GetString(answer.ToArray()).Contains("traceId", StringComparison.Ordinal))
        {
            var read = await socket.ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct);
            if (read == 0)
            {
                break;
            }

            answer.Write(buffer, 0, read);
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(KestrelApp.IdleTimeoutSeconds - 1), $"answered after {clock.Elapsed}");
        Assert.StartsWith("HTTP/1.1 400", text, StringComparison.Ordinal);
        Assert.Contains($"连续 {KestrelApp.IdleTimeoutSeconds} 秒没有收到数据", text, StringComparison.Ordinal);
        Assert.True(await WaitAsync(() => !Directory.EnumerateFiles(app.IncomingDirectory).Any()), "停顿的上传在 incoming/ 中留下了文件");
        Assert.Equal(rowsBefore, await app.BlobRowsAsync());
    }

    internal static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/workbench", Ct);
        return WebUtility.HtmlDecode(TokenField().Match(page).Groups[1].Value);
    }

    internal static async Task<bool> WaitAsync(Func<bool> condition, int seconds = 20)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }

        return condition();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed class CutOffUploadTestsOnSqlite(SqliteKestrelApp app) : CutOffUploadTests(app), IClassFixture<SqliteKestrelApp>;

public sealed class CutOffUploadTestsOnPostgres(PostgresKestrelApp app) : CutOffUploadTests(app), IClassFixture<PostgresKestrelApp>;

/// <summary>
/// A 2 GiB video through the real HTTP pipeline to the real server on Kestrel, generated on the fly by the client (no
/// 2 GB file on the client's side): the server's peak resident memory stays bounded and the stored file's SHA-256 is
/// the client's. Filter it out with <c>--filter "Category!=LargeUpload"</c>; it writes 2 GiB to the temp folder and removes it.
/// </summary>
[Trait("Category", "LargeUpload")]
public sealed class LargeUploadTests(SqliteKestrelApp app) : IClassFixture<SqliteKestrelApp>
{
    private const long TwoGiB = 2L * 1024 * 1024 * 1024;

    /// <summary>Growth of the server's peak RSS allowed over its resident size before the upload.</summary>
    private const long MaxGrowthKb = 300 * 1024;

    [Fact]
    public async Task A_2_GiB_upload_is_stored_with_bounded_server_memory_and_the_right_hash()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await app.SignInAsync("scjg.officer", new CookieContainer());

        // Warm up (JIT, pools, the database) with a small upload, then take the resident size as the baseline.
        var warm = new GeneratedContent(8L * 1024 * 1024, seed: 1);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/blobs", warm, ct)).StatusCode);
        var peakReset = app.ResetPeak();
        var rssBefore = app.StatusKb("VmRSS");
        var peakBefore = app.StatusKb("VmHWM");

        var content = new GeneratedContent(TwoGiB, seed: 2);
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/v1/blobs", content, ct);
        clock.Stop();
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}\n{app.Output}");
        var receipt = JsonDocument.Parse(body).RootElement;
        var peakAfter = app.StatusKb("VmHWM");

        Assert.Equal(content.Sha256, receipt.GetProperty("sha256").GetString());
        Assert.Equal(TwoGiB, receipt.GetProperty("size").GetInt64());
        Assert.Equal("video/mp4", receipt.GetProperty("mediaType").GetString());
        var stored = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "blobs"), content.Sha256, SearchOption.AllDirectories).Single();
        Assert.Equal(TwoGiB, new FileInfo(stored).Length);
        Assert.Empty(Directory.EnumerateFiles(app.IncomingDirectory));

        var growth = peakAfter - (peakReset ? rssBefore : peakBefore);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"2 GiB in {clock.Elapsed.TotalSeconds:0.0} s ({TwoGiB / 1048576.0 / clock.Elapsed.TotalSeconds:0} MiB/s); server RSS before {rssBefore / 1024} MiB, " +
            $"peak before {peakBefore / 1024} MiB, peak after {peakAfter / 1024} MiB (peak reset: {peakReset}), growth {growth / 1024} MiB");
        Assert.True(growth < MaxGrowthKb, $"服务器峰值内存增长 {growth / 1024} MiB，超过 {MaxGrowthKb / 1024} MiB");
        File.Delete(stored);
    }
}

/// <summary>
/// A request body of <c>length</c> pseudo-random bytes (xorshift64*), made as it is sent and hashed on the way, that
/// starts with an MP4 header; it never exists as a whole anywhere on the client.
/// </summary>
internal sealed class GeneratedContent : HttpContent
{
    private readonly long _length;
    private ulong _state;

    public GeneratedContent(long length, ulong seed)
    {
        _length = length;
        _state = 0x9E3779B97F4A7C15UL ^ seed;
        Headers.ContentType = new("video/mp4");
        Headers.Add("X-File-Name", "body-camera.mp4");
    }

    public string Sha256 { get; private set; } = "";

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var block = new byte[1024 * 1024];
        for (long sent = 0; sent < _length;)
        {
            Fill(block);
            if (sent == 0)
            {
                Convert.FromHexString("0000001c6674797069736f6d0000020069736f6d69736f326d703431").CopyTo(block, 0);
            }

            var n = (int)Math.Min(block.Length, _length - sent);
            sha.AppendData(block, 0, n);
            await stream.WriteAsync(block.AsMemory(0, n), cancellationToken);
            sent += n;
        }

        Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private void Fill(byte[] block)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(block.AsSpan());
        var x = _state;
        for (var i = 0; i < words.Length; i++)
        {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            words[i] = BinaryPrimitives.ReverseEndianness(x * 0x2545F4914F6CDD1DUL);
        }

        _state = x;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
