using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Data;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Api;

public sealed record VersionDto(Guid Id, string List, int? Number, string Status, DateOnly EffectiveFrom, string Reason, string ReasonText,
    string? Sha256, DateTimeOffset? ApprovedAtUtc);

public sealed record ReviewerRatioDto(string AgencyCode, string AgencyName, int CertifiedOfficers, int Reviewers, double Ratio, bool BelowMinimum);

public sealed record ExpiringCertificateDto(string AgencyCode, string AgencyName, Guid OfficerId, string Name, string CertificateNumber,
    DateOnly ValidTo, int DaysLeft);

public sealed record CertificateVerdictDto(string Number, string Verdict, string VerdictText, string? Name, string? AgencyCode, string? AgencyName,
    IReadOnlyList<string>? Fields, DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed record AgencyInput(string? Code, string? Name, string? ShortName, string? CaseNumberPrefix, string? Uscc, string? Kind,
    string? EntrustedBy, string? Level, string? Parent, string? Jurisdiction, string? Duties, string? LegalBasis, string? Address,
    string? Postcode, string? Phone, string? ComplaintPhone, string? OfficeHours, string? ReconsiderationOrgan, string? CompetentCourt);

public sealed record DraftRequest(DateOnly EffectiveFrom, string? Reason, string? ReasonText);

public sealed record LegalReferenceInput(string? Law, string? Article, string? Paragraph, string? Item, string? Text, bool Quoted = true);

public sealed record InspectionInput(int RatioPercent, string? Frequency, string? Targets);

public sealed record PenaltyInput(string? Kind, long? Minimum, long? Maximum, string? Unit, string? MultipleOf, string? Note);

public sealed record TierInput(string? Tier, string? Circumstances, List<PenaltyInput>? Penalties);

public sealed record GuideInput(string? Where, List<string>? Materials, string? TimeLimit, string? Fees, string? Complaint, string? Remedy);

/// <summary>法制审核标准: amounts in whole yuan; penalty kinds by code (RevokeLicence) or Chinese name (吊销许可证件).</summary>
public sealed record ReviewCriteriaInput(long? FinePerson, long? FineOrganisation, List<string>? PenaltyKinds);

public sealed record ItemInput(string? Name, string? Category, string? Procedure, List<LegalReferenceInput>? LegalBasis,
    InspectionInput? RandomInspection, bool LegalReviewRequired, List<TierInput>? Discretion, GuideInput? ServiceGuide, string? Summary,
    ReviewCriteriaInput? LegalReviewCriteria = null);

public sealed record OfficerInput(string? Name, string? Gender, string? Position, string? CertificateNumber, string? Issuer, List<string>? Fields,
    DateOnly ValidFrom, DateOnly ValidTo, string? Status, DateOnly? FiledOn, bool IsReviewer, string? LegalQualificationNumber, string? Mobile);

/// <summary>
/// The registry through <c>/api/v1/registry</c> (PUB-1, PUB-2, PUB-4, REV-6, PLT-4): the lists as they stand on any day,
/// their versions and diffs, anonymous; drafts, changes and approvals for the agencies and the supervisors who keep them.
/// </summary>
public static class RegistryListsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var registry = api.MapGroup("/registry").WithTags("执法主体、人员和事项清单");
        registry.MapGet("/items", CountyItems).AllowAnonymous().WithSummary("全县施行的执法事项（?date= 某日施行的；?agency= ?category= ?q= 筛选）").ProducesProblem(400);
        registry.MapGet("/officers", CountyOfficers).AllowAnonymous().WithSummary("全县公示的执法人员（?date= ?agency=）").ProducesProblem(400);
        registry.MapGet("/agencies/{code}/versions/{list}", Versions).AllowAnonymous().WithSummary("某清单已批准的全部版本（list = items 或 officers）").ProducesProblem(404);
        registry.MapGet("/agencies/{code}/versions/{list}/diff", Diff).AllowAnonymous().WithSummary("两个版本之间的变更（?from=&to= 版本号）").ProducesProblem(400).ProducesProblem(404);
        registry.MapGet("/certificates/{number}", Certificate).AllowAnonymous().WithSummary("核验执法证件今天是否有效（限制查询频率）").ProducesProblem(400).ProducesProblem(404);
        registry.MapGet("/reviewer-ratios", ReviewerRatios).AllowAnonymous().WithSummary("各执法主体法制审核人员占持证执法人员的比例（低于 5% 标记）");
        registry.MapGet("/expiring-certificates", Expiring).WithSummary("60 天内到期的执法证件（本机关；监督人员看全县）").ProducesProblem(401);

        registry.MapPost("/agencies", CreateAgency).WithSummary("登记新的执法主体（司法行政监督人员）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        registry.MapPost("/agencies/import", ImportAgencies).WithSummary("用 Excel 或 CSV 文件登记或更新执法主体（按代码；?apply=false 试导入）")
            .Accepts<IFormFile>("application/octet-stream").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(413);
        registry.MapGet("/templates/agencies.{format:regex(^(csv|xlsx)$)}", AgencyTemplate).AllowAnonymous().WithSummary("执法主体导入模板");
        registry.MapPut("/agencies/{code}/profile", UpdateAgency).WithSummary("修改执法主体的基本信息（司法行政监督人员；联系方式也可由本机关负责人修改）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        registry.MapPost("/agencies/{code}/versions/{list}/drafts", CreateDraft).WithSummary("新建清单草稿（复制现行最新版本）")
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        registry.MapGet("/drafts/{id:guid}", GetDraft).WithSummary("草稿及其全部条目").ProducesProblem(404);
        registry.MapPut("/drafts/{id:guid}", UpdateDraft).WithSummary("修改草稿的生效日期和调整原因").ProducesValidationProblem().ProducesProblem(409);
        registry.MapPut("/drafts/{id:guid}/items/{code}", SaveItem).WithSummary("在草稿中新增或修改一个执法事项").ProducesValidationProblem().ProducesProblem(409);
        registry.MapDelete("/drafts/{id:guid}/items/{code}", RemoveItem).WithSummary("从草稿中删除一个执法事项").ProducesProblem(404).ProducesProblem(409);
        registry.MapPost("/drafts/{id:guid}/officers", AddOfficer).WithSummary("在草稿中新增一名执法人员").ProducesValidationProblem().ProducesProblem(409);
        registry.MapPut("/drafts/{id:guid}/officers/{officerId:guid}", SaveOfficer).WithSummary("修改草稿中的执法人员（换证、暂扣、注销等）").ProducesValidationProblem().ProducesProblem(409);
        registry.MapDelete("/drafts/{id:guid}/officers/{officerId:guid}", RemoveOfficer).WithSummary("从草稿中移出一名执法人员").ProducesProblem(404).ProducesProblem(409);
        registry.MapPost("/drafts/{id:guid}/import", Import).WithSummary("用 Excel（.xlsx）或 CSV 文件替换草稿内容（?apply=false 试导入：只检查、列出每行问题，不写入）")
            .Accepts<IFormFile>("application/octet-stream").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        registry.MapGet("/templates/{file:regex(^(items|officers)\\.(csv|xlsx)$)}", Template).AllowAnonymous().WithSummary("导入模板（含填写说明）");
        registry.MapPost("/drafts/{id:guid}/approve", Approve).WithSummary("批准草稿（司法行政监督人员；不得批准本人起草的）").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        registry.MapPost("/drafts/{id:guid}/discard", Discard).WithSummary("作废草稿").ProducesProblem(403).ProducesProblem(409);
    }

    // ---- public reads -------------------------------------------------------------------------------------------

    private static async Task<IResult> CountyItems(SanxiangDbContext db, HttpContext http, TimeProvider clock, string? date, string? agency, string? category, string? q)
    {
        if (!RegistryDates.TryParse(date, ChinaTime.Today(clock), out var on, out var error))
        {
            return Problems.Result(http, 400, error!);
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id);
        var query = db.ItemsInForce(on);
        if (!string.IsNullOrEmpty(agency))
        {
            var id = agencies.Values.FirstOrDefault(a => a.Code == agency)?.Id;
            if (id is null)
            {
                return Problems.Result(http, 404, $"执法主体“{agency}”不存在。");
            }

            query = query.Where(i => i.AgencyId == id);
        }

        var items = RegistryFilters.Items(await query.ToListAsync(), category, q)
            .OrderBy(i => agencies[i.AgencyId].SortOrder).ThenBy(i => i.Code, StringComparer.Ordinal);
        return TypedResults.Ok(new JsonArray([.. items.Select(i =>
        {
            var row = RegistryJson.Item(i);
            row["agency"] = agencies[i.AgencyId].Code;
            return (JsonNode)row;
        })]));
    }

    private static async Task<IResult> CountyOfficers(SanxiangDbContext db, HttpContext http, TimeProvider clock, string? date, string? agency)
    {
        if (!RegistryDates.TryParse(date, ChinaTime.Today(clock), out var on, out var error))
        {
            return Problems.Result(http, 400, error!);
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id);
        var officers = (await db.OfficerEntriesInForce(on).Where(o => o.Status != CertificateStatus.Revoked).ToListAsync())
            .Where(o => string.IsNullOrEmpty(agency) || agencies[o.AgencyId].Code == agency)
            .OrderBy(o => agencies[o.AgencyId].SortOrder).ThenBy(o => o.CertificateNumber, StringComparer.Ordinal);
        return TypedResults.Ok(new JsonArray([.. officers.Select(o =>
        {
            var row = RegistryJson.Officer(o);
            row["agency"] = agencies[o.AgencyId].Code;
            row["statusOnDate"] = o.EffectiveStatus(on).ToString();
            return (JsonNode)row;
        })]));
    }

    private static async Task<IResult> Versions(string code, string list, SanxiangDbContext db, HttpContext http)
    {
        var (agency, kind, problem) = await Resolve(db, http, code, list);
        if (problem is not null)
        {
            return problem;
        }

        var versions = await db.RegistryVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.AgencyId == agency!.Id && v.Kind == kind && v.Status == VersionStatus.Approved)
            .OrderBy(v => v.Number).ToListAsync();
        return TypedResults.Ok(versions.Select(ToDto).ToList());
    }

    private static async Task<IResult> Diff(string code, string list, int? from, int? to, SanxiangDbContext db, HttpContext http)
    {
        var (agency, kind, problem) = await Resolve(db, http, code, list);
        if (problem is not null)
        {
            return problem;
        }

        if (from is null || to is null)
        {
            return Problems.Result(http, 400, "请用 from 和 to 两个参数指定要对照的版本号，如 ?from=1&to=2。");
        }

        var versions = await db.RegistryVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.AgencyId == agency!.Id && v.Kind == kind && v.Status == VersionStatus.Approved && (v.Number == from || v.Number == to))
            .ToListAsync();
        var a = versions.FirstOrDefault(v => v.Number == from);
        var b = versions.FirstOrDefault(v => v.Number == to);
        if (a is null || b is null)
        {
            return Problems.Result(http, 404, $"{agency!.Name}的{kind.Chinese()}没有第 {(a is null ? from : to)} 版。");
        }

        var diff = await db.DiffVersionsAsync(kind, a.Id, b.Id);
        return TypedResults.Ok(new { from = ToDto(a), to = ToDto(b), diff.Added, diff.Removed, diff.Changed, diff.Unchanged });
    }

    private static async Task<IResult> Certificate(string number, SanxiangDbContext db, HttpContext http, TimeProvider clock)
    {
        if (RegistryRules.CheckCertificateNumber(number) is { } bad)
        {
            return Problems.Result(http, 400, bad);
        }

        var v = await CertificateLookup.VerifyAsync(db, number, ChinaTime.Today(clock), http.RequestAborted);
        var dto = new CertificateVerdictDto(v.Number, v.Kind.ToString(), CertificateLookup.Headline(v.Kind), v.Officer?.Name, v.AgencyCode, v.AgencyName,
            v.Officer?.Fields, v.Officer?.ValidFrom, v.Officer?.ValidTo);
        return v.Kind == CertificateVerdictKind.Unknown ? Problems.Result(http, 404, $"本县公示的执法人员名单中没有证件编号 {v.Number}。") : TypedResults.Ok(dto);
    }

    private static async Task<Ok<List<ReviewerRatioDto>>> ReviewerRatios(SanxiangDbContext db, TimeProvider clock) =>
        TypedResults.Ok(await RegistryFigures.ReviewerRatiosAsync(db, ChinaTime.Today(clock)));

    private static async Task<Ok<List<ExpiringCertificateDto>>> Expiring(SanxiangDbContext db, TimeProvider clock, int? days) =>
        TypedResults.Ok(await RegistryFigures.ExpiringAsync(db, ChinaTime.Today(clock), Math.Clamp(days ?? 60, 1, 366)));

    // ---- agencies (kept by the supervisors) ----------------------------------------------------------------------

    private static async Task<IResult> CreateAgency(AgencyInput input, SanxiangDbContext db, HttpContext http, AuditLog audit)
    {
        if (!http.User.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, "registry:agencies", "非监督人员登记执法主体");
            return Problems.Result(http, 403, "执法主体由县司法局司法行政监督人员登记。");
        }

        var agency = new Agency
        {
            Id = Guid.CreateVersion7(), Code = "", Name = "", ShortName = "", CaseNumberPrefix = "", Uscc = "", Level = "", Jurisdiction = "",
            Duties = "", LegalBasis = "", Address = "", Phone = "", ReconsiderationOrgan = "", CompetentCourt = "",
            SortOrder = await db.Agencies.MaxAsync(a => (int?)a.SortOrder) + 1 ?? 0,
        };
        db.Agencies.Add(agency);
        await ApplyAsync(agency, input, db, code: input.Code?.Trim());
        db.Record(ProfileEvent("agency-registered", agency, http.User));
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/v1/agencies/{agency.Code}", new { agency.Code, agency.Name });
    }

    private static async Task<IResult> UpdateAgency(string code, AgencyInput input, SanxiangDbContext db, HttpContext http, AuditLog audit)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code);
        if (agency is null)
        {
            return Problems.Result(http, 404, $"执法主体“{code}”不存在。");
        }

        if (!http.User.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, $"agency:{code}/profile", "非监督人员修改执法主体信息");
            return Problems.Result(http, 403, "执法主体的基本信息由县司法局司法行政监督人员维护；本机关可修改联系方式。");
        }

        await ApplyAsync(agency, input, db, code: agency.Code);
        db.Record(ProfileEvent("agency-profile-changed", agency, http.User));
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ImportAgencies(bool? apply, SanxiangDbContext db, HttpContext http, AuditLog audit)
    {
        if (!http.User.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, "registry:agencies/import", "非监督人员导入执法主体");
            return Problems.Result(http, 403, "执法主体由县司法局司法行政监督人员登记。");
        }

        await using var file = await RegistryUploads.ReadAsync(http.Request, http.RequestAborted);
        if (file is null)
        {
            return Problems.Result(http, 413, $"文件超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限。");
        }

        var result = await RegistryLayouts.Agencies.ReadAsync(file, cancellationToken: http.RequestAborted);
        var existing = await db.Agencies.ToListAsync();
        if (result.IsValid)
        {
            // Codes name agencies already registered or in this file; credit codes may not belong to another agency.
            var byCode = existing.ToDictionary(a => a.Code, StringComparer.Ordinal);
            foreach (var r in result.Rows)
            {
                r.Value.Agency.Id = byCode.TryGetValue(r.Value.Agency.Code, out var known) ? known.Id : Guid.CreateVersion7();
            }

            var all = existing.Where(a => result.Rows.All(r => r.Value.Agency.Code != a.Code)).Concat(result.Rows.Select(r => r.Value.Agency)).ToList();
            var problems = new List<ImportProblem>();
            foreach (var r in result.Rows)
            {
                var a = r.Value.Agency;
                a.EntrustedById = r.Value.EntrustedByCode is { } e ? all.FirstOrDefault(x => x.Code == e)?.Id ?? Guid.Empty : null;
                a.ParentId = r.Value.ParentCode is { } p ? all.FirstOrDefault(x => x.Code == p)?.Id ?? Guid.Empty : null;
                foreach (var problem in RegistryRules.CheckAgency(a, id => all.FirstOrDefault(x => x.Id == id)))
                {
                    problems.Add(new ImportProblem(r.RowNumber, problem.Field switch
                    {
                        "entrustedBy" => "委托机关代码",
                        "parent" => "上级机关代码",
                        _ => null,
                    }, problem.Message));
                }

                if (existing.FirstOrDefault(x => x.Uscc == a.Uscc && x.Code != a.Code) is { } same)
                {
                    problems.Add(new ImportProblem(r.RowNumber, "统一社会信用代码", $"{a.Uscc} 已登记为{same.Name}（代码 {same.Code}）。"));
                }
            }

            result = result.WithProblems(problems);
        }

        var report = new { valid = result.IsValid, applied = apply == true && result.IsValid, dataRows = result.DataRowCount, totalProblems = result.TotalProblemCount,
            problems = result.Problems.Select(p => new ImportProblemDto(p.Row, p.ColumnHeader, p.Message, p.ToString())).ToList() };
        if (apply != true)
        {
            return TypedResults.Ok(report);
        }

        if (!result.IsValid)
        {
            var problem = Problems.Create(http, 400, "导入失败：文件有问题，未导入任何数据", $"共 {result.TotalProblemCount} 处问题，请逐行修改后重新导入。");
            problem.Extensions["report"] = report;
            return TypedResults.Problem(problem);
        }

        var order = existing.Count == 0 ? 0 : existing.Max(a => a.SortOrder) + 1;
        foreach (var r in result.Rows)
        {
            var incoming = r.Value.Agency;
            var target = existing.FirstOrDefault(a => a.Id == incoming.Id);
            if (target is null)
            {
                incoming.SortOrder = order++;
                db.Agencies.Add(incoming);
                db.Record(ProfileEvent("agency-registered", incoming, http.User));
                continue;
            }

            incoming.SortOrder = target.SortOrder;
            db.Entry(target).CurrentValues.SetValues(incoming);
            db.Record(ProfileEvent("agency-profile-changed", target, http.User));
        }

        await db.SaveChangesAsync();
        return TypedResults.Ok(report);
    }

    private static IResult AgencyTemplate(string format)
    {
        var f = format == "xlsx" ? TabularFileFormat.Xlsx : TabularFileFormat.Csv;
        var output = new MemoryStream();
        RegistryLayouts.Agencies.WriteTemplate(output, f);
        return Results.File(output.ToArray(), TabularFileFormats.ContentType(f), "执法主体导入模板" + TabularFileFormats.Extension(f));
    }

    /// <summary>Copies the input onto the agency, checked as a whole; throws with every problem by field.</summary>
    private static async Task ApplyAsync(Agency agency, AgencyInput input, SanxiangDbContext db, string? code)
    {
        var problems = new List<RegistryProblem>();
        var all = await db.Agencies.AsNoTracking().Where(a => a.Id != agency.Id).ToListAsync();
        Guid? ByCode(string? c, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(c))
            {
                return null;
            }

            var found = all.FirstOrDefault(a => a.Code == c.Trim());
            if (found is null)
            {
                problems.Add(new RegistryProblem(field, $"{label}“{c}”不是本县已登记的执法主体代码。"));
            }

            return found?.Id;
        }

        agency.Code = code ?? "";
        agency.Name = input.Name?.Trim() ?? "";
        agency.ShortName = input.ShortName?.Trim() ?? "";
        agency.CaseNumberPrefix = input.CaseNumberPrefix?.Trim() ?? "";
        agency.Uscc = input.Uscc?.Trim().ToUpperInvariant() ?? "";
        agency.Kind = RegistryInputs.ParseEnum<AgencyKind>(input.Kind, "kind", "主体类型", k => k.Chinese(), problems);
        agency.EntrustedById = ByCode(input.EntrustedBy, "entrustedBy", "委托机关");
        agency.ParentId = ByCode(input.Parent, "parent", "上级机关");
        agency.Level = input.Level?.Trim() ?? "";
        agency.Jurisdiction = input.Jurisdiction?.Trim() ?? "";
        agency.Duties = input.Duties?.Trim() ?? "";
        agency.LegalBasis = input.LegalBasis?.Trim() ?? "";
        agency.Address = input.Address?.Trim() ?? "";
        agency.Postcode = string.IsNullOrWhiteSpace(input.Postcode) ? null : input.Postcode.Trim();
        agency.Phone = input.Phone?.Trim() ?? "";
        agency.ComplaintPhone = string.IsNullOrWhiteSpace(input.ComplaintPhone) ? null : input.ComplaintPhone.Trim();
        agency.OfficeHours = string.IsNullOrWhiteSpace(input.OfficeHours) ? null : input.OfficeHours.Trim();
        agency.ReconsiderationOrgan = input.ReconsiderationOrgan?.Trim() ?? "";
        agency.CompetentCourt = input.CompetentCourt?.Trim() ?? "";
        problems.AddRange(RegistryRules.CheckAgency(agency, id => all.FirstOrDefault(a => a.Id == id)));
        if (problems.Count == 0 && all.FirstOrDefault(a => a.Code == agency.Code) is { } sameCode)
        {
            problems.Add(new RegistryProblem("code", $"代码 {agency.Code} 已由{sameCode.Name}使用。"));
        }

        if (problems.Count == 0 && all.FirstOrDefault(a => a.Uscc == agency.Uscc) is { } sameUscc)
        {
            problems.Add(new RegistryProblem("uscc", $"统一社会信用代码 {agency.Uscc} 已登记为{sameUscc.Name}。"));
        }

        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }
    }

    private static Sanxiang.Data.Ledger.LedgerEvent ProfileEvent(string kind, Agency a, ClaimsPrincipal user) =>
        new(kind, null, a.Id, Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), Roles.Supervisor, new JsonObject
        {
            ["code"] = a.Code,
            ["name"] = a.Name,
            ["uscc"] = a.Uscc,
            ["kind"] = a.Kind.ToString(),
            ["level"] = a.Level,
            ["jurisdiction"] = a.Jurisdiction,
            ["duties"] = a.Duties,
            ["legalBasis"] = a.LegalBasis,
            ["address"] = a.Address,
            ["phone"] = a.Phone,
            ["reconsiderationOrgan"] = a.ReconsiderationOrgan,
            ["competentCourt"] = a.CompetentCourt,
        }, IsPublic: true);

    // ---- drafts, changes, approval ------------------------------------------------------------------------------

    private static async Task<IResult> CreateDraft(string code, string list, DraftRequest request, SanxiangDbContext db, RegistryLists lists,
        HttpContext http, AuditLog audit)
    {
        var (agency, kind, problem) = await Resolve(db, http, code, list);
        if (problem is not null)
        {
            return problem;
        }

        if (!MayEdit(http.User, agency!.Id))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, $"registry:{code}/{list}", "无权新建清单草稿");
            return Problems.Result(http, 403, "只有本机关负责人、公示专员或县司法局监督人员可以调整本机关的清单。");
        }

        var draft = await lists.CreateDraftAsync(agency.Id, kind, request.EffectiveFrom, ParseReason(request.Reason), request.ReasonText, Actor(http.User));
        return TypedResults.Created($"/api/v1/registry/drafts/{draft.Id}", ToDto(draft));
    }

    private static async Task<IResult> GetDraft(Guid id, SanxiangDbContext db, HttpContext http)
    {
        var v = await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status != VersionStatus.Approved);
        if (v is null || !MayEdit(http.User, v.AgencyId))
        {
            return Problems.Result(http, 404, "草稿不存在，或您无权查看。");
        }

        JsonArray rows = v.Kind == RegistryListKind.Items
            ? RegistryJson.Items(await db.EnforcementItems.AsNoTracking().Where(i => i.VersionId == id).ToListAsync())
            : [.. (await db.OfficerEntries.AsNoTracking().Where(o => o.VersionId == id).OrderBy(o => o.CertificateNumber).ToListAsync())
                .Select(o =>
                {
                    var row = RegistryJson.Officer(o);
                    row["officerId"] = o.OfficerId.ToString();
                    return (JsonNode)row;
                })];
        return TypedResults.Ok(new { version = ToDto(v), rows });
    }

    private static Task<IResult> UpdateDraft(Guid id, DraftRequest request, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            await lists.UpdateDraftAsync(id, request.EffectiveFrom, ParseReason(request.Reason), request.ReasonText);
            return TypedResults.NoContent();
        });

    private static Task<IResult> SaveItem(Guid id, string code, ItemInput input, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            await lists.SaveItemAsync(id, RegistryInputs.ToItem(code, input));
            return TypedResults.NoContent();
        });

    private static Task<IResult> RemoveItem(Guid id, string code, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            await lists.RemoveItemAsync(id, code);
            return TypedResults.NoContent();
        });

    private static Task<IResult> AddOfficer(Guid id, OfficerInput input, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            var officerId = await lists.SaveOfficerAsync(id, RegistryInputs.ToOfficer(Guid.Empty, input), input.Mobile);
            return TypedResults.Created($"/api/v1/registry/drafts/{id}/officers/{officerId}", new { officerId });
        });

    private static Task<IResult> SaveOfficer(Guid id, Guid officerId, OfficerInput input, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            await lists.SaveOfficerAsync(id, RegistryInputs.ToOfficer(officerId, input), input.Mobile);
            return TypedResults.NoContent();
        });

    private static Task<IResult> RemoveOfficer(Guid id, Guid officerId, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            await lists.RemoveOfficerAsync(id, officerId);
            return TypedResults.NoContent();
        });

    private static Task<IResult> Import(Guid id, bool? apply, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async draft =>
        {
            if (draft.Status != VersionStatus.Draft)
            {
                return Problems.Result(http, 409, "只能导入到草稿：已批准或已作废的版本不能再修改。");
            }

            await using var file = await RegistryUploads.ReadAsync(http.Request, http.RequestAborted);
            if (file is null)
            {
                return Problems.Result(http, 413, $"文件超过 {RegistryUploads.MaxBytes / 1024 / 1024} MB 的上限。");
            }

            var report = await RegistryImport.RunAsync(db, lists, draft, file, apply ?? false, http.RequestAborted);
            if (apply == true && !report.Valid)
            {
                var problem = Problems.Create(http, 400, "导入失败：文件有问题，未导入任何数据", $"共 {report.TotalProblems} 处问题，请逐行修改后重新导入。");
                problem.Extensions["report"] = report;
                return TypedResults.Problem(problem);
            }

            return TypedResults.Ok(report);
        });

    private static IResult Template(string file)
    {
        var dot = file.LastIndexOf('.');
        var format = file[(dot + 1)..] == "xlsx" ? TabularFileFormat.Xlsx : TabularFileFormat.Csv;
        var output = new MemoryStream();
        if (file.StartsWith("items", StringComparison.Ordinal))
        {
            RegistryLayouts.Items.WriteTemplate(output, format);
        }
        else
        {
            RegistryLayouts.Officers.WriteTemplate(output, format);
        }

        var name = (file.StartsWith("items", StringComparison.Ordinal) ? "执法事项清单" : "执法人员名单") + "导入模板." + TabularFileFormats.Extension(format).TrimStart('.');
        return Results.File(output.ToArray(), TabularFileFormats.ContentType(format), name);
    }

    private static async Task<IResult> Approve(Guid id, RegistryLists lists, SanxiangDbContext db, HttpContext http, AuditLog audit)
    {
        if (!http.User.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, $"registry-draft:{id}", "非监督人员批准清单");
            return Problems.Result(http, 403, "清单版本由县司法局司法行政监督人员批准。");
        }

        return await WithDraft(id, db, http, async _ => TypedResults.Ok(ToDto(await lists.ApproveAsync(id, Actor(http.User)))));
    }

    private static Task<IResult> Discard(Guid id, RegistryLists lists, SanxiangDbContext db, HttpContext http) =>
        WithDraft(id, db, http, async _ =>
        {
            await lists.DiscardAsync(id, Actor(http.User));
            return TypedResults.NoContent();
        });

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="work"/> when the draft exists and the caller may edit its agency's lists; 404 otherwise.</summary>
    private static async Task<IResult> WithDraft(Guid id, SanxiangDbContext db, HttpContext http, Func<RegistryVersion, Task<IResult>> work)
    {
        var v = await db.RegistryVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        if (v is null || !MayEdit(http.User, v.AgencyId))
        {
            return Problems.Result(http, 404, "草稿不存在，或您无权修改。");
        }

        return await work(v);
    }

    /// <summary>The supervisors keep every agency's lists; an agency's head and publicity clerk keep their own.</summary>
    public static bool MayEdit(ClaimsPrincipal user, Guid agencyId) =>
        user.IsInRole(Roles.Supervisor)
        || (user.Agency() == agencyId && (user.IsInRole(Roles.AgencyHead) || user.IsInRole(Roles.PublicityClerk)));

    /// <summary>The signed-in account and its first role, as the log records who acted on a list.</summary>
    public static RegistryActor Actor(ClaimsPrincipal user)
    {
        var id = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        return new RegistryActor(id, role);
    }

    private static ChangeReason ParseReason(string? reason)
    {
        foreach (var r in Enum.GetValues<ChangeReason>())
        {
            if (string.Equals(r.ToString(), reason?.Trim(), StringComparison.OrdinalIgnoreCase) || r.Chinese() == reason?.Trim())
            {
                return r;
            }
        }

        throw new RegistryRuleException("reason",
            $"调整原因“{reason}”无效：可选 {string.Join("、", Enum.GetValues<ChangeReason>().Select(x => $"{x}（{x.Chinese()}）"))}。");
    }

    private static async Task<(Agency? Agency, RegistryListKind Kind, IResult? Problem)> Resolve(SanxiangDbContext db, HttpContext http, string code, string list)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code);
        if (agency is null)
        {
            return (null, default, Problems.Result(http, 404, $"执法主体“{code}”不存在。"));
        }

        return RegistryVersionNames.TryParseSlug(list, out var kind)
            ? (agency, kind, null)
            : (agency, default, Problems.Result(http, 404, $"没有名为“{list}”的清单：可选 items（执法事项清单）或 officers（执法人员名单）。"));
    }

    private static VersionDto ToDto(RegistryVersion v) =>
        new(v.Id, v.Kind.Slug(), v.Number, v.Status.ToString(), v.EffectiveFrom, v.Reason.ToString(), v.ReasonText,
            v.ContentSha256 is null ? null : Convert.ToHexStringLower(v.ContentSha256), v.ApprovedAtUtc);
}
