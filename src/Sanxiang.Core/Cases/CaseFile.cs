using System.Globalization;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Cases;

/// <summary>
/// A case as its guards read it: the facts in force (the latest record of each key), the dates the case entered and left
/// each step, and its officers. Read-only; built from the <see cref="Case"/> and its records.
/// </summary>
public sealed class CaseFile(Case @case)
{
    private readonly Dictionary<string, CaseFact> _latest = @case.Facts
        .GroupBy(f => f.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.MaxBy(f => f.Sequence)!, StringComparer.Ordinal);

    public Case Case { get; } = @case;

    public bool Has(FactKey key) => _latest.ContainsKey(key.Key);

    public string? Text(FactKey key) => _latest.TryGetValue(key.Key, out var f) ? f.Value : null;

    public DateOnly? Date(FactKey key) =>
        Text(key) is { } v && DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public DateTime? DateTime(FactKey key) =>
        Text(key) is { } v && System.DateTime.TryParseExact(v, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public long? Amount(FactKey key) => Text(key) is { } v && long.TryParse(v, CultureInfo.InvariantCulture, out var a) ? a : null;

    public int? Days(FactKey key) => Text(key) is { } v && int.TryParse(v, CultureInfo.InvariantCulture, out var a) ? a : null;

    public bool Yes(FactKey key) => Text(key) == "true";

    public Guid? Officer(FactKey key) => Text(key) is { } v && Guid.TryParse(v, out var id) ? id : null;

    public IReadOnlyList<PenaltyKind> PenaltyKinds(FactKey key) =>
        Text(key) is { } v ? [.. v.Split(',').Select(k => Enum.Parse<PenaltyKind>(k))] : [];

    /// <summary>The day the case last entered <paramref name="step"/>; null if it never did (the start step: the day it was opened).</summary>
    public DateOnly? EnteredOn(string step, string start) =>
        Case.Steps.Where(s => s.To == step).MaxBy(s => s.Sequence)?.On ?? (step == start ? Case.OpenedOn : null);

    /// <summary>The day the case last left <paramref name="step"/>; null if it has not.</summary>
    public DateOnly? CompletedOn(string step) => Case.Steps.Where(s => s.From == step).MaxBy(s => s.Sequence)?.On;

    public bool Visited(string step) => Case.Steps.Any(s => s.To == step || s.From == step);

    /// <summary>Everyone who acted on the case: assigned officers (also recused ones), and every account that moved it.</summary>
    public IReadOnlySet<Guid> OfficerIds => Case.Officers.Select(o => o.OfficerId).ToHashSet();
}
