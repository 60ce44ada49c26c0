using System.Globalization;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Supervision.AnnualReport;

/// <summary>
/// A dedicated agency per test with a year of planted cases — penalties of every kind, licensing, coercion, a hearing,
/// court enforcement, publication tasks —, an officer list in force on 31 December, and cases just outside the year, so
/// that a test counts the year independently from the plan and the demo county stays out of it.
/// </summary>
internal static class AnnualReportPlanting
{
    /// <summary>One planted case: procedure, the day decided (null: undecided), outcome, kinds, fine and confiscation.</summary>
    public sealed record PlannedCase(ProcedureKind Procedure, DateOnly Opened, DateOnly? Decided, string? Outcome, string? Kinds = null, long? Fine = null,
        long? Confiscated = null, DateOnly? Hearing = null, DateOnly? Court = null);

    public sealed record Planted(Guid AgencyId, string Code, string Name, int Year, IReadOnlyList<PlannedCase> Cases, int Officers, int Reviewers,
        int PublishedOnTime, int PublishedLate, int Exempt);

    /// <summary>The plan: inside the year, and around its edges (the day before 1 January, the day after 31 December).</summary>
    public static IReadOnlyList<PlannedCase> Plan(int year)
    {
        DateOnly D(int month, int day) => new(year, month, day);
        return
        [
            new(ProcedureKind.GeneralPenalty, D(1, 3), D(2, 20), "给予行政处罚", "Fine,ConfiscateIllegalGains", 60000, 150, Hearing: D(2, 10)),
            new(ProcedureKind.GeneralPenalty, D(3, 1), D(4, 15), "给予行政处罚", "Warning,CriticismNotice"),
            new(ProcedureKind.GeneralPenalty, D(5, 2), D(6, 30), "给予行政处罚", "Fine,RevokeLicence", 20000, Court: D(9, 1)),
            new(ProcedureKind.GeneralPenalty, D(6, 1), D(7, 20), "给予行政处罚", "SuspendProduction,ConfiscateIllegalProperty", Confiscated: 3200),
            new(ProcedureKind.GeneralPenalty, D(8, 1), D(9, 10), "不予行政处罚"),
            new(ProcedureKind.GeneralPenalty, D(9, 1), D(10, 8), "移送司法机关"),
            new(ProcedureKind.GeneralPenalty, D(11, 1), D(12, 31), "给予行政处罚", "Fine", 5000),
            new(ProcedureKind.SummaryPenalty, D(4, 4), D(4, 4), null, "Warning"),
            new(ProcedureKind.SummaryPenalty, D(7, 7), D(7, 7), null, "Fine", 200),
            new(ProcedureKind.Licensing, D(2, 2), D(2, 20), "准予许可"),
            new(ProcedureKind.Licensing, D(3, 3), D(3, 25), "准予许可"),
            new(ProcedureKind.Licensing, D(10, 10), D(10, 30), "不予许可"),
            new(ProcedureKind.Licensing, D(12, 20), null, null),
            new(ProcedureKind.CoerciveMeasure, D(5, 5), null, null),
            new(ProcedureKind.CoerciveMeasure, D(8, 8), null, null),
            new(ProcedureKind.Inspection, D(6, 6), null, null),
            // Outside the year: decided the day before it began, opened and decided the day after it ended.
            new(ProcedureKind.GeneralPenalty, new DateOnly(year - 1, 11, 1), new DateOnly(year - 1, 12, 31), "给予行政处罚", "Fine", 7000, Hearing: new DateOnly(year - 1, 12, 20)),
            new(ProcedureKind.GeneralPenalty, new DateOnly(year + 1, 1, 1), new DateOnly(year + 1, 1, 1), "给予行政处罚", "Fine", 9000),
            new(ProcedureKind.Licensing, new DateOnly(year + 1, 1, 1), null, null),
        ];
    }

