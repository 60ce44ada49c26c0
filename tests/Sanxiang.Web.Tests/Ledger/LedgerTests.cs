using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Ledger;
using Sanxiang.Data.Ledger;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Ledger;

/// <summary>The record log through the real pipeline: recording with a change, signed checkpoints, public proofs.</summary>
public abstract class LedgerTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> WaitForCheckpointAsync(HttpClient client, long atLeast)
    {
        for (var i = 0; i < 100; i++)
        {
            var response = await client.GetAsync("/ledger/checkpoint", Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var note = await response.Content.ReadAsStringAsync(Ct);
                if (Checkpoint.ParseBody(note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)]).Size >= atLeast)
                {
                    return note;
                }
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"100 × 100 ms 内没有出现覆盖 {atLeast} 条记录的检查点");
        return "";
    }

    [Fact]
    public async Task A_registry_change_is_recorded_signed_and_provable_with_nothing_but_the_published_key()
    {
        var head = await app.SignInAsync("zrzy.head");
        var phone = "0797-63" + Random.Shared.Next(10000, 99999);
        Assert.Equal(HttpStatusCode.NoContent, (await head.PutAsJsonAsync("/api/v1/agencies/ZRZY/contacts", new { phone }, Ct)).StatusCode);
        var entry = await app.WithDbAsync((db, _) => db.LedgerEntries.AsNoTracking().OrderByDescending(e => e.Index)
            .FirstAsync(e => e.Kind == "agency-contacts-changed"));
        Assert.Contains(phone, Encoding.UTF8.GetString(entry.Payload), StringComparison.Ordinal);

        var client = app.Client();
        var note = await WaitForCheckpointAsync(client, entry.Index + 1);
        var keys = await client.GetStringAsync("/ledger/keys", Ct);
        var vkeys = NoteVerifierKeys.ParseAll(keys);
        Assert.Equal(2, vkeys.Count);
        Assert.IsType<Ed25519NoteKey>(vkeys[0]);
        Assert.IsType<Sm2NoteKey>(vkeys[1]);
        var verdict = SignedNote.Verify(note, vkeys[0]);
        Assert.True(verdict.IsValid, verdict.Error);
        var checkpoint = Checkpoint.ParseBody(verdict.Body!);
        Assert.True(SignedNote.Verify(note, vkeys[1]).IsValid);
        Assert.Equal(2, SignedNote.Verify(note, [.. vkeys]).VerifiedBy.Count);

        var proof = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/proof/inclusion?index={entry.Index}&size={checkpoint.Size}", Ct);
        var entries = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/entries?start={entry.Index}&end={entry.Index + 1}", Ct);
        var payload = entries[0].GetProperty("payload").GetString()!;
        Assert.True(MerkleVerifier.VerifyInclusion(entry.Index, checkpoint.Size, MerkleHash.Leaf(Encoding.UTF8.GetBytes(payload)),
            proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList(), checkpoint.RootHash));

        if (checkpoint.Size > 1)
        {
            var consistency = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/proof/consistency?from=1&to={checkpoint.Size}", Ct);
            Assert.True(MerkleVerifier.VerifyConsistency(1, checkpoint.Size,
                consistency.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList(),
                Convert.FromBase64String(consistency.GetProperty("fromRoot").GetString()!), checkpoint.RootHash));
        }

        // Offline, with nothing but four files: `sanxiang ledger check`.
        var folder = Directory.CreateTempSubdirectory("sanxiang-check-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "checkpoint.txt"), note, Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "keys.txt"), keys, Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "proof.json"), proof.GetRawText(), Ct);
            await File.WriteAllBytesAsync(Path.Combine(folder, "entry.json"), Encoding.UTF8.GetBytes(payload), Ct);
            string[] check = ["ledger", "check", "--checkpoint", Path.Combine(folder, "checkpoint.txt"), "--entry", Path.Combine(folder, "entry.json"),
                "--proof", Path.Combine(folder, "proof.json"), "--key", Path.Combine(folder, "keys.txt")];
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.Equal(0, await Sanxiang.Cli.SanxiangCommand.RunAsync(check, stdout, stderr, TextReader.Null));
            Assert.StartsWith("valid", stdout.ToString(), StringComparison.Ordinal);

            await File.WriteAllBytesAsync(Path.Combine(folder, "entry.json"), Encoding.UTF8.GetBytes(payload.Replace(phone, "0797-6000000", StringComparison.Ordinal)), Ct);
            stderr = new StringWriter();
            Assert.Equal(1, await Sanxiang.Cli.SanxiangCommand.RunAsync(check, new StringWriter(), stderr, TextReader.Null));
            Assert.Contains("包含证明不成立", stderr.ToString(), StringComparison.Ordinal);

            await File.WriteAllTextAsync(Path.Combine(folder, "checkpoint.txt"), note.Replace("\n\n", "\n\n— forged AAAA\n", StringComparison.Ordinal)[..^10], Ct);
            stderr = new StringWriter();
            Assert.Equal(1, await Sanxiang.Cli.SanxiangCommand.RunAsync(check, new StringWriter(), stderr, TextReader.Null));
            Assert.Contains("检查点", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var page = await client.GetStringAsync("/ledger", Ct);
        Assert.Contains("如何核对一份公开的执法决定", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_ledger_parameters_get_problem_details_never_a_500()
    {
        var client = app.Client();
        foreach (var path in new[]
        {
            "/api/v1/ledger/proof/inclusion?index=abc&size=1",
            "/api/v1/ledger/proof/inclusion?index=-1&size=1",
            "/api/v1/ledger/proof/inclusion?index=99999999&size=100000000",
            "/api/v1/ledger/proof/consistency?from=5&to=2",
            "/api/v1/ledger/proof/consistency?from=0&to=1",
            "/api/v1/ledger/entries?start=10&end=2",
            "/api/v1/ledger/entries?start=0&end=999999999",
            "/ledger/checkpoints?from=x",
        })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} → {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Recording_is_all_or_nothing_with_the_change_it_records()
    {
        var before = await app.WithDbAsync((db, _) => db.LedgerState.Select(s => s.Size).SingleAsync());
        await app.WithDbAsync(async (db, _) =>
        {
            var agency = await db.Agencies.FirstAsync(a => a.Code == "NYNC");
            agency.OfficeHours = new string('长', 5000); // too long for PostgreSQL's column; SQLite ignores lengths, so also break the ledger state
            db.Record(new LedgerEvent("test-failed-change", null, agency.Id, null, null, new JsonObject { ["x"] = 1 }));
            db.Agencies.Add(new Sanxiang.Core.Registry.Agency
            {
                Code = "NYNC", Name = "重复", ShortName = "重复", CaseNumberPrefix = "重", Uscc = agency.Uscc, Level = "县级", Jurisdiction = "-",
                Duties = "-", LegalBasis = "-", Address = "-", Phone = "-", ReconsiderationOrgan = "-", CompetentCourt = "-",
            });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            return 0;
        });
        Assert.Equal(before, await app.WithDbAsync((db, _) => db.LedgerState.Select(s => s.Size).SingleAsync()));
        Assert.False(await app.WithDbAsync((db, _) => db.LedgerEntries.AnyAsync(e => e.Kind == "test-failed-change")));
        Assert.NotEqual(new string('长', 5000), await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "NYNC").Select(a => a.OfficeHours).SingleAsync()));
    }
}

public sealed class LedgerTestsOnSqlite(SqliteApp app) : LedgerTests(app);

public sealed class LedgerTestsOnPostgres(PostgresApp app) : LedgerTests(app);
