using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Review;
using Sanxiang.Core.Workflow;
using Sanxiang.Data.Documents;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Cases;

/// <summary>The four kinds of link in a decision's chain of responsibility (REV-7), in the words of the field.</summary>
public static class ResponsibilityRoles
{
    /// <summary>The handling unit submits for legal review and answers for the materials.</summary>
    public const string Submission = "送审";

    /// <summary>The legal reviewer answers for the opinion.</summary>
    public const string Review = "审核";

    /// <summary>The heads' collective discussion of a complex or major case (REV-5).</summary>
    public const string Discussion = "集体讨论";

    /// <summary>The agency head answers for the decision.</summary>
    public const string Decision = "决定";
}

/// <summary>Who gave a link: the account, its name, the role it acted in (Chinese), and a reviewer's legal-review qualification number.</summary>
public sealed record TrailPerson(Guid? AccountId, string Name, string? Role, string? Qualification = null);

/// <summary>A log entry that proves a link: its leaf index and leaf hash (lower-case hex).</summary>
public sealed record TrailLeaf(long Index, string Kind, DateTimeOffset RecordedAtUtc, string LeafHash);

/// <summary>
/// A document issued by a link's step, with its seal as issued: the agency's SM2 signature over SHA-256 of the PDF
/// (<see cref="SealSignature"/> in base64, <see cref="SealDigest"/> the first 16 hex digits of the signature's SHA-256, for reading aloud).
/// </summary>
public sealed record TrailDocument(Guid Id, string Kind, string Title, string Number, DateTimeOffset IssuedAtUtc, string PdfSha256, string SealSignature,
    string SealDigest, long SealKeyId, long? LedgerIndex);

/// <summary>One rule that refused a decision attempt, as the gate gave it.</summary>
public sealed record TrailReason(string Rule, string Reason);

/// <summary>A refused decision attempt (<c>decision-refused</c>): who tried, when, why it was refused, and its entry in the log.</summary>
public sealed record TrailRefusal(TrailPerson Person, DateTimeOffset AtUtc, IReadOnlyList<TrailReason> Reasons, TrailLeaf Leaf);

/// <summary>What the collective discussion recorded: chair, participants each with their opinion, recorder, conclusion.</summary>
public sealed record TrailDiscussion(DateTimeOffset? At, string? Place, string? Chair, IReadOnlyList<DiscussionParticipant> Participants, string? Recorder,
    string? Conclusion);

/// <summary>
/// One link of responsibility: who (<see cref="Person"/>; null only for a decision not yet made), when, as what
/// (<see cref="Role"/>, one of <see cref="ResponsibilityRoles"/>), what they vouched for or said, the document their step
/// issued, and the log entries that prove it. A decision link also carries the refused attempts to decide.
/// </summary>
/// <param name="Round">The review round of a submission or an opinion (1, 2, …).</param>
/// <param name="Statement">A submission's statement of responsibility; a review's note; a discussion's conclusion; a decision's content.</param>
/// <param name="Opinion">同意 / 存在问题 for a review; the kind of decision for a discussion or a decision.</param>
/// <param name="Outcome">Where the case went after the step (the name of the next step).</param>
public sealed record ResponsibilityLink(string Role, int? Round, TrailPerson? Person, DateTimeOffset? AtUtc, string? Action, string? Outcome,
    string? Statement, string? Opinion, IReadOnlyList<ReviewProblem> Problems, string? Responses, TrailDiscussion? Discussion, TrailDocument? Document,
    IReadOnlyList<TrailLeaf> Leaves, IReadOnlyList<TrailRefusal> Refusals);

