using System.Globalization;

namespace Sanxiang.Core.Tests.Calendar;

internal static class Dates
{
    public static DateOnly D(string yyyyMMdd) => DateOnly.ParseExact(yyyyMMdd, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
