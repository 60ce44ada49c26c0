using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Ledger;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Sharing;
using Sanxiang.Core.Validation;
using Sanxiang.Data;
using Sanxiang.Data.Sharing;
using Sanxiang.Web.Sharing;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Sharing;

/// <summary>
/// Data sharing (PLT-4): the export's content against the database, no private field anywhere in it, consecutive
/// incremental exports losing and repeating nothing, every refusal of a bad package with nothing stored, the import
/// applied as drafts, and who may call.
/// </summary>
public abstract class SharingTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HttpClient> SupervisorAsync(SanxiangApp app)
    {
        var name = "share.sup." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(name, "SFJ", Roles.Supervisor);
        var client = await app.SignInAsync(name);
        await Sanxiang.Web.Tests.Accounts.TwoFactorTests.EnrolAsync(app, client);
        return client;
    }

    /// <summary>Exports and reads the package back through the checked reader (digests, counts, version).</summary>
    public static async Task<(SharingPackageContent Content, byte[] Bytes, string Until)> ExportAsync(HttpClient client, string? since = null)
    {
        var response = await client.GetAsync("/api/v1/sharing/export" + (since is null ? "" : "?changedSince=" + Uri.EscapeDataString(since)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var until = response.Headers.GetValues("X-Sharing-Changed-Until").Single();
        var content = SharingPackageReader.Read(new MemoryStream(bytes));
        Assert.Empty(content.LineProblems);
        Assert.Equal(until, SharingPackage.Iso(content.Manifest.ChangedUntil));
        return (content, bytes, until);
    }

    private static IEnumerable<JsonObject> Lines(SharingPackageContent c, string file) => c.Records[file].Select(r => r.Value);

    public static string Uscc(int n)
    {
        var first17 = "11360736MB" + n.ToString("D7", CultureInfo.InvariantCulture);
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    private static Agency NewAgency(string code) => new()
    {
        Id = Guid.CreateVersion7(), Code = code, Name = $"安和县共享测试局{code}", ShortName = "共享测试局" + code, CaseNumberPrefix = "安享" + code[^3..],
        Uscc = Uscc(RandomNumberGenerator.GetInt32(1_000_000, 9_999_999)), Kind = AgencyKind.StatutoryOrgan, Level = "县级", Jurisdiction = "安和县行政区域",
        Duties = "负责本县共享测试工作。", LegalBasis = "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》", Address = "安和县人民路1号",
        Phone = "0797-1234567", ReconsiderationOrgan = "安和县人民政府", CompetentCourt = "安和县人民法院", SortOrder = 900,
    };

    [Fact]
    public async Task A_full_export_holds_the_registry_decisions_results_and_figures_as_the_database_has_them()
    {
        var supervisor = await SupervisorAsync(app);
        var (before, summariesBefore) = await app.WithDbAsync(async (db, _) =>
            (await db.PublishedDecisions.Select(d => new { d.Id, d.State }).ToListAsync(Ct), await db.CaseSummaries.CountAsync(Ct)));
        var resultsBefore = await ResultsAsync(supervisor);
        var (package, _, _) = await ExportAsync(supervisor);
        var summariesAfter = await app.WithDbAsync((db, _) => db.CaseSummaries.CountAsync(Ct));

        Assert.Equal(SharingPackage.FormatVersion, package.Manifest.FormatVersion);
        Assert.True(package.Manifest.IsFull);
        Assert.Equal(SharingPackage.Files, package.Manifest.Files.Select(f => f.Name));

        // Agencies: every one in the database, keyed by code, with the public profile.
        var agencies = await app.WithDbAsync((db, _) => db.Agencies.ToListAsync(Ct));
        var agencyLines = Lines(package, SharingPackage.Agencies).ToDictionary(a => (string)a["code"]!);
        foreach (var a in agencies.Where(a => a.Code.Length > 0))
        {
            // Agencies registered by tests running alongside after the export are not in it; every other one is, as it is.
            if (agencyLines.TryGetValue(a.Code, out var line))
            {
                Assert.Equal(a.Name, (string?)line["name"]);
                Assert.Equal(a.Uscc, (string?)line["uscc"]);
            }
        }

        Assert.Contains("SCJG", agencyLines.Keys);
        Assert.Contains("RSJ", agencyLines.Keys);

        // Lists: the version in force (and any approved for later) per agency, with the number and the approval's digest,
        // which the items as exported reproduce (RegistryJson, the hash recorded in the log).
        var versions = await app.WithDbAsync((db, _) => db.RegistryVersions.Where(v => v.Status == VersionStatus.Approved)
            .Join(db.Agencies, v => v.AgencyId, a => a.Id, (v, a) => new { a.Code, v.Kind, v.Number, v.ContentSha256, v.EffectiveFrom }).ToListAsync(Ct));
        foreach (var (file, kind, rows) in new[] { (SharingPackage.ItemLists, RegistryListKind.Items, "items"), (SharingPackage.OfficerLists, RegistryListKind.Officers, "officers") })
        {
            var lines = Lines(package, file).ToList();
            Assert.Contains(lines, l => (string?)l["agencyCode"] == "SCJG" && (int?)l["number"] >= 1);
            foreach (var l in lines)
            {
                var v = versions.Single(x => x.Code == (string?)l["agencyCode"] && x.Kind == kind && x.Number == (int?)l["number"]);
                Assert.Equal(v.ContentSha256 is null ? null : Convert.ToHexStringLower(v.ContentSha256), (string?)l["sha256"]);
                if (v.ContentSha256 is null)
                {
                    continue; // a version some test wrote straight to the database, without an approval's digest
                }

                var array = (JsonArray)l[rows]!.DeepClone();
                if (kind == RegistryListKind.Officers)
                {
                    foreach (var o in array.Cast<JsonObject>())
                    {
                        foreach (var extra in new[] { "gender", "position", "filedOn", "legalQualificationNumber" })
                        {
                            o.Remove(extra);
                        }
                    }
                }

                Assert.Equal((string?)l["sha256"], Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(array))));
            }
        }

        // Decisions: every entry that existed before the export, public ones with the content whose digest the log holds,
        // withdrawn, expired and repaired ones as tombstones.
        var decisions = Lines(package, SharingPackage.Decisions).ToDictionary(d => (long)d["id"]!);
        var ids = before.Select(d => d.Id).ToList();
        var stored = await app.WithDbAsync((db, _) => db.PublishedDecisions.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, Ct));
        Assert.NotEmpty(decisions);
        foreach (var d in before)
        {
            var line = decisions[d.Id];
            var isTombstone = (string?)line["state"] is not (nameof(PublishedState.Public) or nameof(PublishedState.Superseded));
            Assert.Equal(isTombstone, (bool)line["tombstone"]!);
            Assert.Equal(isTombstone, line["fullText"] is null && !line.ContainsKey("party"));
            if (!isTombstone)
            {
                var content = (JsonObject)line.DeepClone();
                foreach (var meta in new[] { "id", "tombstone", "path", "agencyCode", "procedure", "state", "stateName", "supersedes", "supersededBy",
                             "contentSha256", "ledgerIndex", "changedAtUtc" })
                {
                    content.Remove(meta);
                }

                // The content is the published content as the database holds it (tests running alongside insert entries
                // with made-up digests, so the comparison is with the content recomputed, not the stored digest).
                Assert.Equal(PublicationDraft.ContentSha256Of(stored[d.Id]), Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(content))));
            }
        }

        // Statistics: every case counted once in the month it was opened.
        var opened = Lines(package, SharingPackage.Statistics).Sum(s => (int)s["casesOpened"]!);
        Assert.InRange(opened, summariesBefore, summariesAfter);

        // Inspection results: what the open data lists (read before and after, as other tests may publish meanwhile).
        Assert.InRange(Lines(package, SharingPackage.InspectionResults).Count(), resultsBefore, await ResultsAsync(supervisor));
        Assert.All(Lines(package, SharingPackage.InspectionResults), r => Assert.False(string.IsNullOrEmpty((string?)r["planNumber"])));
    }

    private static async Task<int> ResultsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/public/open-data/inspection-results.json", Ct)).GetProperty("results").GetArrayLength();

    [Fact]
    public async Task No_ID_number_phone_home_address_or_mobile_is_anywhere_in_the_package()
    {
        var supervisor = await SupervisorAsync(app);
        var (_, bytes, _) = await ExportAsync(supervisor);
        var secrets = await app.WithDbAsync(async (db, _) =>
        {
            var parties = await db.Cases.Select(c => new { c.Party.Kind, c.Party.IdNumber, c.Party.Phone, c.Party.Address }).ToListAsync(Ct);
            var mobiles = await db.Officers.Where(o => o.Mobile != null).Select(o => o.Mobile!).ToListAsync(Ct);
            var complainants = await db.Complaints.Where(c => c.ComplainantPhone != null).Select(c => c.ComplainantPhone!).ToListAsync(Ct);
            // An agency's office and complaint lines are public (PUB-1): a test that gives one as a complainant's or an
            // organisation's number does not make it private.
            var offices = (await db.Agencies.Select(a => new { a.Phone, a.ComplaintPhone }).ToListAsync(Ct))
                .SelectMany(a => new[] { a.Phone, a.ComplaintPhone }).Where(p => p is not null).ToHashSet();
            // What a clerk chose to keep in a published decision is on the portal already (a test keeps a witness's number
            // that another test gives a complainant): the export may carry it, as the portal does; it must add nothing.
            var published = string.Join('\n', (await db.PublishedDecisions.Select(d => new { d.Facts, d.FullText, d.Result, d.Basis, d.Cause }).ToListAsync(Ct))
                .SelectMany(d => new[] { d.Facts, d.FullText, d.Result, d.Basis, d.Cause }));
            return parties.SelectMany(p => p.Kind == Sanxiang.Core.Cases.PartyKind.Person ? new[] { p.IdNumber, p.Phone, p.Address } : [p.IdNumber])
                .Concat(mobiles).Concat(complainants).Where(s => s is { Length: >= 8 } && !offices.Contains(s)).Select(s => s!).Distinct()
                .Where(s => !published.Contains(s, StringComparison.Ordinal)).ToList();
        });
        Assert.Contains(secrets, s => s.Length == 18);
        Assert.Contains(secrets, s => s.Length == 11 && s.StartsWith('1'));

        // Every byte of every file, inflated.
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var text = await reader.ReadToEndAsync(Ct);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{entry.FullName} 含有不应共享的个人信息 {secret[..4]}…");
            }

            Assert.DoesNotContain("\"mobile\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"idNumber\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_consecutive_incremental_exports_lose_nothing_and_repeat_nothing()
    {
        var supervisor = await SupervisorAsync(app);
        var (_, _, u0) = await ExportAsync(supervisor);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var a = NewAgency("XA" + tag);
        var b = NewAgency("XB" + tag);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Agencies.AddRange(a, b);
            return await db.SaveChangesAsync(Ct);
        });
        await Task.Delay(1500, Ct); // past the test host's one-second safety margin

        var (first, _, u1) = await ExportAsync(supervisor, u0);
        await app.WithDbAsync(async (db, _) =>
        {
            var row = await db.Agencies.SingleAsync(x => x.Code == a.Code, Ct);
            row.OfficeHours = "周一至周五 9:00-17:00";
            return await db.SaveChangesAsync(Ct);
        });
        await Task.Delay(1500, Ct);
        var (second, _, u2) = await ExportAsync(supervisor, u1);

        Assert.Equal(u0, SharingPackage.Iso(first.Manifest.ChangedSince!.Value));
        Assert.Equal(u1, SharingPackage.Iso(second.Manifest.ChangedSince!.Value));
        var firstCodes = Lines(first, SharingPackage.Agencies).Select(x => (string)x["code"]!).ToList();
        var secondCodes = Lines(second, SharingPackage.Agencies).Select(x => (string)x["code"]!).ToList();
        // Both new agencies in the first window, once; only the changed one in the second, once, with its change.
        Assert.Single(firstCodes, a.Code);
        Assert.Single(firstCodes, b.Code);
        Assert.Single(secondCodes, a.Code);
        Assert.DoesNotContain(b.Code, secondCodes);
        Assert.Null((string?)Lines(first, SharingPackage.Agencies).Single(x => (string?)x["code"] == a.Code)["officeHours"]);
        Assert.Equal("周一至周五 9:00-17:00", (string?)Lines(second, SharingPackage.Agencies).Single(x => (string?)x["code"] == a.Code)["officeHours"]);

        // Every record of each package was changed inside its half-open window, so no record is in both or in neither.
        foreach (var (package, from, to) in new[] { (first, u0, u1), (second, u1, u2) })
        {
            foreach (var file in new[] { SharingPackage.Agencies, SharingPackage.ItemLists, SharingPackage.OfficerLists, SharingPackage.Decisions })
            {
                foreach (var line in Lines(package, file))
                {
                    var at = DateTimeOffset.Parse((string)line["changedAtUtc"]!, CultureInfo.InvariantCulture);
                    Assert.InRange(at, DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture).AddTicks(-1));
                }
            }
        }

        // A window that reaches into the safety margin is refused, in Chinese.
        var late = await supervisor.GetAsync("/api/v1/sharing/export?changedSince=" + Uri.EscapeDataString(u2) + "&until="
            + Uri.EscapeDataString(SharingPackage.Iso(DateTimeOffset.UtcNow.AddMinutes(5))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("安全间隔", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var bad = await supervisor.GetAsync("/api/v1/sharing/export?changedSince=2026-11-28", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("带时区", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>A package of the given files (NDJSON lines), with a correct manifest unless the caller spoils it.</summary>
    public static byte[] Package(IReadOnlyDictionary<string, IEnumerable<JsonObject>> files, Action<JsonObject>? manifest = null,
        Action<ZipArchive>? tamper = null)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var listed = new JsonArray();
            foreach (var (name, lines) in files)
            {
                var bytes = lines.SelectMany(SharingPackage.Line).ToArray();
                using (var s = zip.CreateEntry(name).Open())
                {
                    s.Write(bytes);
                }

                listed.Add(new JsonObject { ["name"] = name, ["records"] = lines.Count(), ["bytes"] = bytes.Length, ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)) });
            }

            var m = new JsonObject
            {
                ["format"] = SharingPackage.Format, ["formatVersion"] = SharingPackage.FormatVersion, ["origin"] = "省级平台（测试）",
                ["generatedAtUtc"] = "2026-11-28T00:00:00Z", ["changedSince"] = null, ["changedUntil"] = "2026-11-28T00:00:00Z", ["files"] = listed,
            };
            manifest?.Invoke(m);
            using (var s = zip.CreateEntry(SharingPackage.ManifestName).Open())
            {
                s.Write(Encoding.UTF8.GetBytes(m.ToJsonString()));
            }

            tamper?.Invoke(zip);
        }

        return output.ToArray();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] package, bool apply)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await client.PostAsync("/api/v1/sharing/import" + (apply ? "?apply=true" : ""), content, Ct);
    }

    [Fact]
    public async Task A_package_of_lists_is_checked_whole_then_imported_as_drafts_that_a_second_supervisor_approves()
    {
        var supervisor = await SupervisorAsync(app);
        var (full, _, _) = await ExportAsync(supervisor);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var agency = NewAgency("XI" + tag);
        var agencyLine = SharingExport.Agency(agency, new Dictionary<Guid, (string, string)>(), DateTimeOffset.UtcNow);
        // The RSJ item list as the province would send it, for the new agency (item codes are unique per agency). Not the
        // market regulator's: the 双随机 tests running alongside pick items by code, and a second agency holding the same
        // inspection items would join their plans.
        var items = (JsonObject)Lines(full, SharingPackage.ItemLists).First(l => (string?)l["agencyCode"] == "RSJ").DeepClone();
        items["agencyCode"] = agency.Code;
        items["agency"] = agency.Name;
        var count = ((JsonArray)items["items"]!).Count;
        var package = Package(new Dictionary<string, IEnumerable<JsonObject>> { [SharingPackage.Agencies] = [agencyLine], [SharingPackage.ItemLists] = [items] });

        var dry = await ImportAsync(supervisor, package, apply: false);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var report = await dry.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(report.GetProperty("valid").GetBoolean(), report.GetRawText());
        Assert.False(report.GetProperty("applied").GetBoolean());
        Assert.Equal(1, report.GetProperty("agenciesNew").GetInt32());
        Assert.False(await app.WithDbAsync((db, _) => db.Agencies.AnyAsync(a => a.Code == agency.Code, Ct)));

        var applied = await (await ImportAsync(supervisor, package, apply: true)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(applied.GetProperty("applied").GetBoolean(), applied.GetRawText());
        var draftId = applied.GetProperty("lists")[0].GetProperty("draftId").GetGuid();
        var (status, rows) = await app.WithDbAsync(async (db, _) =>
            ((await db.RegistryVersions.SingleAsync(v => v.Id == draftId, Ct)).Status, await db.EnforcementItems.CountAsync(i => i.VersionId == draftId, Ct)));
        Assert.Equal(VersionStatus.Draft, status);
        Assert.Equal(count, rows);

        // The importer may not approve it; another supervisor does, and the list is in force with the source's content.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsync($"/api/v1/registry/drafts/{draftId}/approve", null, Ct)).StatusCode);
        var second = await SupervisorAsync(app);
        var approved = await second.PostAsync($"/api/v1/registry/drafts/{draftId}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var sha = (await approved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sha256").GetString();
        Assert.Equal((string?)items["sha256"], sha);

        // Importing the same list again while... a draft is open is refused; none is open now, so the dry run is valid.
        var again = await (await ImportAsync(supervisor, package, apply: false)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(again.GetProperty("valid").GetBoolean(), again.GetRawText());
        Assert.Equal(0, again.GetProperty("agenciesNew").GetInt32());
    }

    public static TheoryData<string> BadPackages() => ["not-zip", "digest", "version", "bomb", "duplicate", "unknown-agency", "extra-file", "bad-item", "tampered-list"];

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task A_bad_package_is_refused_with_a_Chinese_reason_and_nothing_is_stored(string kind)
    {
        var supervisor = await SupervisorAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var agency = NewAgency("XQ" + tag);
        var agencyLine = SharingExport.Agency(agency, new Dictionary<Guid, (string, string)>(), DateTimeOffset.UtcNow);
        var item = new JsonObject
        {
            ["code"] = "XQ-CF-001", ["name"] = "对违反共享测试规定的行政处罚", ["category"] = "Penalty", ["procedure"] = "GeneralPenalty",
            ["legalBasis"] = new JsonArray(new JsonObject { ["law"] = "《中华人民共和国行政处罚法》", ["article"] = "第八条", ["text"] = "行政处罚的种类。", ["quoted"] = true }),
            ["legalReviewRequired"] = false, ["discretion"] = new JsonArray(),
        };
        JsonObject List(string code, params JsonObject[] rows) => new()
        {
            ["agencyCode"] = code, ["list"] = "items", ["number"] = 1, ["effectiveFrom"] = "2026-01-01", ["reason"] = "Initial", ["reasonText"] = "首次公布",
            ["items"] = new JsonArray([.. rows.Select(r => (JsonNode)r.DeepClone())]),
        };
        var good = new Dictionary<string, IEnumerable<JsonObject>> { [SharingPackage.Agencies] = [agencyLine], [SharingPackage.ItemLists] = [List(agency.Code, item)] };
        var (package, expect) = kind switch
        {
            "not-zip" => (Encoding.UTF8.GetBytes("agencyCode,items\nSCJG,1\n"), "不是 ZIP"),
            "digest" => (Package(good, m => ((JsonObject)((JsonArray)m["files"]!)[0]!)["sha256"] = new string('0', 64)), "SHA-256"),
            "version" => (Package(good, m => m["formatVersion"] = 99), "格式版本为 99"),
            "bomb" => (Bomb(), "压缩炸弹"),
            "duplicate" => (Package(new Dictionary<string, IEnumerable<JsonObject>> { [SharingPackage.Agencies] = [agencyLine, agencyLine], [SharingPackage.ItemLists] = [List(agency.Code, item)] }), "重复"),
            "unknown-agency" => (Package(new Dictionary<string, IEnumerable<JsonObject>> { [SharingPackage.Agencies] = [agencyLine], [SharingPackage.ItemLists] = [List(agency.Code, item), List("NOSUCH" + tag, item)] }), "没有登记"),
            "extra-file" => (Package(good, tamper: z => z.CreateEntry("readme.txt").Open().Dispose()), "没有列在 manifest.json"),
            "bad-item" => (Package(new Dictionary<string, IEnumerable<JsonObject>> { [SharingPackage.Agencies] = [agencyLine], [SharingPackage.ItemLists] = [List(agency.Code, item, item)] }), "重复"),
            "tampered-list" => (Package(new Dictionary<string, IEnumerable<JsonObject>> { [SharingPackage.Agencies] = [agencyLine], [SharingPackage.ItemLists] = [WithSha(List(agency.Code, item))] }), "摘要值"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var dry = await ImportAsync(supervisor, package, apply: false);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var report = await dry.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetProperty("text").GetString()!.Contains(expect, StringComparison.Ordinal));

        var refused = await ImportAsync(supervisor, package, apply: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("未导入任何数据", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync((db, _) => db.Agencies.AnyAsync(a => a.Code == agency.Code, Ct)), "出错的数据包不应写入任何执法主体");
    }

    /// <summary>The list with a digest that does not match its items (changed after export).</summary>
    private static JsonObject WithSha(JsonObject list)
    {
        list["sha256"] = new string('a', 64);
        return list;
    }

    /// <summary>A package whose one file inflates from a few kilobytes to 20 MB of zeros.</summary>
    private static byte[] Bomb()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry(SharingPackage.Agencies, CompressionLevel.SmallestSize).Open())
            {
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 20; i++)
                {
                    s.Write(zeros);
                }
            }

            using (var s = zip.CreateEntry(SharingPackage.ManifestName).Open())
            {
                s.Write(Encoding.UTF8.GetBytes($$"""{"format":"{{SharingPackage.Format}}","formatVersion":1,"generatedAtUtc":"2026-11-28T00:00:00Z","changedUntil":"2026-11-28T00:00:00Z","files":[{"name":"agencies.ndjson","records":0,"bytes":20971520,"sha256":"{{new string('0', 64)}}"}]}"""));
            }
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Only_the_provincial_key_and_supervisors_may_export_and_a_revoked_key_no_longer_works()
    {
        var anonymous = await app.Client().GetAsync("/api/v1/sharing/export", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", (await anonymous.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());

        var officerName = "share.off." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(officerName, "SCJG", Roles.AgencyHead);
        var head = await app.SignInAsync(officerName);
        var forbidden = await head.GetAsync("/api/v1/sharing/export", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(head, [1, 2, 3], apply: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync("/api/v1/sharing/clients", Ct)).StatusCode);

        // The security administrator issues the province's key; it is shown once and only its digest is stored.
        var adminName = "share.sec." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateAccountAsync(adminName, "SFJ", Roles.SecurityAdministrator);
        var admin = await app.SignInAsync(adminName);
        await Sanxiang.Web.Tests.Accounts.TwoFactorTests.EnrolAsync(app, admin);
        var empty = await admin.PostAsJsonAsync("/api/v1/sharing/clients", new { name = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var created = await (await admin.PostAsJsonAsync("/api/v1/sharing/clients", new { name = "省行政执法监督平台" + adminName }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetGuid();
        var stored = await app.WithDbAsync((db, _) => db.SharingClients.SingleAsync(c => c.Id == id, Ct));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.KeySha256);
        Assert.DoesNotContain(key, (await admin.GetStringAsync("/api/v1/sharing/clients", Ct)), StringComparison.Ordinal);

        var province = app.Client();
        province.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var (package, _, _) = await ExportAsync(province);
        Assert.NotEmpty(package.Records[SharingPackage.Agencies]);
        // The key exports, nothing else: not the import, not the internal API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await ImportAsync(province, [1], apply: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await province.GetAsync("/api/v1/cases", Ct)).StatusCode);

        var wrong = app.Client();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/sharing/export", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/sharing/clients/{id}/revoke", new { reason = "测试吊销" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/sharing/clients/{id}/revoke", new { reason = "再次吊销" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await province.GetAsync("/api/v1/sharing/export", Ct)).StatusCode);

        var audit = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Target == "sharing-client:" + id || e.UserName == "sxk_" + stored.KeyPrefix)
            .Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains(SharingAudit.ClientCreated, audit);
        Assert.Contains(SharingAudit.ClientRevoked, audit);
        Assert.Contains(SharingAudit.KeyRejected, audit);
    }

    [Fact]
    public void Each_client_has_its_own_hourly_export_limit()
    {
        using var limits = new SharingLimits(Options.Create(new SharingSettings { ExportsPerHour = 2 }), TimeProvider.System);
        Assert.True(limits.TryAcquire("client:a"));
        Assert.True(limits.TryAcquire("client:a"));
        Assert.False(limits.TryAcquire("client:a"));
        Assert.True(limits.TryAcquire("client:b"));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_sharing_endpoints()
    {
        var doc = await app.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/sharing/export", "/api/v1/sharing/import", "/api/v1/sharing/clients", "/api/v1/sharing/clients/{id}/revoke" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI 文档缺少 {path}");
        }

        var export = paths.GetProperty("/api/v1/sharing/export").GetProperty("get");
        Assert.Contains("数据共享包", export.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var parameters = export.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("changedSince", parameters);
        Assert.Contains("until", parameters);
        foreach (var status in new[] { "200", "400", "401", "403", "429" })
        {
            Assert.True(export.GetProperty("responses").TryGetProperty(status, out _), $"导出接口缺少 {status} 响应");
        }
    }
}

public sealed class SharingTestsOnSqlite(SqliteApp app) : SharingTests(app);

public sealed class SharingTestsOnPostgres(PostgresApp app) : SharingTests(app);
