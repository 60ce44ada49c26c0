using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Tests.Registry;

public class RegistryRulesTests
{
    private static EnforcementItem Item(Action<EnforcementItem>? change = null)
    {
        var item = new EnforcementItem
        {
            Code = "360736-SCJG-CF-001",
            Name = "对经营者违反明码标价规定的行政处罚",
            Category = Category.Penalty,
            Procedure = ProcedureKind.GeneralPenalty,
            LegalBasis = [new LegalReference("《中华人民共和国价格法》", "第四十二条", null, null, "经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款。", true)],
            Discretion = [new DiscretionTier { Tier = "一般", Circumstances = "首次违法", Penalties = [new PenaltyRange { Kind = PenaltyKind.Fine, Minimum = 0, Maximum = 2000, Unit = "元" }] }],
        };
        change?.Invoke(item);
        return item;
    }

    private static OfficerEntry Officer(Action<OfficerEntry>? change = null)
    {
        var o = new OfficerEntry
        {
            Name = "刘建国",
            Gender = "男",
            CertificateNumber = "36073601006",
            Issuer = "省人民政府",
            Fields = ["食品安全", "产品质量"],
            ValidFrom = new DateOnly(2023, 3, 17),
            ValidTo = new DateOnly(2028, 3, 16),
            Status = CertificateStatus.Valid,
        };
        change?.Invoke(o);
        return o;
    }

    [Fact]
    public void A_complete_item_and_officer_pass() =>
        Assert.Empty(RegistryRules.CheckItem(Item()).Concat(RegistryRules.CheckOfficer(Officer())));

