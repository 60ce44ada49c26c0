using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Sanxiang.Core.Archive;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Benchmarks.Archive;

/// <summary>
/// Seals a case with one large evidence file (pseudo-random bytes generated on the fly, never held in memory) and
/// checks it, to show that memory stays flat whatever the file size and to time the SHA-256 + SM3 pass.
/// <c>archive-load seal FOLDER|FILE.zip MEGABYTES</c>, <c>archive-load check FOLDER|FILE.zip</c>. Run under
/// <c>/usr/bin/time -v</c> for the peak RSS.
/// </summary>
public static class ArchiveLoad
{
    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["seal", var target, var megabytes]:
                Seal(target, long.Parse(megabytes, CultureInfo.InvariantCulture) * 1024 * 1024);
                return 0;
            case ["check", var package]:
                var started = Stopwatch.StartNew();
                var result = ArchiveCheck.Run(package);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check: {(result.AllPassed ? "passed" : "FAILED")} in {started.Elapsed.TotalSeconds:0.00} s"));
                foreach (var f in result.Findings.Where(f => f.Level == ArchiveFindingLevel.Error))
                {
                    Console.WriteLine(f.Message);
                }

                return result.AllPassed ? 0 : 1;
            default:
                Console.Error.WriteLine("archive-load seal FOLDER|FILE.zip MEGABYTES | archive-load check FOLDER|FILE.zip");
                return 2;
        }
    }

    private static void Seal(string target, long length)
    {
        var started = Stopwatch.StartNew();
        string sha256;
        using (var stream = new GeneratedVideo(length))
        {
            sha256 = BagDigest.HashHex("sha256", stream);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pre-hash (SHA-256 only): {started.Elapsed.TotalSeconds:0.00} s"));
        var key = Ed25519NoteKey.Generate("bench/log");
        var payload = CanonicalJson.Serialize(new JsonObject { ["facts"] = new JsonObject { ["sha256"] = sha256 }, ["kind"] = "evidence-added" });
        var nodes = new InMemoryMerkleNodes();
        foreach (var node in MerkleTree.AppendAsync(nodes, 0, MerkleHash.Leaf(payload)).AsTask().Result)
        {
            nodes.Add(node);
        }

        var note = SignedNote.Sign(new Checkpoint("bench/log", 1, MerkleTree.RootAsync(nodes, 1).AsTask().Result).Body, key);
        var input = new ArchivePackageInput
        {
            CaseNumber = "基准〔2026〕1号",
            Agency = "基准测试",
            SealedAtUtc = DateTimeOffset.UtcNow,
            Files = [new ArchiveFileInput { Kind = ArchiveFileKind.Evidence, Name = "执法记录仪.mp4", MediaType = "video/mp4", Open = () => new GeneratedVideo(length), ExpectedSha256 = sha256 }],
            Entries = [new ArchiveLogEntry(0, payload, [])],
            CheckpointNote = note,
            VerifierKeys = [key.VerifierKey],
        };

        started.Restart();
        if (target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var output = new FileStream(target, FileMode.CreateNew);
            ArchivePackageBuilder.WriteZip(input, output);
        }
        else
        {
            ArchivePackageBuilder.WriteDirectory(input, target);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seal: {length / 1024 / 1024} MB in {started.Elapsed.TotalSeconds:0.00} s ({length / 1024.0 / 1024 / started.Elapsed.TotalSeconds:0} MB/s, SHA-256 + SM3 + write)"));
    }

    /// <summary>An MP4-looking stream of pseudo-random bytes (xorshift), generated as it is read; not seekable.</summary>
    private sealed class GeneratedVideo(long length) : Stream
    {
        private static readonly byte[] Header = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];
        private long _position;
        private ulong _state = 0x9E3779B97F4A7C15;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            var span = buffer.AsSpan(offset, n);
            for (var i = 0; i < n; i += 8)
            {
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
                var word = BitConverter.GetBytes(_state);
                word.AsSpan(0, Math.Min(8, n - i)).CopyTo(span[i..]);
            }

            // The first bytes are an MP4 "ftyp" box, so that the usability check sees a video.
            for (var at = _position; at < Header.Length && at < _position + n; at++)
            {
                span[(int)(at - _position)] = Header[at];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
