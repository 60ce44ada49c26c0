namespace Sanxiang.Core.Registry;

/// <summary>What changed between two versions of a list, row by row, keyed by each row's identity across versions.</summary>
public sealed record ListDiff(IReadOnlyList<DiffRow> Added, IReadOnlyList<DiffRow> Removed, IReadOnlyList<DiffRow> Changed, int Unchanged)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>
    /// Compares <paramref name="before"/> and <paramref name="after"/>: rows are matched by <paramref name="key"/>; each
    /// field is compared by its published text, so a change shows as old text → new text under the field's Chinese label.
    /// </summary>
    public static ListDiff Compare<T>(IEnumerable<T> before, IEnumerable<T> after, Func<T, string> key, Func<T, string> title,
        IReadOnlyList<DiffField<T>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var old = before.ToDictionary(key, StringComparer.Ordinal);
        var now = after.ToDictionary(key, StringComparer.Ordinal);
        var added = new List<DiffRow>();
        var removed = new List<DiffRow>();
        var changed = new List<DiffRow>();
        var unchanged = 0;
        foreach (var (k, row) in now.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!old.TryGetValue(k, out var was))
            {
                added.Add(new DiffRow(k, title(row), []));
                continue;
            }

            var changes = fields.Select(f => new FieldChange(f.Label, f.Text(was), f.Text(row)))
                .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal)).ToList();
            if (changes.Count == 0)
            {
                unchanged++;
            }
            else
            {
                changed.Add(new DiffRow(k, title(row), changes));
            }
        }

        foreach (var (k, row) in old.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!now.ContainsKey(k))
            {
                removed.Add(new DiffRow(k, title(row), []));
            }
        }

        return new ListDiff(added, removed, changed, unchanged);
    }
}

public sealed record DiffRow(string Key, string Title, IReadOnlyList<FieldChange> Changes);

public sealed record FieldChange(string Label, string Before, string After)
{
    /// <summary>The lines (legal references, benchmark tiers …) only in the old text, in order.</summary>
    public IReadOnlyList<string> RemovedLines => [.. Lines(Before).Except(Lines(After), StringComparer.Ordinal)];

    /// <summary>The lines only in the new text, in order.</summary>
    public IReadOnlyList<string> AddedLines => [.. Lines(After).Except(Lines(Before), StringComparer.Ordinal)];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record DiffField<T>(string Label, Func<T, string> Text);

/// <summary>The published fields of each list, by Chinese label, as the diff view compares them.</summary>
public static class RegistryDiffs
{
    public static ListDiff Items(IEnumerable<EnforcementItem> before, IEnumerable<EnforcementItem> after) =>
        ListDiff.Compare(before, after, i => i.Code, i => $"{i.Code} {i.Name}", ItemFields);

    public static ListDiff Officers(IEnumerable<OfficerEntry> before, IEnumerable<OfficerEntry> after) =>
        ListDiff.Compare(before, after, o => o.OfficerId.ToString(), o => $"{o.Name}（{o.CertificateNumber}）", OfficerFields);

    public static readonly IReadOnlyList<DiffField<EnforcementItem>> ItemFields =
    [
        new("事项名称", i => i.Name),
        new("执法类别", i => i.Category.Chinese()),
        new("适用程序", i => i.Procedure.Chinese()),
        new("实施依据", i => string.Join("\n", i.LegalBasis.Select(l => $"{l.Citation}：{l.Text}"))),
        new("随机抽查", i => i.RandomInspectionPlan is { } p ? $"是：{p.Targets}，比例 {p.RatioPercent}%，{p.Frequency}" : "否"),
        new("法制审核目录", i => i.LegalReviewRequired ? "是" : "否"),
        new("法制审核标准", i => i.LegalReviewCriteria?.Describe() ?? ""),
        new("裁量基准", i => string.Join("\n", i.Discretion.Select(t => $"{t.Tier}：{t.Circumstances}——{string.Join("；", t.Penalties.Select(p => p.Describe()))}"))),
        new("服务指南", i => i.ServiceGuide is { } g
            ? $"办理地点：{g.Where}\n所需材料：{string.Join("、", g.Materials)}\n办理时限：{g.TimeLimit}\n收费标准：{g.Fees}\n投诉监督：{g.Complaint}\n救济途径：{g.Remedy}"
            : ""),
        new("事项说明", i => i.Summary ?? ""),
    ];

    public static readonly IReadOnlyList<DiffField<OfficerEntry>> OfficerFields =
    [
        new("姓名", o => o.Name),
        new("执法证件编号", o => o.CertificateNumber),
        new("发证机关", o => o.Issuer),
        new("执法领域", o => string.Join("、", o.Fields)),
        new("有效期", o => $"{o.ValidFrom:yyyy-MM-dd} 至 {o.ValidTo:yyyy-MM-dd}"),
        new("证件状态", o => o.Status.Chinese()),
        new("法制审核人员", o => o.IsReviewer ? "是" : "否"),
    ];
}
