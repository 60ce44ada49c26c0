using Sanxiang.Core.Redaction;

namespace Sanxiang.Core.Tests.Redaction;

public sealed class RedactorTests
{
    private static RedactionResult Redact(string text, RedactionContext? context = null, RedactionPolicy? policy = null) =>
        Redactor.Redact(text, context ?? RedactionContext.Empty, policy ?? RedactionPolicy.Default);

    private static RedactionSpan Single(RedactionResult result, RedactionKind kind) => Assert.Single(result.Spans, s => s.Kind == kind);

    // ---- published conventions ------------------------------------------------------------------------------

    [Theory]
    [InlineData(RedactionKind.PersonName, "张三", "张某")]
    [InlineData(RedactionKind.PersonName, "张三丰", "张某某")]
    [InlineData(RedactionKind.PersonName, "欧阳娜娜", "欧阳某某")]
    [InlineData(RedactionKind.PersonName, "欧阳娜", "欧阳某")]
    [InlineData(RedactionKind.PersonName, "诸葛明亮", "诸葛某某")]
    [InlineData(RedactionKind.Mobile, "13812345678", "138****5678")]
    [InlineData(RedactionKind.Mobile, "138-1234-5678", "138****5678")]
    [InlineData(RedactionKind.Mobile, "+86 138 1234 5678", "+86 138****5678")]
    [InlineData(RedactionKind.CitizenId, "36073619870402088X", "360736************")]
    [InlineData(RedactionKind.CitizenId, "360736 19870402 088x", "360736************")]
    [InlineData(RedactionKind.CitizenId, "361002650813761", "361002*********")]
    [InlineData(RedactionKind.Landline, "0796-8123456", "0796-***3456")]
    [InlineData(RedactionKind.Landline, "（0796）87654321", "0796-****4321")]
    [InlineData(RedactionKind.Landline, "010-62345678转806", "010-****5678")]
    [InlineData(RedactionKind.BankCard, "6222 0215 0400 1234 567", "6222***********4567")]
    [InlineData(RedactionKind.VehiclePlate, "赣A·12345", "赣A*****")]
    [InlineData(RedactionKind.VehiclePlate, "赣AD12345", "赣A******")]
    [InlineData(RedactionKind.Email, "zoujiayi94@163.com", "z***@163.com")]
    [InlineData(RedactionKind.Address, "168号3栋2单元501室", "****")]
    [InlineData(RedactionKind.Health, "精神分裂症", "【健康信息已隐去】")]
    public void Conventions(RedactionKind kind, string original, string expected)
    {
        Assert.Equal(expected, Redactor.ProposeReplacement(kind, original));
    }

    // ---- names ------------------------------------------------------------------------------------------------

    [Fact]
    public void Party_name_and_every_later_mention_are_masked()
    {
        var result = Redact("当事人：张三，男，1991年10月13日出生。经查，张三在其经营的店内销售过期食品。");
        Assert.Equal("当事人：张某，男，1991年10月13日出生。经查，张某在其经营的店内销售过期食品。", result.Text);
        Assert.All(result.Spans, s => Assert.Equal(RedactionKind.PersonName, s.Kind));
        Assert.Equal(2, result.Spans.Count);
    }

    [Fact]
    public void Compound_surname_is_kept_whole()
    {
        var result = Redact("委托代理人：欧阳娜娜，女，系该公司员工。");
        Assert.Equal("委托代理人：欧阳某某，女，系该公司员工。", result.Text);
        var span = Single(result, RedactionKind.PersonName);
        Assert.Equal(("欧阳娜娜", 6, 4), (span.Original, span.Start, span.Length));
    }

    [Theory]
    [InlineData("证人李四证实，当事人排放废水已持续两个月。", "证人李某证实，当事人排放废水已持续两个月。")]
    [InlineData("证人王小红、赵春兰到场。", "证人王某某、赵某某到场。")]
    [InlineData("经询问刘小红，女，系当事人之妻。", "经询问刘某某，女，系当事人之妻。")]
    [InlineData("市民宋立新先生投诉称", "市民宋某某先生投诉称")]
    [InlineData("护林员邓卫红发现后报警。", "护林员邓某某发现后报警。")]
    public void Names_are_recognised_by_context(string text, string expected)
    {
        Assert.Equal(expected, Redact(text).Text);
    }

    [Theory]
    [InlineData("经查，当事人在王府井步行街周边张贴广告，何时张贴不详，于是执法人员调取了高速公路沿线林地的监控，时间为2026年3月，地点在江西省安和县黄河路。")]
    [InlineData("当事人陈述申辩的权利已告知。当事人应当在十五日内缴纳罚款。当事人于2026年3月12日提交了申请。")]
    [InlineData("当事人向本局提交了书面材料，当事人经营的范围不包括食品。")]
    public void Common_words_starting_with_a_surname_are_not_names(string text)
    {
        Assert.Empty(Redact(text).Spans);
    }

