using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Evidence;
using Sanxiang.Core.Workflow;
using Sanxiang.Data;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record CaseSummaryDto(Guid Id, string Number, string Cause, string ItemName, string Procedure, string Status, string StatusName,
    string PartyName, DateOnly OpenedOn, DateOnly? RegisteredOn, bool Sealed, DeadlineDto? NextDeadline);

public sealed record CaseOfficerDto(Guid OfficerId, string Name, string CertificateNumber, bool Lead, bool Recused, bool RecusalDeclared, string? RecusalReason);

public sealed record FactDto(string Key, string Label, string Value, string Display, string Step, DateTimeOffset RecordedAtUtc);

public sealed record StepDto(int Sequence, string From, string To, string Action, DateOnly On, DateTimeOffset AtUtc, string? ActorRole);

public sealed record DeadlineDto(string Step, string StepName, string What, string Basis, DateOnly Start, DateOnly Due, string Unit, int DaysLeft,
    string DaysLeftText, bool Overdue, bool Provisional, string? Note, DateTimeOffset? DueAt);

public sealed record RefusalDto(string Rule, string Description, string Reason);

public sealed record TransitionDto(string To, string ToName, string Action, string? Condition, IReadOnlyList<RefusalDto> BlockedBy);

public sealed record EvidenceDto(Guid Id, string Title, string Kind, string MediaType, long Size, string Sha256, string Sm3, string Step,
    DateTimeOffset CapturedAtUtc, string Place, string CollectorName, string Proves, bool Secret);

public sealed record CaseDto(Guid Id, string Number, string Cause, string Source, string ItemCode, string ItemName, string Procedure, string ProcedureName,
    string Status, string StatusName, bool Sealed, PartyDto Party, DateOnly OccurredOn, DateOnly? ActEndedOn, bool SeriousHarm, DateOnly OpenedOn,
    DateOnly? RegisteredOn, int Revision, IReadOnlyList<CaseOfficerDto> Officers, IReadOnlyList<FactDto> Facts, IReadOnlyList<StepDto> Steps,
    IReadOnlyList<DeadlineDto> Deadlines, IReadOnlyList<TransitionDto> Next, IReadOnlyList<EvidenceDto> Evidence, IReadOnlyList<ReviewRuleDto> ReviewRequiredBy);

/// <summary>A rule that makes the case's decision subject to legal review (REV-2), and why.</summary>
public sealed record ReviewRuleDto(string Rule, string Reason);

/// <summary>The party as the agency sees it internally (never published in this form).</summary>
public sealed record PartyDto(string Kind, string Name, string? IdNumber, string? CreditCode, string? Representative, string Address, string? Phone);

public sealed record FactsRequest(Dictionary<string, string?>? Facts);

public sealed record StepRequest(string? From, string? To, Dictionary<string, string?>? Facts);

public sealed record AssignRequest(Guid OfficerId);

public sealed record RecusalRequest(Guid OfficerId, bool Conflict, string? Reason);

/// <summary>A legal reviewer's declaration of a conflict on a case (REV-5).</summary>
public sealed record ReviewRecusalRequest(string? Reason);

public sealed record FactKeyDto(string Key, string Label, string Type, IReadOnlyList<string>? Choices);

public sealed record TimelineEntryDto(long Index, string Kind, DateTimeOffset RecordedAtUtc, string LeafHash, string Payload);

/// <summary>
/// Case handling for an agency's own systems and mobile apps (REC-1..4): open, read, record facts, take steps, assign
/// officers, declare recusal, read the case's log. Every write goes through <see cref="CaseHandling"/>; a refused step answers
/// 409 with each blocking rule in <c>refusals</c>, and nothing is written.
/// </summary>
public static class CasesApi
{
    private static readonly string[] Handlers = [Roles.Officer, Roles.UnitHead, Roles.Reviewer, Roles.AgencyHead];

    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("案件办理");
        var read = cases.MapGroup("").RequireAuthorization(p => p.RequireRole([.. Handlers, Roles.Supervisor, Roles.PublicityClerk]));
        var write = cases.MapGroup("").RequireAuthorization(p => p.RequireRole(Handlers));

