using System.Globalization;

namespace Sanxiang.Core.Sharing;

/// <summary>
/// The change window of an export: the rows whose change time t satisfies <c>since ≤ t &lt; until</c> (half-open, so the
/// <c>changedUntil</c> of one package is exactly the <c>changedSince</c> of the next and no row falls in both or in
/// neither). <c>until</c> is never later than the server's time minus the safety margin: a row is stamped when its unit
/// of work starts saving and is visible only when it commits, so a window that ended at "now" could miss a row stamped a
/// moment before and committed a moment after. Without <c>since</c> the export is full (every row that exists).
/// </summary>
public sealed record SharingWindow(DateTimeOffset? Since, DateTimeOffset Until)
{
    public bool IsFull => Since is null;

    public bool Contains(DateTimeOffset changedAt) => (Since is null || changedAt >= Since) && changedAt < Until;

    /// <summary>
    /// The window asked for by <paramref name="since"/> and <paramref name="until"/> (ISO 8601 instants, e.g.
    /// <c>2026-11-28T06:00:00Z</c>), given the server's time and the safety margin; or the Chinese reasons it cannot be.
    /// </summary>
    public static (SharingWindow? Window, IReadOnlyDictionary<string, string[]>? Problems) Parse(string? since, string? until, DateTimeOffset now,
        TimeSpan margin)
    {
        var problems = new Dictionary<string, string[]>();
        var latest = Truncate(now - margin);
        DateTimeOffset? from = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (TryInstant(since, out var s))
            {
                from = s;
            }
            else
            {
                problems["changedSince"] = [$"“{since}”不是有效的时间：请用 ISO 8601 格式并带时区，例如 2026-11-28T06:00:00Z（通常直接使用上一个数据包的 changedUntil）。"];
            }
        }

        var to = latest;
        if (!string.IsNullOrWhiteSpace(until))
        {
            if (!TryInstant(until, out var u))
            {
                problems["until"] = [$"“{until}”不是有效的时间：请用 ISO 8601 格式并带时区，例如 2026-11-28T06:00:00Z。"];
            }
            else if (u > latest)
            {
                problems["until"] = [$"截止时间不能晚于服务器当前时间减去 {margin.TotalSeconds:0} 秒的安全间隔（{SharingPackage.Iso(latest)}）：尚未提交完毕的变更可能还看不到。不填则自动取这个时间。"];
            }
            else
            {
                to = u;
            }
        }

        if (from is { } f && problems.Count == 0 && f > to)
        {
            problems["changedSince"] = [$"起始时间 {SharingPackage.Iso(f)} 晚于截止时间 {SharingPackage.Iso(to)}：没有可导出的时间段。"];
        }

        return problems.Count > 0 ? (null, problems) : (new SharingWindow(from, to), null);
    }

    /// <summary>An ISO 8601 instant with an explicit offset or Z; a time without a zone is ambiguous and refused.</summary>
    public static bool TryInstant(string text, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var zoned = t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':');
        if (zoned && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant))
        {
            instant = instant.ToUniversalTime();
            return true;
        }

        instant = default;
        return false;
    }

    /// <summary>Whole microseconds: what both databases store, so a cursor read back compares equal to what was stamped.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);
}
