using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Sharing;
using Sanxiang.Data;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Sharing;

/// <summary>One problem of a package import: which file and line (when it is about one), and what to do, in Chinese.</summary>
public sealed record SharingImportProblem(string? File, int? Line, string Message)
{
    public string Text => File is null ? Message : Line is null ? $"{File}：{Message}" : $"{File} 第 {Line} 行：{Message}";
}

/// <summary>A list the import makes (or would make) into a draft.</summary>
public sealed record SharingImportList(string AgencyCode, string List, int? SourceNumber, DateOnly EffectiveFrom, int Rows, Guid? DraftId);

/// <summary>The outcome of a dry run or an import: every problem, or what it creates.</summary>
public sealed record SharingImportReport(bool Valid, bool Applied, string PackageSha256, string? Origin, DateTimeOffset? GeneratedAtUtc,
    int AgenciesNew, int AgenciesUpdated, IReadOnlyList<SharingImportList> Lists, int TotalProblems, IReadOnlyList<SharingImportProblem> Problems);

/// <summary>
/// Takes the registry part of a sharing package — agencies, enforcement-item lists (权责清单) and officer lists, as the
/// provincial platform sends them — into the county's registry (PLT-4). The package is checked whole first (ZIP limits,
/// manifest, digests: <see cref="SharingPackageReader"/>), then every record with the rules the forms and the spreadsheet
/// import use (<see cref="RegistryInputs"/>, <see cref="RegistryRules"/>), then against the database (agency codes,
/// certificate numbers held elsewhere, open drafts). Only a package without a single problem is applied, in one
/// transaction: agencies registered or updated, and each list a new draft version through <see cref="RegistryLists"/>,
/// which a second supervisor approves as any other change (the four-eyes rule of decision 0007 stays).
/// </summary>
public sealed class SharingImport(SanxiangDbContext db, RegistryLists lists, TimeProvider clock)
{
    private const int MaxProblems = 1000;

    private static readonly JsonSerializerOptions InputOptions = new(JsonSerializerDefaults.Web);

    private sealed record PlannedList(Guid AgencyId, string AgencyCode, RegistryListKind Kind, int? Number, DateOnly EffectiveFrom, ChangeReason Reason,
        string ReasonText, List<EnforcementItem>? Items, List<OfficerRow>? Officers);

