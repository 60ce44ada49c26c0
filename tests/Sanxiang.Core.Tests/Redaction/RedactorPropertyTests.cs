using CsCheck;
using Sanxiang.Core.Redaction;

namespace Sanxiang.Core.Tests.Redaction;

/// <summary>Whatever the text, the proposal is a valid span list over it, and applying it reproduces the redacted text.</summary>
public sealed class RedactorPropertyTests
{
    // Pieces of decision texts, recombined at random so cues, names, numbers and brackets meet in odd places.
    private static readonly string[] Pieces =
    [
        "当事人", "：", "张三", "欧阳娜娜", "，", "男", "女", "、", "证人", "执法人员", "王立新", "（", "）", "执法证号", "36070021001",
        "住", "住所", "安和县", "城关镇", "人民路", "168号", "3栋", "村", "二组", "有限公司", "店", "13812345678", "138 1234 5678",
        "0796-8123456", "36073619870402088X", "360736 19870402 088x", "361002650813761", "6267513613412524", "赣A12345", "赣AD12345",
        "患有", "骨折", "HIV", "a@b.cn", "账号", "91360736WHTQM1MTAL", "。", "\n", " ", "于是", "陈述", "王府井", "某", "x", "7",
        "\uD83D\uDE00", "\u0000",
    ];

    private static readonly Gen<string> Texts = Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 40].Select(string.Concat);

    [Fact]
    public void Proposal_is_valid_over_any_text_and_applies_to_the_same_result()
    {
        Texts.Sample(text =>
        {
            var result = Redactor.Redact(text);
            var end = 0;
            foreach (var s in result.Spans)
            {
                Assert.True(s.Start >= end && s.Length > 0 && s.End <= text.Length);
                Assert.Equal(s.Original, text.Substring(s.Start, s.Length));
                end = s.End;
            }

            var applied = Redactor.Apply(text, result.Spans);
            Assert.True(applied.IsValid, string.Join("；", applied.Errors));
            Assert.Equal(result.Text, applied.Result!.Text);
        });
    }

    [Fact]
    public void Policy_keeping_names_never_masks_more()
    {
        Texts.Sample(text =>
        {
            var all = Redactor.Redact(text).Spans.Count;
            var kept = Redactor.Redact(text, null, new RedactionPolicy(MaskPartyName: false, MaskLegalRepresentativeName: false)).Spans.Count;
            Assert.True(kept <= all);
        });
    }
}
