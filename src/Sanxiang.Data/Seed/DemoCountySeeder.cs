using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Validation;
using System.Text.Json.Nodes;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Seed;

/// <summary>One demo account and the password generated for it on this install.</summary>
public sealed record DemoAccount(string UserName, string Password, string DisplayName, string AgencyName, IReadOnlyList<string> Roles);

/// <summary>
/// Seeds the demo county (安和县) from the embedded <c>Seed/demo-county.json</c>: agencies, officers with certificates,
/// enforcement items, and an account for every role. Passwords are generated per install, never stored in the repository.
/// </summary>
public sealed class DemoCountySeeder(SanxiangDbContext db, AccountService accounts, TimeProvider clock)
{
    /// <summary>Code of the county judicial bureau, which the supervisors and the three administrators belong to.</summary>
    public const string JudicialBureauCode = "SFJ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static DemoCountyData Load()
    {
        using var stream = typeof(DemoCountySeeder).Assembly.GetManifestResourceStream("Sanxiang.Data.Seed.demo-county.json")
            ?? throw new InvalidOperationException("演示数据资源 demo-county.json 缺失。");
        return JsonSerializer.Deserialize<DemoCountyData>(stream, Json)
            ?? throw new InvalidOperationException("演示数据 demo-county.json 为空。");
    }

    /// <summary>
    /// Seeds when the database holds no agency yet; returns the accounts created, or null when there was something already.
    /// <paramref name="password"/> gives every account the same password (test hosts only); otherwise each gets a random one.
    /// </summary>
    public async Task<IReadOnlyList<DemoAccount>?> SeedAsync(string? password = null, CancellationToken ct = default)
    {
        if (await db.Agencies.AnyAsync(ct))
        {
            return null;
        }

        await accounts.EnsureRolesAsync();
        var data = Load();
        if (data.Agencies.All(a => a.Code != JudicialBureauCode))
        {
            throw new InvalidOperationException($"演示数据缺少县司法局（代码 {JudicialBureauCode}）：监督人员和管理员账号属于它。");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var agencies = new Dictionary<string, Agency>(StringComparer.Ordinal);
        var order = 0;
        foreach (var a in data.Agencies)
        {
            var agency = new Agency
            {
                Id = Guid.CreateVersion7(),
                Code = a.Code,
                Name = a.Name,
                ShortName = a.ShortName,
                CaseNumberPrefix = a.CaseNumberPrefix,
                Uscc = a.Uscc,
                Kind = a.Kind,
                Level = a.Level,
                Jurisdiction = a.Jurisdiction,
                Duties = a.Duties,
                LegalBasis = a.LegalBasis,
                Address = a.Address,
                Postcode = a.Postcode,
                Phone = a.Phone,
                ComplaintPhone = a.ComplaintPhone,
                OfficeHours = a.OfficeHours,
                ReconsiderationOrgan = a.ReconsiderationOrgan,
                CompetentCourt = a.CompetentCourt,
                SortOrder = order++,
            };
            if (UnifiedSocialCreditCode.Validate(agency.Uscc) is { IsValid: false } bad)
            {
                throw new InvalidOperationException($"演示数据中 {agency.Name} 的统一社会信用代码无效：{bad.Reason}");
            }

            agencies.Add(a.Code, agency);
        }

        foreach (var a in data.Agencies)
        {
            agencies[a.Code].ParentId = a.Parent is null ? null : agencies[a.Parent].Id;
            agencies[a.Code].EntrustedById = a.EntrustedBy is null ? null : agencies[a.EntrustedBy].Id;
        }

        db.Agencies.AddRange(agencies.Values);

        var officers = data.Officers.Select(o => new Officer
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencies[o.Agency].Id,
            Name = o.Name,
            Gender = o.Gender,
            Position = o.Position,
            CertificateNumber = o.CertificateNumber,
            Issuer = o.Issuer,
            Fields = [.. o.Fields],
            ValidFrom = o.ValidFrom,
            ValidTo = o.ValidTo,
            Status = o.Status,
            IsReviewer = o.IsReviewer,
            LegalQualificationNumber = o.LegalQualificationNumber,
            Mobile = o.Mobile,
            FiledOn = o.FiledWithJudicialBureau,
        }).ToList();
        db.Officers.AddRange(officers);

        db.EnforcementItems.AddRange(data.Items.Select(i => new EnforcementItem
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencies[i.Agency].Id,
            Code = i.Code,
            Name = i.Name,
            Category = i.Category,
            Procedure = i.Procedure,
            LegalBasis = [.. i.LegalBasis.Select(l => new LegalReference(l.Law, l.Article, l.Paragraph, l.Item, l.Text, l.Quoted))],
            RandomInspection = i.RandomInspection,
            LegalReviewRequired = i.LegalReviewRequired,
            Summary = i.Summary,
        }));