    public async Task<SharingImportReport> RunAsync(Stream package, bool apply, RegistryActor actor, SharingReadLimits? limits = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(actor);
        var packageSha = Convert.ToHexStringLower(await SHA256.HashDataAsync(package, ct));
        package.Position = 0;
        var problems = new List<SharingImportProblem>();
        SharingPackageContent content;
        try
        {
            content = SharingPackageReader.Read(package, limits);
        }
        catch (SharingPackageException e)
        {
            return Report(false, false, packageSha, null, [new SharingImportProblem(null, null, e.Message)], 0, 0, []);
        }

        problems.AddRange(content.LineProblems.Select(p => new SharingImportProblem(null, null, p)));
        var today = ChinaTime.Today(clock);
        var existing = await db.Agencies.ToListAsync(ct);
        var (incoming, agencyProblems) = ReadAgencies(content, existing);
        problems.AddRange(agencyProblems);
        var known = existing.Select(a => a.Code).Concat(incoming.Select(a => a.Code)).ToHashSet(StringComparer.Ordinal);

        var planned = new List<PlannedList>();
        foreach (var kind in new[] { RegistryListKind.Items, RegistryListKind.Officers })
        {
            var file = kind == RegistryListKind.Items ? SharingPackage.ItemLists : SharingPackage.OfficerLists;
            var records = content.Records.GetValueOrDefault(file) ?? [];
            var seen = new Dictionary<(string, int?), int>();
            var latest = new Dictionary<string, SharingRecord>(StringComparer.Ordinal);
            foreach (var r in records)
            {
                var code = Text(r.Value, "agencyCode");
                var number = r.Value["number"] is JsonValue nv && nv.TryGetValue<int>(out var n) ? n : (int?)null;
                if (code is null)
                {
                    problems.Add(new(file, r.Line, "缺少执法主体代码（agencyCode）。"));
                    continue;
                }

                if (!known.Contains(code))
                {
                    problems.Add(new(file, r.Line, $"执法主体代码“{code}”在本平台和数据包的 {SharingPackage.Agencies} 中都没有登记：请先登记该执法主体，或请对方连同执法主体一并导出。"));
                    continue;
                }

                if (seen.TryGetValue((code, number), out var first))
                {
                    problems.Add(new(file, r.Line, $"与第 {first} 行重复：{code} 的{kind.Chinese()}第 {number} 版在数据包中只能出现一次。"));
                    continue;
                }

                seen[(code, number)] = r.Line;
                // An incremental package may carry several versions of one list: the newest is the list as it now stands.
                if (!latest.TryGetValue(code, out var kept) || (number ?? 0) > ((int?)kept.Value["number"] ?? 0))
                {
                    latest[code] = r;
                }
            }

            foreach (var (code, r) in latest)
            {
                var agency = existing.FirstOrDefault(a => a.Code == code) ?? incoming.First(a => a.Code == code);
                var list = await ReadListAsync(kind, file, r, agency, today, problems, ct);
                if (list is not null)
                {
                    planned.Add(list);
                }
            }
        }

        if (content.Manifest.Files.All(f => f.Name is not (SharingPackage.Agencies or SharingPackage.ItemLists or SharingPackage.OfficerLists)))
        {
            problems.Add(new(null, null, "数据包中没有执法主体、执法事项清单或执法人员名单，没有可导入的内容。"));
        }

        var newAgencies = incoming.Count(a => existing.All(x => x.Code != a.Code));
        var updated = incoming.Count - newAgencies;
        var listed = planned.Select(p => new SharingImportList(p.AgencyCode, p.Kind.Slug(), p.Number, p.EffectiveFrom,
            p.Items?.Count ?? p.Officers!.Count, null)).ToList();
        if (problems.Count > 0 || !apply)
        {
            return Report(problems.Count == 0, false, packageSha, content.Manifest, problems, newAgencies, updated, listed);
        }

        // Apply: everything or nothing.
        var created = new List<SharingImportList>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                var order = existing.Count == 0 ? 0 : existing.Max(a => a.SortOrder) + 1;
                foreach (var a in incoming)
                {
                    if (existing.FirstOrDefault(x => x.Code == a.Code) is { } target)
                    {
                        a.Id = target.Id;
                        a.SortOrder = target.SortOrder;
                        db.Entry(target).CurrentValues.SetValues(a);
                    }
                    else
                    {
                        a.SortOrder = order++;
                        db.Agencies.Add(a);
                    }
                }

                await db.SaveChangesAsync(ct);
                foreach (var p in planned)
                {
                    var agencyId = incoming.FirstOrDefault(a => a.Code == p.AgencyCode)?.Id ?? p.AgencyId;
                    var draft = await lists.CreateDraftAsync(agencyId, p.Kind, p.EffectiveFrom, p.Reason, p.ReasonText, actor, ct);
                    if (p.Items is not null)
                    {
                        await lists.ReplaceItemsAsync(draft.Id, p.Items, ct);
                    }
                    else
                    {
                        await lists.ReplaceOfficersAsync(draft.Id, p.Officers!, ct);
                    }

                    created.Add(new SharingImportList(p.AgencyCode, p.Kind.Slug(), p.Number, p.EffectiveFrom, p.Items?.Count ?? p.Officers!.Count, draft.Id));
                }

                db.Record(new LedgerEvent("sharing-package-imported", null, null, actor.AccountId, actor.Role, new JsonObject
                {
                    ["packageSha256"] = packageSha,
                    ["origin"] = content.Manifest.Origin,
                    ["generatedAtUtc"] = SharingPackage.Iso(content.Manifest.GeneratedAtUtc),
                    ["agencies"] = new JsonArray([.. incoming.Select(a => (JsonNode)JsonValue.Create(a.Code))]),
                    ["drafts"] = new JsonArray([.. created.Select(c => (JsonNode)new JsonObject
                    {
                        ["agency"] = c.AgencyCode, ["list"] = c.List, ["draft"] = c.DraftId!.Value.ToString(), ["rows"] = c.Rows,
                    })]),
                }));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (RegistryRuleException e)
            {
                db.ChangeTracker.Clear();
                db.DiscardPendingRecords();
                return Report(false, false, packageSha, content.Manifest, [.. e.Problems.Select(p => new SharingImportProblem(null, null, p.Message))],
                    newAgencies, updated, listed);
            }
        }