    [Theory]
    [InlineData("当事人：安和县张记餐饮店（个体工商户），统一社会信用代码：92360736N0U0DYP7JN。")]
    [InlineData("当事人：安和县鑫达商贸有限公司\n统一社会信用代码：91360736WHTQM1MTAL\n住所：安和县工业园区创业大道8号")]
    [InlineData("当事人的供货商为安和县华兴电器批发部，货款已结清。")]
    public void Organisations_their_codes_and_registered_addresses_stay(string text)
    {
        Assert.Empty(Redact(text).Spans);
    }

    [Fact]
    public void Officers_and_their_certificate_numbers_stay()
    {
        const string text = "本局执法人员王立新（执法证号：36070021001）、陈晓梅（执法证号：36070021017）对当事人进行检查。证人李四在场。";
        var result = Redact(text);
        var span = Assert.Single(result.Spans);
        Assert.Equal("李四", span.Original);
    }

    [Fact]
    public void Officers_named_in_the_context_stay_even_without_a_cue()
    {
        var context = new RedactionContext([new KnownPerson("刘洋", PersonRole.Officer), new KnownPerson("赵六", PersonRole.Witness)], []);
        var result = Redact("刘洋、王芳两名执法人员到场，赵六在场见证。", context);
        Assert.Equal("刘洋、王芳两名执法人员到场，赵某在场见证。", result.Text);
    }

    [Fact]
    public void Policy_may_show_the_punished_persons_own_name_but_never_others()
    {
        const string text = "当事人：张三，男。证人：李四，女。委托代理人：王五。";
        var kept = Redact(text, policy: new RedactionPolicy(MaskPartyName: false));
        Assert.Equal("当事人：张三，男。证人：李某，女。委托代理人：王某。", kept.Text);

        var context = new RedactionContext([new KnownPerson("王小明", PersonRole.Party), new KnownPerson("赵六", PersonRole.Witness)], []);
        var fromContext = Redact("王小明于2026年3月在路边摆摊，赵六在旁看见。", context, new RedactionPolicy(MaskPartyName: false));
        Assert.Equal("王小明于2026年3月在路边摆摊，赵某在旁看见。", fromContext.Text);
        Assert.Equal("王某某于2026年3月在路边摆摊，赵某在旁看见。", Redact("王小明于2026年3月在路边摆摊，赵六在旁看见。", context).Text);
    }

    [Fact]
    public void Legal_representative_follows_its_own_policy_setting()
    {
        const string text = "当事人：安和县鑫达商贸有限公司，法定代表人：周国庆。证人：李四。";
        Assert.Equal("当事人：安和县鑫达商贸有限公司，法定代表人：周某某。证人：李某。", Redact(text).Text);
        Assert.Equal("当事人：安和县鑫达商贸有限公司，法定代表人：周国庆。证人：李某。",
            Redact(text, policy: new RedactionPolicy(MaskLegalRepresentativeName: false)).Text);
    }

    [Fact]
    public void A_known_organisation_keeps_a_person_name_inside_it()
    {
        var context = new RedactionContext([new KnownPerson("李明", PersonRole.Party)], ["李明五金店"]);
        var result = Redact("当事人李明经营的李明五金店销售不合格电线，李明对此无异议。", context);
        Assert.Equal("当事人李某经营的李明五金店销售不合格电线，李某对此无异议。", result.Text);
    }

