using System.Globalization;
using System.Text.RegularExpressions;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Redaction;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>
/// The automatic checks of the online patrol (网上巡查, PLT-3), each a pure function of an <see cref="AgencySnapshot"/>:
/// what the public sees compared with the internal truth. What each check does, its rule and how it avoids false
/// findings: docs/online-patrol.md.
/// </summary>
public static partial class PatrolChecks
{
    /// <summary>A certificate listed as valid but expired longer than this is a list not kept current (a renewal in progress is not).</summary>
    public const int ExpiredGraceDays = 30;

    /// <summary>Every check, in the order the notice lists them.</summary>
    public static IReadOnlyList<FindingDraft> All(AgencySnapshot s, WorkdayCalendar calendar) =>
    [
        .. Lists(s),
        .. Officers(s),
        .. Timeliness(s, calendar),
        .. FullText(s),
        .. Withdrawals(s),
        .. Redaction(s),
    ];

    public static CheckedCounts Counts(AgencySnapshot s) => new(
        s.PortalOfficers.Count,
        s.Tasks.Count(t => t.Kind == PublicationTaskKind.Publish),
        s.Tasks.Count(t => t.Kind == PublicationTaskKind.Withdraw),
        s.Entries.Count,
        s.Entries.Sum(e => (e.FullText is null ? 0 : 1) + (e.Facts is null ? 0 : 1) + 1));

    /// <summary>清单公示: an approved item list and officer list in force on the last day checked (PUB-1); no certificate long expired still listed (PUB-2).</summary>
    public static IEnumerable<FindingDraft> Lists(AgencySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!s.ItemListInForce)
        {
            yield return new FindingDraft(s.AgencyId, PatrolFindingKind.ListMissing, "执法事项清单",
                $"截至{LegalPeriods.Text(s.To)}，门户网站上没有本机关施行中的执法事项清单（无已批准并生效的版本）。");
        }

        if (!s.OfficerListInForce)
        {
            yield return new FindingDraft(s.AgencyId, PatrolFindingKind.ListMissing, "执法人员名单",
                $"截至{LegalPeriods.Text(s.To)}，门户网站上没有本机关施行中的执法人员名单（无已批准并生效的版本）。");
        }

