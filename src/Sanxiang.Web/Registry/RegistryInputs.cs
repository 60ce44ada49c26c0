using Sanxiang.Core.Registry;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Api;

namespace Sanxiang.Web.Registry;

/// <summary>
/// Turns what a form or an API call sent into list rows, refusing unknown categories, procedures, kinds and statuses
/// with the accepted values named (the content rules themselves are <see cref="RegistryRules"/>).
/// </summary>
public static class RegistryInputs
{
    public static EnforcementItem ToItem(string code, ItemInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<RegistryProblem>();
        var category = ParseEnum<Category>(input.Category, "category", "执法类别", c => c.Chinese(), problems);
        var procedure = ParseEnum<ProcedureKind>(input.Procedure, "procedure", "适用程序", p => p.Chinese(), problems);
        var tiers = new List<DiscretionTier>();
        foreach (var t in input.Discretion ?? [])
        {
            var penalties = new List<PenaltyRange>();
            foreach (var p in t.Penalties ?? [])
            {
                penalties.Add(new PenaltyRange
                {
                    Kind = ParseEnum<PenaltyKind>(p.Kind, "discretion", "处罚种类", k => k.Chinese(), problems),
                    Minimum = p.Minimum,
                    Maximum = p.Maximum,
                    Unit = Trim(p.Unit),
                    MultipleOf = Trim(p.MultipleOf),
                    Note = Trim(p.Note),
                });
            }

            tiers.Add(new DiscretionTier { Tier = t.Tier?.Trim() ?? "", Circumstances = t.Circumstances?.Trim() ?? "", Penalties = penalties });
        }

        var criteria = input.LegalReviewCriteria is { } rc
            ? new LegalReviewCriteria
            {
                FinePerson = rc.FinePerson,
                FineOrganisation = rc.FineOrganisation,
                PenaltyKinds = [.. (rc.PenaltyKinds ?? []).Where(k => !string.IsNullOrWhiteSpace(k))
                    .Select(k => ParseEnum<PenaltyKind>(k, "legalReviewCriteria", "法制审核标准的处罚种类", x => x.Chinese(), problems))],
            }
            : null;
        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }

        return new EnforcementItem
        {
            Code = code.Trim(),
            Name = input.Name?.Trim() ?? "",
            Category = category,
            Procedure = procedure,
            LegalBasis = [.. (input.LegalBasis ?? []).Select(l => new LegalReference(l.Law?.Trim() ?? "", l.Article?.Trim() ?? "", Trim(l.Paragraph), Trim(l.Item), l.Text?.Trim() ?? "", l.Quoted))],
            RandomInspection = input.RandomInspection is not null,
            RandomInspectionPlan = input.RandomInspection is { } r ? new RandomInspectionPlan(r.RatioPercent, r.Frequency?.Trim() ?? "", r.Targets?.Trim() ?? "") : null,
            LegalReviewRequired = input.LegalReviewRequired,
            LegalReviewCriteria = criteria,
            Discretion = tiers,
            ServiceGuide = input.ServiceGuide is { } g ? new ServiceGuide
            {
                Where = g.Where?.Trim() ?? "",
                Materials = [.. (g.Materials ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim())],
                TimeLimit = g.TimeLimit?.Trim() ?? "",
                Fees = g.Fees?.Trim() ?? "",
                Complaint = g.Complaint?.Trim() ?? "",
                Remedy = Trim(g.Remedy),
            } : null,
            Summary = Trim(input.Summary),
        };
    }

    public static OfficerEntry ToOfficer(Guid officerId, OfficerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<RegistryProblem>();
        var status = input.Status is null ? CertificateStatus.Valid : ParseEnum<CertificateStatus>(input.Status, "status", "证件状态", s => s.Chinese(), problems);
        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }

        return new OfficerEntry
        {
            OfficerId = officerId,
            Name = input.Name?.Trim() ?? "",
            Gender = input.Gender?.Trim() ?? "",
            Position = Trim(input.Position),
            CertificateNumber = input.CertificateNumber?.Trim() ?? "",
            Issuer = input.Issuer?.Trim() ?? "",
            Fields = [.. (input.Fields ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim())],
            ValidFrom = input.ValidFrom,
            ValidTo = input.ValidTo,
            Status = status,
            FiledOn = input.FiledOn,
            IsReviewer = input.IsReviewer,
            LegalQualificationNumber = Trim(input.LegalQualificationNumber),
        };
    }

    /// <summary>An enum value by its code name or its Chinese name; otherwise a problem listing what is accepted.</summary>
    public static T ParseEnum<T>(string? text, string field, string label, Func<T, string> chinese, List<RegistryProblem> problems) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase) || chinese(value) == text?.Trim())
            {
                return value;
            }
        }

        problems.Add(new RegistryProblem(field, $"{label}“{text}”无效：可选 {string.Join("、", Enum.GetValues<T>().Select(chinese))}。"));
        return default;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
