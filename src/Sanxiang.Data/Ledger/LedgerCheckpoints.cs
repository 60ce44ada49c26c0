using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Ledger;

namespace Sanxiang.Data.Ledger;

/// <summary>
/// The log's signing keys: Ed25519 (C2SP signed note) and SM2 with SM3 (GB/T 32918), generated at first start and kept
/// as files outside the database and outside the repository, readable only by the platform's user.
/// </summary>
public sealed class LedgerKeys
{
    private LedgerKeys(string origin, Ed25519NoteKey ed25519, Sm2NoteKey sm2)
    {
        Origin = origin;
        Ed25519 = ed25519;
        Sm2 = sm2;
    }

    /// <summary>The origin when none is configured (<c>Ledger:Origin</c>, e.g. <c>sanxiang.360736/log</c> for county 360736).</summary>
    public const string DefaultOrigin = "sanxiang.local/log";

    /// <summary>The checkpoint origin line, e.g. <c>sanxiang.360736/log</c>.</summary>
    public string Origin { get; }
    public Ed25519NoteKey Ed25519 { get; }
    public Sm2NoteKey Sm2 { get; }

    public static string Sm2KeyName(string origin) => origin + "/sm2";

    /// <summary>The keys named by configuration: <c>Ledger:KeyDirectory</c> (default <c>Storage:DataDirectory</c>/keys) and <c>Ledger:Origin</c>.</summary>
    public static LedgerKeys LoadOrCreate(Microsoft.Extensions.Configuration.IConfiguration configuration) => LoadOrCreate(
        configuration["Ledger:KeyDirectory"] ?? Path.Combine(configuration["Storage:DataDirectory"] ?? "data", "keys"),
        configuration["Ledger:Origin"] ?? DefaultOrigin);

    /// <summary>
    /// Loads the keys of <paramref name="directory"/>, or creates them for <paramref name="origin"/>. The origin is kept
    /// with the keys (origin.txt): once a log exists its name is the one it was created with, whatever the caller says.
    /// </summary>
    public static LedgerKeys LoadOrCreate(string directory, string origin)
    {
        Directory.CreateDirectory(directory);
        var originFile = Path.Combine(directory, "origin.txt");
        if (File.Exists(originFile))
        {
            origin = File.ReadAllText(originFile).Trim();
        }
        else
        {
            File.WriteAllText(originFile, origin + "\n");
        }

        var ed = Path.Combine(directory, "ledger-ed25519.key");
        var sm = Path.Combine(directory, "ledger-sm2.key");
        var ed25519 = File.Exists(ed)
            ? Ed25519NoteKey.FromPrivate(origin, Convert.FromBase64String(File.ReadAllText(ed).Trim()))
            : Save(ed, Ed25519NoteKey.Generate(origin), k => k.ExportPrivate());
        var sm2 = File.Exists(sm)
            ? Sm2NoteKey.FromPrivate(Sm2KeyName(origin), Convert.FromBase64String(File.ReadAllText(sm).Trim()))
            : Save(sm, Sm2NoteKey.Generate(Sm2KeyName(origin)), k => k.ExportPrivate());
        return new LedgerKeys(origin, ed25519, sm2);
    }

    private static T Save<T>(string path, T key, Func<T, byte[]> export)
    {
        File.WriteAllText(path, Convert.ToBase64String(export(key)) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}

/// <summary>Signs a checkpoint of the current tree when it has grown since the last one (REC-5).</summary>
public static class LedgerCheckpointer
{
    public static async Task<LedgerCheckpoint?> SignIfGrownAsync(SanxiangDbContext db, LedgerKeys keys, DateTimeOffset now, CancellationToken ct = default)
    {
        var size = await db.LedgerState.AsNoTracking().Where(s => s.Id == 1).Select(s => s.Size).SingleAsync(ct);
        var last = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).Select(c => (long?)c.Size).FirstOrDefaultAsync(ct);
        if (size == 0 || last == size)
        {
            return null;
        }

        var root = await new DbMerkleNodes(db).ComputeAsync(r => MerkleTree.RootAsync(r, size, ct), ct);
        var checkpoint = new LedgerCheckpoint
        {
            Size = size,
            RootHash = root,
            Note = SignedNote.Sign(new Checkpoint(keys.Origin, size, root).Body, keys.Ed25519, keys.Sm2),
            SignedAtUtc = now,
        };
        db.LedgerCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(ct);
        return checkpoint;
    }
}