    [Fact]
    public void An_item_without_legal_basis_is_refused_with_the_field_named()
    {
        var problem = Assert.Single(RegistryRules.CheckItem(Item(i => i.LegalBasis = [])));
        Assert.Equal("legalBasis", problem.Field);
        Assert.Contains("必须有实施依据", problem.Message, StringComparison.Ordinal);
        Assert.Contains(RegistryRules.CheckItem(Item(i => i.LegalBasis = [new LegalReference("《价格法》", "第四十二条", null, null, " ", true)])),
            p => p.Message.Contains("缺少条文内容", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "不能为空")]
    [InlineData("3607 3601", "空格")]
    [InlineData("36073601006;DROP", "“;”")]
    [InlineData("123456789012345678901234567890123", "不超过 32")]
    public void Certificate_numbers_are_checked_only_for_what_is_certain(string number, string expected) =>
        Assert.Contains(expected, RegistryRules.CheckCertificateNumber(number), StringComparison.Ordinal);

    [Theory]
    [InlineData("36073601006")]
    [InlineData("G36073602003")]
    [InlineData("赣0101-2023-0001")]
    public void Province_schemes_are_accepted_as_given(string number) => Assert.Null(RegistryRules.CheckCertificateNumber(number));

    [Fact]
    public void Benchmarks_must_be_ordered_ranges_and_summary_procedure_stays_within_its_limit()
    {
        var inverted = RegistryRules.CheckItem(Item(i => i.Discretion[0].Penalties[0].Minimum = 5000));
        Assert.Contains(inverted, p => p.Message.Contains("下限 5000 大于上限 2000", StringComparison.Ordinal));
        var summary = RegistryRules.CheckItem(Item(i =>
        {
            i.Procedure = ProcedureKind.SummaryPenalty;
            i.Discretion[0].Penalties[0].Maximum = 5000;
        }));
        Assert.Contains(summary, p => p.Message.Contains("不得超过 3000 元", StringComparison.Ordinal));
        Assert.Contains(RegistryRules.CheckItem(Item(i => i.Procedure = ProcedureKind.Licensing)), p => p.Field == "procedure");
    }

    [Fact]
    public void A_random_inspection_item_needs_its_ratio_and_frequency()
    {
        Assert.Contains(RegistryRules.CheckItem(Item(i => i.RandomInspection = true)), p => p.Field == "randomInspection");
        Assert.Contains(RegistryRules.CheckItem(Item(i =>
        {
            i.RandomInspection = true;
            i.RandomInspectionPlan = new RandomInspectionPlan(0, "每年一次", "辖区内经营者");
        })), p => p.Message.Contains("1% 到 100%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reviewer_needs_the_legal_profession_qualification_and_validity_must_be_ordered()
    {
        Assert.Contains(RegistryRules.CheckOfficer(Officer(o => o.IsReviewer = true)), p => p.Field == "legalQualificationNumber");
        Assert.Contains(RegistryRules.CheckOfficer(Officer(o => o.ValidTo = new DateOnly(2020, 1, 1))), p => p.Field == "validTo");
        Assert.Contains(RegistryRules.CheckOfficer(Officer(o => o.Gender = "未知")), p => p.Field == "gender");
    }

    [Fact]
    public void An_effective_date_in_the_past_is_refused()
    {
        var today = new DateOnly(2026, 11, 27);
        Assert.Null(RegistryRules.CheckEffectiveFrom(today, today));
        Assert.Contains("不能追溯生效", RegistryRules.CheckEffectiveFrom(today.AddDays(-1), today), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_valid_certificate_covering_the_field_may_be_assigned()
    {
        var today = new DateOnly(2026, 11, 27);
        Assert.Null(Officer().CheckAssignable(today, "食品安全"));
        Assert.Contains("到期", Officer(o => o.ValidTo = new DateOnly(2026, 11, 26)).CheckAssignable(today), StringComparison.Ordinal);
        Assert.Null(Officer(o => o.ValidTo = today).CheckAssignable(today));
        Assert.Contains("暂扣", Officer(o => o.Status = CertificateStatus.Suspended).CheckAssignable(today), StringComparison.Ordinal);
        Assert.Contains("注销", Officer(o => o.Status = CertificateStatus.Revoked).CheckAssignable(today), StringComparison.Ordinal);
        Assert.Contains("尚不能执法", Officer(o => o.ValidFrom = today.AddDays(3)).CheckAssignable(today), StringComparison.Ordinal);
        Assert.Contains("不含“生态环境”", Officer().CheckAssignable(today, "生态环境"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_finds_added_removed_and_changed_rows_by_key()
    {
        var before = new[] { Item(), Item(i => { i.Code = "B"; i.Name = "旧事项"; }) };
        var after = new[] { Item(i => i.LegalBasis[0] = i.LegalBasis[0] with { Text = "新条文" }), Item(i => { i.Code = "C"; i.Name = "新事项"; }) };
        var diff = RegistryDiffs.Items(before, after);
        Assert.Equal("C", Assert.Single(diff.Added).Key);
        Assert.Equal("B", Assert.Single(diff.Removed).Key);
        var changed = Assert.Single(diff.Changed);
        var change = Assert.Single(changed.Changes);
        Assert.Equal("实施依据", change.Label);
        Assert.Contains("新条文", change.After, StringComparison.Ordinal);
        Assert.True(RegistryDiffs.Items(before, before).IsEmpty);
    }

    [Fact]
    public void The_published_json_is_canonical_and_its_hash_does_not_depend_on_row_order()
    {
        var a = RegistryJson.Sha256(RegistryJson.Items([Item(), Item(i => i.Code = "Z")]));
        var b = RegistryJson.Sha256(RegistryJson.Items([Item(i => i.Code = "Z"), Item()]));
        Assert.Equal(a, b);
        var json = System.Text.Encoding.UTF8.GetString(RegistryJson.Canonical(RegistryJson.Officers([Officer()])));
        Assert.DoesNotContain("mobile", json, StringComparison.Ordinal);
        Assert.StartsWith("[{\"certificateNumber\":\"36073601006\"", json, StringComparison.Ordinal);
    }
}

public class RegistryLayoutTests
{
    [Fact]
    public void Items_written_with_the_layout_read_back_the_same()
    {
        var item = new EnforcementItem
        {
            Code = "360736-SCJG-CF-010",
            Name = "对经营者违反明码标价规定的行政处罚",
            Category = Category.Penalty,
            Procedure = ProcedureKind.GeneralPenalty,
            LegalBasis =
            [
                new LegalReference("《中华人民共和国价格法》", "第四十二条", null, null, "经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款。", true),
                new LegalReference("《明码标价和禁止价格欺诈规定》", "第二十一条", "第一款", "第（二）项", "不按规定的内容和方式明码标价的……", true),
            ],
            RandomInspection = true,
            RandomInspectionPlan = new RandomInspectionPlan(5, "每年不少于1次", "辖区内经营者"),
            LegalReviewRequired = true,
            ServiceGuide = new ServiceGuide { Where = "安和县人民路88号", Materials = ["身份证明", "营业执照复印件"], TimeLimit = "九十日", Fees = "不收费", Complaint = "12315", Remedy = "六十日内申请行政复议" },
            Summary = "明码标价",
        };
        foreach (var format in new[] { Sanxiang.Core.Tabular.TabularFileFormat.Csv, Sanxiang.Core.Tabular.TabularFileFormat.Xlsx })
        {
            using var stream = new MemoryStream();
            RegistryLayouts.Items.Write(stream, format, [item]);
            stream.Position = 0;
            var result = RegistryLayouts.Items.Read(stream);
            Assert.True(result.IsValid, string.Join("; ", result.Problems));
            var back = Assert.Single(result.Rows).Value;
            Assert.True(RegistryDiffs.Items([item], [back]).IsEmpty, format.ToString());
        }
    }

    [Fact]
    public void A_legal_basis_line_that_is_not_a_citation_is_refused_with_the_expected_form()
    {
        var result = RegistryLayouts.LegalBasisParser.Parse("价格法第四十二条");
        Assert.False(result.IsSuccess);
        Assert.Contains("《法律名称》第X条", result.Error, StringComparison.Ordinal);
        var ok = RegistryLayouts.LegalBasisParser.Parse("《中华人民共和国行政处罚法》第五十一条：违法事实确凿……\n《中华人民共和国行政处罚法》第五十二条第一款：执法人员当场作出……");
        Assert.Equal(2, ok.Value.Count);
        Assert.Equal("第一款", ok.Value[1].Paragraph);
    }
}

public class ImportFormatDocumentTests
{
    [Fact]
    public void The_clerks_guide_shows_exactly_the_columns_the_import_checks()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sanxiang.slnx")))
        {
            directory = directory.Parent;
        }

        var document = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "import-format.md"));
        Assert.Contains(RegistryLayouts.Officers.ToMarkdown().Trim(), document, StringComparison.Ordinal);
        Assert.Contains(RegistryLayouts.Items.ToMarkdown().Trim(), document, StringComparison.Ordinal);
        Assert.Contains(RegistryLayouts.Agencies.ToMarkdown().Trim(), document, StringComparison.Ordinal);
    }
}
