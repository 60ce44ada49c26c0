using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Ledger;
using Sanxiang.Core.Redaction;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Publication;

/// <summary>A text of the entry the clerk confirms: its original and what the engine proposes to mask in it.</summary>
public sealed record DraftSection(string Key, string Label, string Original, IReadOnlyList<RedactionSpan> Proposed)
{
    /// <summary>The identifier of a proposed span in the clerk's form: section, start and length.</summary>
    public string IdOf(RedactionSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Key}:{span.Start}:{span.Length}");
}

/// <summary>
/// What would be published for a decision, before the clerk confirms it (PUB-5..7): the public fields taken from the
/// case (the party's name by the agency's policy, never an ID number), and the texts that carry personal data — the
/// facts in brief and the decision document's full text — each with the redactions the engine proposes. The digest
/// covers every original, so a confirmation made on a preview of other texts is refused.
/// </summary>
public sealed record PublicationDraft(
    PublishedDecision Fields,
    IReadOnlyList<DraftSection> Sections,
    string Digest,
    string? NoFullText,
    IReadOnlyList<PenaltyKind>? Kinds = null)
{
    public const string FactsKey = "facts";
    public const string FullTextKey = "fulltext";

    /// <summary>The decision document's text, when there is one, is published in full (PUB-6).</summary>
    public DraftSection? FullText => Sections.FirstOrDefault(s => s.Key == FullTextKey);

    /// <summary>
    /// Builds the draft of the publication of <paramref name="file"/>'s decision: <paramref name="documentText"/> is the
    /// served decision document's text (null when the platform issued none), <paramref name="documentNumber"/> its number.
    /// </summary>
    public static PublicationDraft Build(CaseFile file, string agencyName, PublicationTask task, string? documentTitle, string? documentNumber,
        string? documentText, LawSettings law)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(law);
        var @case = file.Case;
        var policy = new RedactionPolicy(MaskPartyName: !law.PublishPartyNameInFull);
        var context = ContextOf(@case);
        var person = @case.Party.Kind == PartyKind.Person;
        var kinds = file.PenaltyKinds(FactKeys.PenaltyKinds);
        var decision = file.Text(FactKeys.DecisionKind);
        var penalised = task.Category == PublicationCategory.Penalty && decision is null or "给予行政处罚";
        var fine = penalised ? file.Amount(FactKeys.FineAmount) : null;
        var confiscation = penalised ? file.Amount(FactKeys.ConfiscationAmount) : null;
        var fields = new PublishedDecision
        {
            AgencyId = @case.AgencyId,
            AgencyName = agencyName,
            TaskId = task.Id,
            CaseId = @case.Id,
            Category = task.Category,
            Procedure = @case.Procedure,
            Title = documentTitle ?? TitleOf(task.Category, decision),
            DocumentNumber = documentNumber,
            CaseNumber = @case.Number,
            ItemName = @case.ItemName,
            PartyKind = @case.Party.Kind,
            PartyName = person && policy.MaskPartyName ? Redactor.ProposeReplacement(RedactionKind.PersonName, @case.Party.Name) : @case.Party.Name,
            CreditCode = person ? null : @case.Party.CreditCode,
            Representative = person || string.IsNullOrWhiteSpace(@case.Party.Representative) ? null
                : policy.MaskLegalRepresentativeName ? Redactor.ProposeReplacement(RedactionKind.PersonName, @case.Party.Representative) : @case.Party.Representative,
            Cause = @case.Cause,
            Basis = file.Text(FactKeys.DecisionBasis)?.Trim(),
            PenaltyKinds = penalised && kinds.Count > 0 ? string.Join("、", kinds.Select(k => k.Chinese())) : null,
            Result = ResultOf(task.Category, decision, kinds, fine, confiscation),
            FineYuan = fine,
            ConfiscationYuan = confiscation,
            DecidedOn = task.DecidedOn,
            ContentSha256 = "",
            LicenceCategory = task.Category == PublicationCategory.Licensing ? file.Text(FactKeys.LicenceCategory) : null,
            LicenceName = task.Category == PublicationCategory.Licensing ? file.Text(FactKeys.LicenceName) : null,
            LicenceNumber = task.Category == PublicationCategory.Licensing ? file.Text(FactKeys.LicenceNumber) : null,
            LicenceValidFrom = task.Category == PublicationCategory.Licensing ? file.Date(FactKeys.LicenceValidFrom) : null,
            LicenceValidTo = task.Category == PublicationCategory.Licensing ? file.Date(FactKeys.LicenceValidTo) : null,
            PenaltyLicence = penalised ? file.Text(FactKeys.PenaltyLicence)?.Trim() : null,
            PenaltyEffectiveUntil = penalised ? file.Date(FactKeys.PenaltyEffectiveUntil) : null,
        };

        var sections = new List<DraftSection>();
        // The reasons for refusing a licence or a confirmation are published, through the redaction like the facts.
        var facts = (task.Category == PublicationCategory.Penalty ? null : file.Text(FactKeys.DecisionReasons))?.Trim() is { Length: > 0 } reasons
            ? reasons
            : (file.Text(FactKeys.DecisionFacts) ?? file.Text(FactKeys.InvestigationReport))?.Trim();
        if (!string.IsNullOrEmpty(facts))
        {
            sections.Add(Section(FactsKey, task.Category == PublicationCategory.Penalty ? "违法事实（摘要）" : "主要事实和理由（摘要）", facts, context, policy));
        }

        string? noFullText = null;
        if (!string.IsNullOrWhiteSpace(documentText))
        {
            sections.Add(Section(FullTextKey, $"{fields.Title}全文", documentText, context, policy));
        }
        else
        {
            noFullText = @case.Procedure == ProcedureKind.GeneralPenalty
                ? "本决定没有在平台出具的决定书：一般程序行政处罚决定书应当全文公开，请在平台补出决定书后再公示。"
                : "本类决定公开摘要信息，不附决定书全文。";
        }

        return new PublicationDraft(fields, sections, DigestOf(fields, sections), noFullText, penalised ? kinds : []);
    }

    /// <summary>
    /// The clerk's confirmation: the proposed spans kept (by <see cref="DraftSection.IdOf"/>) and further texts to mask
    /// wherever they occur (kind <see cref="RedactionKind.ClerkMarked"/>). Returns each section's redacted text and the
    /// number of spans, or every problem in Chinese.
    /// </summary>
    public (IReadOnlyDictionary<string, string>? Texts, int Count, IReadOnlyList<string> Errors) Confirm(IReadOnlyCollection<string> kept, IReadOnlyCollection<string> added)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(added);
        var errors = new List<string>();
        var known = Sections.SelectMany(s => s.Proposed.Select(s.IdOf)).ToHashSet(StringComparer.Ordinal);
        foreach (var id in kept.Where(k => !known.Contains(k)))
        {
            errors.Add($"隐去建议“{Truncate(id, 40)}”不在本次预览中，请重新打开预览页后再确认。");
        }

        var marks = added.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var mark in marks.Where(m => m.Length > 200))
        {
            errors.Add($"补充隐去的内容“{Truncate(mark, 20)}”超过 200 字：请只填写需要隐去的那几个字。");
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var mark in marks.Where(m => m.Length <= 200 && !Sections.Any(s => s.Original.Contains(m, StringComparison.Ordinal))))
        {
            errors.Add($"补充隐去的内容“{Truncate(mark, 20)}”在公示内容中找不到：请照原文填写，每行一处。");
        }

        if (errors.Count > 0)
        {
            return (null, 0, errors);
        }

        foreach (var section in Sections)
        {
            var spans = section.Proposed.Where(p => kept.Contains(section.IdOf(p))).ToList();
            foreach (var mark in marks)
            {
                for (var at = section.Original.IndexOf(mark, StringComparison.Ordinal); at >= 0; at = section.Original.IndexOf(mark, at + mark.Length, StringComparison.Ordinal))
                {
                    // A mark inside a kept span is already masked; one that straddles a span's edge widens nothing and is refused below.
                    if (spans.Any(s => s.Start <= at && at + mark.Length <= s.End))
                    {
                        continue;
                    }

                    spans.Add(new RedactionSpan(at, mark.Length, RedactionKind.ClerkMarked, mark, Redactor.ProposeReplacement(RedactionKind.ClerkMarked, mark), "公示专员标注"));
                }
            }

            var outcome = Redactor.Apply(section.Original, spans);
            if (outcome.Result is null)
            {
                errors.AddRange(outcome.Errors.Select(e => $"{section.Label}：{e}"));
                continue;
            }

            texts[section.Key] = outcome.Result.Text;
            count += outcome.Result.Spans.Count;
        }

        return errors.Count > 0 ? (null, 0, errors) : (texts, count, []);
    }

    /// <summary>The natural persons and organisations the case record knows, with the parts they play.</summary>
    public static RedactionContext ContextOf(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var people = new List<KnownPerson>();
        var organisations = new List<string>();
        if (@case.Party.Kind == PartyKind.Person)
        {
            people.Add(new KnownPerson(@case.Party.Name, PersonRole.Party));
        }
        else
        {
            organisations.Add(@case.Party.Name);
            if (!string.IsNullOrWhiteSpace(@case.Party.Representative))
            {
                people.Add(new KnownPerson(@case.Party.Representative, PersonRole.LegalRepresentative));
            }
        }

        people.AddRange(@case.Officers.Select(o => new KnownPerson(o.Name, PersonRole.Officer)));
        return new RedactionContext(people, organisations);
    }

    /// <summary>
    /// The content of a published version as canonical JSON (the log's canonicalisation): what its SHA-256, recorded in
    /// the log and shown on the portal, covers. Anyone can recompute it from the entry's JSON in the public API.
    /// </summary>
    public static JsonObject ContentOf(PublishedDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var content = new JsonObject
        {
            ["agency"] = d.AgencyName,
            ["basis"] = d.Basis,
            ["caseNumber"] = d.CaseNumber,
            ["category"] = d.Category.ToString(),
            ["cause"] = d.Cause,
            ["confiscationYuan"] = d.ConfiscationYuan,
            ["creditCode"] = d.CreditCode,
            ["decidedOn"] = Iso(d.DecidedOn),
            ["documentNumber"] = d.DocumentNumber,
            ["facts"] = d.Facts,
            ["fineYuan"] = d.FineYuan,
            ["fullText"] = d.FullText,
            ["item"] = d.ItemName,
            ["licenceCategory"] = d.LicenceCategory,
            ["licenceName"] = d.LicenceName,
            ["licenceNumber"] = d.LicenceNumber,
            ["licenceValidFrom"] = d.LicenceValidFrom is { } vf ? Iso(vf) : null,
            ["licenceValidTo"] = d.LicenceValidTo is { } vt ? Iso(vt) : null,
            ["party"] = d.PartyName,
            ["partyKind"] = d.PartyKind.ToString(),
            ["penaltyKinds"] = d.PenaltyKinds,
            ["publicUntil"] = Iso(d.PublicUntil),
            ["publishedOn"] = Iso(d.PublishedOn),
            ["representative"] = d.Representative,
            ["result"] = d.Result,
            ["title"] = d.Title,
            ["version"] = d.Version,
        };

        // Fields added after entries were first published appear only when set, so no earlier entry's digest changes.
        if (d.PenaltyLicence is not null)
        {
            content["penaltyLicence"] = d.PenaltyLicence;
        }

        if (d.PenaltyEffectiveUntil is { } until)
        {
            content["penaltyEffectiveUntil"] = Iso(until);
        }

        return content;
    }

    public static string ContentSha256Of(PublishedDecision d) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(ContentOf(d))));

    private static DraftSection Section(string key, string label, string text, RedactionContext context, RedactionPolicy policy) =>
        new(key, label, text, Redactor.Redact(text, context, policy).Spans);

    private static string DigestOf(PublishedDecision fields, IReadOnlyList<DraftSection> sections)
    {
        var sb = new StringBuilder();
        sb.Append(fields.PartyName).Append('\u0001').Append(fields.Result).Append('\u0001').Append(fields.Basis).Append('\u0001').Append(fields.DocumentNumber);
        foreach (var s in sections)
        {
            sb.Append('\u0002').Append(s.Key).Append('\u0001').Append(s.Original);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }

    private static string TitleOf(PublicationCategory category, string? decision) => category switch
    {
        PublicationCategory.Penalty => decision == "不予行政处罚" ? "不予行政处罚决定书" : "行政处罚决定书",
        PublicationCategory.Licensing => decision == "不予许可" ? "不予行政许可决定书" : "准予行政许可决定书",
        _ => decision is "认定" or "不予认定" ? "行政确认决定" : "行政执法决定",
    };

    private static string ResultOf(PublicationCategory category, string? decision, IReadOnlyList<PenaltyKind> kinds, long? fine, long? confiscation)
    {
        if (category != PublicationCategory.Penalty)
        {
            return decision ?? "作出行政执法决定";
        }

        if (decision is "不予行政处罚" or "移送司法机关")
        {
            return decision;
        }

        var parts = new List<string>();
        foreach (var kind in kinds)
        {
            parts.Add(kind switch
            {
                PenaltyKind.Fine when fine is { } f => string.Create(CultureInfo.InvariantCulture, $"罚款人民币{f:N0}元"),
                PenaltyKind.ConfiscateIllegalGains or PenaltyKind.ConfiscateIllegalProperty when confiscation is { } c
                    => string.Create(CultureInfo.InvariantCulture, $"{kind.Chinese()}人民币{c:N0}元"),
                _ => kind.Chinese(),
            });
        }

        return parts.Count == 0 ? "给予行政处罚" : string.Join("；", parts);
    }

    private static string? Iso(DateOnly d) => d == default ? null : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Truncate(string s, int n) => s.Length <= n ? s : string.Concat(s.AsSpan(0, n), "…");
}
