using System.Globalization;

namespace Sanxiang.Core.Supervision.AnnualReport;

/// <summary>
/// One figure of the annual report (行政执法数据年度报告): a stable key, the Chinese label as the report prints it, the
/// value and its unit. A rate is <see cref="Value"/> over <see cref="Denominator"/> (both counts, so the snapshot holds
/// integers only and its canonical JSON is exact); with a zero denominator there is nothing to divide and the report
/// prints "—". A figure the platform does not record (<see cref="Recorded"/> false) is printed 本平台未记录, never 0.
/// </summary>
public sealed record AnnualFigure(string Key, string Label, long? Value, string Unit, bool Recorded = true, long? Denominator = null, string? Note = null)
{
    public const string NotRecorded = "本平台未记录";

    public bool IsRate => Unit == "%";

    /// <summary>The value as the report prints it: 1,234 件, 60,000 元, 98.5%（197/200）, 本平台未记录.</summary>
    public string Display()
    {
        if (!Recorded)
        {
            return NotRecorded;
        }

        if (IsRate)
        {
            return Denominator is > 0 && Value is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100m * v / Denominator.Value, 1):0.0}%（{v:N0}/{Denominator.Value:N0}）")
                : "—";
        }

        return Value is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n:N0}") : "—";
    }

    /// <summary>The value with its unit (rates and 本平台未记录 carry none).</summary>
    public string DisplayWithUnit() => !Recorded || IsRate || Value is null ? Display() : $"{Display()} {Unit}";
}

/// <summary>A part of the report (一、行政许可 …) and its figures in print order.</summary>
public sealed record AnnualSection(string Title, IReadOnlyList<AnnualFigure> Figures);

/// <summary>
/// The figures of one agency for one calendar year (1 January to 31 December, China Standard Time), as computed on
/// <see cref="ComputedOn"/>. Published reports store this record as their frozen snapshot.
/// </summary>
public sealed record AnnualFigures(int Year, string AgencyCode, string AgencyName, DateOnly ComputedOn, IReadOnlyList<AnnualSection> Sections)
{
    public AnnualFigure? Find(string key) => Sections.SelectMany(s => s.Figures).FirstOrDefault(f => f.Key == key);

    /// <summary>The value of a recorded count (tests and the county total); throws for an unknown key.</summary>
    public long ValueOf(string key) => Find(key)?.Value ?? throw new KeyNotFoundException($"年度报告没有指标“{key}”。");
}

/// <summary>
/// What the figures are made of, each counted once by the data layer (docs/annual-report.md says from where). Counts are
/// of the calendar year: cases opened (立案、受理) or decided (决定作出之日) in it, facts dated in it, rounds of legal review
/// with an opinion in it; officers as listed in force on 31 December.
/// </summary>
public sealed record AnnualInputs
{
    public int LicensingApplications { get; init; }
    public int LicensingGranted { get; init; }
    public int LicensingRefused { get; init; }

    /// <summary>Penalty decisions (给予行政处罚) made in the year: all, by the summary and the general procedure.</summary>
    public int PenaltyDecisions { get; init; }
    public int PenaltySummary { get; init; }
    public int PenaltyGeneral { get; init; }

    /// <summary>The kinds of each penalty decision of the year (one entry per decision; a decision without recorded kinds has an empty set).</summary>
    public IReadOnlyList<IReadOnlySet<Registry.PenaltyKind>> DecisionKinds { get; init; } = [];

    public long FineYuan { get; init; }
    public long ConfiscationYuan { get; init; }
    public int NoPenalty { get; init; }
    public int Transferred { get; init; }

    public int CoerciveMeasures { get; init; }
    public int CourtEnforcement { get; init; }

    public int Inspections { get; init; }
    public int RandomPlans { get; init; }
    public int RandomTargetsDrawn { get; init; }
    public int RandomResultsPublished { get; init; }
    public int RandomResultsWithProblems { get; init; }

    public int Confirmations { get; init; }
    public int OtherProcedures { get; init; }

