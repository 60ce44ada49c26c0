using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Sharing;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Registry;
using Sanxiang.Data.Sharing;
using Sanxiang.Web.Sharing;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Sharing;

/// <summary>
/// The demo county's registry exported, imported into a fresh, empty database (as a county takes the province's lists),
/// approved there by a second supervisor, and exported again: the same agencies and, list by list, the same content with
/// the same digests as the approvals recorded at the source.
/// </summary>
public abstract class SharingRoundTripTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<(string Connection, Func<Task> Drop)> FreshDatabaseAsync();

    [Fact]
    public async Task The_registry_exported_and_imported_into_a_fresh_database_comes_out_the_same()
    {
        var supervisor = await SharingTests.SupervisorAsync(app);
        var (source, _, _) = await SharingTests.ExportAsync(supervisor);

        // The registry part of the demo county's own agencies (tests running alongside add agencies and lists straight to
        // the database, some deliberately invalid): the agencies that have lists (and those they name), and the newest
        // version of each list.
        var seeded = await SeededAgenciesAsync();
        var itemLists = Newest(source.Records[SharingPackage.ItemLists].Select(r => r.Value).Where(l => seeded.Contains((string)l["agencyCode"]!)));
        var officerLists = Newest(source.Records[SharingPackage.OfficerLists].Select(r => r.Value).Where(l => seeded.Contains((string)l["agencyCode"]!)));
        Assert.Contains("SCJG", itemLists.Keys);
        Assert.Contains("SCJG", officerLists.Keys);
        var allAgencies = source.Records[SharingPackage.Agencies].Select(r => r.Value).ToDictionary(a => (string)a["code"]!);
        var needed = itemLists.Keys.Concat(officerLists.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var code in needed.ToList())
        {
            foreach (var named in new[] { "parent", "entrustedBy" })
            {
                if ((string?)allAgencies[code][named] is { } other)
                {
                    needed.Add(other);
                }
            }
        }

        var package = SharingTests.Package(new Dictionary<string, IEnumerable<JsonObject>>
        {
            [SharingPackage.Agencies] = [.. needed.Order(StringComparer.Ordinal).Select(c => allAgencies[c])],
            [SharingPackage.ItemLists] = [.. itemLists.Values],
            [SharingPackage.OfficerLists] = [.. officerLists.Values],
        });

        var (connection, drop) = await FreshDatabaseAsync();
        try
        {
            var options = new DbContextOptionsBuilder<SanxiangDbContext>();
            new DatabaseSettings(app.Provider == "Sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connection).Apply(options);
            await using var db = new SanxiangDbContext(options.Options, new FixedAccessScope(AccessScope.System), TimeProvider.System);
            await DatabaseMigrator.MigrateAsync(db, Ct);
            Assert.False(await db.Agencies.AnyAsync(Ct));

            var lists = new RegistryLists(db, TimeProvider.System);
            var importer = new RegistryActor(Guid.NewGuid(), Roles.Supervisor);
            var report = await new SharingImport(db, lists, TimeProvider.System).RunAsync(new MemoryStream(package), apply: true, importer, ct: Ct);
            Assert.True(report.Applied, string.Join("\n", report.Problems.Select(p => p.Text)));
            Assert.Equal(needed.Count, report.AgenciesNew);
            Assert.Equal(itemLists.Count + officerLists.Count, report.Lists.Count);

            var approver = new RegistryActor(Guid.NewGuid(), Roles.Supervisor);
            foreach (var l in report.Lists)
            {
                await lists.ApproveAsync(l.DraftId!.Value, approver, Ct);
            }

            var output = new MemoryStream();
            await using (var writer = new SharingPackageWriter(output))
            {
                var until = SharingWindow.Truncate(DateTimeOffset.UtcNow.AddSeconds(1));
                await new SharingExport(db).WriteAsync(writer, new SharingWindow(null, until), ChinaTime.Today(TimeProvider.System), Ct);
                await writer.FinishAsync(new SharingManifest(SharingPackage.Format, SharingPackage.FormatVersion, "test", DateTimeOffset.UtcNow, null, until, 0,
                    writer.Files), Ct);
            }

            output.Position = 0;
            var again = SharingPackageReader.Read(output);
            var agenciesAgain = again.Records[SharingPackage.Agencies].Select(r => r.Value).ToDictionary(a => (string)a["code"]!);
            Assert.Equal(needed.Order(StringComparer.Ordinal), agenciesAgain.Keys.Order(StringComparer.Ordinal));
            foreach (var code in needed)
            {
                Assert.Equal(Strip(allAgencies[code]), Strip(agenciesAgain[code]));
            }

            foreach (var (file, sourceLists, rows) in new[] { (SharingPackage.ItemLists, itemLists, "items"), (SharingPackage.OfficerLists, officerLists, "officers") })
            {
                var imported = Newest(again.Records[file].Select(r => r.Value));
                Assert.Equal(sourceLists.Keys.Order(StringComparer.Ordinal), imported.Keys.Order(StringComparer.Ordinal));
                foreach (var (code, line) in sourceLists)
                {
                    Assert.Equal(line[rows]!.ToJsonString(), imported[code][rows]!.ToJsonString());
                    Assert.Equal((string?)line["sha256"], (string?)imported[code]["sha256"]);
                }
            }
        }
        finally
        {
            await drop();
        }

    }

    /// <summary>The codes of the demo county's agencies, from the seed itself.</summary>
    private static async Task<HashSet<string>> SeededAgenciesAsync()
    {
        await using var stream = typeof(Sanxiang.Data.Seed.DemoCountySeeder).Assembly.GetManifestResourceStream("Sanxiang.Data.Seed.demo-county.json")!;
        var seed = await JsonNode.ParseAsync(stream, cancellationToken: Ct);
        return [.. seed!["agencies"]!.AsArray().Select(a => (string)a!["code"]!)];
    }

    private static Dictionary<string, JsonObject> Newest(IEnumerable<JsonObject> lines) =>
        lines.GroupBy(l => (string)l["agencyCode"]!).ToDictionary(g => g.Key, g => g.MaxBy(l => (int)l["number"]!)!, StringComparer.Ordinal);

    private static string Strip(JsonObject agency)
    {
        var copy = (JsonObject)agency.DeepClone();
        copy.Remove("changedAtUtc");
        copy.Remove("sortOrder");
        return copy.ToJsonString();
    }
}

public sealed class SharingRoundTripTestsOnSqlite(SqliteApp app) : SharingRoundTripTests(app)
{
    protected override Task<(string Connection, Func<Task> Drop)> FreshDatabaseAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sanxiang-sharing-{Guid.NewGuid():N}.db");
        return Task.FromResult<(string, Func<Task>)>(($"Data Source={file}", () =>
        {
            SqliteApp.Delete(file);
            return Task.CompletedTask;
        }));
    }
}

public sealed class SharingRoundTripTestsOnPostgres(PostgresApp app) : SharingRoundTripTests(app)
{
    protected override async Task<(string Connection, Func<Task> Drop)> FreshDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES")!;
        var name = "sanxiang_share_" + Guid.NewGuid().ToString("N");
        return (await PostgresApp.CreateAsync(admin, name), () => PostgresApp.DropAsync(admin, name));
    }
}