        foreach (var o in s.PortalOfficers.Where(o => o.Status == CertificateStatus.Valid && o.ValidTo.AddDays(ExpiredGraceDays) < s.To)
                     .OrderBy(o => o.CertificateNumber, StringComparer.Ordinal))
        {
            yield return new FindingDraft(s.AgencyId, PatrolFindingKind.ListNotCurrent, $"执法人员名单：{o.Name}（{o.CertificateNumber}）",
                $"该执法证已于{LegalPeriods.Text(o.ValidTo)}到期，截至{LegalPeriods.Text(s.To)}仍列在施行中的执法人员名单内，名单未及时调整（换证或移出名单）。");
        }
    }

    /// <summary>
    /// 执法人员: every officer a published decision names with a certificate number must be in the agency's registry — a
    /// certificate of an approved list of this agency, under the same name, valid and listed on the decision day (PUB-4).
    /// </summary>
    public static IEnumerable<FindingDraft> Officers(AgencySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var byNumber = s.Registry.GroupBy(r => Normalise(r.CertificateNumber)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var e in s.Entries.OrderBy(e => e.Id))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in NamedOfficer().Matches(e.FullText ?? ""))
            {
                var name = m.Groups["name"].Value;
                var number = Normalise(m.Groups["number"].Value);
                if (!seen.Add(number))
                {
                    continue;
                }

                string? problem;
                if (!byNumber.TryGetValue(number, out var rows))
                {
                    problem = $"决定书全文载明的执法人员{name}（执法证号：{m.Groups["number"].Value}）不在本机关执法人员名单中，名单中没有该证号。";
                }
                else if (!rows.Any(r => string.Equals(r.Name, name, StringComparison.Ordinal)))
                {
                    problem = $"决定书全文载明的执法人员{name}（执法证号：{m.Groups["number"].Value}）与名单不符：名单中该证号的持证人是{rows[0].Name}。";
                }
                else if (!rows.Any(r => r.ValidFrom <= e.DecidedOn && e.DecidedOn <= r.ValidTo && r.ListedFrom <= e.DecidedOn
                             && (r.ListedUntil is null || e.DecidedOn < r.ListedUntil) && r.Status is CertificateStatus.Valid))
                {
                    problem = $"决定书全文载明的执法人员{name}（执法证号：{m.Groups["number"].Value}）在作出决定之日（{LegalPeriods.Text(e.DecidedOn)}）不在施行中的名单内或执法证不在有效期内。";
                }
                else
                {
                    continue;
                }

                yield return new FindingDraft(s.AgencyId, PatrolFindingKind.OfficerNotInRegistry, $"{e.Label}：{name}（{m.Groups["number"].Value}）", problem, e.Id);
            }
        }
    }

    /// <summary>按时公示: each decision whose deadline fell in the period was published by it (PUB-5); one not published and not exempted is missing.</summary>
    public static IEnumerable<FindingDraft> Timeliness(AgencySnapshot s, WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(calendar);
        foreach (var t in s.Tasks.Where(t => t.Kind == PublicationTaskKind.Publish && t.DueOn >= s.From && t.DueOn <= s.To).OrderBy(t => t.DueOn).ThenBy(t => t.CaseNumber, StringComparer.Ordinal))
        {
            if (t.FirstPublishedOn is { } on && on > t.DueOn)
            {
                var late = WorkingDaysAfter(calendar, t.DueOn, on);
                yield return new FindingDraft(s.AgencyId, PatrolFindingKind.LatePublication, $"案件 {t.CaseNumber}（公示编号 {t.PublishedDecisionId?.ToString(CultureInfo.InvariantCulture) ?? "—"}）",
                    $"决定于{LegalPeriods.Text(t.DecidedOn)}作出，应于{LegalPeriods.Text(t.DueOn)}前公示，实际于{LegalPeriods.Text(on)}公示，逾期 {late} 个工作日。", t.PublishedDecisionId);
            }
            else if (t.FirstPublishedOn is null && t.Status == PublicationStatus.Pending && s.Today > t.DueOn)
            {
                yield return new FindingDraft(s.AgencyId, PatrolFindingKind.UnpublishedOverdue, $"案件 {t.CaseNumber}",
                    $"决定于{LegalPeriods.Text(t.DecidedOn)}作出，应于{LegalPeriods.Text(t.DueOn)}前公示，截至巡查之日（{LegalPeriods.Text(s.Today)}）既未公示，也未记录不予公示的依据。");
            }
        }
    }

    /// <summary>全文公开: a general-procedure penalty decision on the portal carries its full text (PUB-6).</summary>
    public static IEnumerable<FindingDraft> FullText(AgencySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Entries.Where(e => e.State == PublishedState.Public && e.Procedure == ProcedureKind.GeneralPenalty && string.IsNullOrWhiteSpace(e.FullText))
            .OrderBy(e => e.Id)
            .Select(e => new FindingDraft(s.AgencyId, PatrolFindingKind.MissingFullText, e.Label,
                $"一般程序行政处罚决定（{LegalPeriods.Text(e.PublishedOn)}公示）只公示了摘要，未公示决定书全文，也未说明不公开全文的依据。", e.Id));
    }

    /// <summary>撤回: an entry whose decision was revoked, confirmed illegal or ordered remade left the portal by its withdrawal deadline (PUB-8).</summary>
    public static IEnumerable<FindingDraft> Withdrawals(AgencySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        foreach (var t in s.Tasks.Where(t => t.Kind == PublicationTaskKind.Withdraw && t.DueOn >= s.From && t.DueOn <= s.To).OrderBy(t => t.DueOn))
        {
            var ground = string.IsNullOrWhiteSpace(t.Ground) ? "" : $"（{t.Ground}）";
            if (t.WithdrawnOn is { } done && done > t.DueOn)
            {
                yield return new FindingDraft(s.AgencyId, PatrolFindingKind.LateWithdrawal, $"案件 {t.CaseNumber}（公示编号 {t.PublishedDecisionId?.ToString(CultureInfo.InvariantCulture) ?? "—"}）",
                    $"决定变更{ground}后应于{LegalPeriods.Text(t.DueOn)}前撤回公示，实际于{LegalPeriods.Text(done)}撤回，超期 {done.DayNumber - t.DueOn.DayNumber} 日。", t.PublishedDecisionId);
            }
            else if (t.WithdrawnOn is null && t.Status == PublicationStatus.Pending && s.Today > t.DueOn)
            {
                yield return new FindingDraft(s.AgencyId, PatrolFindingKind.LateWithdrawal, $"案件 {t.CaseNumber}（公示编号 {t.PublishedDecisionId?.ToString(CultureInfo.InvariantCulture) ?? "—"}）",
                    $"决定变更{ground}后应于{LegalPeriods.Text(t.DueOn)}前撤回公示，截至巡查之日（{LegalPeriods.Text(s.Today)}）仍在公示。", t.PublishedDecisionId);
            }
        }
    }

    /// <summary>
    /// 隐去: the redaction engine is run over each published text (the abstract's facts and result and the full text) as the
    /// public reads it; what it would still mask is a finding, except what was legitimately kept: text already masked
    /// (某, *), the agency's own telephone numbers, the county's organisations, the officers named with their certificates,
    /// and the party's name where the agency publishes it in full (PUB-7).
    /// </summary>
    public static IEnumerable<FindingDraft> Redaction(AgencySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var phones = s.Phones.Select(Digits).Where(d => d.Length >= 7).ToHashSet(StringComparer.Ordinal);
        var officers = s.Registry.Select(r => r.Name).Distinct(StringComparer.Ordinal).Select(n => new KnownPerson(n, PersonRole.Officer)).ToList();
        foreach (var e in s.Entries.OrderBy(e => e.Id))
        {
            var organisations = s.Organisations.Append(s.AgencyName);
            if (e.PartyKind == PartyKind.Organisation && e.PartyName.Length > 0)
            {
                organisations = organisations.Append(e.PartyName);
            }

            var context = new RedactionContext(officers, [.. organisations.Distinct(StringComparer.Ordinal)]);
            var leaks = new List<string>();
            foreach (var (label, text) in new[] { ("违法事实", e.Facts), ("处罚内容", (string?)e.Result), ("决定书全文", e.FullText) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                foreach (var span in Redactor.Redact(text, context).Spans)
                {
                    if (Legitimate(span, e, s, phones))
                    {
                        continue;
                    }

                    leaks.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{label}第 {span.Start + 1} 字起的{RedactionKinds.Chinese(span.Kind)}（应显示为“{span.Replacement}”）"));
                }
            }

            if (leaks.Count > 0)
            {
                yield return new FindingDraft(s.AgencyId, PatrolFindingKind.Unredacted, e.Label,
                    $"公示内容中仍有应当隐去的个人信息 {leaks.Count} 处：{string.Join("；", leaks.Take(10))}{(leaks.Count > 10 ? "等" : "")}。请撤下更正后重新公示。", e.Id);
            }
        }
    }

    /// <summary>Whether a span the engine proposes over published text was legitimately left (see <see cref="Redaction"/>).</summary>
    public static bool Legitimate(RedactionSpan span, PortalEntry entry, AgencySnapshot snapshot, IReadOnlySet<string> agencyPhones)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(agencyPhones);
        // Already masked by the clerk's confirmation: 张某, 138****5678, 赣A*****.
        if (span.Original.Contains('某', StringComparison.Ordinal) || span.Original.Contains('*', StringComparison.Ordinal)
            || span.Original.Contains('×', StringComparison.Ordinal))
        {
            return true;
        }

        return span.Kind switch
        {
            RedactionKind.Mobile or RedactionKind.Landline => agencyPhones.Contains(Digits(span.Original))
                || agencyPhones.Any(p => Digits(span.Original).EndsWith(p, StringComparison.Ordinal) || p.EndsWith(Digits(span.Original), StringComparison.Ordinal)),
            RedactionKind.PersonName => snapshot.PublishPartyNameInFull && entry.PartyKind == PartyKind.Person
                && string.Equals(span.Original.Trim(), entry.PartyName.Trim(), StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Working days after <paramref name="due"/> up to and including <paramref name="on"/> (calendar days where the year is not published).</summary>
    public static int WorkingDaysAfter(WorkdayCalendar calendar, DateOnly due, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = 0;
        for (var d = due.AddDays(1); d <= on; d = d.AddDays(1))
        {
            try
            {
                days += calendar.IsWorkday(d) ? 1 : 0;
            }
            catch (CalendarYearMissingException)
            {
                days++;
            }
        }

        return days;
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static string Normalise(string number) => number.Trim().ToUpperInvariant();

    /// <summary>张三（执法证号：36073620001）, as the decision templates write the officers (DocumentTemplates.OfficerNames).</summary>
    [GeneratedRegex(@"(?<name>[\p{IsCJKUnifiedIdeographs}·]{2,6})（执法证(?:件)?号(?:码)?[：:]\s*(?<number>[A-Za-z0-9\-]{4,32})）")]
    private static partial Regex NamedOfficer();
}
