using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Workflow;

/// <summary>
/// The workflow definition of every procedure (one table per <see cref="ProcedureKind"/>, each in its own file
/// <c>Procedures.*.cs</c>), and their public names in URLs (kebab-case: general-penalty).
/// </summary>
public static partial class Procedures
{
    /// <summary>Every definition, in the order of <see cref="ProcedureKind"/>.</summary>
    public static IReadOnlyList<WorkflowDefinition> All => [.. Enum.GetValues<ProcedureKind>().Select(For)];

    public static WorkflowDefinition For(ProcedureKind procedure) => procedure switch
    {
        ProcedureKind.SummaryPenalty => SummaryPenalty,
        ProcedureKind.GeneralPenalty => GeneralPenalty,
        ProcedureKind.CoerciveMeasure => CoerciveMeasure,
        ProcedureKind.Inspection => Inspection,
        ProcedureKind.Licensing => Licensing,
        ProcedureKind.Confirmation => Confirmation,
        ProcedureKind.Other => Other,
    };

    /// <summary>The procedure's name in URLs: SummaryPenalty → summary-penalty.</summary>
    public static string Slug(this ProcedureKind procedure)
    {
        var name = procedure.ToString();
        var slug = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && slug.Length > 0)
            {
                slug.Append('-');
            }

            slug.Append(char.ToLowerInvariant(c));
        }

        return slug.ToString();
    }

    /// <summary>The procedure named by a URL slug; false for anything else (including the enum's numeric values).</summary>
    public static bool TryParseSlug(string? slug, out ProcedureKind procedure)
    {
        foreach (var kind in Enum.GetValues<ProcedureKind>())
        {
            if (string.Equals(kind.Slug(), slug, StringComparison.Ordinal))
            {
                procedure = kind;
                return true;
            }
        }

        procedure = default;
        return false;
    }

    private static Citation Penalty(string provision) => new(StatutoryDays.PenaltyLaw, provision);

    private static Citation Licence(string provision) => new(StatutoryDays.LicensingLaw, provision);

    private static Citation Coercion(string provision) => new(StatutoryDays.CoercionLaw, provision);
}
