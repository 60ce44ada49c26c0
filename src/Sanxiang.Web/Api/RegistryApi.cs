using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Infrastructure;

namespace Sanxiang.Web.Api;

public sealed record AgencySummary(string Code, string Name, string ShortName, string Kind, string Level, string Address, string Phone);

public sealed record AgencyDetail(string Code, string Name, string ShortName, string Uscc, string Kind, string Level,
    string Jurisdiction, string Duties, string LegalBasis, string Address, string? Postcode, string Phone, string? ComplaintPhone,
    string? OfficeHours, string ReconsiderationOrgan, string CompetentCourt, IReadOnlyList<PublicOfficerDto> Officers,
    IReadOnlyList<ItemSummary> Items);

public sealed record PublicOfficerDto(string Name, string CertificateNumber, string Issuer, IReadOnlyList<string> Fields,
    DateOnly ValidFrom, DateOnly ValidTo, string Status, bool IsReviewer);

public sealed record ItemSummary(string Code, string Name, string Category, string Procedure, IReadOnlyList<string> LegalBasis,
    bool RandomInspection, bool LegalReviewRequired, string? LegalReviewCriteria = null);

/// <summary>An officer as the own agency (or a supervisor) sees it, internal contact included.</summary>
public sealed record InternalOfficerDto(Guid Id, string AgencyCode, string Name, string Gender, string? Position,
    string CertificateNumber, string Issuer, IReadOnlyList<string> Fields, DateOnly ValidFrom, DateOnly ValidTo, string Status,
    bool IsReviewer, string? LegalQualificationNumber, string? Mobile, DateOnly? FiledOn);

public sealed record ContactsUpdate(
    [property: Description("办公地址")] string? Address,
    [property: Description("邮政编码，6 位数字")] string? Postcode,
    [property: Description("办公电话")] string? Phone,
    [property: Description("投诉举报电话")] string? ComplaintPhone,
    [property: Description("办公时间")] string? OfficeHours);

