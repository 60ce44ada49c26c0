using System.Text;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Review;

namespace Sanxiang.Core.Tests.Registry;

/// <summary>
/// The legal-review catalogue's entries with criteria (REV-2, issue 6): an item in the catalogue with amounts and penalty
/// kinds puts only the decisions meeting one of them under review; without criteria, all of them. The criteria are part
/// of the versioned item list: in the import layout, the canonical JSON (and its hash) and the diff.
/// </summary>
public class LegalReviewCatalogueTests
{
    private static readonly LegalReviewCriteria Criteria = new()
    {
        FinePerson = 10_000,
        FineOrganisation = 100_000,
        PenaltyKinds = [PenaltyKind.RevokeLicence, PenaltyKind.SuspendProduction],
    };

    private static EnforcementItem Item(bool inCatalogue = true, LegalReviewCriteria? criteria = null) => new()
    {
        Code = "360736-SCJG-CF-008",
        Name = "对发布虚假广告的行政处罚",
        Category = Category.Penalty,
        Procedure = ProcedureKind.GeneralPenalty,
        LegalBasis = [new LegalReference("《中华人民共和国广告法》", "第五十五条", "第一款", null, "违反本法规定，发布虚假广告的……", true)],
        LegalReviewRequired = inCatalogue,
        LegalReviewCriteria = criteria,
    };

