using System.Text.RegularExpressions;
using Sanxiang.Core.Tabular;

namespace Sanxiang.Core.Registry;

/// <summary>An officer row of an import or export: the published entry and the internal mobile number.</summary>
public sealed record OfficerRow(OfficerEntry Entry, string? Mobile);

/// <summary>An agency row of an import or export, with the entrusting organ and the parent by their codes.</summary>
public sealed record AgencyRow(Agency Agency, string? EntrustedByCode, string? ParentCode);

/// <summary>
/// The documented column layouts of the registry's spreadsheets (PUB-1, PLT-4; docs/import-format.md): the same layout
/// reads an import, writes an export and a template, so a file exported from the platform imports back unchanged.
/// Each row is checked by <see cref="RegistryRules"/> as well, with the problem put on the column it concerns.
/// </summary>
public static partial class RegistryLayouts
{
    // Declared first: static fields initialise in order, and the item layout uses this parser.
    /// <summary>Legal references, one per line: 《法》第X条[第X款][第（X）项]：条文 — what the item export writes.</summary>
    public static readonly CellParser<List<LegalReference>> LegalBasisParser = CellParser<List<LegalReference>>.Create(
        text =>
        {
            var list = new List<LegalReference>();
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var k = 0; k < lines.Length; k++)
            {
                var m = Citation().Match(lines[k]);
                if (!m.Success)
                {
                    return CellResult<List<LegalReference>>.Failure(
                        $"第 {k + 1} 条依据“{Shorten(lines[k])}”格式不对：应为《法律名称》第X条[第X款][第（X）项]：条文内容。");
                }

                list.Add(new LegalReference(m.Groups["law"].Value, m.Groups["article"].Value, NullIfEmpty(m.Groups["paragraph"].Value),
                    NullIfEmpty(m.Groups["item"].Value), m.Groups["text"].Value.Trim(), Quoted: true));
            }

            return list.Count == 0
                ? CellResult<List<LegalReference>>.Failure("执法事项必须有实施依据：至少填写一条。")
                : CellResult<List<LegalReference>>.Success(list);
        },
        list => string.Join("\n", list.Select(l => $"{l.Citation}：{l.Text}")),
        "每行一条：《法律名称》第X条[第X款][第（X）项]：条文内容");

    /// <summary>A threshold in whole yuan (元), e.g. 10000 or 10,000元; more than zero.</summary>
    public static readonly CellParser<long> WholeYuanParser = CellParser<long>.Create(
        text =>
        {
            var fen = CellParsers.AmountInFen().Parse(text);
            if (!fen.IsSuccess)
            {
                return CellResult<long>.Failure(fen.Error!);
            }

            return fen.Value % 100 != 0 || fen.Value == 0
                ? CellResult<long>.Failure($"“{text}”无效：应为大于 0 的整元金额，例如 10000。")
                : CellResult<long>.Success(fen.Value / 100);
        },
        v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "金额，以元为单位的整数，例如 10000");

    /// <summary>A penalty kind of 《行政处罚法》第九条 by its Chinese name (罚款、吊销许可证件 …).</summary>
    public static readonly CellParser<PenaltyKind> PenaltyKindParser = CellParser<PenaltyKind>.Create(
        text => PenaltyKindNames.TryParseChinese(text, out var kind)
            ? CellResult<PenaltyKind>.Success(kind)
            : CellResult<PenaltyKind>.Failure(
                $"“{text}”不是《行政处罚法》第九条规定的处罚种类：应为 {string.Join("、", Enum.GetValues<PenaltyKind>().Select(k => k.Chinese()))} 之一。"),
        k => k.Chinese(),
        "处罚种类的名称，如 吊销许可证件");

    public static readonly TableLayout<OfficerRow> Officers = BuildOfficers();

    public static readonly TableLayout<EnforcementItem> Items = BuildItems();

    public static readonly TableLayout<AgencyRow> Agencies = BuildAgencies();

    private static TableLayout<AgencyRow> BuildAgencies()
    {
        var b = new TableLayoutBuilder<AgencyRow>("执法主体");
        var code = b.Required("代码", "code", CellParsers.Text(16, AllowedCharacters.UpperCaseLettersAndDigits()), r => r.Agency.Code, "用于网址的代码，大写字母和数字，导入时据此更新已有主体", "SCJG");
        var name = b.Required("名称", "name", CellParsers.Text(100), r => r.Agency.Name, "执法主体全称", "安和县市场监督管理局");
        var shortName = b.Required("简称", "short_name", CellParsers.Text(50), r => r.Agency.ShortName, "简称", "县市场监管局");
        var prefix = b.Required("案号前缀", "case_number_prefix", CellParsers.Text(20), r => r.Agency.CaseNumberPrefix, "案号中的机关简称", "安市监");
        var uscc = b.Required("统一社会信用代码", "uscc", CellParsers.Text(18, AllowedCharacters.UpperCaseLettersAndDigits()), r => r.Agency.Uscc, "18 位，按 GB 32100 校验", "11360736MB16430AXM");
        var kind = b.Required("主体类型", "kind", CellParsers.Choice([.. Enum.GetValues<AgencyKind>().Select(k => (k.Chinese(), k))]), r => r.Agency.Kind,
            "行政机关、法律法规授权组织 或 受委托组织", "行政机关");
        var entrusted = b.Optional("委托机关代码", "entrusted_by", CellParsers.Text(16, AllowedCharacters.UpperCaseLettersAndDigits()), r => r.EntrustedByCode, "受委托组织须填写委托它的行政机关的代码", "SCJG");
        var level = b.Required("层级", "level", CellParsers.Text(16), r => r.Agency.Level, "如 县级、乡镇级", "县级");
        var parent = b.Optional("上级机关代码", "parent", CellParsers.Text(16, AllowedCharacters.UpperCaseLettersAndDigits()), r => r.ParentCode, "上级执法主体的代码", "SCJG");
        var jurisdiction = b.Required("管辖范围", "jurisdiction", CellParsers.Text(500, multiline: true), r => r.Agency.Jurisdiction, "地域管辖范围", "安和县行政区域");
        var duties = b.Required("主要职责", "duties", CellParsers.Text(4000, multiline: true), r => r.Agency.Duties, "法定职责", "负责全县市场综合监督管理……");
        var basis = b.Required("设立依据", "legal_basis", CellParsers.Text(4000, multiline: true), r => r.Agency.LegalBasis, "设立和履职的依据", "依据《安和县机构改革方案》设立……");
        var address = b.Required("办公地址", "address", CellParsers.Text(200), r => r.Agency.Address, "办公地址", "安和县人民路88号");
        var postcode = b.Optional("邮政编码", "postcode", CellParsers.Text(6, AllowedCharacters.Digits()), r => r.Agency.Postcode, "6 位数字", "342900");
        var phone = b.Required("办公电话", "phone", CellParsers.Text(20), r => r.Agency.Phone, "区号-号码", "0797-6321315");
        var complaint = b.Optional("投诉举报电话", "complaint_phone", CellParsers.Text(20), r => r.Agency.ComplaintPhone, "如 12315", "12315");
        var hours = b.Optional("办公时间", "office_hours", CellParsers.Text(100), r => r.Agency.OfficeHours, "办公时间", "工作日 8:30-12:00，14:30-17:30");
        var organ = b.Required("行政复议机关", "reconsideration_organ", CellParsers.Text(100), r => r.Agency.ReconsiderationOrgan, "救济渠道", "安和县人民政府");
        var court = b.Required("管辖法院", "competent_court", CellParsers.Text(100), r => r.Agency.CompetentCourt, "救济渠道", "安和县人民法院");
        b.Unique(code);
        b.Unique(uscc);
        return b.Build(row =>
        {
            if (!row.TryGet(code, out var c) || !row.TryGet(name, out var n) || !row.TryGet(shortName, out var sn) || !row.TryGet(prefix, out var p)
                || !row.TryGet(uscc, out var u) || !row.TryGet(kind, out var k) || !row.TryGet(level, out var l) || !row.TryGet(jurisdiction, out var j)
                || !row.TryGet(duties, out var d) || !row.TryGet(basis, out var lb) || !row.TryGet(address, out var a) || !row.TryGet(phone, out var ph)
                || !row.TryGet(organ, out var o) || !row.TryGet(court, out var ct))
            {
                return null;
            }

            if (Validation.UnifiedSocialCreditCode.Validate(u) is { IsValid: false } bad)
            {
                row.Fail(uscc, $"“{u}”不是有效的统一社会信用代码：{bad.Reason}");
                return null;
            }

            if (RegistryRules.CheckPhone(ph) is { } badPhone)
            {
                row.Fail(phone, badPhone);
                return null;
            }

            var e = row.GetOrNull(entrusted);
            if ((k == AgencyKind.EntrustedOrganisation) != (e is not null))
            {
                row.Fail(entrusted, k == AgencyKind.EntrustedOrganisation ? "受委托组织须写明委托它的行政机关的代码。" : "只有受委托组织才填写委托机关。");
                return null;
            }

            return new AgencyRow(new Agency
            {
                Code = c, Name = n, ShortName = sn, CaseNumberPrefix = p, Uscc = u, Kind = k, Level = l, Jurisdiction = j, Duties = d,
                LegalBasis = lb, Address = a, Postcode = row.GetOrNull(postcode), Phone = ph, ComplaintPhone = row.GetOrNull(complaint),
                OfficeHours = row.GetOrNull(hours), ReconsiderationOrgan = o, CompetentCourt = ct,
            }, e, row.GetOrNull(parent));
        });
    }

    private static TableLayout<OfficerRow> BuildOfficers()
    {
        var b = new TableLayoutBuilder<OfficerRow>("执法人员");
        var name = b.Required("姓名", "name", CellParsers.Text(32), r => r.Entry.Name, "持证人姓名", "刘建国");
        var gender = b.Required("性别", "gender", CellParsers.Choice(("男", "男"), ("女", "女")), r => r.Entry.Gender, "男 或 女", "男");
        var position = b.Optional("职务", "position", CellParsers.Text(64), r => r.Entry.Position, "职务或岗位", "执法稽查大队大队长");
        var number = b.Required("执法证件编号", "certificate_number", CellParsers.Text(RegistryRules.MaxCertificateNumberLength),
            r => r.Entry.CertificateNumber, "按发证机关编制的编号原样填写（数字、字母、连字符、汉字，不含空格）；全县不得重复", "36073601006");
        var issuer = b.Required("发证机关", "issuer", CellParsers.Text(64), r => r.Entry.Issuer, "省人民政府或国务院部门", "省人民政府");
        var fields = b.Required("执法领域", "fields", CellParsers.List(CellParsers.Text(32), 20), r => r.Entry.Fields, "证件载明的执法领域，多个用顿号分隔", "食品安全、产品质量");
        var from = b.Required("有效期起", "valid_from", CellParsers.Date(), r => r.Entry.ValidFrom, "证件有效期的第一天", "2023-03-17");
        var to = b.Required("有效期止", "valid_to", CellParsers.Date(), r => r.Entry.ValidTo, "证件有效期的最后一天", "2028-03-16");
        var status = b.Optional("证件状态", "status", CellParsers.Choice([.. Enum.GetValues<CertificateStatus>().Select(s => (s.Chinese(), s))]),
            r => r.Entry.Status, "有效、已过期、暂扣 或 已注销；不填为有效", "有效");
        var filed = b.Optional("备案日期", "filed_on", CellParsers.Date(), r => r.Entry.FiledOn, "向县司法局备案的日期", "2023-03-31");
        var reviewer = b.Optional("法制审核人员", "is_reviewer", CellParsers.YesNo(), r => r.Entry.IsReviewer, "是否担任法制审核人员；不填为否", "否");
        var qualification = b.Optional("法律职业资格证书编号", "legal_qualification_number", CellParsers.Text(32), r => r.Entry.LegalQualificationNumber,
            "法制审核人员须填写", "A20173607397596");
        var mobile = b.Optional("手机（不公开）", "mobile", CellParsers.Text(11, AllowedCharacters.Digits()), r => r.Mobile, "仅供内部联系，不在任何公开页面显示", "13735112813");
        b.Unique(number);
        var byField = new Dictionary<string, TableColumn>
        {
            ["name"] = name, ["gender"] = gender, ["certificateNumber"] = number, ["issuer"] = issuer, ["fields"] = fields,
            ["validTo"] = to, ["legalQualificationNumber"] = qualification,
        };
        return b.Build(row =>
        {
            if (!row.TryGet(name, out var n) || !row.TryGet(gender, out var g) || !row.TryGet(number, out var c) || !row.TryGet(issuer, out var i)
                || !row.TryGet(fields, out var f) || !row.TryGet(from, out var vf) || !row.TryGet(to, out var vt))
            {
                return null;
            }

            var entry = new OfficerEntry
            {
                Name = n, Gender = g, Position = row.GetOrNull(position), CertificateNumber = c, Issuer = i, Fields = [.. f],
                ValidFrom = vf, ValidTo = vt, Status = row.GetValueOrNull(status) ?? CertificateStatus.Valid, FiledOn = row.GetValueOrNull(filed),
                IsReviewer = row.GetValueOrNull(reviewer) ?? false, LegalQualificationNumber = row.GetOrNull(qualification),
            };
            return Checked(row, RegistryRules.CheckOfficer(entry), byField) ? new OfficerRow(entry, row.GetOrNull(mobile)) : null;
        });
    }

    private static TableLayout<EnforcementItem> BuildItems()
    {
        var b = new TableLayoutBuilder<EnforcementItem>("执法事项");
        var code = b.Required("事项编码", "code", CellParsers.Text(RegistryRules.MaxItemCodeLength, AllowedCharacters.UpperCaseLettersAndDigits("-")), i => i.Code,
            "本机关内唯一，数字、大写字母和连字符", "360736-SCJG-CF-001");
        var name = b.Required("事项名称", "name", CellParsers.Text(200), i => i.Name, "权责清单中的事项名称", "对经营者违反明码标价规定的行政处罚");
        var category = b.Required("执法类别", "category", CellParsers.Choice([.. Enum.GetValues<Category>().Select(c => (c.Chinese(), c))]), i => i.Category,
            "行政处罚、行政强制、行政检查、行政征收征用、行政许可、行政确认、其他", "行政处罚");
        var procedure = b.Required("适用程序", "procedure", CellParsers.Choice([.. Enum.GetValues<ProcedureKind>().Select(p => (p.Chinese(), p))]), i => i.Procedure,
            "简易程序、一般程序、行政强制措施、行政检查、行政许可、行政确认、其他程序", "一般程序");
        var basis = b.Required("实施依据", "legal_basis", LegalBasisParser, i => i.LegalBasis,
            "每条依据一行：《法律名称》第X条[第X款][第（X）项]：条文内容", "《中华人民共和国价格法》第四十二条：经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款。");
        var random = b.Optional("随机抽查", "random_inspection", CellParsers.YesNo(), i => i.RandomInspection, "是否列入随机抽查事项清单；不填为否", "否");
        var ratio = b.Optional("抽查比例（%）", "ratio_percent", CellParsers.WholeNumber(1, 100), i => i.RandomInspectionPlan?.RatioPercent, "列入随机抽查的须填写，1 至 100", "5");
        var frequency = b.Optional("抽查频次", "frequency", CellParsers.Text(50), i => i.RandomInspectionPlan?.Frequency, "列入随机抽查的须填写", "每年不少于1次");
        var targets = b.Optional("抽查对象", "targets", CellParsers.Text(200), i => i.RandomInspectionPlan?.Targets, "抽查对象的范围", "辖区内食品经营者");
        var review = b.Optional("法制审核目录", "legal_review_required", CellParsers.YesNo(), i => i.LegalReviewRequired, "是否列入重大执法决定法制审核目录；不填为否", "是");
        var reviewPerson = b.Optional("法制审核标准（自然人罚没金额，元）", "review_fine_person", WholeYuanParser, i => i.LegalReviewCriteria?.FinePerson,
            "列入法制审核目录的事项，对自然人罚没金额达到此数（元）的须法制审核；三项标准都不填的，本事项全部决定须法制审核", "10000");
        var reviewOrganisation = b.Optional("法制审核标准（法人罚没金额，元）", "review_fine_organisation", WholeYuanParser, i => i.LegalReviewCriteria?.FineOrganisation,
            "对法人或者其他组织罚没金额达到此数（元）的须法制审核", "100000");
        var reviewKinds = b.Optional("法制审核标准（处罚种类）", "review_penalty_kinds", CellParsers.List(PenaltyKindParser, 14),
            i => i.LegalReviewCriteria is { PenaltyKinds.Count: > 0 } c ? c.PenaltyKinds : null, "拟作出这些处罚种类的须法制审核，多个用顿号分隔", "吊销许可证件、责令停产停业");
        var where = b.Optional("办理地点", "where", CellParsers.Text(500, multiline: true), i => i.ServiceGuide?.Where, "服务指南：办理地点", "安和县人民路88号三楼");
        // One material per line: the names themselves contain 、 and ；, so a separator list would split them.
        var materials = b.Optional("所需材料", "materials", CellParsers.Text(5000, multiline: true), i => i.ServiceGuide is { Materials.Count: > 0 } g ? string.Join("\n", g.Materials) : null,
            "服务指南：所需材料，每行一项（单元格内换行：Alt+Enter）", "身份证明");
        var timeLimit = b.Optional("办理时限", "time_limit", CellParsers.Text(1000, multiline: true), i => i.ServiceGuide?.TimeLimit, "服务指南：办理时限", "自立案之日起九十日内作出决定");
        var fees = b.Optional("收费标准", "fees", CellParsers.Text(500, multiline: true), i => i.ServiceGuide?.Fees, "服务指南：收费标准", "不收费");
        var complaint = b.Optional("投诉监督", "complaint", CellParsers.Text(500, multiline: true), i => i.ServiceGuide?.Complaint, "服务指南：投诉监督渠道", "0797-6321315");
        var remedy = b.Optional("救济途径", "remedy", CellParsers.Text(500, multiline: true), i => i.ServiceGuide?.Remedy, "服务指南：救济途径", "可以在六十日内申请行政复议，或者在六个月内提起行政诉讼");
        var summary = b.Optional("事项说明", "summary", CellParsers.Text(1000, multiline: true), i => i.Summary, "对事项的简要说明", "对未按规定明码标价的经营者依法处罚。");
        b.Unique(code);
        var byField = new Dictionary<string, TableColumn>
        {
            ["code"] = code, ["name"] = name, ["legalBasis"] = basis, ["procedure"] = procedure, ["randomInspection"] = random,
            ["legalReviewCriteria"] = review,
        };
        return b.Build(row =>
        {
            if (!row.TryGet(code, out var c) || !row.TryGet(name, out var n) || !row.TryGet(category, out var cat)
                || !row.TryGet(procedure, out var p) || !row.TryGet(basis, out var l))
            {
                return null;
            }

            var isRandom = row.GetValueOrNull(random) ?? false;
            var guide = row.GetOrNull(where) is { } w
                ? new ServiceGuide
                {
                    Where = w, Materials = [.. (row.GetOrNull(materials) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], TimeLimit = row.GetOrNull(timeLimit) ?? "",
                    Fees = row.GetOrNull(fees) ?? "", Complaint = row.GetOrNull(complaint) ?? "", Remedy = row.GetOrNull(remedy),
                }
                : null;
            var item = new EnforcementItem
            {
                Code = c, Name = n, Category = cat, Procedure = p, LegalBasis = [.. l],
                RandomInspection = isRandom,
                RandomInspectionPlan = isRandom || row.Has(ratio) ? new RandomInspectionPlan(row.GetValueOrNull(ratio) ?? 0, row.GetOrNull(frequency) ?? "", row.GetOrNull(targets) ?? "") : null,
                LegalReviewRequired = row.GetValueOrNull(review) ?? false,
                LegalReviewCriteria = row.Has(reviewPerson) || row.Has(reviewOrganisation) || row.Has(reviewKinds)
                    ? new LegalReviewCriteria
                    {
                        FinePerson = row.GetValueOrNull(reviewPerson),
                        FineOrganisation = row.GetValueOrNull(reviewOrganisation),
                        PenaltyKinds = [.. row.GetOrNull(reviewKinds) ?? []],
                    }
                    : null,
                ServiceGuide = guide,
                Summary = row.GetOrNull(summary),
            };
            return Checked(row, RegistryRules.CheckItem(item), byField) ? item : null;
        });
    }

    /// <summary>Reports the rule problems on their columns; true when there were none.</summary>
    private static bool Checked(RowContext row, IReadOnlyList<RegistryProblem> problems, Dictionary<string, TableColumn> byField)
    {
        foreach (var p in problems)
        {
            if (byField.TryGetValue(p.Field, out var column))
            {
                row.Fail(column, p.Message);
            }
            else
            {
                row.Fail(p.Message);
            }
        }

        return problems.Count == 0;
    }


    [GeneratedRegex(@"^(?<law>《[^》]+》(?:（[^）]*）)?)(?<article>第[^条]{1,12}条(?:之[一二三四五六七八九十]+)?)(?<paragraph>第[^款]{1,6}款)?(?<item>第（[^）]{1,6}）项)?\s*[:：]\s*(?<text>.+)$")]
    private static partial Regex Citation();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
