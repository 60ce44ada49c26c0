namespace Sanxiang.Data.Calendar;

/// <summary>A year of the holiday calendar imported by an administrator (`sanxiang workdays import`).</summary>
public sealed class CalendarYearRecord
{
    public int Year { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset ImportedAtUtc { get; set; }
    public required string ImportedBy { get; set; }
}