    public int Hearings { get; init; }
    public int ReviewRounds { get; init; }
    public int ReviewAgreed { get; init; }
    public int ReviewReturned { get; init; }
    public int ComplaintsReceived { get; init; }
    public int ComplaintsAnswered { get; init; }

    /// <summary>Decisions of the year that had to be published, published on time, late, still missing, exempt.</summary>
    public int PublicationDue { get; init; }
    public int PublishedOnTime { get; init; }
    public int PublishedLate { get; init; }
    public int PublicationMissing { get; init; }
    public int PublicationNotYetDue { get; init; }
    public int PublicationExempt { get; init; }
    public int GeneralPenaltiesPublished { get; init; }
    public int WithFullText { get; init; }

    public int Officers { get; init; }
    public int Reviewers { get; init; }
}

/// <summary>Lays the inputs out as the common provincial layout of 行政执法数据年度报告 does (one pure function; Core tests hold it).</summary>
public static class AnnualReportFigures
{
    private static readonly Registry.PenaltyKind[] Warning = [Registry.PenaltyKind.Warning, Registry.PenaltyKind.CriticismNotice];
    private static readonly Registry.PenaltyKind[] Confiscation = [Registry.PenaltyKind.ConfiscateIllegalGains, Registry.PenaltyKind.ConfiscateIllegalProperty];
    private static readonly Registry.PenaltyKind[] Licence = [Registry.PenaltyKind.SuspendLicence, Registry.PenaltyKind.LowerQualification, Registry.PenaltyKind.RevokeLicence];
    private static readonly Registry.PenaltyKind[] Business =
        [Registry.PenaltyKind.RestrictBusiness, Registry.PenaltyKind.SuspendProduction, Registry.PenaltyKind.OrderClosure, Registry.PenaltyKind.RestrictPractice];

