using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Registry;

/// <summary>
/// The public lists as files (PUB-1, PUB-9): each agency's lists, and the county's, as CSV (for spreadsheets) and JSON.
/// An agency's unfiltered JSON is the canonical JSON whose SHA-256 the log recorded at approval, so a download can be
/// checked against the record. <c>?date=</c> gives the list in force on that day, <c>?version=N</c> one version.
/// </summary>
public static class RegistryDownloads
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/agencies/{code}/{file:regex(^(items|officers)\\.(csv|json|xlsx)$)}", AgencyFile).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/lists/{file:regex(^(items|officers|random-inspection|review-catalogue)\\.(csv|json)$)}", CountyFile)
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/lists/agencies.{format:regex(^(csv|xlsx)$)}", Agencies).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> AgencyFile(string code, string file, HttpContext http, SanxiangDbContext db, TimeProvider clock,
        string? date, int? version, string? category, string? q)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (agency is null)
        {
            return Problems.Result(http, 404, $"执法主体“{code}”不存在。");
        }

        var (list, format) = Split(file);
        var kind = list == "items" ? RegistryListKind.Items : RegistryListKind.Officers;
        var today = ChinaTime.Today(clock);
        if (!RegistryDates.TryParse(date, today, out var on, out var error))
        {
            return Problems.Result(http, 400, error!);
        }

        var v = version is { } n
            ? await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(x => x.AgencyId == agency.Id && x.Kind == kind && x.Status == VersionStatus.Approved && x.Number == n)
            : await db.VersionsInForce(kind, on).FirstOrDefaultAsync(x => x.AgencyId == agency.Id);
        if (v is null)
        {
            return Problems.Result(http, 404, version is null
                ? $"{agency.Name}在 {RegistryDates.Format(on)} 尚无施行的{kind.Chinese()}。"
                : $"{agency.Name}的{kind.Chinese()}没有第 {version} 版。");
        }

        var name = $"{agency.Code}-{list}-v{v.Number}";
        if (kind == RegistryListKind.Items)
        {
            var all = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.VersionId == v.Id).ToListAsync();
            var items = RegistryFilters.Items(all, category, q);
            if (format == "json")
            {
                // Unfiltered: the exact bytes whose hash the log holds.
                return Results.File(RegistryJson.Canonical(RegistryJson.Items(items)), "application/json; charset=utf-8", name + ".json");
            }

            if (format == "xlsx")
            {
                // The import layout: an agency edits this file and imports it back into a draft.
                return Xlsx(s => RegistryLayouts.Items.Write(s, TabularFileFormat.Xlsx, items.OrderBy(i => i.Code, StringComparer.Ordinal)), name);
            }

            return Csv(ItemColumns(null), items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => (agency, i)), name);
        }

        var officers = await db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => o.VersionId == v.Id).ToListAsync();
        if (format == "xlsx")
        {
            // Public file: the internal mobile column stays empty.
            return Xlsx(s => RegistryLayouts.Officers.Write(s, TabularFileFormat.Xlsx,
                officers.OrderBy(o => o.CertificateNumber, StringComparer.Ordinal).Select(o => new OfficerRow(o, null))), name);
        }

        return format == "json"
            ? Results.File(RegistryJson.Canonical(RegistryJson.Officers(officers)), "application/json; charset=utf-8", name + ".json")
            : Csv(OfficerColumns(null), officers.OrderBy(o => o.CertificateNumber, StringComparer.Ordinal).Select(o => (agency, o)), name);
    }

    private static async Task<IResult> CountyFile(string file, HttpContext http, SanxiangDbContext db, TimeProvider clock, string? date, string? category, string? q, string? agency)
    {
        var (list, format) = Split(file);
        var today = ChinaTime.Today(clock);
        if (!RegistryDates.TryParse(date, today, out var on, out var error))
        {
            return Problems.Result(http, 400, error!);
        }

        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync();
        if (!string.IsNullOrEmpty(agency) && agencies.All(a => a.Code != agency))
        {
            return Problems.Result(http, 404, $"执法主体“{agency}”不存在。");
        }

        bool Included(Guid id) => string.IsNullOrEmpty(agency) || agencies.First(a => a.Id == id).Code == agency;
        var order = agencies.Select((a, n) => (a.Id, n)).ToDictionary(x => x.Id, x => x.n);
        var byId = agencies.ToDictionary(a => a.Id);
        var name = $"anhe-{list}-{RegistryDates.Format(on)}";
        if (list == "officers")
        {
            var officers = (await db.OfficerEntriesInForce(on).Where(o => o.Status != CertificateStatus.Revoked).ToListAsync())
                .Where(o => Included(o.AgencyId))
                .OrderBy(o => order[o.AgencyId]).ThenBy(o => o.CertificateNumber, StringComparer.Ordinal).ToList();
            return format == "json"
                ? Json(officers.Select(o => WithAgency(RegistryJson.Officer(o), byId[o.AgencyId])), name)
                : Csv(OfficerColumns(byId), officers.Select(o => (byId[o.AgencyId], o)), name);
        }

        var items = RegistryFilters.Items(await db.ItemsInForce(on).ToListAsync(), category, q)
            .Where(i => Included(i.AgencyId))
            .Where(i => list switch
            {
                "random-inspection" => i.RandomInspection,
                "review-catalogue" => i.LegalReviewRequired,
                _ => true,
            })
            .OrderBy(i => order[i.AgencyId]).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
        return format == "json"
            ? Json(items.Select(i => WithAgency(RegistryJson.Item(i), byId[i.AgencyId])), name)
            : Csv(ItemColumns(byId), items.Select(i => (byId[i.AgencyId], i)), name);
    }

    private static IResult Xlsx(Action<Stream> write, string name)
    {
        var output = new MemoryStream();
        write(output);
        return Results.File(output.ToArray(), TabularFileFormats.ContentType(TabularFileFormat.Xlsx), name + ".xlsx");
    }

    /// <summary>The agency directory in the import layout (a supervisor edits it and imports it back).</summary>
    private static async Task<IResult> Agencies(string format, SanxiangDbContext db)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync();
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
        var rows = agencies.Select(a => new AgencyRow(a, a.EntrustedById is { } e ? codes[e] : null, a.ParentId is { } p ? codes[p] : null)).ToList();
        var f = format == "xlsx" ? TabularFileFormat.Xlsx : TabularFileFormat.Csv;
        var output = new MemoryStream();
        RegistryLayouts.Agencies.Write(output, f, rows);
        return Results.File(output.ToArray(), TabularFileFormats.ContentType(f), "anhe-agencies" + TabularFileFormats.Extension(f));
    }

    private static (string List, string Format) Split(string file)
    {
        var dot = file.LastIndexOf('.');
        return (file[..dot], file[(dot + 1)..]);
    }

    private static JsonObject WithAgency(JsonObject row, Agency agency)
    {
        row["agency"] = new JsonObject { ["code"] = agency.Code, ["name"] = agency.Name };
        return row;
    }

    private static IResult Json(IEnumerable<JsonObject> rows, string name) =>
        Results.File(Sanxiang.Core.Ledger.CanonicalJson.Serialize(new JsonArray([.. rows])), "application/json; charset=utf-8", name + ".json");

    /// <summary>The published columns of the item list (the agency column only in county files).</summary>
    public static IReadOnlyList<(string Header, Func<(Agency Agency, EnforcementItem Item), string> Value)> ItemColumns(object? county)
    {
        var columns = new List<(string, Func<(Agency Agency, EnforcementItem Item), string>)>();
        if (county is not null)
        {
            columns.Add(("执法主体", r => r.Agency.Name));
        }

        columns.AddRange(
        [
            ("事项编码", r => r.Item.Code),
            ("事项名称", r => r.Item.Name),
            ("执法类别", r => r.Item.Category.Chinese()),
            ("适用程序", r => r.Item.Procedure.Chinese()),
            ("实施依据", r => string.Join("\n", r.Item.LegalBasis.Select(l => $"{l.Citation}：{l.Text}"))),
            ("随机抽查", r => r.Item.RandomInspection ? "是" : "否"),
            ("抽查比例", r => r.Item.RandomInspectionPlan is { } p ? p.RatioPercent.ToString(CultureInfo.InvariantCulture) + "%" : ""),
            ("抽查频次", r => r.Item.RandomInspectionPlan?.Frequency ?? ""),
            ("法制审核目录", r => r.Item.LegalReviewRequired ? "是" : "否"),
            ("法制审核标准", r => r.Item.LegalReviewRequired ? r.Item.LegalReviewCriteria?.Describe() ?? "全部决定" : ""),
            ("裁量基准", r => string.Join("\n", r.Item.Discretion.Select(t => $"{t.Tier}：{t.Circumstances}——{string.Join("；", t.Penalties.Select(x => x.Describe()))}"))),
            ("办理地点", r => r.Item.ServiceGuide?.Where ?? ""),
            ("办理时限", r => r.Item.ServiceGuide?.TimeLimit ?? ""),
            ("事项说明", r => r.Item.Summary ?? ""),
        ]);
        return columns;
    }

    public static IReadOnlyList<(string Header, Func<(Agency Agency, OfficerEntry Officer), string> Value)> OfficerColumns(object? county)
    {
        var columns = new List<(string, Func<(Agency Agency, OfficerEntry Officer), string>)>();
        if (county is not null)
        {
            columns.Add(("执法主体", r => r.Agency.Name));
        }

        columns.AddRange(
        [
            ("姓名", r => r.Officer.Name),
            ("执法证件编号", r => r.Officer.CertificateNumber),
            ("发证机关", r => r.Officer.Issuer),
            ("执法领域", r => string.Join("、", r.Officer.Fields)),
            ("有效期起", r => RegistryDates.Format(r.Officer.ValidFrom)),
            ("有效期止", r => RegistryDates.Format(r.Officer.ValidTo)),
            ("证件状态", r => r.Officer.Status.Chinese()),
            ("法制审核人员", r => r.Officer.IsReviewer ? "是" : "否"),
        ]);
        return columns;
    }

    private static IResult Csv<T>(IReadOnlyList<(string Header, Func<T, string> Value)> columns, IEnumerable<T> rows, string name)
    {
        // The spreadsheet engine's writer: UTF-8 with a BOM for Excel, RFC 4180 quoting, the formula-injection guard.
        var output = new MemoryStream();
        CsvTableWriter.Write(output, [.. columns.Select(c => c.Header)], rows.Select(r => columns.Select(c => (string?)c.Value(r)).ToArray()));
        return Results.File(output.ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }
}
