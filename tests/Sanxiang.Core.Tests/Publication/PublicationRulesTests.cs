using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Tests.Publication;

/// <summary>PUB-5: publication deadlines in working days over the 2026 Mid-Autumn and National Day holidays, by category, and the summary-procedure rule.</summary>
public sealed class PublicationRulesTests
{
    private static readonly WorkdayCalendar Calendar = WorkdayCalendar.Official;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_penalty_decided_before_National_Day_is_published_by_the_seventh_working_day_counting_the_adjusted_Saturday()
    {
        // Decided Tuesday 29 September 2026 (not counted): 30 September, then 1-7 October off, 8, 9, Saturday 10 (a make-up
        // working day), 12, 13, 14 October: the seventh working day is 14 October.
        var due = PublicationRules.Due(ProcedureKind.GeneralPenalty, D("2026-09-29"), Calendar, LawSettings.National);
        Assert.Equal((PublicationCategory.Penalty, 7, D("2026-10-14"), false), (due.Category, due.WorkingDays, due.DueOn, due.Provisional));
        Assert.Null(due.Exemption);
        Assert.Equal(D("2026-10-14"), PublicationRules.Due(ProcedureKind.Licensing, D("2026-09-29"), Calendar, LawSettings.National).DueOn);

        // Other decisions: the twentieth working day, 2 November.
        var other = PublicationRules.Due(ProcedureKind.CoerciveMeasure, D("2026-09-29"), Calendar, LawSettings.National);
        Assert.Equal((PublicationCategory.Other, 20, D("2026-11-02")), (other.Category, other.WorkingDays, other.DueOn));

        // Decided on a Friday before the Mid-Autumn weekend (25-27 September off, Sunday 20 September worked): 28, 29, 30
        // September, 8, 9, 10, 12 October.
        Assert.Equal(D("2026-10-12"), PublicationRules.Due(ProcedureKind.GeneralPenalty, D("2026-09-24"), Calendar, LawSettings.National).DueOn);

        // A law that says otherwise: the agency's setting.
        Assert.Equal(D("2026-10-08"), PublicationRules.Due(ProcedureKind.GeneralPenalty, D("2026-09-29"), Calendar,
            LawSettings.National with { PublishWorkingDays = 2 }).DueOn);
    }

    [Fact]
    public void A_summary_penalty_is_closed_by_a_named_rule_unless_the_agency_publishes_them()
    {
        var summary = PublicationRules.Due(ProcedureKind.SummaryPenalty, D("2026-03-02"), Calendar, LawSettings.National);
        Assert.Equal(PublicationCategory.Penalty, summary.Category);
        Assert.StartsWith("适用简易程序当场作出的行政处罚决定不予公示", summary.Exemption, StringComparison.Ordinal);
        Assert.Null(PublicationRules.Due(ProcedureKind.SummaryPenalty, D("2026-03-02"), Calendar, LawSettings.National with { PublishSummaryPenalties = true }).Exemption);
        Assert.Contains("公示期限", Assert.Single((LawSettings.National with { PublishWorkingDays = 0 }).Validate()), StringComparison.Ordinal);
    }
}