    public static Task<Planted> PlantAsync(SanxiangApp app, int year) => app.WithDbAsync(async (db, _) =>
    {
        var code = "AR" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var name = $"安和县年报试点局{code}";
        var agency = new Agency
        {
            Id = Guid.NewGuid(), Code = code, Name = name, ShortName = "年报试点局" + code[2..], CaseNumberPrefix = "安年" + code[2..6], Uscc = ValidUscc(),
            Kind = AgencyKind.StatutoryOrgan, Level = "县级", Jurisdiction = "安和县行政区域", Duties = "依法实施行政许可、行政检查和行政处罚。", LegalBasis = "《中华人民共和国行政处罚法》",
            Address = "安和县城关镇人民路2号", Phone = "0796-8220000", ReconsiderationOrgan = "安和县人民政府", CompetentCourt = "安和县人民法院", SortOrder = 950,
        };
        db.Agencies.Add(agency);
        var start = new DateOnly(year - 1, 1, 1);
        var items = new RegistryVersion { Id = Guid.NewGuid(), AgencyId = agency.Id, Kind = RegistryListKind.Items, Number = 1, Status = VersionStatus.Approved, EffectiveFrom = start,
            ReasonText = "首次公布", CreatedAtUtc = DateTimeOffset.UtcNow, ApprovedAtUtc = DateTimeOffset.UtcNow };
        var officers = new RegistryVersion { Id = Guid.NewGuid(), AgencyId = agency.Id, Kind = RegistryListKind.Officers, Number = 1, Status = VersionStatus.Approved, EffectiveFrom = start,
            ReasonText = "首次公布", CreatedAtUtc = DateTimeOffset.UtcNow, ApprovedAtUtc = DateTimeOffset.UtcNow };
        db.RegistryVersions.AddRange(items, officers);
        var item = new EnforcementItem { Id = Guid.NewGuid(), AgencyId = agency.Id, VersionId = items.Id, Code = $"360736-{code}-CF-001", Name = "对经营不符合食品安全标准的食品的处罚",
            Category = Category.Penalty, Procedure = ProcedureKind.GeneralPenalty };
        db.EnforcementItems.Add(item);

        // Three certificates valid on 31 December (one a reviewer), one expired on 30 December, one suspended.
        var people = new (string Name, bool Reviewer, DateOnly To, CertificateStatus Status)[]
        {
            ("周明", false, new(year + 3, 12, 31), CertificateStatus.Valid),
            ("吴芳", true, new(year + 2, 6, 30), CertificateStatus.Valid),
            ("郑伟", false, new(year, 12, 31), CertificateStatus.Valid),
            ("王强", false, new(year, 12, 30), CertificateStatus.Valid),
            ("冯丽", false, new(year + 3, 12, 31), CertificateStatus.Suspended),
        };
        var n = 0;
        foreach (var p in people)
        {
            var officer = new Officer { Id = Guid.NewGuid(), AgencyId = agency.Id };
            db.Officers.Add(officer);
            db.OfficerEntries.Add(new OfficerEntry { Id = Guid.NewGuid(), AgencyId = agency.Id, VersionId = officers.Id, OfficerId = officer.Id, Name = p.Name, Gender = "男",
                CertificateNumber = "3607369" + code[2..6] + (++n).ToString("00", CultureInfo.InvariantCulture), Issuer = "安和县人民政府", Fields = ["市场监管"],
                ValidFrom = new(year - 2, 1, 1), ValidTo = p.To, Status = p.Status, IsReviewer = p.Reviewer });
        }

        var plan = Plan(year);
        var publishable = new List<(Guid CaseId, string Number, DateOnly Decided)>();
        var others = new List<(Guid CaseId, string Number, DateOnly Decided, ProcedureKind Procedure)>();
        var sequence = 0;
        foreach (var c in plan)
        {
            sequence++;
            var id = Guid.NewGuid();
            var at = DateTimeOffset.UtcNow;
            var @case = new Case
            {
                Id = id, AgencyId = agency.Id, Number = string.Create(CultureInfo.InvariantCulture, $"{agency.CaseNumberPrefix}立〔{c.Opened.Year}〕{sequence}号"), Year = c.Opened.Year,
                Sequence = sequence, ItemId = item.Id, ItemCode = item.Code, ItemName = item.Name, Procedure = c.Procedure, Status = "archive", Cause = "年度报告统计测试案件",
                Source = "监督检查", Party = new CaseParty { Kind = PartyKind.Organisation, Name = "安和县某某商贸有限公司", Address = "安和县城关镇" },
                OccurredOn = c.Opened.AddDays(-10), OpenedOn = c.Opened, CreatedAtUtc = at,
            };
            var facts = 0;
            void Fact(string key, string value) => @case.Facts.Add(new CaseFact { Id = Guid.NewGuid(), CaseId = id, Sequence = ++facts, Key = key, Value = value, Step = "decide", RecordedAtUtc = at });
            var steps = 0;
            void Step(string from, string to, DateOnly on) => @case.Steps.Add(new CaseStepRecord { Id = Guid.NewGuid(), CaseId = id, Sequence = ++steps, From = from, To = to, Action = "办理", On = on, AtUtc = at });
            if (c.Kinds is { } kinds)
            {
                // A first value corrected by a later record: the later one counts.
                Fact(FactKeys.PenaltyKinds.Key, "Other");
                Fact(FactKeys.PenaltyKinds.Key, kinds);
            }

            if (c.Fine is { } fine)
            {
                Fact(FactKeys.FineAmount.Key, fine.ToString(CultureInfo.InvariantCulture));
            }

            if (c.Confiscated is { } yuan)
            {
                Fact(FactKeys.ConfiscationAmount.Key, yuan.ToString(CultureInfo.InvariantCulture));
            }

            if (c.Outcome is { } outcome)
            {
                Fact(FactKeys.DecisionKind.Key, outcome);
            }

            if (c.Court is { } court)
            {
                Fact(FactKeys.CourtEnforcementOn.Key, court.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (c.Hearing is { } hearing)
            {
                Step("hearing", "review", hearing);
            }

            if (c.Decided is { } decided)
            {
                Step("decide", "archive", decided);
            }

            db.Cases.Add(@case);
            if (c.Procedure == ProcedureKind.GeneralPenalty && c.Outcome == "给予行政处罚" && c.Decided is { Year: var y } d && y == year && publishable.Count < 3)
            {
                publishable.Add((id, @case.Number, d));
            }
            else if (c.Decided is { } other)
            {
                others.Add((id, @case.Number, other, c.Procedure));
            }
        }

        // Every decision has its publication task, as case handling makes it (other tests check that of every decided
        // case): summary penalties closed by the named rule, the rest not published on a named ground.
        foreach (var (caseId, number, decided, procedure) in others)
        {
            db.PublicationTasks.Add(new PublicationTask
            {
                Id = Guid.NewGuid(), AgencyId = agency.Id, CaseId = caseId, CaseNumber = number, Kind = PublicationTaskKind.Publish, Procedure = procedure,
                Category = PublicationRules.CategoryOf(procedure), DecidedOn = decided, WorkingDays = 7, DueOn = WorkdayCalendar.Official.AddWorkdays(decided, 7),
                Status = PublicationStatus.Exempt, CreatedAtUtc = DateTimeOffset.UtcNow, ClosedAtUtc = DateTimeOffset.UtcNow,
                Exemption = procedure == ProcedureKind.SummaryPenalty
                    ? "适用简易程序当场作出的行政处罚决定不予公示（本机关公示规定仅公示适用普通程序作出的行政处罚决定）"
                    : PublicationRules.ExemptionGrounds[3] + "：年度报告统计测试案件",
            });
        }

        // Publication of the year's decisions: two on time, one late (the task's due day is what the figures compare).
        var calendar = WorkdayCalendar.Official;
        foreach (var ((caseId, number, decided), after) in publishable.Zip([-1, -2, 4]))
        {
            var due = calendar.AddWorkdays(decided, 7);
            var on = after < 0 ? decided.AddDays(1) : due.AddDays(after);
            var task = new PublicationTask
            {
                Id = Guid.NewGuid(), AgencyId = agency.Id, CaseId = caseId, CaseNumber = number, Kind = PublicationTaskKind.Publish,
                Procedure = ProcedureKind.GeneralPenalty, Category = PublicationCategory.Penalty, DecidedOn = decided, WorkingDays = 7, DueOn = due,
                Status = PublicationStatus.Published, CreatedAtUtc = DateTimeOffset.UtcNow, ClosedAtUtc = DateTimeOffset.UtcNow,
            };
            db.PublicationTasks.Add(task);
            db.PublishedDecisions.Add(new PublishedDecision
            {
                AgencyId = agency.Id, AgencyName = name, TaskId = task.Id, CaseId = caseId, Category = PublicationCategory.Penalty, Procedure = ProcedureKind.GeneralPenalty,
                Title = "行政处罚决定书", DocumentNumber = task.CaseNumber + "罚", CaseNumber = task.CaseNumber, ItemName = item.Name, PartyName = "安和县某某商贸有限公司",
                PartyKind = PartyKind.Organisation, Cause = "年度报告统计测试案件", Facts = "当事人经营不符合食品安全标准的食品。", Basis = "《中华人民共和国食品安全法》第一百二十四条",
                PenaltyKinds = "罚款", Result = "罚款5000元。", FineYuan = 5000, FullText = "行政处罚决定书全文。", DecidedOn = decided, PublishedOn = on,
                PublishedAtUtc = DateTimeOffset.UtcNow, PublicUntil = on.AddMonths(12), RepairableFrom = on.AddMonths(3), State = PublishedState.Public, ContentSha256 = new string('0', 64),
            });
        }

        await db.SaveChangesAsync();
        return new Planted(agency.Id, code, name, year, plan, Officers: 3, Reviewers: 1, PublishedOnTime: 2, PublishedLate: 1,
            Exempt: others.Count(o => o.Decided.Year == year));
    });

    /// <summary>A valid, random unified social credit code of a county organ.</summary>
    private static string ValidUscc()
    {
        var first = ("11360736" + Guid.NewGuid().ToString("N")[..9]).ToUpperInvariant();
        return first + Sanxiang.Core.Validation.UnifiedSocialCreditCode.ComputeCheckCharacter(first);
    }
}
