using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;

namespace Sanxiang.Core.Supervision.Patrol;

/// <summary>An officer as the portal's officer list shows them on the day checked.</summary>
public sealed record PortalOfficer(string Name, string CertificateNumber, DateOnly ValidTo, CertificateStatus Status);

/// <summary>A certificate in the agency's registry: a row of an approved officer-list version (the internal truth).</summary>
public sealed record RegistryCertificate(string Name, string CertificateNumber, DateOnly ValidFrom, DateOnly ValidTo, CertificateStatus Status,
    DateOnly ListedFrom, DateOnly? ListedUntil);

/// <summary>A decision's publication or withdrawal task with what became of it (internal truth: deadlines by the calendar).</summary>
/// <param name="FirstPublishedOn">The day the first version went on the portal (publication tasks), null when never.</param>
/// <param name="WithdrawnOn">The day the entry left the portal (withdrawal tasks), null when not yet.</param>
public sealed record DueTask(Guid TaskId, PublicationTaskKind Kind, string CaseNumber, ProcedureKind Procedure, DateOnly DecidedOn, DateOnly DueOn,
    PublicationStatus Status, DateOnly? FirstPublishedOn, DateOnly? WithdrawnOn, long? PublishedDecisionId, string? Ground);

/// <summary>A published entry exactly as the portal shows it (<c>/decisions/{Id}</c>): only entries that still show their content.</summary>
public sealed record PortalEntry(long Id, string Title, string? DocumentNumber, string CaseNumber, ProcedureKind Procedure, PartyKind PartyKind,
    string PartyName, string? Facts, string Result, string? FullText, DateOnly DecidedOn, DateOnly PublishedOn, PublishedState State)
{
    /// <summary>How the notice names the entry: the document number, else the case number, with the public number.</summary>
    public string Label => $"{DocumentNumber ?? CaseNumber}（公示编号 {Id}）";
}

/// <summary>
/// What one agency published, and the truth to compare it with, for one patrol period. Loaded by the data layer from the
/// same projections the portal uses; the checks in <see cref="PatrolChecks"/> are pure functions of it.
/// </summary>
/// <param name="From">First day of the quarter.</param>
/// <param name="To">Last day checked: the quarter's last day, or today for the current quarter.</param>
/// <param name="Today">The day the patrol runs (a task due in the period and still open is judged on this day).</param>
/// <param name="Phones">The agency's own published telephone numbers (its phone and complaint line): not personal data.</param>
/// <param name="Organisations">Names of organisations that stay in a published text (the county's agencies).</param>
/// <param name="PublishPartyNameInFull">The agency's policy: a natural person party's name is shown in full.</param>
public sealed record AgencySnapshot(
    Guid AgencyId,
    string AgencyName,
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    bool ItemListInForce,
    bool OfficerListInForce,
    IReadOnlyList<PortalOfficer> PortalOfficers,
    IReadOnlyList<RegistryCertificate> Registry,
    IReadOnlyList<DueTask> Tasks,
    IReadOnlyList<PortalEntry> Entries,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Organisations,
    bool PublishPartyNameInFull);

/// <summary>A finding before it is stored: the agency, its kind, the entry concerned and what was found, in Chinese.</summary>
/// <param name="Entry">The entry concerned: a decision number, 执法人员名单, 执法事项清单, an officer.</param>
/// <param name="EntryId">The public number of the decision concerned, when it is one.</param>
public sealed record FindingDraft(Guid AgencyId, PatrolFindingKind Kind, string Entry, string Found, long? EntryId = null)
{
    public PatrolSeverity Severity => Kind.Severity();

    public string Rule => Kind.Rule();
}

/// <summary>What was checked for one agency, for the report's table.</summary>
public sealed record CheckedCounts(int Officers, int TasksDue, int Withdrawals, int Entries, int Texts);