    public static AnnualFigures Assemble(int year, string agencyCode, string agencyName, DateOnly computedOn, AnnualInputs i)
    {
        ArgumentNullException.ThrowIfNull(i);
        // A decision counts once in each group whose kinds it imposes (警告 and 通报批评 together are one decision of the
        // first group; 没收 and 罚款 together count under both), so no group's count is above the decisions.
        long Kind(params Registry.PenaltyKind[] kinds) => i.DecisionKinds.Count(d => kinds.Any(d.Contains));
        static AnnualFigure Count(string key, string label, long value, string unit = "件", string? note = null) => new(key, label, value, unit, Note: note);
        static AnnualFigure Rate(string key, string label, long part, long whole, string? note = null) => new(key, label, part, "%", Denominator: whole, Note: note);
        static AnnualFigure Missing(string key, string label, string unit = "件", string? note = null) => new(key, label, null, unit, Recorded: false, Note: note);

        return new AnnualFigures(year, agencyCode, agencyName, computedOn,
        [
            new AnnualSection("一、行政许可",
            [
                Count("licensing.applications", "受理行政许可申请", i.LicensingApplications),
                Count("licensing.granted", "准予行政许可", i.LicensingGranted),
                Count("licensing.refused", "不予行政许可", i.LicensingRefused),
            ]),
            new AnnualSection("二、行政处罚",
            [
                Count("penalty.decisions", "作出行政处罚决定", i.PenaltyDecisions),
                Count("penalty.summary", "其中：简易程序", i.PenaltySummary),
                Count("penalty.general", "一般程序", i.PenaltyGeneral),
                Count("penalty.warning", "警告、通报批评", Kind(Warning), note: "一个决定并处多种处罚的，在各种类中分别计数"),
                Count("penalty.fine", "罚款", Kind(Registry.PenaltyKind.Fine)),
                Count("penalty.fine-yuan", "罚款金额", i.FineYuan, "元"),
                Count("penalty.confiscation", "没收违法所得、没收非法财物", Kind(Confiscation)),
                Count("penalty.confiscation-yuan", "没收违法所得、非法财物金额", i.ConfiscationYuan, "元"),
                Count("penalty.licence", "暂扣许可证件、降低资质等级、吊销许可证件", Kind(Licence)),
                Count("penalty.business", "限制开展生产经营活动、责令停产停业、责令关闭、限制从业", Kind(Business)),
                Count("penalty.detention", "行政拘留", Kind(Registry.PenaltyKind.Detention)),
                Count("penalty.other", "其他行政处罚", Kind(Registry.PenaltyKind.Other)),
                Count("penalty.none", "不予行政处罚", i.NoPenalty),
                Count("penalty.transferred", "移送司法机关", i.Transferred),
            ]),
            new AnnualSection("三、行政强制",
            [
                Count("coercion.measures", "实施行政强制措施", i.CoerciveMeasures),
                Count("coercion.court", "申请人民法院强制执行", i.CourtEnforcement),
                Missing("coercion.self", "行政机关依法自行强制执行", note: "平台未设强制执行程序的记录项"),
            ]),
            new AnnualSection("四、行政检查",
            [
                Count("inspection.cases", "实施行政检查", i.Inspections),
                Count("inspection.random-plans", "“双随机、一公开”抽查计划", i.RandomPlans, "个"),
                Count("inspection.random-drawn", "随机抽取检查对象", i.RandomTargetsDrawn, "户"),
                Count("inspection.random-published", "公示抽查检查结果", i.RandomResultsPublished, "户"),
                Count("inspection.random-problems", "其中：发现问题", i.RandomResultsWithProblems, "户"),
            ]),
            new AnnualSection("五、其他行政执法行为",
            [
                Count("other.confirmation", "行政确认", i.Confirmations),
                Count("other.other", "其他行政执法行为", i.OtherProcedures),
                Missing("other.levy", "行政征收征用", note: "平台未设行政征收征用程序"),
            ]),
            new AnnualSection("六、听证、法制审核和救济",
            [
                Count("remedy.hearings", "组织听证", i.Hearings),
                Count("remedy.review-rounds", "重大执法决定法制审核", i.ReviewRounds, "件次"),
                Count("remedy.review-agreed", "其中：同意", i.ReviewAgreed, "件次"),
                Count("remedy.review-returned", "提出存在问题", i.ReviewReturned, "件次"),
                Missing("remedy.reconsideration", "被申请行政复议"),
                Missing("remedy.reconsideration-corrected", "行政复议决定撤销、变更或者确认违法"),
                Missing("remedy.litigation", "行政诉讼（应诉）"),
                Missing("remedy.litigation-lost", "行政诉讼败诉"),
                Count("remedy.complaints", "收到投诉举报", i.ComplaintsReceived),
                Count("remedy.complaints-answered", "已答复投诉举报", i.ComplaintsAnswered),
            ]),
            new AnnualSection("七、执法决定公示",
            [
                Count("publicity.due", "应公示的执法决定", i.PublicationDue, note: "按决定作出之日统计，不含依法不予公示的决定"),
                Count("publicity.on-time", "按时公示", i.PublishedOnTime),
                Count("publicity.late", "逾期公示", i.PublishedLate),
                Count("publicity.missing", "逾期未公示", i.PublicationMissing),
                Count("publicity.not-yet-due", "公示期限尚未届满", i.PublicationNotYetDue),
                Count("publicity.exempt", "依法不予公示", i.PublicationExempt),
                Rate("publicity.on-time-rate", "按时公示率", i.PublishedOnTime, i.PublishedOnTime + i.PublishedLate + i.PublicationMissing),
                Rate("publicity.full-text-rate", "一般程序行政处罚决定全文公开率", i.WithFullText, i.GeneralPenaltiesPublished),
            ]),
            new AnnualSection("八、行政执法人员",
            [
                Count("officers.certified", "持有效行政执法证件的执法人员", i.Officers, "人", note: string.Create(CultureInfo.InvariantCulture, $"按{year}年12月31日有效的执法人员名单")),
                Count("officers.reviewers", "其中：法制审核人员", i.Reviewers, "人"),
                Rate("officers.reviewer-ratio", "法制审核人员占执法人员比例", i.Reviewers, i.Officers, "不低于 5%"),
            ]),
        ]);
    }
}
