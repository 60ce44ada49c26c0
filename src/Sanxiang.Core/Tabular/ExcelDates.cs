namespace Sanxiang.Core.Tabular;

/// <summary>
/// Excel date serials. In the 1900 system (the default) serial 1 is 1900-01-01 and serial 60 is the non-existent
/// 1900-02-29 that Excel keeps for Lotus 1-2-3 compatibility, so from 1900-03-01 on a date is 1899-12-30 + serial.
/// In the 1904 system (old Mac workbooks, <c>workbookPr date1904="1"</c>) serial 0 is 1904-01-01.
/// </summary>
internal static class ExcelDates
{
    public const int MaxSerial = 2_958_465; // 9999-12-31

    private static readonly DateOnly Base1900 = new(1899, 12, 30);
    private static readonly DateOnly Base1904 = new(1904, 1, 1);
    private static readonly DateOnly BeforeLeapBug = new(1899, 12, 31);
    private static readonly DateOnly FirstAfterLeapBug = new(1900, 3, 1);

    public static bool TryFromSerial(long serial, bool date1904, out DateOnly date)
    {
        date = default;
        if (date1904)
        {
            if (serial < 0 || serial > MaxSerial - 1462)
            {
                return false;
            }

            date = Base1904.AddDays((int)serial);
            return true;
        }

        if (serial < 1 || serial == 60 || serial > MaxSerial)
        {
            return false;
        }

        date = serial < 60 ? BeforeLeapBug.AddDays((int)serial) : Base1900.AddDays((int)serial);
        return true;
    }

    public static int ToSerial(DateOnly date) => date >= FirstAfterLeapBug
        ? date.DayNumber - Base1900.DayNumber
        : date.DayNumber - BeforeLeapBug.DayNumber;
}