        return Report(true, true, packageSha, content.Manifest, [], newAgencies, updated, created);
    }

    private static SharingImportReport Report(bool valid, bool applied, string sha, SharingManifest? manifest, List<SharingImportProblem> problems,
        int agenciesNew, int agenciesUpdated, List<SharingImportList> lists) =>
        new(valid && problems.Count == 0, applied, sha, manifest?.Origin, manifest?.GeneratedAtUtc, agenciesNew, agenciesUpdated, lists, problems.Count,
            problems.Count > MaxProblems
                ? [.. problems.Take(MaxProblems - 1), new SharingImportProblem(null, null, $"共发现 {problems.Count} 处问题，只列出前 {MaxProblems - 1} 处。")]
                : problems);

    private static (List<Agency> Agencies, List<SharingImportProblem> Problems) ReadAgencies(SharingPackageContent content, List<Agency> existing)
    {
        var problems = new List<SharingImportProblem>();
        var rows = new List<(SharingRecord Record, Agency Agency, string? Parent, string? EntrustedBy)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in content.Records.GetValueOrDefault(SharingPackage.Agencies) ?? [])
        {
            var code = Text(r.Value, "code") ?? "";
            if (seen.TryGetValue(code, out var first))
            {
                problems.Add(new(SharingPackage.Agencies, r.Line, $"与第 {first} 行重复：执法主体代码“{code}”在数据包中只能出现一次。"));
                continue;
            }

            seen[code] = r.Line;
            var kind = AgencyKind.StatutoryOrgan;
            if (Text(r.Value, "kind") is { } k && !Enum.TryParse(k, out kind))
            {
                problems.Add(new(SharingPackage.Agencies, r.Line, $"执法主体类型“{k}”无效：可选 {string.Join("、", Enum.GetNames<AgencyKind>())}。"));
                continue;
            }

            rows.Add((r, new Agency
            {
                Id = existing.FirstOrDefault(a => a.Code == code)?.Id ?? Guid.CreateVersion7(),
                Code = code,
                Name = Text(r.Value, "name") ?? "",
                ShortName = Text(r.Value, "shortName") ?? "",
                CaseNumberPrefix = Text(r.Value, "caseNumberPrefix") ?? "",
                Uscc = Text(r.Value, "uscc") ?? "",
                Kind = kind,
                Level = Text(r.Value, "level") ?? "",
                Jurisdiction = Text(r.Value, "jurisdiction") ?? "",
                Duties = Text(r.Value, "duties") ?? "",
                LegalBasis = Text(r.Value, "legalBasis") ?? "",
                Address = Text(r.Value, "address") ?? "",
                Postcode = Text(r.Value, "postcode"),
                Phone = Text(r.Value, "phone") ?? "",
                ComplaintPhone = Text(r.Value, "complaintPhone"),
                OfficeHours = Text(r.Value, "officeHours"),
                ReconsiderationOrgan = Text(r.Value, "reconsiderationOrgan") ?? "",
                CompetentCourt = Text(r.Value, "competentCourt") ?? "",
            }, Text(r.Value, "parent"), Text(r.Value, "entrustedBy")));
        }

        var all = existing.Where(a => rows.All(r => r.Agency.Code != a.Code)).Concat(rows.Select(r => r.Agency)).ToList();
        foreach (var (record, a, parent, entrusted) in rows)
        {
            a.ParentId = parent is null ? null : all.FirstOrDefault(x => x.Code == parent)?.Id ?? Guid.Empty;
            a.EntrustedById = entrusted is null ? null : all.FirstOrDefault(x => x.Code == entrusted)?.Id ?? Guid.Empty;
            foreach (var p in RegistryRules.CheckAgency(a, id => all.FirstOrDefault(x => x.Id == id)))
            {
                problems.Add(new(SharingPackage.Agencies, record.Line, $"执法主体 {a.Code}：{p.Message}"));
            }

            if (existing.FirstOrDefault(x => x.Uscc == a.Uscc && x.Code != a.Code) is { } same)
            {
                problems.Add(new(SharingPackage.Agencies, record.Line, $"执法主体 {a.Code} 的统一社会信用代码 {a.Uscc} 在本平台已登记为{same.Name}（代码 {same.Code}）。"));
            }
        }

        return ([.. rows.Select(r => r.Agency)], problems);
    }

    private async Task<PlannedList?> ReadListAsync(RegistryListKind kind, string file, SharingRecord r, Agency agency, DateOnly today,
        List<SharingImportProblem> problems, CancellationToken ct)
    {
        var before = problems.Count;
        var number = r.Value["number"] is JsonValue nv && nv.TryGetValue<int>(out var n) ? n : (int?)null;
        var effective = DateOnly.TryParseExact(Text(r.Value, "effectiveFrom"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) ? e : today;
        // A version already in force at the source takes effect here from today: a draft may not start in the past.
        if (effective < today)
        {
            effective = today;
        }

        var reason = Enum.TryParse<ChangeReason>(Text(r.Value, "reason"), out var parsed) ? parsed : ChangeReason.Other;
        var source = number is null ? "" : $"第 {number} 版";
        var reasonText = $"据数据共享包导入（来源：{Text(r.Value, "agency") ?? agency.Name}{kind.Chinese()}{source}）：{Text(r.Value, "reasonText") ?? reason.Chinese()}";
        if (reasonText.Length > 500)
        {
            reasonText = reasonText[..500];
        }

        if (await db.RegistryVersions.AnyAsync(v => v.AgencyId == agency.Id && v.Kind == kind && v.Status == VersionStatus.Draft, ct))
        {
            problems.Add(new(file, r.Line, $"{agency.Name}的{kind.Chinese()}已有一份草稿：请先批准或作废它，再导入。"));
        }

        var rowsName = kind == RegistryListKind.Items ? "items" : "officers";
        if (r.Value[rowsName] is not JsonArray rows)
        {
            problems.Add(new(file, r.Line, $"缺少{kind.Chinese()}的条目（{rowsName}）。"));
            return null;
        }

        var expected = Text(r.Value, "sha256");
        if (kind == RegistryListKind.Items)
        {
            var items = new List<EnforcementItem>();
            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (node, k) in rows.Select((x, k) => (x, k + 1)))
            {
                var code = node is JsonObject o ? Text(o, "code") : null;
                var where = $"{agency.Code} 第 {k} 个事项（{code ?? "无编码"}）：";
                if (node is not JsonObject item || code is null)
                {
                    problems.Add(new(file, r.Line, where + "缺少事项编码（code）。"));
                    continue;
                }

                if (!codes.Add(code))
                {
                    problems.Add(new(file, r.Line, where + $"事项编码“{code}”在本清单中重复，每个编码只能出现一次。"));
                    continue;
                }

                try
                {
                    var input = item.Deserialize<ItemInput>(InputOptions) ?? throw new JsonException("空对象");
                    var parsedItem = RegistryInputs.ToItem(code, input);
                    problems.AddRange(RegistryRules.CheckItem(parsedItem).Select(p => new SharingImportProblem(file, r.Line, where + p.Message)));
                    items.Add(parsedItem);
                }
                catch (RegistryRuleException x)
                {
                    problems.AddRange(x.Problems.Select(p => new SharingImportProblem(file, r.Line, where + p.Message)));
                }
                catch (JsonException x)
                {
                    problems.Add(new(file, r.Line, where + $"字段的类型不对（{x.Path}）：请按 docs/data-sharing.md 的格式提供。"));
                }
            }

            if (problems.Count == before && expected is not null && Convert.ToHexStringLower(RegistryJson.Sha256(RegistryJson.Items(items))) != expected)
            {
                problems.Add(new(file, r.Line, $"{agency.Code} 的执法事项清单内容与其摘要值 sha256 不符：清单在导出后被改动过，未导入。"));
            }

            return problems.Count > before ? null : new PlannedList(agency.Id, agency.Code, kind, number, effective, reason, reasonText, items, null);
        }

        var officers = new List<OfficerRow>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, k) in rows.Select((x, k) => (x, k + 1)))
        {
            var certificate = node is JsonObject o ? Text(o, "certificateNumber") : null;
            var where = $"{agency.Code} 第 {k} 名执法人员（{(node as JsonObject)?["name"]?.ToString() ?? "无姓名"}，{certificate ?? "无证件编号"}）：";
            if (node is not JsonObject officer)
            {
                problems.Add(new(file, r.Line, where + "不是一个 JSON 对象。"));
                continue;
            }

            if (certificate is not null && !numbers.Add(certificate))
            {
                problems.Add(new(file, r.Line, where + $"执法证件编号“{certificate}”在本名单中重复，每个编号只能出现一次。"));
                continue;
            }

            try
            {
                // The mobile is internal and never in a package; one that arrives anyway is not taken.
                var input = (officer.Deserialize<OfficerInput>(InputOptions) ?? throw new JsonException("空对象")) with { Mobile = null };
                var entry = RegistryInputs.ToOfficer(Guid.Empty, input);
                problems.AddRange(RegistryRules.CheckOfficer(entry).Select(p => new SharingImportProblem(file, r.Line, where + p.Message)));
                officers.Add(new OfficerRow(entry, null));
            }
            catch (RegistryRuleException x)
            {
                problems.AddRange(x.Problems.Select(p => new SharingImportProblem(file, r.Line, where + p.Message)));
            }
            catch (JsonException x)
            {
                problems.Add(new(file, r.Line, where + $"字段的类型不对（{x.Path}）：日期应写成 2026-01-31，请按 docs/data-sharing.md 的格式提供。"));
            }
        }

        if (problems.Count == before && expected is not null
            && Convert.ToHexStringLower(RegistryJson.Sha256(RegistryJson.Officers(officers.Select(o => o.Entry)))) != expected)
        {
            problems.Add(new(file, r.Line, $"{agency.Code} 的执法人员名单内容与其摘要值 sha256 不符：名单在导出后被改动过，未导入。"));
        }

        if (problems.Count == before)
        {
            foreach (var (taken, clash) in await lists.ForeignCertificatesAsync(agency.Id, [.. numbers], ct))
            {
                problems.Add(new(file, r.Line, $"{agency.Code}：执法证件编号 {taken} {clash}，全县不得重复。"));
            }
        }

        return problems.Count > before ? null : new PlannedList(agency.Id, agency.Code, kind, number, effective, reason, reasonText, null, officers);
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
