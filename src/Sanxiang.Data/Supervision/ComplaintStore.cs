namespace Sanxiang.Data.Supervision;

/// <summary>The last tracking-number sequence given on a day (yyyyMMdd): one row per day, incremented under the write lock.</summary>
public sealed class ComplaintCounter
{
    public int Day { get; set; }
    public int Last { get; set; }
}

/// <summary>
/// A portal challenge (decision 0017) that has been spent on a stored complaint: written in the complaint's transaction, so
/// a token is used at most once and a refused form does not spend it. Rows past their expiry are deleted as new ones come.
/// </summary>
public sealed class UsedComplaintChallenge
{
    public required string Id { get; set; }
    public DateTimeOffset ExpiresAtUtc { get; set; }
}

/// <summary>Settings of the complaint desk, bound from configuration section <c>Complaints</c>.</summary>
public sealed class ComplaintOptions
{
    public Sanxiang.Core.Supervision.Complaints.ComplaintPeriods Periods { get; set; } = Sanxiang.Core.Supervision.Complaints.ComplaintPeriods.Default;
}
