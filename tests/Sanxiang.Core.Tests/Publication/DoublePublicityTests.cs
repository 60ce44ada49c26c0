using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Tabular;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Tests.Publication;

/// <summary>PUB-10: the 双公示 layout of published penalty and licensing decisions and its mandatory-field check.</summary>
public sealed class DoublePublicityTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    internal static string Uscc(string first17) => first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);

    private static readonly DoublePublicityAgency Agency = new("安和县市场监督管理局", Uscc("11360736MB1234567"));

    internal static PublishedDecision Penalty(PartyKind kind = PartyKind.Organisation, string? creditCode = null) => new()
    {
        Id = 42,
        AgencyName = "安和县市场监督管理局",
        Category = PublicationCategory.Penalty,
        Procedure = ProcedureKind.GeneralPenalty,
        Title = "行政处罚决定书",
        DocumentNumber = "安市监罚〔2026〕12号",
        CaseNumber = "安市监立〔2026〕30号",
        ItemName = "对销售不符合食品安全标准的食品的处罚",
        PartyName = kind == PartyKind.Person ? "张某" : "安和县鲜丰农贸有限公司",
        PartyKind = kind,
        CreditCode = kind == PartyKind.Person ? null : creditCode ?? Uscc("91360736MA35X7Y89"),
        Representative = kind == PartyKind.Person ? null : "王某某",
        Cause = "销售不符合食品安全标准的食品",
        Facts = "当事人于2026年3月销售超过保质期的食品。",
        Basis = "《中华人民共和国食品安全法》第一百二十四条第一款",
        PenaltyKinds = "警告、罚款",
        Result = "警告，罚款人民币12345元",
        FineYuan = 12_345,
        ConfiscationYuan = 800,
        DecidedOn = new DateOnly(2026, 11, 2),
        PublishedOn = new DateOnly(2026, 11, 5),
        PublicUntil = new DateOnly(2029, 11, 4),
        ContentSha256 = "",
    };

    private static PublishedDecision Licence(DateOnly? validTo) => new()
    {
        Id = 43,
        AgencyName = "安和县市场监督管理局",
        Category = PublicationCategory.Licensing,
        Procedure = ProcedureKind.Licensing,
        Title = "准予行政许可决定书",
        DocumentNumber = "安市监许〔2026〕5号",
        CaseNumber = "安市监许受〔2026〕9号",
        ItemName = "食品经营许可",
        PartyName = "安和县惠民超市有限公司",
        PartyKind = PartyKind.Organisation,
        CreditCode = Uscc("91360736MA35X7Y88"),
        Cause = "食品经营许可申请",
        Result = "准予食品经营许可",
        LicenceCategory = "普通",
        LicenceName = "食品经营许可证",
        LicenceNumber = "JY13607360001234",
        LicenceValidFrom = new DateOnly(2026, 11, 2),
        LicenceValidTo = validTo,
        DecidedOn = new DateOnly(2026, 11, 2),
        PublishedOn = new DateOnly(2026, 11, 4),
        PublicUntil = new DateOnly(2029, 11, 4),
        ContentSha256 = "",
    };

    /// <summary>A case of an organisation at its decision, with these facts recorded at the decision step.</summary>
    private static Case DecidedCase(ProcedureKind procedure, string number, string itemCode, string itemName, string cause, string party, string creditCode17,
        params (FactKey Key, string Raw)[] facts)
    {
        var c = new Case
        {
            Id = Guid.NewGuid(),
            AgencyId = Guid.NewGuid(),
            Number = number,
            ItemCode = itemCode,
            ItemName = itemName,
            Procedure = procedure,
            Status = procedure == ProcedureKind.Licensing ? "issue" : "serve",
            Cause = cause,
            Source = procedure == ProcedureKind.Licensing ? "申请" : "投诉举报",
            OccurredOn = new DateOnly(2026, 10, 20),
            OpenedOn = new DateOnly(2026, 10, 20),
            Party = new CaseParty { Kind = PartyKind.Organisation, Name = party, CreditCode = Uscc(creditCode17), Representative = "王某", Address = "安和县人民路1号" },
        };
        foreach (var (key, raw) in facts)
        {
            var (value, problem) = key.Normalise(raw);
            Assert.Null(problem);
            c.Facts.Add(new CaseFact { Key = key.Key, Value = value!, Step = "decide", Sequence = c.Facts.Count + 1 });
        }

        return c;
    }

    private static string? Cell(DoublePublicityKind kind, string?[] cells, string header) =>
        cells[DoublePublicity.ColumnsOf(kind).Select(c => c.Header).ToList().IndexOf(header)];

    [Fact]
    public void The_penalty_layout_has_the_national_columns_in_order()
    {
        var headers = DoublePublicity.PenaltyColumns.Select(c => c.Header).ToList();
        Assert.Equal(30, headers.Count);
        Assert.Equal(["行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)"], headers.Take(3));
        Assert.Equal(["数据来源单位", "数据来源单位统一社会信用代码", "备注"], headers.TakeLast(3));
        Assert.Equal(headers.IndexOf("违法行为类型") + 1, headers.IndexOf("违法事实"));
        Assert.Equal(26, DoublePublicity.LicensingColumns.Count);
        Assert.Equal("当前状态", DoublePublicity.LicensingColumns[^4].Header);
    }

    [Fact]
    public void A_penalty_maps_amounts_to_wan_yuan_dates_iso_and_the_agencys_credit_code()
    {
        var cells = DoublePublicity.Cells(DoublePublicityKind.Penalty, Penalty(), Agency, Today);
        string? C(string h) => Cell(DoublePublicityKind.Penalty, cells, h);
        Assert.Equal("1.2345", C("罚款金额（万元）"));
        Assert.Equal("0.08", C("没收违法所得、没收非法财物的金额（万元）"));
        Assert.Equal("2026-11-02", C("处罚决定日期"));
        Assert.Equal("2029-11-04", C("公示截止期"));
        Assert.Equal("法人及非法人组织", C("行政相对人类别"));
        Assert.Equal(Penalty().CreditCode, C("行政相对人代码_1(统一社会信用代码)"));
        Assert.Equal(Agency.Uscc, C("处罚机关统一社会信用代码"));
        Assert.Equal(Agency.Uscc, C("数据来源单位统一社会信用代码"));
        Assert.Equal("警告、罚款", C("处罚类别"));
        Assert.Null(C("证件类型"));
        Assert.Null(C("法定代表人证件号码"));
        Assert.Contains("公示编号 42", C("备注"), StringComparison.Ordinal);
        Assert.Empty(DoublePublicity.Check(DoublePublicityKind.Penalty, cells));
    }

    [Theory]
    [InlineData(1L, "0.0001")]
    [InlineData(10_000L, "1")]
    [InlineData(1_234_567_890L, "123456.789")]
    [InlineData(0L, "0")]
    public void Yuan_become_wan_yuan_without_trailing_zeros(long yuan, string wan) => Assert.Equal(wan, DoublePublicity.Wan(yuan));

    [Fact]
    public void An_organisation_whose_credit_code_starts_with_92_is_a_sole_trader_and_a_person_is_a_natural_person()
    {
        Assert.Equal("个体工商户", DoublePublicity.PartyCategory(PartyKind.Organisation, "92360736MA35X7Y89K"));
        Assert.Equal("法人及非法人组织", DoublePublicity.PartyCategory(PartyKind.Organisation, "91360736MA35X7Y89K"));
        Assert.Equal("法人及非法人组织", DoublePublicity.PartyCategory(PartyKind.Organisation, null));
        Assert.Equal("自然人", DoublePublicity.PartyCategory(PartyKind.Person, "92360736MA35X7Y89K"));

        var sole = DoublePublicity.Cells(DoublePublicityKind.Penalty, Penalty(creditCode: Uscc("92360736MA35X7Y89")), Agency, Today);
        Assert.Equal("个体工商户", Cell(DoublePublicityKind.Penalty, sole, "行政相对人类别"));
        Assert.Empty(DoublePublicity.Check(DoublePublicityKind.Penalty, sole));
    }

    [Fact]
    public void A_natural_persons_id_number_is_never_in_clear_and_is_empty_when_the_entry_has_none()
    {
        var person = Penalty(PartyKind.Person);
        var cells = DoublePublicity.Cells(DoublePublicityKind.Penalty, person, Agency, Today);
        Assert.Equal("自然人", Cell(DoublePublicityKind.Penalty, cells, "行政相对人类别"));
        Assert.Equal("身份证", Cell(DoublePublicityKind.Penalty, cells, "证件类型"));
        Assert.Null(Cell(DoublePublicityKind.Penalty, cells, "证件号码"));
        Assert.Null(Cell(DoublePublicityKind.Penalty, cells, "行政相对人代码_1(统一社会信用代码)"));
        Assert.Null(Cell(DoublePublicityKind.Penalty, cells, "法定代表人"));
        Assert.Empty(DoublePublicity.Check(DoublePublicityKind.Penalty, cells));

        const string id = "36073619800101123X";
        var masked = DoublePublicity.Cells(DoublePublicityKind.Penalty, person, Agency, Today, id);
        Assert.Equal("360736************", Cell(DoublePublicityKind.Penalty, masked, "证件号码"));
        Assert.DoesNotContain(masked, c => c is not null && c.Contains("19800101", StringComparison.Ordinal));
        Assert.Null(DoublePublicity.MaskIdNumber("12AB"));
        Assert.Null(DoublePublicity.MaskIdNumber(null));
    }

    [Fact]
    public void A_penalty_without_its_legal_basis_is_rejected_with_a_chinese_reason_not_dropped()
    {
        var good = Penalty();
        var bad = Penalty();
        bad.Id = 7;
        bad.Basis = null;
        var noCode = Penalty();
        noCode.Id = 8;
        noCode.CreditCode = null;
        var export = DoublePublicity.Export(DoublePublicityKind.Penalty, [good, bad, noCode], _ => Agency, Today);
        Assert.Equal([42L], export.Rows.Select(r => r.Id));
        Assert.Equal([7L, 8L], export.Rejected.Select(r => r.Id));
        Assert.Equal(["必填项“处罚依据”为空。"], export.Rejected[0].Reasons);
        Assert.Equal(["行政相对人为法人及非法人组织，必须填写“行政相对人代码_1(统一社会信用代码)”。"], export.Rejected[1].Reasons);
    }

    [Fact]
    public void An_unknown_agency_or_an_invalid_agency_credit_code_rejects_the_row()
    {
        Assert.Equal("找不到作出决定的执法主体。", Assert.Single(Assert.Single(DoublePublicity.Export(DoublePublicityKind.Penalty, [Penalty()], _ => null, Today).Rejected).Reasons));
        var wrong = DoublePublicity.Export(DoublePublicityKind.Penalty, [Penalty()], _ => Agency with { Uscc = "113607360000000000" }, Today);
        Assert.Empty(wrong.Rows);
        Assert.Contains(wrong.Rejected[0].Reasons, r => r.StartsWith("“处罚机关统一社会信用代码”不是有效的统一社会信用代码", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_entries_of_the_kind_still_on_the_portal_are_exported()
    {
        var withdrawn = Penalty();
        withdrawn.State = PublishedState.Withdrawn;
        var export = DoublePublicity.Export(DoublePublicityKind.Penalty, [withdrawn, Licence(null)], _ => Agency, Today);
        Assert.Empty(export.Rows);
        Assert.Empty(export.Rejected);
    }

    [Fact]
    public void A_licence_carries_its_category_certificate_and_validity_and_its_state_by_date()
    {
        var open = DoublePublicity.Cells(DoublePublicityKind.Licensing, Licence(null), Agency, Today);
        string? C(string?[] cells, string h) => Cell(DoublePublicityKind.Licensing, cells, h);
        Assert.Equal(("普通", "食品经营许可证", "JY13607360001234"), (C(open, "许可类别"), C(open, "许可证书名称"), C(open, "许可编号")));
        Assert.Equal(("2026-11-02", "2099-12-31", "1"), (C(open, "有效期自"), C(open, "有效期至"), C(open, "当前状态")));
        Assert.Equal("准予行政许可决定书", C(open, "行政许可决定文书名称"));
        Assert.Empty(DoublePublicity.Check(DoublePublicityKind.Licensing, open));

        var lapsed = DoublePublicity.Cells(DoublePublicityKind.Licensing, Licence(new DateOnly(2026, 11, 26)), Agency, Today);
        Assert.Equal(("2026-11-26", "2"), (C(lapsed, "有效期至"), C(lapsed, "当前状态")));

        var unrecorded = Licence(null);
        unrecorded.LicenceCategory = null;
        unrecorded.LicenceValidFrom = null;
        var reasons = DoublePublicity.Check(DoublePublicityKind.Licensing, DoublePublicity.Cells(DoublePublicityKind.Licensing, unrecorded, Agency, Today));
        Assert.Equal(["必填项“许可类别”为空。", "必填项“有效期自”为空。"], reasons);
    }

    [Fact]
    public void The_licensing_decision_asks_for_the_licence_and_the_draft_carries_it_to_the_entry()
    {
        var decide = Sanxiang.Core.Workflow.Procedures.Licensing.Transitions.Single(t => t.From == "decide" && t.To == "issue");
        Assert.Superset(new HashSet<FactKey> { FactKeys.LicenceCategory, FactKeys.LicenceName, FactKeys.LicenceNumber, FactKeys.LicenceValidFrom, FactKeys.LicenceValidTo },
            CaseForms.FieldsFor(decide).ToHashSet());
        Assert.Equal("“许可类别”只能是普通、特许、认可、核准、登记、其他之一（现为“一般”）。", FactKeys.LicenceCategory.Normalise("一般").Problem);

        var c = DecidedCase(ProcedureKind.Licensing, "安市监许受〔2026〕9号", "360736-SCJG-XK-001", "食品经营许可", "食品经营许可申请", "安和县惠民超市有限公司", "91360736MA35X7Y88",
            (FactKeys.DecisionKind, "准予许可"), (FactKeys.LicenceCategory, "普通"), (FactKeys.LicenceName, "食品经营许可证"),
            (FactKeys.LicenceNumber, "JY13607360001234"), (FactKeys.LicenceValidFrom, "2026-11-02"), (FactKeys.LicenceValidTo, "2031-11-01"));

        PublicationTask Task(PublicationCategory category) => new()
        {
            Id = Guid.NewGuid(), AgencyId = c.AgencyId, CaseId = c.Id, CaseNumber = c.Number, Category = category, DecidedOn = new DateOnly(2026, 11, 2),
        };
        var fields = PublicationDraft.Build(new CaseFile(c), "安和县市场监督管理局", Task(PublicationCategory.Licensing), null, "安市监许〔2026〕5号", null, LawSettings.National).Fields;
        Assert.Equal(("普通", "食品经营许可证", "JY13607360001234", new DateOnly(2026, 11, 2), new DateOnly(2031, 11, 1)),
            (fields.LicenceCategory, fields.LicenceName, fields.LicenceNumber, fields.LicenceValidFrom!.Value, fields.LicenceValidTo!.Value));
        var penalty = PublicationDraft.Build(new CaseFile(c), "安和县市场监督管理局", Task(PublicationCategory.Penalty), null, null, null, LawSettings.National).Fields;
        Assert.Null(penalty.LicenceCategory);
        Assert.Null(penalty.LicenceValidFrom);
    }

    [Fact]
    public void A_suspended_or_revoked_licence_and_the_end_of_a_suspension_reach_the_export_and_the_decision_asks_for_them()
    {
        // The decision's form asks for them; the decision cannot be made without the licence when one is suspended or revoked.
        var decide = Sanxiang.Core.Workflow.Procedures.GeneralPenalty.Transitions.Single(t => t.From == "decide" && t.To == "serve");
        Assert.Superset(new HashSet<FactKey> { FactKeys.PenaltyLicence, FactKeys.PenaltyEffectiveUntil }, CaseForms.FieldsFor(decide).ToHashSet());

        var c = DecidedCase(ProcedureKind.GeneralPenalty, "安市监立〔2026〕31号", "360736-SCJG-CF-001", "对销售不符合食品安全标准的食品的处罚", "销售不符合食品安全标准的食品",
            "安和县鲜丰农贸有限公司", "91360736MA35X7Y89",
            (FactKeys.DecisionKind, "给予行政处罚"), (FactKeys.PenaltyKinds, "罚款、暂扣许可证件"), (FactKeys.FineAmount, "50000"),
            (FactKeys.PenaltyLicence, "食品经营许可证 JY13607360012345"), (FactKeys.PenaltyEffectiveUntil, "2027-02-01"));

        var task = new PublicationTask
        {
            Id = Guid.NewGuid(), AgencyId = c.AgencyId, CaseId = c.Id, CaseNumber = c.Number, Category = PublicationCategory.Penalty, DecidedOn = new DateOnly(2026, 11, 2),
        };
        var fields = PublicationDraft.Build(new CaseFile(c), "安和县市场监督管理局", task, null, "安市监罚〔2026〕13号", null, LawSettings.National).Fields;
        Assert.Equal("食品经营许可证 JY13607360012345", fields.PenaltyLicence);
        Assert.Equal(new DateOnly(2026, 2, 1).AddYears(1), fields.PenaltyEffectiveUntil);
        Assert.Contains("暂扣许可证件", fields.PenaltyKinds, StringComparison.Ordinal);

        // The published content carries them (so its digest covers them) ...
        var content = PublicationDraft.ContentOf(fields);
        Assert.Equal("食品经营许可证 JY13607360012345", (string?)content["penaltyLicence"]);
        Assert.Equal("2027-02-01", (string?)content["penaltyEffectiveUntil"]);
        // ... and an entry without them has the content it had before they existed: no earlier digest changes.
        Assert.False(PublicationDraft.ContentOf(Penalty()).ContainsKey("penaltyLicence"));
        Assert.False(PublicationDraft.ContentOf(Penalty()).ContainsKey("penaltyEffectiveUntil"));

        var entry = Penalty();
        entry.PenaltyLicence = fields.PenaltyLicence;
        entry.PenaltyEffectiveUntil = fields.PenaltyEffectiveUntil;
        var cells = DoublePublicity.Cells(DoublePublicityKind.Penalty, entry, Agency, Today);
        Assert.Equal("食品经营许可证 JY13607360012345", Cell(DoublePublicityKind.Penalty, cells, "暂扣或吊销证照名称及编号"));
        Assert.Equal("2027-02-01", Cell(DoublePublicityKind.Penalty, cells, "处罚有效期"));
        Assert.Empty(DoublePublicity.Check(DoublePublicityKind.Penalty, cells));
        var plain = DoublePublicity.Cells(DoublePublicityKind.Penalty, Penalty(), Agency, Today);
        Assert.Null(Cell(DoublePublicityKind.Penalty, plain, "暂扣或吊销证照名称及编号"));
        Assert.Null(Cell(DoublePublicityKind.Penalty, plain, "处罚有效期"));
    }

    [Fact]
    public async Task The_streamed_csv_has_a_bom_crlf_and_neutralises_formulas()
    {
        using var output = new MemoryStream();
        await CsvTableWriter.WriteAsync(output, ["名称", "金额"], Rows(), TestContext.Current.CancellationToken);
        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal("名称,金额\r\n\"'=HYPERLINK(\"\"x\"\")\",'-1\r\n\"a,b\",'@x\r\n", text);

        static async IAsyncEnumerable<string?[]> Rows()
        {
            await Task.Yield();
            yield return ["=HYPERLINK(\"x\")", "-1"];
            yield return ["a,b", "@x"];
        }
    }
}
