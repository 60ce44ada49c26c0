using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Tests.Publication;

/// <summary>
/// PUB-5..7: the draft of an entry from a case — the party by the agency's policy, never an ID number; the facts and the
/// full text with proposals; the clerk's confirmation (keep, drop, add) and its refusals; the content digest.
/// </summary>
public sealed class PublicationDraftTests
{
    private static (CaseFile File, PublicationTask Task) Person(string facts)
    {
        var @case = new Case
        {
            Id = Guid.NewGuid(), AgencyId = Guid.NewGuid(), Number = "安市监立〔2026〕12号", ItemCode = "x", ItemName = "对销售不符合食品安全标准的食品的处罚",
            Procedure = ProcedureKind.GeneralPenalty, Status = "serve", Cause = "涉嫌销售农药残留超标的豇豆案", Source = "监督检查",
            Party = new CaseParty { Kind = PartyKind.Person, Name = "欧阳娜娜", IdNumber = "360736199001011236", Address = "安和县城关镇建设路18号3栋402室" },
        };
        @case.Officers.Add(new CaseOfficer { Id = Guid.NewGuid(), CaseId = @case.Id, Name = "刘建国", CertificateNumber = "36070001" });
        var sequence = 0;
        void Fact(FactKey key, string value) => @case.Facts.Add(new CaseFact { Id = Guid.NewGuid(), CaseId = @case.Id, Sequence = ++sequence, Key = key.Key, Value = value, Step = "decide" });
        Fact(FactKeys.DecisionKind, "给予行政处罚");
        Fact(FactKeys.DecisionFacts, facts);
        Fact(FactKeys.DecisionBasis, "依据《中华人民共和国食品安全法》第一百二十四条第一款第（一）项");
        Fact(FactKeys.PenaltyKinds, "Fine,ConfiscateIllegalGains");
        Fact(FactKeys.FineAmount, "50000");
        Fact(FactKeys.ConfiscationAmount, "300");
        var task = new PublicationTask { Id = Guid.NewGuid(), AgencyId = @case.AgencyId, CaseId = @case.Id, CaseNumber = @case.Number, Procedure = @case.Procedure,
            Category = PublicationCategory.Penalty, DecidedOn = new DateOnly(2026, 11, 2), DueOn = new DateOnly(2026, 11, 11) };
        return (new CaseFile(@case), task);
    }

    [Fact]
    public void A_natural_persons_entry_masks_the_party_and_never_holds_the_id_and_the_clerk_confirms_what_to_mask()
    {
        var (file, task) = Person("当事人欧阳娜娜在其经营的摊位销售豇豆，证人张伟（电话13912345678）证实，执法人员刘建国现场检查。");
        var draft = PublicationDraft.Build(file, "安和县市场监督管理局", task, "行政处罚决定书", "安市监罚〔2026〕8号", "行政处罚决定书\n当事人：欧阳娜娜，身份证号码：360736199001011236。", LawSettings.National);
        var f = draft.Fields;
        Assert.Equal(("欧阳某某", null, null), (f.PartyName, f.CreditCode, f.Representative));
        Assert.Equal("罚款人民币50,000元；没收违法所得人民币300元", f.Result);
        Assert.Equal("罚款、没收违法所得", f.PenaltyKinds);
        var facts = draft.Sections.Single(s => s.Key == PublicationDraft.FactsKey);
        Assert.Contains(facts.Proposed, s => s.Original == "张伟");
        Assert.DoesNotContain(facts.Proposed, s => s.Original == "刘建国");

        // Keep all but the phone, add the stall by hand: the witness masked, the phone kept, the stall masked.
        var phone = facts.Proposed.Single(s => s.Original == "13912345678");
        var kept = draft.Sections.SelectMany(s => s.Proposed.Select(s.IdOf)).Where(id => id != facts.IdOf(phone)).ToList();
        var (texts, count, errors) = draft.Confirm(kept, ["摊位"]);
        Assert.Empty(errors);
        Assert.Equal("当事人欧阳某某在其经营的****销售豇豆，证人张某（电话13912345678）证实，执法人员刘建国现场检查。", texts![PublicationDraft.FactsKey]);
        Assert.DoesNotContain("360736199001011236", texts[PublicationDraft.FullTextKey], StringComparison.Ordinal);
        Assert.True(count >= 4);

        // Refusals: a span not proposed, a mark not in the text, a mark over 200 characters; a mark straddling a span's edge.
        Assert.Contains("不在本次预览中", Assert.Single(draft.Confirm(["facts:1:1"], []).Errors), StringComparison.Ordinal);
        Assert.Contains("找不到", Assert.Single(draft.Confirm([], ["没有这句话"]).Errors), StringComparison.Ordinal);
        Assert.Contains("超过 200 字", draft.Confirm([], [new string('豇', 201)]).Errors[0], StringComparison.Ordinal);
        Assert.Contains("重叠", Assert.Single(draft.Confirm([facts.IdOf(facts.Proposed.Single(s => s.Original == "张伟"))], ["证人张"]).Errors), StringComparison.Ordinal);

        // The agency publishes the party's own name in full: the witness is still masked.
        var full = PublicationDraft.Build(file, "安和县市场监督管理局", task, null, null, null, LawSettings.National with { PublishPartyNameInFull = true });
        Assert.Equal("欧阳娜娜", full.Fields.PartyName);
        Assert.Contains(full.Sections.Single().Proposed, s => s.Original == "张伟");
        Assert.NotNull(full.NoFullText);
        Assert.NotEqual(draft.Digest, full.Digest);
    }

    [Fact]
    public void The_content_digest_covers_every_published_field()
    {
        var (file, task) = Person("当事人销售豇豆。");
        var entry = PublicationDraft.Build(file, "安和县市场监督管理局", task, null, null, null, LawSettings.National).Fields;
        var digest = PublicationDraft.ContentSha256Of(entry);
        entry.Result += "。";
        Assert.NotEqual(digest, PublicationDraft.ContentSha256Of(entry));
        Assert.Equal(64, digest.Length);
    }
}