        // The registry's first publication is part of the public record (PUB-1, PUB-2): one event per agency with what
        // was published, so that later versions can be checked against it.
        foreach (var agency in agencies.Values)
        {
            db.Record(new LedgerEvent("registry-published", null, agency.Id, null, null, new JsonObject
            {
                ["agency"] = new JsonObject { ["code"] = agency.Code, ["name"] = agency.Name, ["uscc"] = agency.Uscc, ["kind"] = agency.Kind.ToString() },
                ["officers"] = new JsonArray([.. officers.Where(o => o.AgencyId == agency.Id && o.Status != CertificateStatus.Revoked)
                    .OrderBy(o => o.CertificateNumber, StringComparer.Ordinal)
                    .Select(o => (JsonNode)new JsonObject { ["certificate"] = o.CertificateNumber, ["name"] = o.Name, ["validTo"] = o.ValidTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })]),
                ["items"] = new JsonArray([.. data.Items.Where(i => i.Agency == agency.Code).OrderBy(i => i.Code, StringComparer.Ordinal)
                    .Select(i => (JsonNode)new JsonObject { ["code"] = i.Code, ["name"] = i.Name, ["category"] = i.Category.ToString() })]),
            }, IsPublic: true));
        }

        await db.SaveChangesAsync(ct);

        var created = new List<DemoAccount>();
        foreach (var plan in PlanAccounts(data, agencies, officers, Core.ChinaTime.Today(clock)))
        {
            var secret = password ?? AccountService.GeneratePassword();
            var (account, errors) = await accounts.CreateAsync(plan.UserName, plan.DisplayName, plan.AgencyCode, plan.Roles, secret, plan.OfficerId);
            if (account is null)
            {
                throw new InvalidOperationException($"无法创建演示账号 {plan.UserName}：{string.Join("；", errors)}");
            }

            created.Add(new DemoAccount(plan.UserName, secret, plan.DisplayName, agencies[plan.AgencyCode].Name, plan.Roles));
        }