    private static Case NewCase(PartyKind party, string kinds, long? fine = null, long? confiscation = null)
    {
        var c = new Case
        {
            Id = Guid.NewGuid(),
            AgencyId = Guid.NewGuid(),
            Number = "安市监立〔2026〕8号",
            ItemCode = "360736-SCJG-CF-008",
            ItemName = "对发布虚假广告的行政处罚",
            Procedure = ProcedureKind.GeneralPenalty,
            Status = "examine",
            Cause = "涉嫌发布虚假广告案",
            Source = "投诉举报",
            OccurredOn = new DateOnly(2026, 2, 20),
            OpenedOn = new DateOnly(2026, 3, 2),
            Party = party == PartyKind.Person
                ? new CaseParty { Kind = PartyKind.Person, Name = "王某", IdNumber = "360736199001011234", Address = "安和县人民路1号" }
                : new CaseParty { Kind = PartyKind.Organisation, Name = "安和县某某广告有限公司", CreditCode = "91360736MA35XXXX0X", Representative = "王某", Address = "安和县人民路1号" },
        };
        Record(c, FactKeys.PenaltyKinds, kinds);
        if (fine is { } f)
        {
            Record(c, FactKeys.FineAmount, f.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (confiscation is { } x)
        {
            Record(c, FactKeys.ConfiscationAmount, x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return c;
    }

    private static void Record(Case c, FactKey key, string raw)
    {
        var (value, problem) = key.Normalise(raw);
        Assert.Null(problem);
        c.Facts.Add(new CaseFact { Key = key.Key, Value = value!, Step = c.Status, Sequence = c.Facts.Count + 1 });
    }

    /// <summary>The catalogue-item rule's reason alone (the county's every-general-penalty rule and the agency-wide thresholds off).</summary>
    private static string? CatalogueReason(Case c, EnforcementItem? item)
    {
        var law = LawSettings.National with { ReviewEveryGeneralPenalty = false, ReviewPenaltyKinds = [] };
        return ReviewRequirement.Matches(new CaseFile(c), c.Procedure, item, law).SingleOrDefault(m => m.RuleId == ReviewRequirement.CatalogueItemRule)?.Reason;
    }

    [Fact]
    public void The_amount_for_an_organisation_matches_at_the_threshold_and_says_which_criterion()
    {
        var item = Item(criteria: Criteria);
        Assert.Equal("拟罚没金额120,000元，达到执法事项“对发布虚假广告的行政处罚”法制审核目录标准（法人或者其他组织10万元）",
            CatalogueReason(NewCase(PartyKind.Organisation, "Fine,ConfiscateIllegalGains", 100_000, 20_000), item));
        Assert.NotNull(CatalogueReason(NewCase(PartyKind.Organisation, "Fine", 100_000), item));
        Assert.Null(CatalogueReason(NewCase(PartyKind.Organisation, "Fine", 99_999), item));
    }

    [Fact]
    public void The_amount_for_a_natural_person_is_the_persons_threshold()
    {
        var item = Item(criteria: Criteria);
        Assert.Equal("拟罚没金额10,000元，达到执法事项“对发布虚假广告的行政处罚”法制审核目录标准（自然人1万元）",
            CatalogueReason(NewCase(PartyKind.Person, "Fine", 8_000, 2_000), item));
        Assert.Null(CatalogueReason(NewCase(PartyKind.Person, "Fine", 9_999), item));

        // Only the organisation's threshold set: a person's decision of any amount is not caught by amount.
        Assert.Null(CatalogueReason(NewCase(PartyKind.Person, "Fine", 500_000), Item(criteria: new LegalReviewCriteria { FineOrganisation = 100_000 })));
    }

    [Fact]
    public void A_listed_penalty_kind_matches_and_an_unlisted_one_does_not()
    {
        var item = Item(criteria: Criteria);
        Assert.Equal("拟吊销许可证件，属执法事项“对发布虚假广告的行政处罚”法制审核目录所列处罚种类",
            CatalogueReason(NewCase(PartyKind.Organisation, "Fine,RevokeLicence", 5_000), item));
        Assert.Null(CatalogueReason(NewCase(PartyKind.Organisation, "Warning"), item));
        Assert.Null(CatalogueReason(NewCase(PartyKind.Organisation, "Fine,SuspendLicence", 5_000), item));
    }

    [Fact]
    public void Without_criteria_every_decision_of_the_item_and_outside_the_catalogue_none()
    {
        Assert.Equal("执法事项“对发布虚假广告的行政处罚”列入本机关重大执法决定法制审核目录", CatalogueReason(NewCase(PartyKind.Person, "Warning"), Item()));
        Assert.Null(CatalogueReason(NewCase(PartyKind.Organisation, "Fine,RevokeLicence", 1_000_000), Item(inCatalogue: false)));
        Assert.Null(CatalogueReason(NewCase(PartyKind.Organisation, "Fine,RevokeLicence", 1_000_000), null));
    }

    [Fact]
    public void The_criteria_read_as_the_published_notice()
    {
        Assert.Equal("对自然人罚没1万元以上、对法人或者其他组织罚没10万元以上，或者吊销许可证件、责令停产停业的", Criteria.Describe());
        Assert.Equal("责令关闭的", new LegalReviewCriteria { PenaltyKinds = [PenaltyKind.OrderClosure] }.Describe());
        Assert.Equal("对自然人罚没5,000元以上的", new LegalReviewCriteria { FinePerson = 5_000 }.Describe());
        Assert.Equal("1.5万元", LegalReviewCriteria.Yuan(15_000));
    }

    [Fact]
    public void Criteria_are_refused_outside_the_catalogue_or_when_empty()
    {
        Assert.Empty(RegistryRules.CheckItem(Item(criteria: Criteria)));
        Assert.Contains(RegistryRules.CheckItem(Item(inCatalogue: false, criteria: Criteria)), p => p.Field == "legalReviewCriteria");
        Assert.Contains(RegistryRules.CheckItem(Item(criteria: new LegalReviewCriteria())), p => p.Field == "legalReviewCriteria");
        Assert.Contains(RegistryRules.CheckItem(Item(criteria: new LegalReviewCriteria { FinePerson = 0 })), p => p.Field == "legalReviewCriteria");
    }

    [Fact]
    public void The_canonical_json_and_its_hash_change_when_only_the_criteria_change_and_stay_without_them()
    {
        var without = RegistryJson.Sha256(RegistryJson.Items([Item()]));
        var with = RegistryJson.Sha256(RegistryJson.Items([Item(criteria: Criteria)]));
        var higher = RegistryJson.Sha256(RegistryJson.Items([Item(criteria: Criteria with { FineOrganisation = 200_000 })]));
        Assert.NotEqual(without, with);
        Assert.NotEqual(with, higher);

        // A list without criteria keeps the bytes it had (and so the hashes already in the log).
        var json = Encoding.UTF8.GetString(RegistryJson.Canonical(RegistryJson.Items([Item()])));
        Assert.DoesNotContain("legalReviewCriteria", json, StringComparison.Ordinal);
        var withJson = Encoding.UTF8.GetString(RegistryJson.Canonical(RegistryJson.Items([Item(criteria: Criteria)])));
        Assert.Contains("\"legalReviewCriteria\":{\"fineOrganisation\":100000,\"finePerson\":10000,\"penaltyKinds\":[\"RevokeLicence\",\"SuspendProduction\"]}", withJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_shows_a_change_of_criteria()
    {
        var diff = RegistryDiffs.Items([Item()], [Item(criteria: Criteria)]);
        var change = Assert.Single(Assert.Single(diff.Changed).Changes);
        Assert.Equal("法制审核标准", change.Label);
        Assert.Contains("对法人或者其他组织罚没10万元以上", change.After, StringComparison.Ordinal);
        Assert.True(RegistryDiffs.Items([Item(criteria: Criteria)], [Item(criteria: Criteria with { PenaltyKinds = [.. Criteria.PenaltyKinds] })]).IsEmpty);
    }

    private const string Header = "事项编码,事项名称,执法类别,适用程序,实施依据,法制审核目录,法制审核标准（自然人罚没金额，元）,法制审核标准（法人罚没金额，元）,法制审核标准（处罚种类）\n";

    private static Sanxiang.Core.Tabular.ImportResult<EnforcementItem> Read(string rows)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + rows));
        return RegistryLayouts.Items.Read(stream);
    }

    private static string Row(string code, string inCatalogue, string person, string organisation, string kinds) =>
        $"{code},对发布虚假广告的行政处罚,行政处罚,一般程序,《中华人民共和国广告法》第五十五条第一款：违反本法规定，发布虚假广告的……,{inCatalogue},{person},{organisation},{kinds}\n";

    [Fact]
    public void The_import_reads_the_criteria_columns()
    {
        var result = Read(Row("360736-SCJG-CF-008", "是", "10000", "\"100,000元\"", "吊销许可证件、责令停产停业")
            + Row("360736-SCJG-CF-009", "是", "", "", "")
            + Row("360736-SCJG-CF-010", "是", "", "", "责令关闭"));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var items = result.Rows.Select(r => r.Value).ToList();
        Assert.Equal(Criteria, items[0].LegalReviewCriteria! with { PenaltyKinds = Criteria.PenaltyKinds });
        Assert.Equal([PenaltyKind.RevokeLicence, PenaltyKind.SuspendProduction], items[0].LegalReviewCriteria!.PenaltyKinds);
        Assert.Null(items[1].LegalReviewCriteria);
        Assert.Equal([PenaltyKind.OrderClosure], items[2].LegalReviewCriteria!.PenaltyKinds);
        Assert.Null(items[2].LegalReviewCriteria!.FinePerson);
    }

    [Fact]
    public void The_import_refuses_bad_criteria_with_the_row_and_the_column()
    {
        var result = Read(Row("360736-SCJG-CF-001", "是", "一万", "", "")
            + Row("360736-SCJG-CF-002", "是", "", "0", "")
            + Row("360736-SCJG-CF-003", "是", "", "", "吊销执照")
            + Row("360736-SCJG-CF-004", "否", "10000", "", "")
            + Row("360736-SCJG-CF-005", "是", "10000.50", "", ""));
        Assert.False(result.IsValid);
        var problems = result.Problems;
        Assert.Contains(problems, p => p is { Row: 2, ColumnHeader: "法制审核标准（自然人罚没金额，元）" } && p.Message.Contains("一万", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 3, ColumnHeader: "法制审核标准（法人罚没金额，元）" } && p.Message.Contains("大于 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 4, ColumnHeader: "法制审核标准（处罚种类）" } && p.Message.Contains("不是《行政处罚法》第九条规定的处罚种类", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 5, ColumnHeader: "法制审核目录" } && p.Message.Contains("未列入法制审核目录", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 6, ColumnHeader: "法制审核标准（自然人罚没金额，元）" } && p.Message.Contains("整元", StringComparison.Ordinal));
    }

    [Fact]
    public void Items_with_criteria_written_with_the_layout_read_back_the_same()
    {
        var item = Item(criteria: Criteria);
        foreach (var format in new[] { Sanxiang.Core.Tabular.TabularFileFormat.Csv, Sanxiang.Core.Tabular.TabularFileFormat.Xlsx })
        {
            using var stream = new MemoryStream();
            RegistryLayouts.Items.Write(stream, format, [item]);
            stream.Position = 0;
            var result = RegistryLayouts.Items.Read(stream);
            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            var back = Assert.Single(result.Rows).Value;
            Assert.True(RegistryDiffs.Items([item], [back]).IsEmpty, format.ToString());
            Assert.Equal(RegistryJson.Sha256(RegistryJson.Items([item])), RegistryJson.Sha256(RegistryJson.Items([back])));
        }
    }
}