    // ---- numbers -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("公民身份号码：36073619870402088X。")]
    [InlineData("身份证号：36073619870402088x，")]
    [InlineData("身份证号码：360736 19870402 088X，")]
    [InlineData("旧式身份证号：361002650813761（旧式号码）")]
    public void Citizen_ids_with_valid_checksum_or_date(string text)
    {
        var span = Single(Redact(text), RedactionKind.CitizenId);
        Assert.StartsWith("360736", span.Replacement.Replace("361002", "360736", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"^\d{6}\*+$", span.Replacement);
    }

    [Theory]
    [InlineData("身份证复印件号码为360781196407210490，经核对该号码不存在。")] // checksum wrong
    [InlineData("编号361002651332761。")] // 15 digits, month 13
    [InlineData("统一社会信用代码：91360736WHTQM1MTAL。")]
    [InlineData("检验报告编号：JX20260315000123。罚款人民币50000元，违法所得12345.60元。")]
    public void Other_numbers_are_not_ids_or_cards(string text)
    {
        Assert.Empty(Redact(text).Spans);
    }

    [Theory]
    [InlineData("联系电话：13879612345。", RedactionKind.Mobile, "138****2345")]
    [InlineData("手机 159-7962-3301，", RedactionKind.Mobile, "159****3301")]
    [InlineData("电话+86 139 7961 5520。", RedactionKind.Mobile, "+86 139****5520")]
    [InlineData("电话：0796-8321000转806。", RedactionKind.Landline, "0796-***1000")]
    [InlineData("卡号6267513613412524，", RedactionKind.BankCard, "6267********2524")]
    [InlineData("银行账号为36050170260100000123。", RedactionKind.BankCard, "3605************0123")]
    [InlineData("电子邮箱：service@fuangas.cn。", RedactionKind.Email, "s***@fuangas.cn")]
    public void Contact_numbers_and_accounts(string text, RedactionKind kind, string replacement)
    {
        Assert.Equal(replacement, Single(Redact(text), kind).Replacement);
    }

    [Fact]
    public void The_agencys_own_contact_number_stays_but_not_a_number_given_for_the_party()
    {
        Assert.Empty(Redact("本机关地址：安和县城关镇人民路1号，联系电话：0796-8220000。").Spans);
        Assert.Empty(Redact("本局咨询电话：（0796）8221234").Spans);
        Assert.Equal(RedactionKind.Mobile, Assert.Single(Redact("本局执法人员联系当事人，当事人电话13812345678。").Spans).Kind);
    }

    [Fact]
    public void A_phone_after_a_credit_code_is_not_swallowed_by_it()
    {
        Assert.Equal(RedactionKind.Mobile, Assert.Single(Redact("统一社会信用代码：91360736WHTQM1MTAL 13812345678").Spans).Kind);
        Assert.Equal(RedactionKind.CitizenId, Assert.Single(Redact("证件编号：36073619870402088X").Spans).Kind);
    }

    [Fact]
    public void A_sixteen_digit_number_failing_luhn_is_not_a_card_unless_named_an_account()
    {
        Assert.Empty(Redact("批次号6267513613412525。").Spans);
        Assert.Equal(RedactionKind.BankCard, Assert.Single(Redact("账号：6267513613412525。").Spans).Kind);
    }

    // ---- addresses, plates, health ----------------------------------------------------------------------------

    [Theory]
    [InlineData("住址：安和县城关镇人民路168号3栋2单元501室，", "住址：安和县城关镇人民路****，")]
    [InlineData("住安和县长岭镇长岭村五组28号。", "住安和县长岭镇长岭村****。")]
    [InlineData("现住安和县城关镇幸福小区7栋302室。", "现住安和县城关镇****。")]
    [InlineData("家庭住址：安和县高坪乡高坪村下湾组9号", "家庭住址：安和县高坪乡高坪村****")]
    public void Home_addresses_are_cut_at_street_town_or_village_level(string text, string expected)
    {
        Assert.Equal(expected, Redact(text).Text);
    }

    [Fact]
    public void Person_address_masked_company_address_kept_in_one_text()
    {
        const string text = "当事人：安和县鑫达商贸有限公司，住所：安和县工业园区创业大道8号。法定代表人：周国庆，住安和县城关镇人民路168号。";
        var result = Redact(text);
        Assert.Equal("当事人：安和县鑫达商贸有限公司，住所：安和县工业园区创业大道8号。法定代表人：周某某，住安和县城关镇人民路****。", result.Text);
    }

    [Fact]
    public void Plates_of_natural_persons_only()
    {
        var person = Redact("当事人：张三，男。当事人驾驶其所有的赣AD12345号小型轿车从事网约车经营。");
        Assert.Equal("赣A******", Single(person, RedactionKind.VehiclePlate).Replacement);

        var company = Redact("当事人：安和县顺达客运有限公司。当事人所属赣G12345号大型普通客车未按核定线路运营。");
        Assert.DoesNotContain(company.Spans, s => s.Kind == RedactionKind.VehiclePlate);
    }

    [Fact]
    public void Health_information_is_masked_but_not_safety_hazards()
    {
        var result = Redact("当事人称其妻子患有精神分裂症，其本人为HIV感染者。");
        Assert.Contains(result.Spans, s => s.Kind == RedactionKind.Health && s.Original == "精神分裂症");
        Assert.Contains(result.Spans, s => s.Kind == RedactionKind.Health && s.Original == "HIV");
        Assert.DoesNotContain("精神分裂症", result.Text, StringComparison.Ordinal);
        Assert.Empty(Redact("当事人未及时排查治理事故隐患，未对从业人员进行健康检查。").Spans);
    }

    // ---- spans and Apply ------------------------------------------------------------------------------------

    [Fact]
    public void Spans_address_the_original_text_and_apply_reproduces_the_proposal()
    {
        foreach (var text in AnnotatedCorpus.Load().Select(t => t.Input))
        {
            var result = Redact(text);
            Assert.All(result.Spans, s => Assert.Equal(s.Original, text.Substring(s.Start, s.Length)));
            var applied = Redactor.Apply(text, result.Spans.Reverse());
            Assert.True(applied.IsValid, string.Join("；", applied.Errors));
            Assert.Equal(result.Text, applied.Result!.Text);
        }
    }

    [Fact]
    public void Clerk_removes_one_span_and_adds_another()
    {
        const string text = "当事人：张三，男，联系电话13879612345，其养的狗名叫旺财。";
        var proposal = Redact(text);
        var phone = Single(proposal, RedactionKind.Mobile);
        var added = RedactionSpan.Manual(text, text.IndexOf("旺财", StringComparison.Ordinal), 2, RedactionKind.PersonName, out var error);
        Assert.Null(error);
        var edited = proposal.Spans.Where(s => s != phone).Append(added!).ToList();

        var outcome = Redactor.Apply(text, edited);
        Assert.True(outcome.IsValid);
        Assert.Equal("当事人：张某，男，联系电话13879612345，其养的狗名叫旺某。", outcome.Result!.Text);
        Assert.Equal(outcome.Result.Text, Redactor.Apply(text, Enumerable.Reverse(edited)).Result!.Text);
        Assert.Equal("公示专员手工添加", outcome.Result.Spans.Single(s => s.Original == "旺财").Reason);
    }

    [Fact]
    public void Overlapping_out_of_range_and_stale_spans_are_refused_in_chinese()
    {
        const string text = "证人李四到场。";
        var li = new RedactionSpan(2, 2, RedactionKind.PersonName, "李四", "李某", "");
        var overlapping = new RedactionSpan(3, 2, RedactionKind.PersonName, "四到", "某某", "");
        var outside = new RedactionSpan(6, 5, RedactionKind.Address, "。xxxx", "****", "");
        var stale = new RedactionSpan(0, 2, RedactionKind.PersonName, "张三", "张某", "");

        var outcome = Redactor.Apply(text, [li, overlapping, outside, stale]);
        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Result);
        Assert.Contains(outcome.Errors, e => e.Contains("重叠", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Contains("不在文本范围内", StringComparison.Ordinal));
        Assert.Contains(outcome.Errors, e => e.Contains("与原文不符", StringComparison.Ordinal));
        Assert.Null(RedactionSpan.Manual(text, 5, 9, RedactionKind.Address, out var error));
        Assert.Contains("不在文本内", error, StringComparison.Ordinal);
    }

    // ---- input -----------------------------------------------------------------------------------------------

    [Fact]
    public void Input_that_is_not_utf8_is_refused_with_the_byte_and_a_hint()
    {
        byte[] gbk = [0xB5, 0xB1, 0xCA, 0xC2, 0xC8, 0xCB, 0xA3, 0xBA, 0xD5, 0xC5, 0xC8, 0xFD]; // 当事人：张三 in GBK
        Assert.Null(RedactionInput.DecodeUtf8(gbk, out var error));
        Assert.StartsWith("输入不是有效的 UTF-8 文本：第 1 个字节（0xB5）", error, StringComparison.Ordinal);
        Assert.Contains("GB18030", error, StringComparison.Ordinal);

        byte[] withBom = [0xEF, 0xBB, 0xBF, .. "当事人"u8];
        Assert.Equal("当事人", RedactionInput.DecodeUtf8(withBom, out error));
        Assert.Null(error);
    }

    [Fact]
    public void A_decisions_header_keeps_the_organisations_address_after_its_representative_and_陈列_is_no_name()
    {
        // As the platform's own 行政处罚决定书 lays out its header (found on the clerk's preview of a demo decision).
        const string text = "当事人：安和县绿源蔬菜配送中心\n统一社会信用代码：92360736MA37T6UW82\n法定代表人（负责人）：陈志强\n" +
            "住所：安和县工业园区兴业大道9号\n上述事实，有下列证据证明：\n1．现场检查照片，证明当事人陈列销售涉案食品的现场状况；";
        var context = new RedactionContext([new KnownPerson("陈志强", PersonRole.LegalRepresentative)], ["安和县绿源蔬菜配送中心"]);

        var result = Redactor.Redact(text, context);

        Assert.Contains("住所：安和县工业园区兴业大道9号", result.Text, StringComparison.Ordinal);
        Assert.Contains("当事人陈列销售", result.Text, StringComparison.Ordinal);
        Assert.Contains("法定代表人（负责人）：陈某某", result.Text, StringComparison.Ordinal);
        Assert.Equal([RedactionKind.PersonName], result.Spans.Select(x => x.Kind));
    }
}