        await tx.CommitAsync(ct);
        return created;
    }

    private sealed record AccountPlan(string UserName, string DisplayName, string AgencyCode, string[] Roles, Guid? OfficerId);

    /// <summary>
    /// An account for every role: in every agency an officer and the agency head; in the first agency the whole handling
    /// chain (unit head, reviewer, publicity clerk); in the judicial bureau a supervisor and the three administrators.
    /// </summary>
    private static IEnumerable<AccountPlan> PlanAccounts(DemoCountyData data, Dictionary<string, Agency> agencies, List<Officer> officers, DateOnly today)
    {
        foreach (var a in data.Agencies)
        {
            var id = agencies[a.Code].Id;
            var code = a.Code.ToLowerInvariant();
            var staff = officers.Where(o => o.AgencyId == id && o.IsCertifiedOn(today) && !o.IsReviewer).ToList();
            var reviewers = officers.Where(o => o.AgencyId == id && o.IsReviewer).ToList();
            if (staff.Count > 0)
            {
                yield return new AccountPlan($"{code}.officer", staff[0].Name, a.Code, [Roles.Officer], staff[0].Id);
            }

            if (a.Code == data.Agencies[0].Code)
            {
                if (staff.Count > 1)
                {
                    yield return new AccountPlan($"{code}.officer2", staff[1].Name, a.Code, [Roles.Officer], staff[1].Id);
                }

                if (staff.Count > 2)
                {
                    yield return new AccountPlan($"{code}.unithead", staff[2].Name, a.Code, [Roles.UnitHead, Roles.Officer], staff[2].Id);
                }

                if (reviewers.Count > 0)
                {
                    yield return new AccountPlan($"{code}.reviewer", reviewers[0].Name, a.Code, [Roles.Reviewer], reviewers[0].Id);
                }

                yield return new AccountPlan($"{code}.clerk", $"{a.ShortName}公示专员", a.Code, [Roles.PublicityClerk], null);
            }

            yield return new AccountPlan($"{code}.head", $"{a.ShortName}负责人", a.Code, [Roles.AgencyHead], null);
        }

        yield return new AccountPlan("sfj.supervisor", "县司法局执法监督科", JudicialBureauCode, [Roles.Supervisor], null);
        yield return new AccountPlan("sysadmin", "系统管理员", JudicialBureauCode, [Roles.SystemAdministrator], null);
        yield return new AccountPlan("secadmin", "安全管理员", JudicialBureauCode, [Roles.SecurityAdministrator], null);
        yield return new AccountPlan("auditadmin", "安全审计员", JudicialBureauCode, [Roles.AuditAdministrator], null);
    }
}

public sealed class DemoCountyData
{
    public required DemoCounty County { get; init; }
    public required List<DemoAgency> Agencies { get; init; }
    public required List<DemoOfficer> Officers { get; init; }
    public required List<DemoItem> Items { get; init; }
}

public sealed class DemoCounty
{
    public required string Name { get; init; }
    public required string Government { get; init; }
    public required string DivisionCode { get; init; }
    public required string JudicialBureau { get; init; }
}

public sealed class DemoAgency
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string ShortName { get; init; }
    public required string CaseNumberPrefix { get; init; }
    public required string Uscc { get; init; }
    public AgencyKind Kind { get; init; }
    public string? EntrustedBy { get; init; }
    public required string Level { get; init; }
    public string? Parent { get; init; }
    public required string Jurisdiction { get; init; }
    public required string Duties { get; init; }
    public required string LegalBasis { get; init; }
    public required string Address { get; init; }
    public string? Postcode { get; init; }
    public required string Phone { get; init; }
    public string? ComplaintPhone { get; init; }
    public string? OfficeHours { get; init; }
    public required string ReconsiderationOrgan { get; init; }
    public required string CompetentCourt { get; init; }
}

public sealed class DemoOfficer
{
    public required string Agency { get; init; }
    public required string Name { get; init; }
    public required string Gender { get; init; }
    public string? Position { get; init; }
    public required string CertificateNumber { get; init; }
    public required string Issuer { get; init; }
    public List<string> Fields { get; init; } = [];
    public DateOnly ValidFrom { get; init; }
    public DateOnly ValidTo { get; init; }
    public CertificateStatus Status { get; init; }
    public bool IsReviewer { get; init; }
    public string? LegalQualificationNumber { get; init; }
    public string? Mobile { get; init; }
    public DateOnly? FiledWithJudicialBureau { get; init; }
}

public sealed class DemoItem
{
    public required string Agency { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public Category Category { get; init; }
    public ProcedureKind Procedure { get; init; }
    public List<DemoLegalReference> LegalBasis { get; init; } = [];
    public bool RandomInspection { get; init; }
    public bool LegalReviewRequired { get; init; }
    public string? Summary { get; init; }
}

public sealed class DemoLegalReference
{
    public required string Law { get; init; }
    public required string Article { get; init; }
    public string? Paragraph { get; init; }
    public string? Item { get; init; }
    public required string Text { get; init; }
    public bool Quoted { get; init; }
}