/// <summary>
/// The responsibility trail of a decision (REV-7): from the case's append-only record and its log entries, each submission
/// into legal review with the handling unit's statement and its answers to earlier problems, each review opinion with its
/// reviewer and opinion document, the collective discussion, and the decision with the head who made it and the refused
/// attempts before it — each with the entries of the log that prove it. Reads only; the rounds are those of
/// <see cref="ReviewRounds"/>.
/// </summary>
public static class ResponsibilityTrail
{
    /// <summary>
    /// Loads what the trail needs besides the case (loaded with facts and steps by the caller, whose scope has already
    /// admitted it): the case's log entries, its issued documents, the names of the accounts that acted, and each
    /// reviewer's legal-review qualification number as the officer list in force on the day of the opinion holds it.
    /// </summary>
    /// <param name="entries">The case's log entries when the caller has them already (the page, for the timeline's words).</param>
    public static async Task<IReadOnlyList<ResponsibilityLink>> LoadAsync(SanxiangDbContext db, Case @case, IReadOnlyList<CaseLedgerEntry>? entries = null,
        CancellationToken ct = default)
    {
        entries ??= await CaseLedgerEntry.ForCaseAsync(db, @case.Id, ct);
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == @case.Id).ToListAsync(ct);
        var ids = @case.Steps.Select(s => s.ActorId).Concat(entries.Select(e => e.ActorId)).OfType<Guid>().Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.OfficerId }).ToListAsync(ct);
        var qualifications = new Dictionary<Guid, string>();
        foreach (var step in @case.Steps.Where(s => s.From == ReviewRounds.Step))
        {
            if (accounts.FirstOrDefault(a => a.Id == step.ActorId)?.OfficerId is { } officer
                && await db.OfficerEntriesInForce(step.On).Where(e => e.AgencyId == @case.AgencyId && e.OfficerId == officer)
                    .Select(e => e.LegalQualificationNumber).FirstOrDefaultAsync(ct) is { Length: > 0 } number)
            {
                qualifications[step.Id] = number;
            }
        }

        return Build(@case, entries, documents, accounts.ToDictionary(a => a.Id, a => a.DisplayName), qualifications);
    }

    /// <summary>
    /// The trail, in the order the links were given. A step's proof is its unit of work in the log (the facts recorded
    /// with it, the step, the document it issued: consecutive leaves with one time), plus the entries that recorded the
    /// round's statement, answers or opinion when they were recorded before the step.
    /// </summary>
    /// <param name="entries">The case's log entries in log order.</param>
    /// <param name="accountNames">Display names by account id.</param>
    /// <param name="qualifications">A reviewer's legal-review qualification number by the id of the step out of review.</param>
    public static IReadOnlyList<ResponsibilityLink> Build(Case @case, IReadOnlyList<CaseLedgerEntry> entries, IReadOnlyList<IssuedDocument> documents,
        IReadOnlyDictionary<Guid, string> accountNames, IReadOnlyDictionary<Guid, string> qualifications)
    {
        var procedure = Procedures.For(@case.Procedure);
        var proof = new Proof(@case, entries);
        var steps = @case.Steps.OrderBy(s => s.Sequence).ToList();
        var submissions = ReviewRounds.Submissions(@case);
        var rounds = ReviewRounds.All(@case);
        var file = new CaseFile(@case);
        var links = new List<ResponsibilityLink>();

        TrailPerson Person(Guid? account, string? role, string? qualification = null) => new(account,
            account is { } a && accountNames.TryGetValue(a, out var name) ? name : "（未知账号）", role is null ? null : Roles.Chinese(role), qualification);
        string StepName(string code) => procedure.HasStep(code) ? procedure.Step(code).Name : code;
        TrailDocument? DocumentOf(IReadOnlyList<TrailLeaf> unit) =>
            documents.Where(d => d.LedgerIndex is { } i && unit.Any(l => l.Index == i)).Select(Document).FirstOrDefault();

        foreach (var step in steps)
        {
            var transition = procedure.From(step.From).FirstOrDefault(t => t.To == step.To);
            var unit = proof.UnitOf(step);
            var previousExit = steps.LastOrDefault(s => s.From == ReviewRounds.Step && s.Sequence < step.Sequence);
            if (step.To == ReviewRounds.Step)
            {
                // 送审: the statement of responsibility given for this submission (since the last opinion, REV-7) and the answers.
                var number = submissions.ToList().FindIndex(s => s.Id == step.Id) + 1;
                var round = number > 0 && number <= rounds.Count ? rounds[number - 1] : null;
                var vouched = proof.Fact(FactKeys.ReviewResponsibility, previousExit?.AtUtc, step);
                var answered = proof.Fact(FactKeys.ReviewResponses, previousExit?.AtUtc, step);
                links.Add(new ResponsibilityLink(ResponsibilityRoles.Submission, number, Person(step.ActorId, step.ActorRole), step.AtUtc, step.Action,
                    StepName(step.To), vouched?.Value == "true" ? FactKeys.ReviewResponsibility.Label : null, null, [], round?.Responses, null, DocumentOf(unit),
                    Proof.Join(unit, proof.LeafOf(vouched), round?.Responses is null ? null : proof.LeafOf(answered)), []));
            }
            else if (step.From == ReviewRounds.Step)
            {
                // 审核: the round's opinion as ReviewRounds reads it, signed by the reviewer (qualification from the registry).
                var number = submissions.Count(s => s.Sequence < step.Sequence);
                var round = number > 0 && number <= rounds.Count ? rounds[number - 1] : null;
                var since = number > 0 ? submissions[number - 1].AtUtc : (DateTimeOffset?)null;
                links.Add(new ResponsibilityLink(ResponsibilityRoles.Review, number, Person(step.ActorId, step.ActorRole, qualifications.GetValueOrDefault(step.Id)),
                    step.AtUtc, step.Action, StepName(step.To), round?.Note, round?.Opinion, round?.Problems ?? [], null, null, DocumentOf(unit),
                    Proof.Join(unit, proof.LeafOf(proof.Fact(FactKeys.ReviewOpinion, since, step)),
                        proof.LeafOf(proof.Fact(FactKeys.ReviewProblems, since, step)), proof.LeafOf(proof.Fact(FactKeys.ReviewNote, since, step))), []));
            }
            else if (transition?.Guards.Any(g => g.Id == WorkflowGuards.DiscussionRecorded.Id) == true)
            {
                // 集体讨论: who chaired, who took part with what opinion, who recorded, what was concluded (the 集体讨论记录).
                var terms = CaseDocuments.DiscussionTermsOf(@case);
                var discussion = new TrailDiscussion(terms?.Start, terms?.Place, terms?.Chair, terms?.Participants ?? [], terms?.Recorder, terms?.Conclusion);
                links.Add(new ResponsibilityLink(ResponsibilityRoles.Discussion, null, Person(step.ActorId, step.ActorRole), step.AtUtc, step.Action,
                    StepName(step.To), terms?.Conclusion, file.Text(FactKeys.DiscussionDecision), [], null, discussion, DocumentOf(unit), Proof.Join(unit), []));
            }
            else if (transition?.Guards.Any(g => g.Id == WorkflowGuards.DecisionDocumentComplete.Id) == true)
            {
                // 决定: the head who decided, what, and the numbered, sealed decision issued in the same transaction.
                links.Add(new ResponsibilityLink(ResponsibilityRoles.Decision, null, Person(step.ActorId, step.ActorRole), step.AtUtc, step.Action,
                    StepName(step.To), DecisionText(file), file.Text(FactKeys.DecisionKind), [], null, null, DocumentOf(unit), Proof.Join(unit), []));
            }
        }

        // The gate's refusals belong to the decision (REV-1): under the last decision, or under a decision not yet made.
        var refusals = entries.Where(e => e.Kind == "decision-refused").Select(e => Refusal(e, Person)).ToList();
        if (refusals.Count > 0)
        {
            var at = links.FindLastIndex(l => l.Role == ResponsibilityRoles.Decision);
            if (at >= 0)
            {
                links[at] = links[at] with { Refusals = refusals };
            }
            else
            {
                links.Add(new ResponsibilityLink(ResponsibilityRoles.Decision, null, null, null, null, null, null, null, [], null, null, null, [], refusals));
            }
        }

        return links;
    }

    /// <summary>What was decided, in words: 给予行政处罚：罚款、没收违法所得，罚款60,000元.</summary>
    private static string? DecisionText(CaseFile file) => file.Text(FactKeys.DecisionKind) switch
    {
        null => null,
        "给予行政处罚" when file.Text(FactKeys.PenaltyKinds) is { } kinds =>
            $"给予行政处罚：{FactKeys.PenaltyKinds.Display(kinds)}" + (file.Amount(FactKeys.FineAmount) is { } fine ? $"，罚款{fine:N0}元" : ""),
        var kind => kind,
    };

    private static TrailDocument Document(IssuedDocument d) => new(d.Id, d.Kind.ToString(), d.Title, d.Number, d.IssuedAtUtc, d.PdfSha256,
        Convert.ToBase64String(d.SealSignature), Convert.ToHexStringLower(SHA256.HashData(d.SealSignature))[..16], d.SealKeyId, d.LedgerIndex);

    private static TrailRefusal Refusal(CaseLedgerEntry entry, Func<Guid?, string?, string?, TrailPerson> person)
    {
        using var doc = JsonDocument.Parse(entry.Payload);
        var role = doc.RootElement.TryGetProperty("actor", out var actor) && actor.ValueKind == JsonValueKind.Object
            && actor.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var reasons = doc.RootElement.GetProperty("facts").TryGetProperty("refusals", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(x => new TrailReason(x.GetProperty("rule").GetString() ?? "", x.GetProperty("reason").GetString() ?? "")).ToList()
            : [];
        return new TrailRefusal(person(entry.ActorId, role, null), entry.RecordedAtUtc, reasons, Proof.Leaf(entry));
    }

    /// <summary>
    /// Which log entries prove what. Steps and their entries are matched in order per (from, to) — every step is logged
    /// once, as it is appended — and a fact record to the <c>case-facts-recorded</c> entry that carried it, in order per key.
    /// </summary>
    private sealed class Proof
    {
        private readonly IReadOnlyList<CaseLedgerEntry> _entries;
        private readonly Dictionary<Guid, int> _stepEntry = [];
        private readonly Dictionary<Guid, int> _factEntry = [];
        private readonly Case _case;

        public Proof(Case @case, IReadOnlyList<CaseLedgerEntry> entries)
        {
            _case = @case;
            _entries = entries;
            var steps = new Dictionary<(string, string), Queue<int>>();
            var facts = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Kind is not ("case-step" or "case-facts-recorded"))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(entries[i].Payload);
                var payload = doc.RootElement.GetProperty("facts");
                if (entries[i].Kind == "case-step")
                {
                    var key = (payload.GetProperty("from").GetString() ?? "", payload.GetProperty("to").GetString() ?? "");
                    (steps.TryGetValue(key, out var q) ? q : steps[key] = new Queue<int>()).Enqueue(i);
                }
                else if (payload.TryGetProperty("facts", out var recorded) && recorded.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in recorded.EnumerateObject())
                    {
                        (facts.TryGetValue(p.Name, out var q) ? q : facts[p.Name] = new Queue<int>()).Enqueue(i);
                    }
                }
            }

            foreach (var step in @case.Steps.OrderBy(s => s.Sequence))
            {
                if (steps.TryGetValue((step.From, step.To), out var q) && q.TryDequeue(out var i))
                {
                    _stepEntry[step.Id] = i;
                }
            }

            foreach (var fact in @case.Facts.OrderBy(f => f.Sequence))
            {
                if (facts.TryGetValue(fact.Key, out var q) && q.TryDequeue(out var i))
                {
                    _factEntry[fact.Id] = i;
                }
            }
        }

        public static TrailLeaf Leaf(CaseLedgerEntry e) => new(e.Index, e.Kind, e.RecordedAtUtc, e.LeafHashHex);

        /// <summary>The step's unit of work: its entry and the neighbours written with it (consecutive leaves, one time).</summary>
        public IReadOnlyList<TrailLeaf> UnitOf(CaseStepRecord step)
        {
            if (!_stepEntry.TryGetValue(step.Id, out var i))
            {
                return [];
            }

            var (first, last) = (i, i);
            while (first > 0 && Together(first - 1, first))
            {
                first--;
            }

            while (last + 1 < _entries.Count && Together(last, last + 1))
            {
                last++;
            }

            return [.. Enumerable.Range(first, last - first + 1).Select(k => Leaf(_entries[k]))];
        }

        private bool Together(int a, int b) => _entries[a].Index + 1 == _entries[b].Index && _entries[a].RecordedAtUtc == _entries[b].RecordedAtUtc;

        /// <summary>
        /// The latest record of <paramref name="key"/> made since <paramref name="from"/> and no later than <paramref name="step"/>:
        /// logged before the step's own entry, so the facts recorded with the step count and those recorded after it do not.
        /// The log's order decides, not the instants: facts recorded with a step now carry the step's own instant, but those
        /// of cases handled before that change carry one a little after it.
        /// </summary>
        public CaseFact? Fact(FactKey key, DateTimeOffset? from, CaseStepRecord step)
        {
            long? bound = _stepEntry.TryGetValue(step.Id, out var s) ? _entries[s].Index : null;
            return _case.Facts.Where(f => f.Key == key.Key && (from is null || f.RecordedAtUtc >= from)
                    && (bound is { } b ? _factEntry.TryGetValue(f.Id, out var i) && _entries[i].Index <= b : f.RecordedAtUtc <= step.AtUtc))
                .MaxBy(f => f.Sequence);
        }

        public TrailLeaf? LeafOf(CaseFact? fact) => fact is not null && _factEntry.TryGetValue(fact.Id, out var i) ? Leaf(_entries[i]) : null;

        public static IReadOnlyList<TrailLeaf> Join(IReadOnlyList<TrailLeaf> unit, params TrailLeaf?[] more) =>
            [.. unit.Concat(more.OfType<TrailLeaf>()).DistinctBy(l => l.Index).OrderBy(l => l.Index)];
    }
}
