namespace Sanxiang.Core.Redaction;

/// <summary>The part a natural person plays in a case, as far as redaction cares.</summary>
public enum PersonRole
{
    /// <summary>当事人 who is a natural person: masked unless the agency's policy shows the punished person's name.</summary>
    Party,

    /// <summary>法定代表人 / 负责人 / 经营者 of an organisation party.</summary>
    LegalRepresentative,

    /// <summary>委托代理人.</summary>
    Agent,

    /// <summary>证人.</summary>
    Witness,

    /// <summary>Anyone else: family, complainant, employee, bystander.</summary>
    Other,

    /// <summary>执法人员: the enforcing officers' names and certificate numbers are published by law, never masked.</summary>
    Officer,
}

/// <summary>A natural person the case knows by name.</summary>
public sealed record KnownPerson(string Name, PersonRole Role);

/// <summary>
/// What the case record knows: its natural persons with their roles, and the organisations whose names must stay.
/// Known names are found first; the recogniser then looks for names the record does not hold.
/// </summary>
public sealed record RedactionContext(IReadOnlyList<KnownPerson> People, IReadOnlyList<string> Organisations)
{
    /// <summary>Nothing known: recognition from the text alone.</summary>
    public static RedactionContext Empty { get; } = new([], []);

    /// <summary>Whether the party is a natural person (then plates and addresses in the text are presumed personal).</summary>
    public bool PartyIsNaturalPerson => People.Any(p => p.Role == PersonRole.Party);
}

/// <summary>
/// The agency's publication policy (PUB-7). Names of natural persons other than the party are always masked; officers are
/// never masked.
/// </summary>
/// <param name="MaskPartyName">Mask the punished natural person's own name (default: yes, as many local rules do).</param>
/// <param name="MaskLegalRepresentativeName">Mask the name of an organisation's legal representative / person in charge
/// (default: yes; the 双公示 layout publishes it, so an agency may choose to show it).</param>
public sealed record RedactionPolicy(bool MaskPartyName = true, bool MaskLegalRepresentativeName = true)
{
    /// <summary>Mask every natural person's name.</summary>
    public static RedactionPolicy Default { get; } = new();
}
