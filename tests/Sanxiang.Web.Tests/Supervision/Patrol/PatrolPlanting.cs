using System.Globalization;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Supervision.Patrol;

/// <summary>
/// A dedicated agency per test, with its approved lists, two certified officers and a quarter of decisions published on
/// the portal, so that a patrol scoped to it sees only what the test planted (the demo county's data stays out).
/// </summary>
internal static class PatrolPlanting
{
    public sealed record Planted(Guid AgencyId, string Code, string Name, Dictionary<string, long> Entries);

    public const string Phone = "0796-8229999";

    /// <summary>A decision text as a clerk publishes it: the party masked, the officers and the agency's phone kept.</summary>
    public static string Text(string agency, string number, string officers) =>
        $"{agency}\n行政处罚决定书\n{number}\n当事人：王某\n住址：安和县城关镇****\n"
        + "经查，当事人经营毒死蜱残留量超过食品安全国家标准限量的芹菜，货值金额共计680元，违法所得150元，有抽样检验报告、进货凭证和询问笔录为证。\n"
        + $"本案执法人员：{officers}。\n"
        + "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项，决定没收违法所得150元，并处罚款60000元。\n"
        + "如不服本决定，可以在收到本决定书之日起六十日内向安和县人民政府申请行政复议，也可以在六个月内向安和县人民法院提起行政诉讼。\n"
        + $"联系电话：{Phone}\n{agency}";