public static class RegistryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var agencies = api.MapGroup("/agencies").WithTags("执法主体");
        agencies.MapGet("/", ListAgencies).AllowAnonymous().WithSummary("执法主体名录（公开）");
        agencies.MapGet("/{code}", GetAgency).AllowAnonymous().WithSummary("执法主体详情、执法人员和执法事项（公开）").ProducesProblem(404);
        agencies.MapPut("/{code}/contacts", UpdateContacts).WithSummary("修改本机关的联系方式（本机关负责人或司法行政监督人员）")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        // The same directory under /api/v1/registry, beside the lists, versions and certificates (PLT-4).
        var registry = api.MapGroup("/registry/agencies").WithTags("执法主体、人员和事项清单");
        registry.MapGet("/", ListAgencies).AllowAnonymous().WithSummary("执法主体名录（公开）");
        registry.MapGet("/{code}", GetAgency).AllowAnonymous().WithSummary("执法主体详情、执法人员和执法事项（公开）").ProducesProblem(404);

        var officers = api.MapGroup("/officers").WithTags("执法人员");
        officers.MapGet("/", ListOfficers).WithSummary("本机关执法人员（含内部信息；监督人员可查看全县）").ProducesProblem(401);
        officers.MapGet("/{id:guid}", GetOfficer).WithSummary("执法人员内部信息（其他执法主体的人员返回 404）").ProducesProblem(401).ProducesProblem(404);
    }

    private static async Task<Ok<List<AgencySummary>>> ListAgencies(SanxiangDbContext db)
    {
        var list = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ToListAsync();
        return TypedResults.Ok(list.Select(a => new AgencySummary(a.Code, a.Name, a.ShortName, a.Kind.Chinese(), a.Level, a.Address, a.Phone)).ToList());
    }

    private static async Task<Results<Ok<AgencyDetail>, ProblemHttpResult>> GetAgency(string code, SanxiangDbContext db, HttpContext http, TimeProvider clock)
    {
        var a = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code);
        if (a is null)
        {
            return TypedResults.Problem(Problems.Create(http, 404, detail: $"执法主体“{code}”不存在。"));
        }

        var officers = await db.PublicOfficers(a.Id, Sanxiang.Core.ChinaTime.Today(clock)).ToListAsync();
        var items = await db.ItemsInForce(Sanxiang.Core.ChinaTime.Today(clock)).Where(i => i.AgencyId == a.Id).OrderBy(i => i.Code).ToListAsync();
        var today = Sanxiang.Core.ChinaTime.Today(clock);
        return TypedResults.Ok(new AgencyDetail(a.Code, a.Name, a.ShortName, a.Uscc, a.Kind.Chinese(), a.Level, a.Jurisdiction,
            a.Duties, a.LegalBasis, a.Address, a.Postcode, a.Phone, a.ComplaintPhone, a.OfficeHours, a.ReconsiderationOrgan,
            a.CompetentCourt,
            officers.Select(o => new PublicOfficerDto(o.Name, o.CertificateNumber, o.Issuer, o.Fields, o.ValidFrom, o.ValidTo,
                o.EffectiveStatus(today).Chinese(), o.IsReviewer)).ToList(),
            items.Select(i => new ItemSummary(i.Code, i.Name, i.Category.Chinese(), i.Procedure.Chinese(),
                i.LegalBasis.Select(l => l.Citation).ToList(), i.RandomInspection, i.LegalReviewRequired, i.LegalReviewCriteria?.Describe())).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateContacts(string code, ContactsUpdate update,
        SanxiangDbContext db, HttpContext http, AuditLog audit)
    {
        var agency = await db.Agencies.FirstOrDefaultAsync(x => x.Code == code);
        if (agency is null)
        {
            return TypedResults.Problem(Problems.Create(http, 404, detail: $"执法主体“{code}”不存在。"));
        }

        var user = http.User;
        var own = user.Agency() == agency.Id && user.IsInRole(Roles.AgencyHead);
        if (!own && !user.IsInRole(Roles.Supervisor))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, $"agency:{code}/contacts", "非本机关负责人修改联系方式");
            return TypedResults.Problem(Problems.Create(http, 403, detail: "只有本机关负责人或县司法局监督人员可以修改该执法主体的联系方式。"));
        }

        var errors = new Dictionary<string, string[]>();
        if (update.Phone is { } phone && !IsPhone(phone))
        {
            errors["phone"] = ["办公电话格式不正确：应为区号-号码（如 0791-88001234）或 11 位手机号码。"];
        }

        if (update.ComplaintPhone is { } complaint && !IsPhone(complaint) && !(complaint.Length is >= 5 and <= 6 && complaint.All(char.IsAsciiDigit)))
        {
            errors["complaintPhone"] = ["投诉举报电话格式不正确：应为区号-号码、11 位手机号码或 12345 等服务号码。"];
        }

        if (update.Postcode is { } postcode && !(postcode.Length == 6 && postcode.All(char.IsAsciiDigit)))
        {
            errors["postcode"] = ["邮政编码应为 6 位数字。"];
        }

        if (update.Address is { } address && (string.IsNullOrWhiteSpace(address) || address.Length > 200))
        {
            errors["address"] = ["办公地址不能为空，且不超过 200 字。"];
        }

        if (update.OfficeHours is { Length: > 100 })
        {
            errors["officeHours"] = ["办公时间不超过 100 字。"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(Problems.Create(http, 400, "联系方式有误", "请按提示修改后重新提交。", errors));
        }

        agency.Address = update.Address?.Trim() ?? agency.Address;
        agency.Postcode = update.Postcode ?? agency.Postcode;
        agency.Phone = update.Phone?.Trim() ?? agency.Phone;
        agency.ComplaintPhone = update.ComplaintPhone?.Trim() ?? agency.ComplaintPhone;
        agency.OfficeHours = update.OfficeHours?.Trim() ?? agency.OfficeHours;

        // A change of what the public sees (PUB-1/PUB-2) goes into the record log with the facts as now published.
        db.Record(new LedgerEvent("agency-contacts-changed", null, agency.Id, Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var actor) ? actor : null,
            user.IsInRole(Roles.Supervisor) ? Roles.Supervisor : Roles.AgencyHead,
            new JsonObject
            {
                ["agency"] = agency.Code,
                ["address"] = agency.Address,
                ["postcode"] = agency.Postcode,
                ["phone"] = agency.Phone,
                ["complaintPhone"] = agency.ComplaintPhone,
                ["officeHours"] = agency.OfficeHours,
            },
            IsPublic: true));
        await db.SaveChangesAsync();
        await audit.WriteAsync(AuditActions.AgencyContactsChanged, AuditResult.Success, $"agency:{code}");
        return TypedResults.NoContent();
    }

    private static bool IsPhone(string value) => RegistryRules.CheckPhone(value) is null;

    private static async Task<Ok<List<InternalOfficerDto>>> ListOfficers(SanxiangDbContext db, TimeProvider clock)
    {
        // The query filter limits this to the caller's agency (the whole county for supervisors).
        var rows = await (from o in db.ScopedOfficerEntriesInForce(Sanxiang.Core.ChinaTime.Today(clock))
                          join p in db.Officers on o.OfficerId equals p.Id
                          join a in db.Agencies on o.AgencyId equals a.Id
                          orderby a.SortOrder, o.CertificateNumber
                          select new { o, p.Mobile, a.Code }).ToListAsync();
        return TypedResults.Ok(rows.Select(r => ToInternal(r.o, r.Mobile, r.Code)).ToList());
    }

    private static async Task<Results<Ok<InternalOfficerDto>, ProblemHttpResult>> GetOfficer(Guid id, SanxiangDbContext db, HttpContext http, AuditLog audit, TimeProvider clock)
    {
        var row = await (from o in db.ScopedOfficerEntriesInForce(Sanxiang.Core.ChinaTime.Today(clock))
                         join p in db.Officers on o.OfficerId equals p.Id
                         join a in db.Agencies on o.AgencyId equals a.Id
                         where o.OfficerId == id
                         select new { o, p.Mobile, a.Code }).FirstOrDefaultAsync();
        if (row is not null)
        {
            return TypedResults.Ok(ToInternal(row.o, row.Mobile, row.Code));
        }

        // Same answer whether the officer is absent or another agency's (no probing), but an attempt on another
        // agency's record is an access denied, and the audit log says so.
        if (await db.Officers.IgnoreQueryFilters().AnyAsync(o => o.Id == id))
        {
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, $"officer:{id}", "读取其他执法主体的执法人员信息");
        }

        return TypedResults.Problem(Problems.Create(http, 404, detail: "执法人员不存在，或不属于您所在的执法主体。"));
    }

    private static InternalOfficerDto ToInternal(OfficerEntry o, string? mobile, string agencyCode) =>
        new(o.OfficerId, agencyCode, o.Name, o.Gender, o.Position, o.CertificateNumber, o.Issuer, o.Fields, o.ValidFrom, o.ValidTo,
            o.Status.Chinese(), o.IsReviewer, o.LegalQualificationNumber, mobile, o.FiledOn);
}
