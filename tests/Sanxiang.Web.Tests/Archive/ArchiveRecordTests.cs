using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sanxiang.Core.Archive;
using Sanxiang.Data.Archive;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Archive;

/// <summary>
/// From the database to a sealed package: a case's log entries with proofs against the latest signed checkpoint
/// (<see cref="ArchiveRecord"/>), sealed with a file whose hash the log recorded, checked against the published keys.
/// </summary>
public abstract class ArchiveRecordTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_from_the_log_seals_into_a_package_that_passes_the_check_against_the_published_keys()
    {
        var caseId = Guid.NewGuid();
        var photo = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.Concat(RandomNumberGenerator.GetBytes(64)).ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(photo));
        var part = await app.WithDbAsync(async (db, sp) =>
        {
            db.Record(new LedgerEvent("case-registered", caseId, null, null, null, new JsonObject { ["number"] = "测试〔2026〕1号" }));
            await db.SaveChangesAsync(Ct);
            db.Record(new LedgerEvent("evidence-added", caseId, null, null, null, new JsonObject { ["sha256"] = sha256, ["name"] = "照片.png" }));
            await db.SaveChangesAsync(Ct);

            var before = await ArchiveRecord.ForCaseAsync(db, caseId, Ct);
            var keys = sp.GetRequiredService<LedgerKeys>();
            await LedgerCheckpointer.SignIfGrownAsync(db, keys, DateTimeOffset.UtcNow, Ct);
            var after = await ArchiveRecord.ForCaseAsync(db, caseId, Ct);
            // Before a checkpoint covers them, the entries are reported as not yet provable (unless the signer was quicker).
            Assert.True(before.IsComplete || before.NotYetCheckpointed.Count > 0);
            return (after, keys);
        });

        var (record, keys) = part;
        Assert.True(record.IsComplete);
        Assert.Equal(2, record.Entries.Count);
        var folder = Path.Combine(Path.GetTempPath(), "sanxiang-archive-" + Guid.NewGuid().ToString("N"));
        try
        {
            ArchivePackageBuilder.WriteDirectory(new ArchivePackageInput
            {
                CaseNumber = "测试〔2026〕1号",
                CaseId = caseId,
                Agency = "安和县测试局",
                SealedAtUtc = DateTimeOffset.UtcNow,
                Files = [new ArchiveFileInput { Kind = ArchiveFileKind.Evidence, Name = "照片.png", MediaType = "image/png", Open = () => new MemoryStream(photo), ExpectedSha256 = sha256 }],
                Entries = record.Entries,
                CheckpointNote = record.CheckpointNote!,
                VerifierKeys = ArchiveRecord.VerifierKeys(keys),
            }, folder);

            var result = ArchiveCheck.Run(folder, new ArchiveCheckOptions { TrustedKeys = [keys.Ed25519, keys.Sm2] });
            Assert.True(result.AllPassed, string.Join("\n", result.Findings.Select(f => f.Message)));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task An_unknown_index_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => app.WithDbAsync((db, _) => ArchiveRecord.ForIndexesAsync(db, [long.MaxValue - 1], Ct)));
    }
}

public sealed class ArchiveRecordTestsOnSqlite(SqliteApp app) : ArchiveRecordTests(app);

public sealed class ArchiveRecordTestsOnPostgres(PostgresApp app) : ArchiveRecordTests(app);
