namespace Sanxiang.Core.Workflow;

/// <summary>
/// Whether a law's "N日" means working days or calendar days. Each law says it in its own article:
/// <list type="bullet">
/// <item>《行政处罚法》第八十五条: its 二日、三日、五日、七日 are working days; every other period is calendar days.</item>
/// <item>《行政许可法》第八十二条: every period for implementing a licence is counted in working days.</item>
/// <item>《行政强制法》第六十九条: periods of ten days or less are working days.</item>
/// <item>The State Council's guideline on the three systems (国办发〔2018〕118号) sets its publication periods in working days.</item>
/// <item>Other laws and regulations (e.g. 《工伤保险条例》): calendar days unless they say otherwise.</item>
/// </list>
/// Calendar periods follow the general rule: the first day is not counted and a period ending on a rest day ends on the next
/// working day (<see cref="Calendar.WorkdayCalendar"/>).
/// </summary>
public static class StatutoryDays
{
    public const string PenaltyLaw = "行政处罚法";
    public const string LicensingLaw = "行政许可法";
    public const string CoercionLaw = "行政强制法";
    public const string ThreeSystemsGuideline = "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见";

    public static PeriodUnit UnitFor(string law, int days) => law switch
    {
        PenaltyLaw => days is 2 or 3 or 5 or 7 ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays,
        LicensingLaw => PeriodUnit.WorkingDays,
        CoercionLaw => days <= 10 ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays,
        ThreeSystemsGuideline => PeriodUnit.WorkingDays,
        _ => PeriodUnit.CalendarDays,
    };
}
