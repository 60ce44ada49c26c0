using CsCheck;
using Sanxiang.Core.Validation;

namespace Sanxiang.Core.Tests.Validation;

/// <summary>
/// GB 11643-1999. Vectors other than the standard's own example were built with an independent Python computation
/// (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check "10X98765432"[sum mod 11]) and agree with this implementation.
/// </summary>
public sealed class CitizenIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData("11010519491231002X")] // the example in GB 11643-1999
    [InlineData("11010519491231002x")] // lower-case x accepted
    [InlineData("440300199003071234")]
    [InlineData("110105200001010016")]
    [InlineData("320106198002290019")] // 1980 is a leap year
    [InlineData("11010519800101018X")]
    [InlineData("11010519000101001X")] // earliest allowed birth date
    [InlineData("110105202611270017")] // born today
    [InlineData(" 11010519491231002X \n")]
    [InlineData("110105491231002")] // old 15-digit format: born 1949-12-31
    [InlineData("320106800229001")] // old format, 1980-02-29
    public void Valid_numbers(string number)
    {
        Assert.Equal(new CheckResult(true, null), CitizenIdNumber.Validate(number, Today));
    }

    [Fact]
    public void Computes_the_check_character()
    {
        Assert.Equal('X', CitizenIdNumber.ComputeCheckCharacter("11010519491231002"));
        Assert.Equal('4', CitizenIdNumber.ComputeCheckCharacter("44030019900307123"));
        Assert.Equal('5', CitizenIdNumber.ComputeCheckCharacter("11010519990230001"));
    }

    [Theory]
    [InlineData("110105194912310021", "第 18 位校验码“1”错误：按前 17 位计算应为“X”")]
    [InlineData("440300199003071230", "第 18 位校验码“0”错误：按前 17 位计算应为“4”")]
    [InlineData("110105199902300015", "第 7-14 位出生日期“19990230”不是真实存在的日期")] // check digits below are right; the dates are not
    [InlineData("330102199502291019", "第 7-14 位出生日期“19950229”不是真实存在的日期")]
    [InlineData("110105202611280012", "第 7-14 位出生日期 2026-11-28 晚于今天（2026-11-27）")]
    [InlineData("110105209912310010", "出生日期 2099-12-31 晚于今天")]
    [InlineData("110105189912310015", "第 7-14 位出生日期 1899-12-31 早于 1900-01-01")]
    [InlineData("11010519491231002", "长度为 17 位；公民身份号码应为 18 位（旧式号码为 15 位）")]
    [InlineData("11010519491231002X1", "长度为 19 位")]
    [InlineData("1101051949123100", "长度为 16 位")]
    [InlineData("X10105194912310021", "第 1 位是“X”：字母 X 只能出现在 18 位号码的最后一位")]
    [InlineData("11010519491231002Y", "第 18 位“Y”不是数字")]
    [InlineData("1101051949 1231002X", "第 11 位是空白字符；公民身份号码中间不能有空格")]
    [InlineData("11010549123100X", "第 15 位是“X”")]
    [InlineData("110105490231002", "第 7-12 位出生日期“19490231”不是真实存在的日期")]
    [InlineData("", "公民身份号码为空")]
    [InlineData(null, "公民身份号码为空")]
    public void Invalid_numbers_say_what_is_wrong(string? number, string reason)
    {
        var result = CitizenIdNumber.Validate(number, Today);
        Assert.False(result.IsValid);
        Assert.NotNull(result.Reason);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_date_today_is_taken_from_the_clock()
    {
        Assert.True(CitizenIdNumber.Validate("11010519491231002X").IsValid);
        Assert.False(CitizenIdNumber.Validate("110105209912310010").IsValid);
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("1101051949123100X")]
    public void ComputeCheckCharacter_rejects_bad_prefixes(string first17)
    {
        Assert.Throws<ArgumentException>(() => CitizenIdNumber.ComputeCheckCharacter(first17));
    }

    [Fact]
    public void Prefix_plus_its_check_character_is_valid_and_every_other_check_character_is_not()
    {
        var address = Gen.Int[110000, 829999];
        var birth = Gen.Int[new DateOnly(1900, 1, 1).DayNumber, Today.DayNumber].Select(DateOnly.FromDayNumber);
        var sequence = Gen.Int[0, 999];
        Gen.Select(address, birth, sequence).Sample(t =>
        {
            var first17 = FormattableString.Invariant($"{t.Item1:D6}{t.Item2:yyyyMMdd}{t.Item3:D3}");
            var check = CitizenIdNumber.ComputeCheckCharacter(first17);
            Assert.True(CitizenIdNumber.Validate(first17 + check, Today).IsValid, first17 + check);
            foreach (var other in "0123456789X")
            {
                if (other != check)
                {
                    Assert.False(CitizenIdNumber.Validate(first17 + other, Today).IsValid, first17 + other);
                }
            }
        });
    }
}
