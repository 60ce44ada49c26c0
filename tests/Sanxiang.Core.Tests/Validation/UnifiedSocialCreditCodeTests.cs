using CsCheck;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Tests.Validation;

/// <summary>
/// GB 32100-2015. Every "valid" vector was checked twice: by this implementation and by an independent Python
/// computation (weights 3^i mod 31, check = 31 - sum mod 31, 31 -> 0).
/// </summary>
public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example used in GB 32100 explanations
    [InlineData("91440300708461136T")]
    [InlineData("121000004000003980")] // 1 机构编制 / 2 事业单位
    [InlineData("511000005000208784")] // 5 民政 / 1 社会团体
    [InlineData("53100000500021676K")] // 5 民政 / 3 基金会
    [InlineData("11100000000013127D")] // 1 机构编制 / 1 机关
    [InlineData("93350100MA2Y0K1L5B")] // 9 工商 / 3 农民专业合作社
    [InlineData("92440300L12345678R")] // 9 工商 / 2 个体工商户
    [InlineData("N2350100MF0000001H")] // N 农业 / 2 村级集体经济组织
    [InlineData("913501000000000240")] // sum mod 31 == 0, so the check character is 0 (not 31)
    [InlineData("  91350100M000100Y43\t")] // surrounding whitespace is ignored
    public void Valid_codes(string code)
    {
        Assert.Equal(new CheckResult(true, null), UnifiedSocialCreditCode.Validate(code));
    }

    [Theory]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("91110000600007336", 'U')]
    [InlineData("91350100000000024", '0')]
    public void Computes_the_check_character(string first17, char expected)
    {
        Assert.Equal(expected, UnifiedSocialCreditCode.ComputeCheckCharacter(first17));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "第 18 位校验码“4”错误：按前 17 位计算应为“3”")]
    [InlineData("911100001000000796", "第 18 位校验码“6”错误：按前 17 位计算应为“W”")]
    [InlineData("91350100M000100I43", "第 16 位“I”不是代码字符：统一社会信用代码不使用字母 I、O、Z、S、V")]
    [InlineData("91350100M0O0100Y43", "第 11 位“O”不是代码字符")]
    [InlineData("91350100MZ00100Y43", "第 10 位“Z”")]
    [InlineData("91350100MS00100Y43", "第 10 位“S”")]
    [InlineData("91350100MV00100Y43", "第 10 位“V”")]
    [InlineData("91350100m000100Y43", "第 9 位“m”是小写字母；统一社会信用代码只用大写字母，请改为“M”")]
    [InlineData("91350100M000100Y4-", "第 18 位“-”不是代码字符")]
    [InlineData("91350100M000100Y4", "长度为 17 位；统一社会信用代码应为 18 位")]
    [InlineData("91350100M000100Y430", "长度为 19 位")]
    [InlineData("91350100 M000100Y43", "第 9 位是空白字符；统一社会信用代码中间不能有空格")]
    [InlineData("", "统一社会信用代码为空")]
    [InlineData("   ", "统一社会信用代码为空")]
    [InlineData(null, "统一社会信用代码为空")]
    [InlineData("B1350100M000100Y43", "第 1 位（登记管理部门码）“B”无效：应为 1-9、A、N 或 Y")]
    [InlineData("94350100M000100Y43", "第 2 位（机构类别码）“4”与第 1 位登记管理部门“9”（工商（市场监管））不符：应为 1（企业）、2（个体工商户）、3（农民专业合作社）")]
    [InlineData("54350100M000100Y43", "第 2 位（机构类别码）“4”与第 1 位登记管理部门“5”（民政）不符")]
    [InlineData("1A350100M000100Y43", "第 2 位（机构类别码）“A”与第 1 位登记管理部门“1”（机构编制）不符")]
    [InlineData("9135A100M000100Y43", "第 5 位“A”不是数字：第 3-8 位是登记管理机关的行政区划码，必须是 6 位数字")]
    public void Invalid_codes_say_what_is_wrong(string? code, string reason)
    {
        var result = UnifiedSocialCreditCode.Validate(code);
        Assert.False(result.IsValid);
        Assert.NotNull(result.Reason);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9135010000000002")]
    [InlineData("91350100000000024I")]
    [InlineData("9135010000000002i")]
    public void ComputeCheckCharacter_rejects_bad_prefixes(string first17)
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter(first17));
    }

    [Fact]
    public void Prefix_plus_its_check_character_is_valid_and_every_other_check_character_is_not()
    {
        // Positions 1-2 from the pairs the validator accepts, 3-8 digits, 9-17 any code character.
        var departmentAndCategory = Gen.OneOf("91", "92", "93", "11", "12", "13", "19", "51", "52", "53", "59", "31", "N2", "Y1", "A1");
        var digits = Gen.Char["0123456789"].Array[6];
        var body = Gen.Char[UnifiedSocialCreditCode.Alphabet].Array[9];
        Gen.Select(departmentAndCategory, digits, body).Sample(t =>
        {
            var first17 = t.Item1 + new string(t.Item2) + new string(t.Item3);
            var check = UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
            Assert.True(UnifiedSocialCreditCode.Validate(first17 + check).IsValid, first17 + check);
            foreach (var other in UnifiedSocialCreditCode.Alphabet)
            {
                if (other != check)
                {
                    var result = UnifiedSocialCreditCode.Validate(first17 + other);
                    Assert.False(result.IsValid);
                    Assert.Contains($"应为“{check}”", result.Reason, StringComparison.Ordinal);
                }
            }
        });
    }
}