        read.MapGet("/", List).WithSummary("本机关的案件（监督人员：全县）；status 按环节代码筛选，mine=true 只看本人承办的，overdue=true 只看有逾期期限的");
        read.MapGet("/facts", FactCatalogue).WithSummary("可记录的案件事项（键、中文名称、类型、可选值）");
        read.MapGet("/{id:guid}", Get).WithSummary("案件详情：承办人员、已记录事项、办理步骤、运行中的法定期限、下一步及其阻止条件");
        read.MapGet("/{id:guid}/timeline", Timeline).WithSummary("案件的全过程记录：记录日志中的每一条，带叶子序号");
        write.MapPost("/", Open).WithSummary("立案申请：选择执法事项、填写当事人、指定两名以上承办人员").ProducesProblem(400);
        write.MapPost("/{id:guid}/facts", RecordFacts).WithSummary("记录案件事项（不改变环节）").ProducesProblem(400).ProducesProblem(409);
        write.MapPost("/{id:guid}/steps", TakeStep)
            .WithSummary("办理下一步：to 为目标环节代码，facts 为随本步记录的事项；不满足法定条件时 409，refusals 列出每一条").ProducesProblem(409);
        write.MapPost("/{id:guid}/officers", Assign).WithSummary("增派承办人员（负责人）").ProducesProblem(409);
        write.MapPost("/{id:guid}/evidence", UploadEvidence).DisableAntiforgery()
            .WithSummary("上传证据或音像记录：请求正文为文件本身，Content-Type 为其媒体类型；title、place、proves（证明对象）、capturedAt、step 为查询参数")
            .Accepts<Stream>("image/jpeg", "video/mp4", "audio/mpeg", "application/pdf", "multipart/form-data")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(413).ProducesProblem(415);
        read.MapGet("/{id:guid}/evidence/{evidenceId:guid}", DownloadEvidence).WithSummary("调阅证据文件（每次调阅均记入全过程记录）");
        read.MapGet("/{id:guid}/archive", DownloadArchive).WithSummary("下载已封存的电子案卷（BagIt zip，每次下载均记入全过程记录）");
        read.MapGet("/{id:guid}/archive/check", CheckArchive).WithSummary("对电子案卷进行四性检测（真实性、完整性、可用性、安全性），以平台公布的密钥验证");
        write.MapPost("/{id:guid}/archive", SealArchive).WithSummary("重新生成封存包（仅当归档时生成失败）");
        read.MapGet("/{id:guid}/documents", Documents).WithSummary("本案已出具的执法文书（文号、种类、PDF 与 DOCX 的哈希）");
        write.MapPost("/{id:guid}/documents", IssueDocument)
            .WithSummary("从案件记录出具执法文书：kind 为 RegistrationApproval、PenaltyNotice、PenaltyDecision、NoPenaltyDecision、ServiceReceipt、ClosingReport；要素不全时 409 并列出缺少的要素")
            .ProducesProblem(400).ProducesProblem(409);
        write.MapPost("/{id:guid}/recusals", Recusal).WithSummary("回避声明：承办人员本人声明，或负责人对当事人的回避申请作出决定").ProducesProblem(409);
        write.MapPost("/{id:guid}/review-recusal", ReviewRecusal)
            .WithSummary("法制审核人员声明回避（写明应当回避的情形）；声明后不得审核本案").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
    }

    public static CaseActor Actor(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        [.. Roles.All.Where(user.IsInRole)],
        user.Officer(),
        user.FindFirstValue(SanxiangClaims.DisplayName) ?? "");

    private static async Task<Ok<List<CaseSummaryDto>>> List(SanxiangDbContext db, HttpContext http, TimeProvider clock, CaseHandling handling,
        string? status, bool? mine, bool? overdue, string? q)
    {
        var query = db.Cases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            query = query.Where(c => c.Status == status);
        }

        if (mine == true && http.User.Officer() is { } me)
        {
            query = query.Where(c => c.Officers.Any(o => o.OfficerId == me && !o.Recused));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(c => c.Number.Contains(text) || c.Cause.Contains(text) || c.Party.Name.Contains(text));
        }

        var list = await query.Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery()
            .OrderByDescending(c => c.CreatedAtUtc).Take(500).ToListAsync(http.RequestAborted);
        var deadlines = await DeadlinesAsync(db, handling, list, clock);
        var result = list.Select(c => Summary(c, deadlines[c.Id] is [var first, ..] ? first : null)).ToList();
        if (overdue == true)
        {
            result = [.. result.Where(r => r.NextDeadline is { Overdue: true })];
        }

        return TypedResults.Ok(result);
    }

    /// <summary>The running deadlines of each case, with its agency's law settings and the calendar in force.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<Deadline>>> DeadlinesAsync(SanxiangDbContext db, CaseHandling handling, IReadOnlyList<Case> cases, TimeProvider clock)
    {
        var calendar = await CalendarStore.LoadAsync(db);
        var agencyIds = cases.Select(c => c.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        return cases.ToDictionary(c => c.Id, c => CaseDeadlines.Running(c, calendar, handling.LawFor(agencies[c.AgencyId]), today, now));
    }

    private static CaseSummaryDto Summary(Case c, Deadline? next)
    {
        var procedure = Procedures.For(c.Procedure);
        return new CaseSummaryDto(c.Id, c.Number, c.Cause, c.ItemName, procedure.Name, c.Status, procedure.Step(c.Status).Name, c.Party.Name,
            c.OpenedOn, c.RegisteredOn, c.IsSealed, next is null ? null : ToDto(next));
    }

    private static Ok<List<FactKeyDto>> FactCatalogue() =>
        TypedResults.Ok(FactKeys.All.Select(k => new FactKeyDto(k.Key, k.Label, k.Type.ToString(), k.Choices)).ToList());

    private static async Task<IResult> Get(Guid id, CaseHandling handling, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(await handling.LoadAsync(id, ct), handling, http));

    /// <summary>The whole case for its page and the API: deadlines and, for each next step, the rules that would block it now.</summary>
    public static async Task<CaseDto> DetailAsync(Case c, CaseHandling handling, HttpContext http)
    {
        var db = http.RequestServices.GetRequiredService<SanxiangDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var procedure = Procedures.For(c.Procedure);
        var next = (await handling.NextStepsAsync(c, Actor(http.User), http.RequestAborted))
            .Select(n => new TransitionDto(n.Transition.To, procedure.Step(n.Transition.To).Name, n.Transition.Action, n.Transition.Condition,
                [.. n.Refusals.Select(r => new RefusalDto(r.GuardId, r.Rule, r.Reason))]))
            .ToList();

        var deadlines = (await DeadlinesAsync(db, handling, [c], clock))[c.Id];
        var facts = c.Facts.GroupBy(f => f.Key).Select(g => g.MaxBy(f => f.Sequence)!).OrderBy(f => f.Sequence)
            .Select(f => FactKeys.Find(f.Key) is { } key
                ? new FactDto(f.Key, key.Label, f.Value, key.Type == FactType.Officer ? OfficerName(c, f.Value) : key.Display(f.Value), f.Step, f.RecordedAtUtc)
                : new FactDto(f.Key, f.Key, f.Value, f.Value, f.Step, f.RecordedAtUtc))
            .ToList();
        return new CaseDto(c.Id, c.Number, c.Cause, c.Source, c.ItemCode, c.ItemName, c.Procedure.ToString(), procedure.Name, c.Status,
            procedure.Step(c.Status).Name, c.IsSealed,
            new PartyDto(c.Party.Kind == PartyKind.Person ? "person" : "organisation", c.Party.Name, c.Party.IdNumber, c.Party.CreditCode,
                c.Party.Representative, c.Party.Address, c.Party.Phone),
            c.OccurredOn, c.ActEndedOn, c.SeriousHarm, c.OpenedOn, c.RegisteredOn, c.Revision,
            [.. c.Officers.OrderByDescending(o => o.Lead).ThenBy(o => o.AssignedOn).Select(o =>
                new CaseOfficerDto(o.OfficerId, o.Name, o.CertificateNumber, o.Lead, o.Recused, o.RecusalDeclaredAtUtc is not null, o.RecusalReason))],
            facts,
            [.. c.Steps.OrderBy(s => s.Sequence).Select(s => new StepDto(s.Sequence, s.From, s.To, s.Action, s.On, s.AtUtc, s.ActorRole))],
            [.. deadlines.Select(ToDto)],
            next,
            [.. c.Evidence.OrderBy(e => e.CapturedAtUtc).Select(e => new EvidenceDto(e.Id, e.Title, e.Kind.ToString(), e.MediaType, e.Size, e.Sha256,
                e.Sm3, e.Step, e.CapturedAtUtc, e.Place, e.CollectorName, e.Proves, e.Secret))],
            [.. (await handling.ReviewReasonsAsync(c, http.RequestAborted)).Select(m => new ReviewRuleDto(m.RuleId, m.Reason))]);
    }

    private static string OfficerName(Case c, string value) =>
        Guid.TryParse(value, out var id) && c.Officers.FirstOrDefault(o => o.OfficerId == id) is { } o ? o.Name : value;

    public static DeadlineDto ToDto(Deadline d) => new(d.Step.Code, d.Step.Name, d.What, d.Basis, d.Start, d.Due,
        d.Unit switch { PeriodUnit.WorkingDays => "工作日", PeriodUnit.Hours => "小时", _ => "日" }, d.DaysLeft, d.DaysLeftText, d.Overdue, d.Provisional, d.Note,
        d.DueAt);

    private static async Task<IResult> Open(OpenCaseRequest request, CaseHandling handling, HttpContext http)
    {
        var agency = http.User.Agency()!.Value;
        var created = await handling.OpenAsync(agency, request, Actor(http.User), http.RequestAborted);
        return TypedResults.Created($"/api/v1/cases/{created.Id}", await DetailAsync(await handling.LoadAsync(created.Id), handling, http));
    }

    private static async Task<IResult> RecordFacts(Guid id, FactsRequest request, CaseHandling handling, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(await handling.RecordFactsAsync(id, request.Facts ?? [], Actor(http.User), http.RequestAborted), handling, http));

    private static async Task<IResult> TakeStep(Guid id, StepRequest request, CaseHandling handling, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.To))
        {
            return Problems.Result(http, 400, "请指明要转入的环节（to）。", new Dictionary<string, string[]> { ["to"] = ["请指明要转入的环节。"] });
        }

        var updated = await handling.TakeAsync(id, request.From, request.To.Trim(), request.Facts, Actor(http.User), http.RequestAborted);
        return TypedResults.Ok(await DetailAsync(updated, handling, http));
    }

    private static async Task<IResult> Assign(Guid id, AssignRequest request, CaseHandling handling, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(await handling.AssignOfficerAsync(id, request.OfficerId, Actor(http.User), http.RequestAborted), handling, http));

    private static async Task<IResult> Recusal(Guid id, RecusalRequest request, CaseHandling handling, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(await handling.DeclareRecusalAsync(id, request.OfficerId, request.Conflict, request.Reason, Actor(http.User),
            http.RequestAborted), handling, http));

    private static async Task<IResult> ReviewRecusal(Guid id, ReviewRecusalRequest request, CaseHandling handling, HttpContext http) =>
        TypedResults.Ok(await DetailAsync(await handling.DeclareReviewRecusalAsync(id, request.Reason, Actor(http.User), http.RequestAborted), handling, http));

    /// <summary>
    /// Evidence arrives through <see cref="Evidence.EvidenceIntake"/>: raw body or multipart form (phones), streamed to the
    /// store, hashed in the same pass, its type checked by content. Capture metadata comes as query parameters or form fields.
    /// The case and the collector are checked before a byte is received.
    /// </summary>
    private static async Task<IResult> UploadEvidence(Guid id, HttpContext http, CaseHandling handling, Evidence.EvidenceIntake intake)
    {
        var existing = await handling.LoadAsync(id, http.RequestAborted);
        var actor = Actor(http.User);
        if (existing.IsSealed)
        {
            return Problems.Result(http, 409, "本案已归档封存，不能再上传证据。");
        }

        if (actor.OfficerId is not { } me || !existing.ActiveOfficers.Any(o => o.OfficerId == me))
        {
            return Problems.Result(http, 403, "证据只能由本案承办人员采集上传。");
        }

        var received = await intake.ReceiveAsync(http);
        if (received.Upload is not { } upload)
        {
            return Problems.Result(http, received.Status, received.Problem ?? "上传失败。");
        }

        string? Value(string name) => upload.Field(name) ?? (http.Request.Query[name].FirstOrDefault() is { Length: > 0 } q ? q.Trim() : null);
        // A time without an offset is China time (as officers write it), never the server's own zone.
        if (!Sanxiang.Web.Areas.Workbench.Pages.Cases.EvidenceUploadForm.TryParseCapturedAt(Value("capturedAt"), out var captured))
        {
            return Problems.Result(http, 400, "采集时间格式不正确，应如 2026-03-05T09:30（北京时间）或 2026-03-05T09:30+08:00。",
                new Dictionary<string, string[]> { ["capturedAt"] = ["采集时间格式不正确。"] });
        }

        var evidence = await handling.AddEvidenceAsync(id, upload.Blob, upload.Format.MediaType, upload.Kind, upload.FileName,
            new EvidenceInput(Value("title"), Value("step"), captured, Value("place"), Value("proves"), Value("secret") is "true" or "on" or "是"),
            actor, http.RequestAborted);
        return TypedResults.Created($"/api/v1/cases/{id}/evidence/{evidence.Id}", new EvidenceDto(evidence.Id, evidence.Title, evidence.Kind.ToString(),
            evidence.MediaType, evidence.Size, evidence.Sha256, evidence.Sm3, evidence.Step, evidence.CapturedAtUtc, evidence.Place, evidence.CollectorName,
            evidence.Proves, evidence.Secret));
    }

    private static async Task<IResult> DownloadEvidence(Guid id, Guid evidenceId, HttpContext http, CaseHandling handling,
        Sanxiang.Data.Blobs.IBlobStore store, string? purpose)
    {
        if (Evidence.EvidenceCustody.Purpose(purpose) is not { } why)
        {
            return Problems.Result(http, 400, $"调阅目的不超过 {Evidence.EvidenceCustody.MaxPurposeLength} 个字。");
        }

        var evidence = await handling.RecordEvidenceReadAsync(id, evidenceId, why, Actor(http.User), http.RequestAborted);
        var stream = store.Open(evidence.Sha256);
        return stream is null
            ? Problems.Result(http, 410, "证据文件在存储中缺失，已记入记录；请联系系统管理员核查。")
            : TypedResults.Stream(stream, evidence.MediaType, evidence.FileName ?? evidence.Sha256);
    }

    public sealed record IssueDocumentRequest(string? Kind);

    public sealed record CaseDocumentDto(Guid Id, string Kind, string Title, string Number, DateTimeOffset IssuedAtUtc, string PdfSha256, string DocxSha256,
        long? LedgerIndex, string Pdf, string Docx, string Verify);

    public static CaseDocumentDto ToDto(Sanxiang.Data.Documents.IssuedDocument d) => new(d.Id, d.Kind.ToString(), d.Title, d.Number, d.IssuedAtUtc,
        d.PdfSha256, d.DocxSha256, d.LedgerIndex, $"/api/v1/documents/{d.Id}.pdf", $"/api/v1/documents/{d.Id}.docx",
        $"/verify/document/{Uri.EscapeDataString(d.Number)}");

    private static async Task<IResult> Documents(Guid id, SanxiangDbContext db, HttpContext http)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id))
        {
            return Problems.Result(http, 404, "案件不存在，或不属于您所在的执法主体。");
        }

        var list = await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.IssuedAtUtc).ToListAsync();
        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

    private static async Task<IResult> IssueDocument(Guid id, IssueDocumentRequest request, CaseDocuments documents, HttpContext http)
    {
        if (!Enum.TryParse<Sanxiang.Core.Documents.DocumentKind>(request.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            return Problems.Result(http, 400, $"文书种类“{request.Kind}”无效：可选 {string.Join("、", CaseDocuments.FromFacts)}。",
                new Dictionary<string, string[]> { ["kind"] = ["文书种类无效。"] });
        }

        var issued = await documents.IssueAsync(id, kind, Actor(http.User), http.RequestAborted);
        return TypedResults.Created($"/api/v1/documents/{issued.Id}.pdf", ToDto(issued));
    }

    public sealed record ArchiveFindingDto(string Property, string Level, string Code, string Message, string? Path);

    public sealed record ArchiveCheckDto(string? CaseNumber, string PackageSha256, bool Passed, IReadOnlyDictionary<string, bool> Properties,
        IReadOnlyList<ArchiveFindingDto> Findings);

    private static async Task<IResult> DownloadArchive(Guid id, HttpContext http, CaseHandling handling, Sanxiang.Data.Blobs.IBlobStore store)
    {
        var c = await handling.LoadAsync(id, http.RequestAborted);
        if (c.ArchiveSha256 is null || store.Open(c.ArchiveSha256) is not { } stream)
        {
            return Problems.Result(http, 409, "本案尚未生成电子案卷封存包。");
        }

        await handling.RecordArchiveReadAsync(c, "下载电子案卷", Actor(http.User), http.RequestAborted);
        return TypedResults.Stream(stream, "application/zip", $"{c.Number}-案卷.zip");
    }

    private static async Task<IResult> CheckArchive(Guid id, HttpContext http, CaseHandling handling, CaseArchiver archiver)
    {
        var c = await handling.LoadAsync(id, http.RequestAborted);
        return TypedResults.Ok(ToDto(await archiver.CheckAsync(c, http.RequestAborted), c.ArchiveSha256!));
    }

    private static async Task<IResult> SealArchive(Guid id, HttpContext http, CaseArchiver archiver)
    {
        var actor = Actor(http.User);
        var c = await archiver.SealAsync(id, actor.AccountId, actor.Roles.FirstOrDefault(), http.RequestAborted);
        return TypedResults.Ok(new { c.ArchiveSha256 });
    }

    public static ArchiveCheckDto ToDto(Sanxiang.Core.Archive.ArchiveCheckResult result, string sha) => new(result.CaseNumber, sha, result.AllPassed,
        Enum.GetValues<Sanxiang.Core.Archive.ArchiveProperty>().ToDictionary(p => Sanxiang.Core.Archive.ArchiveCheckResult.Name(p), result.Passed),
        [.. result.Findings.Select(f => new ArchiveFindingDto(Sanxiang.Core.Archive.ArchiveCheckResult.Name(f.Property), f.Level.ToString(), f.Code, f.Message, f.Path))]);

    private static async Task<IResult> Timeline(Guid id, SanxiangDbContext db, HttpContext http)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id))
        {
            return Problems.Result(http, 404, "案件不存在，或不属于您所在的执法主体。");
        }

        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Index)
            .Select(e => new { e.Index, e.Kind, e.RecordedAtUtc, e.LeafHash, e.Payload }).ToListAsync();
        return TypedResults.Ok(entries.Select(e => new TimelineEntryDto(e.Index, e.Kind, e.RecordedAtUtc, Convert.ToHexStringLower(e.LeafHash),
            Encoding.UTF8.GetString(e.Payload))).ToList());
    }
}
