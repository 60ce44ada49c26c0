using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Inspection;
using Sanxiang.Web.Publication;

namespace Sanxiang.Web.Api;

/// <summary>A withdrawn, expired or repaired entry as the open data lists it: the stub the portal keeps.</summary>
public sealed record RemovedDecisionDto(long Id, string Agency, string AgencyCode, string Title, string? DocumentNumber, string State,
    string StateName, string? Reason, string? Date, string Url);

/// <summary>An entry the 双公示 export left out, with every reason.</summary>
public sealed record DoublePublicityRejectedDto(long Id, string Title, string? DocumentNumber, string Url, IReadOnlyList<string> Reasons);

/// <summary>The 双公示 export as JSON: the layout's columns, the rows (column name → value) and the entries left out.</summary>
public sealed record DoublePublicityDto(string Layout, string? From, string? To, IReadOnlyList<string> Columns,
    IReadOnlyList<OrderedDictionary<string, string?>> Rows, IReadOnlyList<DoublePublicityRejectedDto> Rejected);

/// <summary>
/// Open data of the published decisions (PUB-9) and the 双公示 export (PUB-10), anonymous: every entry on the portal as
/// JSON and CSV, streamed; the entries that left it; the national layout for the credit-information platform, with the
/// rows that fail the standard's mandatory fields listed, not dropped. URLs and fields: docs/open-data.md and
/// docs/double-publicity.md.
/// </summary>
public static class OpenDataApi
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Chinese as characters; HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    private static readonly string[] DecisionHeaders =
    [
        "公示编号", "执法主体", "执法主体代码", "决定类别", "程序", "文书名称", "决定书文号", "案件编号", "执法事项", "当事人", "当事人类型",
        "统一社会信用代码", "法定代表人（负责人）", "案由", "违法事实（摘要）", "依据", "处罚种类", "决定内容", "罚款金额（元）", "没收金额（元）",
        "决定日期", "公示日期", "公示截止日期", "版本", "更正的公示编号", "内容摘要值（SHA-256）", "记录日志序号", "网址",
    ];

    private static readonly string[] InspectionResultHeaders =
    [
        "抽查计划编号", "抽查计划名称", "执法机关", "执法机关代码", "抽查事项编码", "抽查事项名称", "抽取序号", "检查对象", "统一社会信用代码",
        "检查人员", "检查结果", "检查结束日期", "公示日期", "网址",
    ];

    private static readonly string[] RemovedHeaders = ["公示编号", "执法主体", "执法主体代码", "文书名称", "决定书文号", "状态", "原因", "日期", "网址"];

    public static void Map(RouteGroupBuilder api)
    {
        var open = api.MapGroup("/public/open-data").WithTags("开放数据").AllowAnonymous();
        open.MapGet("/decisions.json", DecisionsJson)
            .WithSummary("公示中的执法决定（JSON，流式输出；可按 agency、category、since/from/to 筛选公示日期）")
            .Produces(200, contentType: "application/json").ProducesValidationProblem();
        open.MapGet("/decisions.csv", DecisionsCsv)
            .WithSummary("公示中的执法决定（CSV，UTF-8 带 BOM，可用 Excel 直接打开；筛选条件同 JSON）")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();
        open.MapGet("/decisions-withdrawn.json", RemovedJson)
            .WithSummary("已撤下的公示信息（撤回、公示期满、信用修复）：编号、执法主体、文书名称、文号、状态、原因和日期（JSON）")
            .Produces<List<RemovedDecisionDto>>().ProducesValidationProblem();
        open.MapGet("/decisions-withdrawn.csv", RemovedCsv)
            .WithSummary("已撤下的公示信息（CSV，UTF-8 带 BOM）")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();

        open.MapGet("/inspection-results.json", InspectionResultsJson)
            .WithSummary("双随机抽查已公示的检查结果（JSON）：每户抽中对象一条，含计划、事项、抽取序号、检查人员、检查结果和日期；可按 agency、since/from/to 筛选公示日期")
            .Produces(200, contentType: "application/json").ProducesValidationProblem();
        open.MapGet("/inspection-results.csv", InspectionResultsCsv)
            .WithSummary("双随机抽查已公示的检查结果（CSV，UTF-8 带 BOM；筛选条件同 JSON）")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();

        var dp = api.MapGroup("/public/double-publicity").WithTags("双公示").AllowAnonymous();
        dp.MapGet("/penalties.json", (HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since, string? from, string? to, CancellationToken ct) =>
                DoublePublicityJson(DoublePublicityKind.Penalty, http, db, clock, agency, since, from, to, ct))
            .WithSummary("行政处罚信息双公示数据（JSON）：rows 为通过必填项校验的记录，rejected 列出未通过的记录及原因；按公示日期 from/to 或 since 增量导出")
            .Produces<DoublePublicityDto>().ProducesValidationProblem();
        dp.MapGet("/penalties.csv", (HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since, string? from, string? to, CancellationToken ct) =>
                DoublePublicityCsv(DoublePublicityKind.Penalty, http, db, clock, agency, since, from, to, ct))
            .WithSummary("行政处罚信息双公示数据（CSV）：只含通过校验的记录，未通过的条数见响应头 X-Rejected-Rows，原因见同条件的 JSON")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();
        dp.MapGet("/licensing.json", (HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since, string? from, string? to, CancellationToken ct) =>
                DoublePublicityJson(DoublePublicityKind.Licensing, http, db, clock, agency, since, from, to, ct))
            .WithSummary("行政许可信息双公示数据（JSON）：rows 与 rejected，按公示日期增量导出")
            .Produces<DoublePublicityDto>().ProducesValidationProblem();
        dp.MapGet("/licensing.csv", (HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since, string? from, string? to, CancellationToken ct) =>
                DoublePublicityCsv(DoublePublicityKind.Licensing, http, db, clock, agency, since, from, to, ct))
            .WithSummary("行政许可信息双公示数据（CSV）：只含通过校验的记录，未通过的条数见响应头 X-Rejected-Rows")
            .Produces(200, contentType: "text/csv").ProducesValidationProblem();
    }

    /// <summary>The columns of the open data, read without the full text (which the JSON adds).</summary>
    private sealed record DecisionRow(long Id, Guid AgencyId, string AgencyName, PublicationCategory Category, ProcedureKind Procedure,
        string Title, string? DocumentNumber, string CaseNumber, string ItemName, string PartyName, PartyKind PartyKind, string? CreditCode,
        string? Representative, string Cause, string? Facts, string? Basis, string? PenaltyKinds, string Result, long? FineYuan,
        long? ConfiscationYuan, DateOnly DecidedOn, DateOnly PublishedOn, DateOnly PublicUntil, int Version, long? SupersedesId,
        string ContentSha256, long? LedgerIndex, string? FullText);

    private static IQueryable<DecisionRow> Rows(PublicDecisionFilter filter, SanxiangDbContext db, bool withFullText) =>
        filter.Public(db).OrderBy(p => p.Id).Select(p => new DecisionRow(p.Id, p.AgencyId, p.AgencyName, p.Category, p.Procedure, p.Title,
            p.DocumentNumber, p.CaseNumber, p.ItemName, p.PartyName, p.PartyKind, p.CreditCode, p.Representative, p.Cause, p.Facts, p.Basis,
            p.PenaltyKinds, p.Result, p.FineYuan, p.ConfiscationYuan, p.DecidedOn, p.PublishedOn, p.PublicUntil, p.Version, p.SupersedesId,
            p.ContentSha256, p.LedgerIndex, withFullText ? p.FullText : null));

    private static async Task<IResult> DecisionsJson(HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? category,
        string? since, string? from, string? to, CancellationToken ct)
    {
        var (filter, problem) = await PublicDecisionFilter.ParseAsync(http, db, agency, category, since, from, to, ct);
        if (filter is null)
        {
            return problem!;
        }

        return TypedResults.Stream(async body =>
        {
            await using var w = new Utf8JsonWriter(body, JsonOptions);
            w.WriteStartObject();
            w.WriteString("generatedAtUtc", clock.GetUtcNow());
            WriteFilter(w, filter);
            w.WriteStartArray("decisions");
            await foreach (var d in Rows(filter, db, withFullText: true).AsAsyncEnumerable().WithCancellation(ct))
            {
                w.WriteStartObject();
                w.WriteNumber("id", d.Id);
                w.WriteString("url", PublicDecisionFilter.DecisionUrl(http, d.Id));
                w.WriteString("agency", d.AgencyName);
                w.WriteString("agencyCode", filter.CodeOf(d.AgencyId));
                w.WriteString("category", d.Category.ToString());
                w.WriteString("categoryName", d.Category.Chinese());
                w.WriteString("procedure", d.Procedure.Chinese());
                w.WriteString("title", d.Title);
                w.WriteString("documentNumber", d.DocumentNumber);
                w.WriteString("caseNumber", d.CaseNumber);
                w.WriteString("item", d.ItemName);
                w.WriteString("party", d.PartyName);
                w.WriteString("partyKind", d.PartyKind.ToString());
                w.WriteString("creditCode", d.CreditCode);
                w.WriteString("representative", d.Representative);
                w.WriteString("cause", d.Cause);
                w.WriteString("facts", d.Facts);
                w.WriteString("basis", d.Basis);
                w.WriteString("penaltyKinds", d.PenaltyKinds);
                w.WriteString("result", d.Result);
                WriteNumber(w, "fineYuan", d.FineYuan);
                WriteNumber(w, "confiscationYuan", d.ConfiscationYuan);
                w.WriteString("decidedOn", PublicDecisionFilter.Iso(d.DecidedOn));
                w.WriteString("publishedOn", PublicDecisionFilter.Iso(d.PublishedOn));
                w.WriteString("publicUntil", PublicDecisionFilter.Iso(d.PublicUntil));
                w.WriteNumber("version", d.Version);
                WriteNumber(w, "supersedes", d.SupersedesId);
                w.WriteString("contentSha256", d.ContentSha256);
                WriteNumber(w, "ledgerIndex", d.LedgerIndex);
                w.WriteString("fullText", d.FullText);
                w.WriteEndObject();
                if (w.BytesPending > 32 * 1024)
                {
                    await w.FlushAsync(ct);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }, "application/json; charset=utf-8");
    }

    private static async Task<IResult> DecisionsCsv(HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? category,
        string? since, string? from, string? to, CancellationToken ct)
    {
        var (filter, problem) = await PublicDecisionFilter.ParseAsync(http, db, agency, category, since, from, to, ct);
        if (filter is null)
        {
            return problem!;
        }

        async IAsyncEnumerable<string?[]> Cells([EnumeratorCancellation] CancellationToken token)
        {
            await foreach (var d in Rows(filter, db, withFullText: false).AsAsyncEnumerable().WithCancellation(token))
            {
                yield return
                [
                    Number(d.Id), d.AgencyName, filter.CodeOf(d.AgencyId), d.Category.Chinese(), d.Procedure.Chinese(), d.Title, d.DocumentNumber,
                    d.CaseNumber, d.ItemName, d.PartyName, d.PartyKind == PartyKind.Person ? "自然人" : "法人或者其他组织", d.CreditCode,
                    d.Representative, d.Cause, d.Facts, d.Basis, d.PenaltyKinds, d.Result, Number(d.FineYuan), Number(d.ConfiscationYuan),
                    PublicDecisionFilter.Iso(d.DecidedOn), PublicDecisionFilter.Iso(d.PublishedOn), PublicDecisionFilter.Iso(d.PublicUntil),
                    Number(d.Version), Number(d.SupersedesId), d.ContentSha256, Number(d.LedgerIndex), PublicDecisionFilter.DecisionUrl(http, d.Id),
                ];
            }
        }

        return TypedResults.Stream(body => CsvTableWriter.WriteAsync(body, DecisionHeaders, Cells(ct), ct), "text/csv; charset=utf-8",
            FileName("decisions", filter, clock, ".csv"));
    }

    private static async Task<(List<RemovedDecisionDto>? Rows, IResult? Problem)> RemovedAsync(HttpContext http, SanxiangDbContext db, string? agency,
        string? category, string? since, string? from, string? to, CancellationToken ct)
    {
        var (filter, problem) = await PublicDecisionFilter.ParseAsync(http, db, agency, category, since, from, to, ct);
        if (filter is null)
        {
            return (null, problem);
        }

        var rows = await filter.Removed(db).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.AgencyId, p.AgencyName, p.Title, p.DocumentNumber, p.State, p.StateReason, p.StateAtUtc })
            .ToListAsync(ct);
        return (rows.Select(p => new RemovedDecisionDto(p.Id, p.AgencyName, filter.CodeOf(p.AgencyId), p.Title, p.DocumentNumber, p.State.ToString(),
            p.State.Chinese(), p.StateReason, p.StateAtUtc is { } at ? PublicDecisionFilter.Iso(ChinaTime.DateOf(at)) : null,
            PublicDecisionFilter.DecisionUrl(http, p.Id))).ToList(), null);
    }

    private static async Task<IResult> RemovedJson(HttpContext http, SanxiangDbContext db, string? agency, string? category, string? since,
        string? from, string? to, CancellationToken ct)
    {
        var (rows, problem) = await RemovedAsync(http, db, agency, category, since, from, to, ct);
        return rows is null ? problem! : TypedResults.Ok(rows);
    }

    private static async Task<IResult> RemovedCsv(HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? category,
        string? since, string? from, string? to, CancellationToken ct)
    {
        var (rows, problem) = await RemovedAsync(http, db, agency, category, since, from, to, ct);
        if (rows is null)
        {
            return problem!;
        }

        var output = new MemoryStream();
        CsvTableWriter.Write(output, RemovedHeaders,
            rows.Select(r => new[] { Number(r.Id), r.Agency, r.AgencyCode, r.Title, r.DocumentNumber, r.StateName, r.Reason, r.Date, r.Url }));
        return TypedResults.File(output.ToArray(), "text/csv; charset=utf-8", "decisions-withdrawn-" + PublicDecisionFilter.Iso(ChinaTime.Today(clock)) + ".csv");
    }

    private static async Task<(IReadOnlyList<PublishedInspectionResult>? Rows, PublicDecisionFilter? Filter, IResult? Problem)> InspectionResultsAsync(
        HttpContext http, SanxiangDbContext db, string? agency, string? since, string? from, string? to, CancellationToken ct)
    {
        var (filter, problem) = await PublicDecisionFilter.ParseAsync(http, db, agency, null, since, from, to, ct);
        return filter is null
            ? (null, null, problem)
            : (await InspectionStatistics.PublishedResultsAsync(db, filter.Agency, filter.From, filter.To, ct), filter, null);
    }

    private static string PlanUrl(HttpContext http, Guid planId) =>
        string.Create(CultureInfo.InvariantCulture, $"{http.Request.Scheme}://{http.Request.Host}/inspections/{planId}");

    private static async Task<IResult> InspectionResultsJson(HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since,
        string? from, string? to, CancellationToken ct)
    {
        var (rows, filter, problem) = await InspectionResultsAsync(http, db, agency, since, from, to, ct);
        if (rows is null)
        {
            return problem!;
        }

        var output = new MemoryStream();
        await using (var w = new Utf8JsonWriter(output, JsonOptions))
        {
            w.WriteStartObject();
            w.WriteString("generatedAtUtc", clock.GetUtcNow());
            WriteFilter(w, filter!);
            w.WriteStartArray("results");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("planNumber", r.PlanNumber);
                w.WriteString("planTitle", r.PlanTitle);
                w.WriteString("planUrl", PlanUrl(http, r.PlanId));
                w.WriteString("agency", r.AgencyName);
                w.WriteString("agencyCode", r.AgencyCode);
                w.WriteStartArray("items");
                foreach (var i in r.Items)
                {
                    w.WriteStartObject();
                    w.WriteString("agencyCode", i.AgencyCode);
                    w.WriteString("code", i.Code);
                    w.WriteString("name", i.Name);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("order", r.Order);
                w.WriteString("target", r.TargetName);
                w.WriteString("creditCode", r.CreditCode);
                w.WriteStartArray("inspectors");
                foreach (var name in r.Inspectors)
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
                w.WriteString("result", r.Result);
                w.WriteString("concludedOn", PublicDecisionFilter.Iso(r.ConcludedOn));
                w.WriteString("publishedOn", PublicDecisionFilter.Iso(r.PublishedOn));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return TypedResults.Bytes(output.ToArray(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> InspectionResultsCsv(HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since,
        string? from, string? to, CancellationToken ct)
    {
        var (rows, filter, problem) = await InspectionResultsAsync(http, db, agency, since, from, to, ct);
        if (rows is null)
        {
            return problem!;
        }

        var output = new MemoryStream();
        CsvTableWriter.Write(output, InspectionResultHeaders, rows.Select(r => new[]
        {
            r.PlanNumber, r.PlanTitle, r.AgencyName, r.AgencyCode, string.Join("；", r.Items.Select(i => i.Code)), string.Join("；", r.Items.Select(i => i.Name)),
            Number(r.Order), r.TargetName, r.CreditCode, string.Join("、", r.Inspectors), r.Result, PublicDecisionFilter.Iso(r.ConcludedOn),
            PublicDecisionFilter.Iso(r.PublishedOn), PlanUrl(http, r.PlanId),
        }));
        return TypedResults.File(output.ToArray(), "text/csv; charset=utf-8", FileName("inspection-results", filter!, clock, ".csv"));
    }

    private static async Task<(DoublePublicityExport? Export, PublicDecisionFilter? Filter, IResult? Problem)> ExportAsync(DoublePublicityKind kind,
        HttpContext http, SanxiangDbContext db, TimeProvider clock, string? agency, string? since, string? from, string? to, CancellationToken ct)
    {
        var (filter, problem) = await PublicDecisionFilter.ParseAsync(http, db, agency, null, since, from, to, ct);
        if (filter is null)
        {
            return (null, null, problem);
        }

        // An incremental export (a day's or a month's publications) is held in memory: the CSV's header tells how many
        // rows were rejected, which is known only once every row is checked.
        var scoped = filter with { Category = DoublePublicity.CategoryOf(kind) };
        var entries = await scoped.Public(db).OrderBy(p => p.Id).ToListAsync(ct);
        var export = DoublePublicity.Export(kind, entries,
            id => filter.Agencies.TryGetValue(id, out var a) ? new DoublePublicityAgency(a.Name, a.Uscc) : null, ChinaTime.Today(clock));
        return (export, filter, null);
    }

    private static async Task<IResult> DoublePublicityJson(DoublePublicityKind kind, HttpContext http, SanxiangDbContext db, TimeProvider clock,
        string? agency, string? since, string? from, string? to, CancellationToken ct)
    {
        var (export, filter, problem) = await ExportAsync(kind, http, db, clock, agency, since, from, to, ct);
        if (export is null)
        {
            return problem!;
        }

        var headers = export.Columns.Select(c => c.Header).ToList();
        var rows = export.Rows.Select(r =>
        {
            var row = new OrderedDictionary<string, string?>(headers.Count);
            for (var i = 0; i < headers.Count; i++)
            {
                row.Add(headers[i], r.Cells[i]);
            }

            return row;
        }).ToList();
        return TypedResults.Ok(new DoublePublicityDto(LayoutName(kind), PublicDecisionFilter.Iso(filter!.From), PublicDecisionFilter.Iso(filter.To), headers, rows,
            export.Rejected.Select(r => new DoublePublicityRejectedDto(r.Id, r.Title, r.DocumentNumber, PublicDecisionFilter.DecisionUrl(http, r.Id), r.Reasons)).ToList()));
    }

    private static async Task<IResult> DoublePublicityCsv(DoublePublicityKind kind, HttpContext http, SanxiangDbContext db, TimeProvider clock,
        string? agency, string? since, string? from, string? to, CancellationToken ct)
    {
        var (export, filter, problem) = await ExportAsync(kind, http, db, clock, agency, since, from, to, ct);
        if (export is null)
        {
            return problem!;
        }

        http.Response.Headers["X-Rejected-Rows"] = Number(export.Rejected.Count);
        if (export.Rejected.Count > 0)
        {
            // The reasons: the same query as JSON.
            var json = http.Request.Path.Value![..^".csv".Length] + ".json" + http.Request.QueryString.Value;
            http.Response.Headers.Link = $"<{json}>; rel=\"describedby\"; type=\"application/json\"";
        }

        var output = new MemoryStream();
        CsvTableWriter.Write(output, [.. export.Columns.Select(c => c.Header)], export.Rows.Select(r => r.Cells.ToArray()));
        return TypedResults.File(output.ToArray(), "text/csv; charset=utf-8",
            FileName(kind == DoublePublicityKind.Penalty ? "double-publicity-penalties" : "double-publicity-licensing", filter!, clock, ".csv"));
    }

    private static string LayoutName(DoublePublicityKind kind) => kind switch
    {
        DoublePublicityKind.Penalty => "行政处罚信息",
        DoublePublicityKind.Licensing => "行政许可信息",
    };

    private static void WriteFilter(Utf8JsonWriter w, PublicDecisionFilter filter)
    {
        w.WriteStartObject("filter");
        w.WriteString("agency", filter.Agency?.Code);
        w.WriteString("category", filter.Category?.ToString());
        w.WriteString("from", PublicDecisionFilter.Iso(filter.From));
        w.WriteString("to", PublicDecisionFilter.Iso(filter.To));
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string FileName(string name, PublicDecisionFilter filter, TimeProvider clock, string extension) =>
        string.Join('-', new[] { name, filter.Agency?.Code, PublicDecisionFilter.Iso(filter.From), PublicDecisionFilter.Iso(filter.To) ?? PublicDecisionFilter.Iso(ChinaTime.Today(clock)) }
            .Where(p => !string.IsNullOrEmpty(p))) + extension;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
