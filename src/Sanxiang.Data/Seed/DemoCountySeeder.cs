using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Validation;
using System.Text.Json.Nodes;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;

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

        // Every list is versioned (PUB-2): the demo county's history (earlier versions of some lists) first, then the
        // current lists; each approval is recorded in the log with the SHA-256 of the list's canonical JSON.
        var persons = new Dictionary<string, Officer>(StringComparer.Ordinal);
        var current = new List<OfficerEntry>();
        var approvedAt = clock.GetUtcNow();
        foreach (var agency in agencies.Values.OrderBy(a => a.SortOrder))
        {
            foreach (var kind in new[] { RegistryListKind.Items, RegistryListKind.Officers })
            {
                var history = data.History.Where(h => h.Agency == agency.Code && h.List == kind).OrderBy(h => h.EffectiveFrom).ToList();
                var now = data.Current.FirstOrDefault(c => c.Agency == agency.Code && c.List == kind)
                    ?? new DemoVersion { Agency = agency.Code, List = kind, EffectiveFrom = InitialDate, Reason = ChangeReason.Initial, ReasonText = "首次公布。" };
                var number = 0;
                Guid? basedOn = null;
                foreach (var version in history.Append(now))
                {
                    var v = new RegistryVersion
                    {
                        Id = Guid.CreateVersion7(),
                        AgencyId = agency.Id,
                        Kind = kind,
                        Number = ++number,
                        Status = VersionStatus.Approved,
                        EffectiveFrom = version.EffectiveFrom,
                        Reason = version.Reason,
                        ReasonText = version.ReasonText,
                        BasedOnId = basedOn,
                        CreatedAtUtc = approvedAt,
                        ApprovedAtUtc = approvedAt,
                    };
                    basedOn = v.Id;
                    db.RegistryVersions.Add(v);
                    JsonArray content;
                    if (kind == RegistryListKind.Items)
                    {
                        var items = (ReferenceEquals(version, now) ? data.Items.Where(i => i.Agency == agency.Code) : version.Items)
                            .Select(i => ToItem(i, agency.Id, v.Id)).ToList();
                        db.EnforcementItems.AddRange(items);
                        content = RegistryJson.Items(items);
                    }
                    else
                    {
                        var entries = (ReferenceEquals(version, now) ? data.Officers.Where(o => o.Agency == agency.Code) : version.Officers)
                            .Select(o => ToEntry(o, agency.Id, v.Id, persons)).ToList();
                        db.OfficerEntries.AddRange(entries);
                        if (ReferenceEquals(version, now))
                        {
                            current.AddRange(entries);
                        }

                        content = RegistryJson.Officers(entries);
                    }

                    v.ContentSha256 = RegistryJson.Sha256(content);
                    db.Record(RegistryLists.ApprovalEvent(v, agency.Code, content.Count, null));
                }
            }
        }

        db.Officers.AddRange(persons.Values);
        await db.SaveChangesAsync(ct);

        var created = new List<DemoAccount>();
        foreach (var plan in PlanAccounts(data, agencies, current, Core.ChinaTime.Today(clock)))
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

    /// <summary>The date the demo county's lists were first published.</summary>
    private static readonly DateOnly InitialDate = new(2025, 3, 1);

    private static EnforcementItem ToItem(DemoItem i, Guid agencyId, Guid versionId) => new()
    {
        Id = Guid.CreateVersion7(),
        AgencyId = agencyId,
        VersionId = versionId,
        Code = i.Code,
        Name = i.Name,
        Category = i.Category,
        Procedure = i.Procedure,
        LegalBasis = [.. i.LegalBasis.Select(l => new LegalReference(l.Law, l.Article, l.Paragraph, l.Item, l.Text, l.Quoted))],
        RandomInspection = i.RandomInspection,
        RandomInspectionPlan = i.RandomInspectionPlan is { } p ? new RandomInspectionPlan(p.RatioPercent, p.Frequency, p.Targets ?? "") : null,
        LegalReviewRequired = i.LegalReviewRequired,
        LegalReviewCriteria = i.LegalReviewCriteria is { } c
            ? new LegalReviewCriteria { FinePerson = c.FinePerson, FineOrganisation = c.FineOrganisation, PenaltyKinds = [.. c.PenaltyKinds] }
            : null,
        Discretion = [.. i.Discretion.Select(t => new DiscretionTier
        {
            Tier = t.Tier,
            Circumstances = t.Circumstances,
            Penalties = [.. t.Penalties.Select(x => new PenaltyRange
            {
                Kind = x.Kind,
                Minimum = x.MinYuan,
                Maximum = x.MaxYuan,
                Unit = x.Unit ?? (x.MultipleOf is null ? (x.MinYuan is null && x.MaxYuan is null ? null : "元") : "倍"),
                MultipleOf = x.MultipleOf,
                Note = x.Note,
            })],
        })],
        ServiceGuide = i.ServiceGuide is { } g ? new ServiceGuide
        {
            Where = g.Where,
            Materials = [.. g.Materials],
            TimeLimit = g.TimeLimit,
            Fees = g.Fees,
            Complaint = g.Complaint,
            Remedy = g.Remedy,
        } : null,
        Summary = i.Summary,
    };

    /// <summary>One entry of the officer list; the person is found by certificate number across versions.</summary>
    private static OfficerEntry ToEntry(DemoOfficer o, Guid agencyId, Guid versionId, Dictionary<string, Officer> persons)
    {
        if (!persons.TryGetValue(o.CertificateNumber, out var person))
        {
            person = new Officer { Id = Guid.CreateVersion7(), AgencyId = agencyId, Mobile = o.Mobile };
            persons.Add(o.CertificateNumber, person);
        }

        return new OfficerEntry
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            VersionId = versionId,
            OfficerId = person.Id,
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
            FiledOn = o.FiledWithJudicialBureau,
        };
    }

    private sealed record AccountPlan(string UserName, string DisplayName, string AgencyCode, string[] Roles, Guid? OfficerId);

    /// <summary>
    /// An account for every role: in every agency an officer and the agency head; in the first agency the whole handling
    /// chain (unit head, reviewer, publicity clerk); in the judicial bureau a supervisor and the three administrators.
    /// </summary>
    private static IEnumerable<AccountPlan> PlanAccounts(DemoCountyData data, Dictionary<string, Agency> agencies, List<OfficerEntry> officers, DateOnly today)
    {
        foreach (var a in data.Agencies)
        {
            var id = agencies[a.Code].Id;
            var code = a.Code.ToLowerInvariant();
            var staff = officers.Where(o => o.AgencyId == id && o.IsCertifiedOn(today) && !o.IsReviewer).ToList();
            var reviewers = officers.Where(o => o.AgencyId == id && o.IsReviewer).ToList();
            if (staff.Count > 0)
            {
                yield return new AccountPlan($"{code}.officer", staff[0].Name, a.Code, [Roles.Officer], staff[0].OfficerId);
            }

            if (a.Code == data.Agencies[0].Code)
            {
                if (staff.Count > 1)
                {
                    yield return new AccountPlan($"{code}.officer2", staff[1].Name, a.Code, [Roles.Officer], staff[1].OfficerId);
                }

                if (staff.Count > 2)
                {
                    yield return new AccountPlan($"{code}.unithead", staff[2].Name, a.Code, [Roles.UnitHead, Roles.Officer], staff[2].OfficerId);
                }

                if (reviewers.Count > 0)
                {
                    yield return new AccountPlan($"{code}.reviewer", reviewers[0].Name, a.Code, [Roles.Reviewer], reviewers[0].OfficerId);
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

    /// <summary>Earlier versions of some lists, oldest first.</summary>
    public List<DemoVersion> History { get; init; } = [];

    /// <summary>Effective date and reason of the current version of some lists (the others: first published 2025-03-01).</summary>
    public List<DemoVersion> Current { get; init; } = [];
}

public sealed class DemoVersion
{
    public required string Agency { get; init; }
    public RegistryListKind List { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public ChangeReason Reason { get; init; }
    public required string ReasonText { get; init; }
    public List<DemoItem> Items { get; init; } = [];
    public List<DemoOfficer> Officers { get; init; } = [];
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
    public DemoInspectionPlan? RandomInspectionPlan { get; init; }
    public bool LegalReviewRequired { get; init; }
    public DemoReviewCriteria? LegalReviewCriteria { get; init; }
    public string? Summary { get; init; }
    public List<DemoTier> Discretion { get; init; } = [];
    public DemoServiceGuide? ServiceGuide { get; init; }
}

public sealed class DemoReviewCriteria
{
    public long? FinePerson { get; init; }
    public long? FineOrganisation { get; init; }
    public List<PenaltyKind> PenaltyKinds { get; init; } = [];
}

public sealed class DemoInspectionPlan
{
    public int RatioPercent { get; init; }
    public required string Frequency { get; init; }
    public string? Targets { get; init; }
}

public sealed class DemoTier
{
    public required string Tier { get; init; }
    public required string Circumstances { get; init; }
    public List<DemoPenalty> Penalties { get; init; } = [];
}

public sealed class DemoPenalty
{
    public PenaltyKind Kind { get; init; }
    public long? MinYuan { get; init; }
    public long? MaxYuan { get; init; }
    public string? Unit { get; init; }
    public string? MultipleOf { get; init; }
    public string? Note { get; init; }
}

public sealed class DemoServiceGuide
{
    public required string Where { get; init; }
    public List<string> Materials { get; init; } = [];
    public required string TimeLimit { get; init; }
    public required string Fees { get; init; }
    public required string Complaint { get; init; }
    public string? Remedy { get; init; }
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