    /// <param name="problems">Plant the four problems of issue 9 (late, no full text, a phone number, an officer not listed).</param>
    public static Task<Planted> PlantAsync(SanxiangApp app, Quarter quarter, bool problems, int clean = 3) => app.WithDbAsync(async (db, _) =>
    {
        var code = "TP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var name = $"安和县巡查试点局{code}";
        var agency = new Agency
        {
            Id = Guid.NewGuid(), Code = code, Name = name, ShortName = "试点局", CaseNumberPrefix = "安试" + code[2..6], Uscc = ValidUscc(),
            Kind = AgencyKind.StatutoryOrgan, Level = "县级", Jurisdiction = "安和县行政区域", Duties = "依法实施行政检查和行政处罚。", LegalBasis = "《中华人民共和国行政处罚法》",
            Address = "安和县城关镇人民路1号", Phone = Phone, ReconsiderationOrgan = "安和县人民政府", CompetentCourt = "安和县人民法院", SortOrder = 900,
        };
        db.Agencies.Add(agency);
        var start = new DateOnly(2025, 1, 1);
        var items = new RegistryVersion { Id = Guid.NewGuid(), AgencyId = agency.Id, Kind = RegistryListKind.Items, Number = 1, Status = VersionStatus.Approved, EffectiveFrom = start,
            ReasonText = "首次公布", CreatedAtUtc = DateTimeOffset.UtcNow, ApprovedAtUtc = DateTimeOffset.UtcNow };
        var officers = new RegistryVersion { Id = Guid.NewGuid(), AgencyId = agency.Id, Kind = RegistryListKind.Officers, Number = 1, Status = VersionStatus.Approved, EffectiveFrom = start,
            ReasonText = "首次公布", CreatedAtUtc = DateTimeOffset.UtcNow, ApprovedAtUtc = DateTimeOffset.UtcNow };
        db.RegistryVersions.AddRange(items, officers);
        var item = new EnforcementItem { Id = Guid.NewGuid(), AgencyId = agency.Id, VersionId = items.Id, Code = $"360736-{code}-CF-001", Name = "对经营不符合食品安全标准的食用农产品的处罚",
            Category = Category.Penalty, Procedure = ProcedureKind.GeneralPenalty };
        db.EnforcementItems.Add(item);
        var certificates = new[] { ("李明", "36073691001"), ("赵红", "36073691002") };
        foreach (var (person, number) in certificates)
        {
            var officer = new Officer { Id = Guid.NewGuid(), AgencyId = agency.Id };
            db.Officers.Add(officer);
            db.OfficerEntries.Add(new OfficerEntry { Id = Guid.NewGuid(), AgencyId = agency.Id, VersionId = officers.Id, OfficerId = officer.Id, Name = person, Gender = "男",
                CertificateNumber = number, Issuer = "安和县人民政府", Fields = ["市场监管"], ValidFrom = new(2024, 1, 1), ValidTo = new(2029, 12, 31), Status = CertificateStatus.Valid });
        }

        var named = "李明（执法证号：36073691001）、赵红（执法证号：36073691002）";
        var calendar = WorkdayCalendar.Official;
        var entries = new Dictionary<string, long>(StringComparer.Ordinal);
        var sequence = 0;
        var plan = new List<(string Key, DateOnly Decided, int PublishAfterDue, string? Facts, string? FullText)>();
        for (var i = 0; i < clean; i++)
        {
            plan.Add(($"clean{i}", quarter.First.AddDays(7 + 9 * i), -3, null, ""));
        }

        if (problems)
        {
            plan.Add(("late", quarter.First.AddDays(35), 5, null, ""));
            plan.Add(("nofulltext", quarter.First.AddDays(40), -2, null, null));
            plan.Add(("phone", quarter.First.AddDays(45), -2, "当事人王某（联系电话13907961234）经营毒死蜱残留量超标的芹菜。", ""));
            plan.Add(("stranger", quarter.First.AddDays(50), -2, null, Text(name, "", "李明（执法证号：36073691001）、孙强（执法证号：36073699999）")));
        }

        var published = new List<(string Key, PublishedDecision Entry)>();
        foreach (var (key, decided, after, facts, fullText) in plan)
        {
            sequence++;
            var number = string.Create(CultureInfo.InvariantCulture, $"{agency.CaseNumberPrefix}立〔{decided.Year}〕{sequence}号");
            var documentNumber = string.Create(CultureInfo.InvariantCulture, $"{agency.CaseNumberPrefix}罚〔{decided.Year}〕{sequence}号");
            var @case = new Case
            {
                Id = Guid.NewGuid(), AgencyId = agency.Id, Number = number, Year = decided.Year, Sequence = sequence, ItemId = item.Id, ItemCode = item.Code, ItemName = item.Name,
                Procedure = ProcedureKind.GeneralPenalty, Status = "close", Cause = "涉嫌经营农药残留超过食品安全标准限量的食用农产品案", Source = "监督检查",
                Party = new CaseParty { Kind = PartyKind.Person, Name = "王大伟", Address = "安和县城关镇" }, OccurredOn = decided.AddDays(-30), OpenedOn = decided.AddDays(-25),
                CreatedAtUtc = DateTimeOffset.UtcNow,
            };
            db.Cases.Add(@case);
            var due = calendar.AddWorkdays(decided, 7);
            var on = after < 0 ? decided.AddDays(1) : due.AddDays(after);
            var task = new PublicationTask
            {
                Id = Guid.NewGuid(), AgencyId = agency.Id, CaseId = @case.Id, CaseNumber = number, Kind = PublicationTaskKind.Publish, Procedure = ProcedureKind.GeneralPenalty,
                Category = PublicationCategory.Penalty, DecidedOn = decided, WorkingDays = 7, DueOn = due, Status = PublicationStatus.Published, CreatedAtUtc = DateTimeOffset.UtcNow,
                ClosedAtUtc = DateTimeOffset.UtcNow,
            };
            db.PublicationTasks.Add(task);
            var entry = new PublishedDecision
            {
                AgencyId = agency.Id, AgencyName = name, TaskId = task.Id, CaseId = @case.Id, Category = PublicationCategory.Penalty, Procedure = ProcedureKind.GeneralPenalty,
                Title = "行政处罚决定书", DocumentNumber = documentNumber, CaseNumber = number, ItemName = item.Name, PartyName = "王某", PartyKind = PartyKind.Person,
                Cause = @case.Cause, Facts = facts ?? "当事人经营毒死蜱残留量超过食品安全国家标准限量的芹菜。", Basis = "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项",
                PenaltyKinds = "没收违法所得、罚款", Result = "没收违法所得150元，并处罚款60000元。", FineYuan = 60000,
                FullText = fullText is null ? null : fullText.Length == 0 ? Text(name, documentNumber, named) : fullText.Replace("\n\n", "\n" + documentNumber + "\n", StringComparison.Ordinal),
                DecidedOn = decided, PublishedOn = on, PublishedAtUtc = DateTimeOffset.UtcNow, PublicUntil = on.AddMonths(12), RepairableFrom = on.AddMonths(3),
                State = PublishedState.Public, ContentSha256 = new string('0', 64),
            };
            db.PublishedDecisions.Add(entry);
            published.Add((key, entry));
        }

        await db.SaveChangesAsync();
        foreach (var (key, entry) in published)
        {
            entries[key] = entry.Id;
        }

        return new Planted(agency.Id, code, name, entries);
    });

    /// <summary>A valid, random unified social credit code of a county organ (the agency directory's export and import check it).</summary>
    private static string ValidUscc()
    {
        var first = ("11360736" + Guid.NewGuid().ToString("N")[..9]).ToUpperInvariant();
        return first + Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter(first);
    }
}
