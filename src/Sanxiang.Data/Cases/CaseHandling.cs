using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Evidence;
using Sanxiang.Core.Ledger;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Validation;
using Sanxiang.Core.Workflow;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Documents;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Cases;

/// <summary>A change to a case was refused: field problems (bad input) and/or the rules that block a step, in Chinese.</summary>
public sealed class CaseRuleException(IReadOnlyList<RegistryProblem> problems, int status = 400, IReadOnlyList<Refusal>? refusals = null)
    : Exception(string.Join(" ", problems.Select(p => p.Message).Concat(refusals?.Select(r => r.Reason) ?? [])))
{
    public CaseRuleException(string field, string message, int status = 400) : this([new RegistryProblem(field, message)], status)
    {
    }

    public IReadOnlyList<RegistryProblem> Problems { get; } = problems;
    public IReadOnlyList<Refusal> Refusals { get; } = refusals ?? [];

    /// <summary>400 invalid input, 403 not allowed, 404 not found, 409 the case's state or the law forbids it.</summary>
    public int Status { get; } = status;
}

/// <summary>The party as entered: <paramref name="Kind"/> is Person/公民 or Organisation/法人或者其他组织.</summary>
public sealed record PartyInput(string? Kind, string? Name, string? IdNumber, string? CreditCode, string? Representative, string? Address, string? Phone);

/// <summary>What an officer fills in to open a case (立案审批表).</summary>
public sealed record OpenCaseRequest(string? ItemCode, string? Cause, string? Source, PartyInput? Party, DateOnly? OccurredOn, DateOnly? ActEndedOn,
    bool SeriousHarm, IReadOnlyList<Guid>? OfficerIds, Guid? LeadOfficerId);

/// <summary>A checked opening: the item in force, the party, and the officers' entries in force (the lead among them).</summary>
internal sealed record CaseOpening(EnforcementItem Item, string Cause, string Source, CaseParty Party, DateOnly OccurredOn, DateOnly? ActEndedOn,
    bool SeriousHarm, IReadOnlyList<OfficerEntry> Officers, Guid LeadOfficerId);

/// <summary>What an officer says about an evidence file (REC-3): what it is, when and where it was taken, what it proves.</summary>
public sealed record EvidenceInput(string? Title, string? Step, DateTimeOffset? CapturedAt, string? Place, string? Proves, bool Secret);

/// <summary>Per-agency settings of the law (<see cref="LawSettings"/>), bound from configuration section <c>Cases</c>.</summary>
public sealed class CaseOptions
{
    public LawSettings Law { get; set; } = LawSettings.National;

    /// <summary>Overrides by agency code (e.g. <c>Cases:Agencies:SCJG:HearingFinePerson</c>).</summary>
    public Dictionary<string, LawSettings> Agencies { get; set; } = new(StringComparer.Ordinal);

    public LawSettings For(string agencyCode) => Agencies.GetValueOrDefault(agencyCode) ?? Law;
}

/// <summary>
/// Case handling (REC-1..4): opening a case, assigning officers and their recusal, recording facts, and taking steps
/// through <see cref="CaseEngine"/>. Every change is recorded in the log in the same transaction; a refused change writes
/// nothing.
/// </summary>
public sealed class CaseHandling(SanxiangDbContext db, TimeProvider clock, CaseOptions options, IBlobStore blobs, CaseArchiver archiver,
    DocumentIssuer issuer)
{
    public static readonly string[] Sources = ["监督检查", "投诉举报", "上级交办", "其他机关移送", "随机抽查", "媒体曝光", "其他"];

    public LawSettings LawFor(Agency agency) => options.For(agency.Code);

    public Task<Case> OpenAsync(Guid agencyId, OpenCaseRequest request, CaseActor actor, CancellationToken ct = default) =>
        OpenAsync(agencyId, request, actor, null, ct);

    /// <param name="alongside">
    /// Changes made in the same transaction as the opening, after the case is added and before it is saved (a complaint's
    /// link to it): the case is opened with them or not at all. Run again, on a fresh unit of work, when the opening is
    /// retried; an exception from it rolls the opening back and leaves the context clean.
    /// </param>
    public async Task<Case> OpenAsync(Guid agencyId, OpenCaseRequest request, CaseActor actor, Func<Case, Task>? alongside, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var problems = new List<RegistryProblem>();
        void Problem(string field, string message) => problems.Add(new RegistryProblem(field, message));

        var item = string.IsNullOrWhiteSpace(request.ItemCode) ? null
            : await db.ItemsInForce(today).FirstOrDefaultAsync(i => i.AgencyId == agencyId && i.Code == request.ItemCode.Trim(), ct);
        if (item is null)
        {
            Problem("itemCode", string.IsNullOrWhiteSpace(request.ItemCode) ? "请选择执法事项。" : $"本机关今日施行的执法事项清单中没有“{request.ItemCode}”。");
        }
        else if (item.Procedure == ProcedureKind.Other && item.Category == Category.Other)
        {
            // Other matters follow the generic procedure; nothing to refuse.
        }

        var cause = request.Cause?.Trim();
        if (string.IsNullOrEmpty(cause) || cause.Length > 200)
        {
            Problem("cause", "请填写案由（不超过 200 字），如“涉嫌经营超过食品安全标准限量的食品案”。");
        }

        if (request.Source is null || !Sources.Contains(request.Source))
        {
            Problem("source", $"案件来源只能是{string.Join("、", Sources)}之一。");
        }

        if (request.OccurredOn is not { } occurred)
        {
            Problem("occurredOn", "请填写违法行为发生日期。");
        }
        else if (occurred > today)
        {
            Problem("occurredOn", $"违法行为发生日期{LegalPeriods.Text(occurred)}晚于今天。");
        }

        if (request.ActEndedOn is { } ended && (ended > today || request.OccurredOn is { } o && ended < o))
        {
            Problem("actEndedOn", "违法行为终了日期应在发生日期之后、今天之前。");
        }

        var party = CheckParty(request.Party, today, Problem);
        var officerIds = (request.OfficerIds ?? []).Distinct().ToList();
        if (officerIds.Count < 2)
        {
            Problem("officerIds", $"应当指定两名以上承办人员（《行政处罚法》第四十二条、第五十五条），现只指定了 {officerIds.Count} 名。");
        }

        var field = item is null ? null : EnforcementFields.Of(item);
        var entries = await db.OfficerEntriesInForce(today).Where(e => e.AgencyId == agencyId && officerIds.Contains(e.OfficerId)).ToListAsync(ct);
        foreach (var id in officerIds)
        {
            var entry = entries.FirstOrDefault(e => e.OfficerId == id);
            var why = entry is null ? "所选人员不在本机关今日施行的执法人员名单中。" : entry.CheckAssignable(today, field);
            if (why is not null)
            {
                Problem("officerIds", why);
            }
        }

        if (request.LeadOfficerId is { } lead && !officerIds.Contains(lead))
        {
            Problem("leadOfficerId", "主办人员应是所指定的承办人员之一。");
        }

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == agencyId, ct);
        var opening = new CaseOpening(item!, cause!, request.Source!, party, request.OccurredOn!.Value, request.ActEndedOn, request.SeriousHarm,
            [.. officerIds.Select(id => entries.First(e => e.OfficerId == id))], request.LeadOfficerId ?? officerIds[0]);
        await EnsureCaseCounterAsync(agencyId, today.Year, ct);
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var @case = await AddCaseAsync(agency, opening, actor, [], ct);
            try
            {
                if (alongside is not null)
                {
                    await alongside(@case);
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return @case;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The number is taken (unique index): only if the counter fell behind the cases, e.g. numbers given before
                // the counter existed. Bring it up to the highest case number and take the next.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                db.DiscardPendingRecords();
                await CaseCounter(agencyId, today.Year).ExecuteUpdateAsync(u => u.SetProperty(c => c.Last,
                    c => db.Cases.IgnoreQueryFilters().Where(k => k.AgencyId == agencyId && k.Year == today.Year).Max(k => (int?)k.Sequence) ?? 0), ct);
            }
            catch
            {
                // Refused alongside, or the save failed for good: nothing of the opening stays, in the database (the
                // transaction is rolled back as it is disposed) or in this unit of work.
                db.ChangeTracker.Clear();
                db.DiscardPendingRecords();
                throw;
            }
        }
    }

    /// <summary>
    /// Adds a checked case to the unit of work inside the caller's transaction (not saved): takes the next number from
    /// the agency's counter, adds the officers and <paramref name="facts"/>, and records the opening in the log. The
    /// caller has checked the inputs and called <see cref="EnsureCaseCounterAsync"/> for the year, and saves and commits.
    /// </summary>
    internal async Task<Case> AddCaseAsync(Agency agency, CaseOpening opening, CaseActor actor, IReadOnlyList<(FactKey Key, string Value)> facts,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var item = opening.Item;
        var procedure = Procedures.For(item.Procedure);
        var salt = PrivateFact.Commit(opening.Party.IdNumber ?? opening.Party.Name);
        // The case number comes from the agency's counter for the year, taken by a write: it holds the counter row's lock
        // (PostgreSQL) or the write lock (SQLite) until the caller commits, so openers of one agency queue here and each
        // gets its own number, gapless, since a failed opening rolls its number back.
        var counter = CaseCounter(agency.Id, today.Year);
        await counter.ExecuteUpdateAsync(u => u.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var sequence = await counter.Select(c => c.Last).SingleAsync(ct);
        var @case = new Case
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agency.Id,
            Year = today.Year,
            Sequence = sequence,
            Number = CaseNumber(agency, today.Year, sequence),
            ItemId = item.Id,
            ItemCode = item.Code,
            ItemName = item.Name,
            Procedure = item.Procedure,
            Status = procedure.Start,
            Cause = opening.Cause,
            Source = opening.Source,
            Party = opening.Party,
            PartySalt = salt.Salt,
            OccurredOn = opening.OccurredOn,
            ActEndedOn = opening.ActEndedOn,
            SeriousHarm = opening.SeriousHarm,
            OpenedOn = today,
            CreatedAtUtc = now,
            CreatedBy = actor.AccountId,
        };
        foreach (var entry in opening.Officers)
        {
            @case.Officers.Add(new CaseOfficer
            {
                Id = Guid.CreateVersion7(now),
                CaseId = @case.Id,
                OfficerId = entry.OfficerId,
                Name = entry.Name,
                CertificateNumber = entry.CertificateNumber,
                Lead = entry.OfficerId == opening.LeadOfficerId,
                AssignedOn = today,
            });
        }

        db.Cases.Add(@case);
        db.Record(new LedgerEvent("case-opened", @case.Id, agency.Id, actor.AccountId, actor.RoleFor(Roles.Officer), new JsonObject
        {
            ["number"] = @case.Number,
            ["item"] = item.Code,
            ["procedure"] = item.Procedure.ToString(),
            ["cause"] = @case.Cause,
            ["source"] = @case.Source,
            ["occurredOn"] = Iso(@case.OccurredOn),
            ["party"] = PartyFacts(@case, salt.Commitment),
            ["officers"] = new JsonArray([.. @case.Officers.Select(o => (JsonNode)new JsonObject
            {
                ["officer"] = o.OfficerId.ToString(),
                ["name"] = o.Name,
                ["certificate"] = o.CertificateNumber,
                ["lead"] = o.Lead,
            })]),
        }));
        if (facts.Count > 0)
        {
            RecordFacts(@case, AppendFacts(@case, [.. facts], actor, now), actor);
        }

        return @case;
    }

    /// <summary>
    /// The counter of case numbers: the registration approval form's document counter, since the form is numbered by its
    /// case (<see cref="DocumentKinds.NumberedByCase"/>): one sequence per agency and year for both.
    /// </summary>
    private IQueryable<DocumentCounter> CaseCounter(Guid agencyId, int year) =>
        db.Set<DocumentCounter>().Where(c => c.AgencyId == agencyId && c.Year == year && c.Kind == DocumentKind.RegistrationApproval);

    /// <summary>Creates the year's counter if missing, starting at the highest case number of the year (idempotent under races).</summary>
    internal async Task EnsureCaseCounterAsync(Guid agencyId, int year, CancellationToken ct)
    {
        if (!await CaseCounter(agencyId, year).AnyAsync(ct))
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "DocumentCounters" ("AgencyId", "Year", "Kind", "Last")
                SELECT {agencyId}, {year}, {nameof(DocumentKind.RegistrationApproval)}, COALESCE(MAX("Sequence"), 0) FROM "Cases" WHERE "AgencyId" = {agencyId} AND "Year" = {year}
                ON CONFLICT DO NOTHING
                """, ct);
        }
    }

    /// <summary>
    /// 案号: prefix + 立〔year〕sequence号, e.g. 安市监立〔2026〕15号 — also the number of the case's registration approval
    /// form (<see cref="DocumentKinds.NumberedByCase"/>), so the two never name different things.
    /// </summary>
    public static string CaseNumber(Agency agency, int year, int sequence) =>
        DocumentNumber.Format(agency.CaseNumberPrefix, DocumentKind.RegistrationApproval, year, sequence);

    private static CaseParty CheckParty(PartyInput? input, DateOnly today, Action<string, string> problem)
    {
        if (input is null)
        {
            problem("party", "请填写当事人信息。");
            return new CaseParty();
        }

        PartyKind kind;
        switch (input.Kind?.Trim())
        {
            case "Person" or "person" or "公民" or "自然人":
                kind = PartyKind.Person;
                break;
            case "Organisation" or "organisation" or "Organization" or "法人或者其他组织" or "法人" or "其他组织":
                kind = PartyKind.Organisation;
                break;
            default:
                problem("party.kind", "当事人类型只能是“公民”（Person）或“法人或者其他组织”（Organisation）。");
                return new CaseParty();
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            problem("party.name", "请填写当事人姓名或名称（不超过 100 字）。");
        }

        var address = input.Address?.Trim() ?? "";
        if (address.Length is 0 or > 200)
        {
            problem("party.address", "请填写当事人住所或地址（不超过 200 字）。");
        }

        string? id = null, code = null;
        if (kind == PartyKind.Person)
        {
            id = input.IdNumber?.Trim().ToUpperInvariant();
            var check = CitizenIdNumber.Validate(id, today);
            if (!check.IsValid)
            {
                problem("party.idNumber", $"公民身份号码有误：{check.Reason}");
            }
        }
        else
        {
            code = input.CreditCode?.Trim().ToUpperInvariant();
            var check = UnifiedSocialCreditCode.Validate(code);
            if (!check.IsValid)
            {
                problem("party.creditCode", $"统一社会信用代码有误：{check.Reason}");
            }

            if (string.IsNullOrWhiteSpace(input.Representative))
            {
                problem("party.representative", "请填写法定代表人或者负责人。");
            }
        }

        var phone = input.Phone?.Trim();
        if (phone is { Length: > 0 } && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+')))
        {
            problem("party.phone", "联系电话只能包含数字、空格、加号和连字符。");
        }

        return new CaseParty
        {
            Kind = kind,
            Name = name,
            IdNumber = id,
            CreditCode = code,
            Representative = input.Representative?.Trim(),
            Address = address,
            Phone = string.IsNullOrEmpty(phone) ? null : phone,
        };
    }

    /// <summary>The party as the log holds it: an organisation in the clear (public register data), a person only as a salted commitment.</summary>
    private static JsonObject PartyFacts(Case @case, string commitment) => @case.Party.Kind == PartyKind.Organisation
        ? new JsonObject { ["kind"] = "organisation", ["name"] = @case.Party.Name, ["creditCode"] = @case.Party.CreditCode }
        : new JsonObject { ["kind"] = "person", ["commitment"] = commitment };

    public async Task<Case> LoadAsync(Guid caseId, CancellationToken ct = default) =>
        await db.Cases.Include(c => c.Officers).Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == caseId, ct)
        ?? throw new CaseRuleException("case", "案件不存在，或不属于您所在的执法主体。", 404);

    /// <summary>Records facts (what was found, served, heard, decided) without moving the case.</summary>
    public async Task<Case> RecordFactsAsync(Guid caseId, IReadOnlyDictionary<string, string?> values, CaseActor actor, CancellationToken ct = default)
    {
        var @case = await LoadAsync(caseId, ct);
        CheckOpen(@case);
        CheckMayRecord(@case, actor);
        var facts = Normalise(values);
        if (facts.Count == 0)
        {
            throw new CaseRuleException("facts", "没有需要记录的内容。");
        }

        if (facts.All(f => new CaseFile(@case).Text(f.Key) == f.Value))
        {
            return @case;
        }

        RecordFacts(@case, AppendFacts(@case, facts, actor), actor);
        await SaveAsync(@case, ct);
        return @case;
    }

    /// <summary>
    /// Takes the step from the case's current step to <paramref name="to"/>, recording <paramref name="values"/> with it.
    /// If any rule blocks the move nothing is written (not even the facts) and the refusals are thrown with status 409.
    /// </summary>
    public async Task<Case> TakeAsync(Guid caseId, string? from, string to, IReadOnlyDictionary<string, string?>? values, CaseActor actor, CancellationToken ct = default)
    {
        var @case = await LoadAsync(caseId, ct);
        var procedure = Procedures.For(@case.Procedure);
        var facts = Normalise(values ?? new Dictionary<string, string?>());
        var basic = CaseEngine.BasicRefusal(@case, procedure, from ?? @case.Status, to, actor);
        if (basic is not null)
        {
            throw new CaseRuleException([], basic.GuardId == CaseEngine.RoleRule || basic.GuardId == CaseEngine.HandlerRule ? 403 : 409, [basic]);
        }

        var transition = procedure.From(@case.Status).First(t => t.To == to);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var recorded = AppendFacts(@case, facts, actor, now);
        var around = await SurroundingsAsync(@case, today, ct);
        var context = await ContextAsync(@case, procedure, transition, actor, now, around, verifyFiles: true, ct);
        var refusals = CaseEngine.Check(context);
        var decision = DocumentOf(transition, context.File);
        var decisionFacts = decision is { } k ? CaseDocuments.Facts(@case, around.Agency, around.Item, k, null, today) : null;
        if (decision == DocumentKind.ReviewOpinion)
        {
            // Signed by the reviewer with the legal-review qualification the registry holds for them.
            var qualification = actor.OfficerId is { } me
                ? await db.OfficerEntriesInForce(today).Where(e => e.AgencyId == @case.AgencyId && e.OfficerId == me).Select(e => e.LegalQualificationNumber).FirstOrDefaultAsync(ct)
                : null;
            decisionFacts = decisionFacts! with { Review = CaseDocuments.ReviewTermsOf(@case, around.Agency, actor.Name, qualification ?? "") };
        }

        if (decision == DocumentKind.DiscussionRecord)
        {
            decisionFacts = decisionFacts! with { Discussion = CaseDocuments.DiscussionTermsOf(@case) };
        }

        if (refusals.Count == 0 && decision is { } kind && DocumentTemplates.CheckComplete(kind, decisionFacts!) is { Count: > 0 } missing)
        {
            var guard = DocumentGuard(transition);
            refusals = [new Refusal(guard.Id, guard.Description, DocumentTemplates.Describe(kind, missing))];
        }

        if (refusals.Count > 0)
        {
            db.ChangeTracker.Clear();
            if (refusals.Any(r => r.GuardId == WorkflowGuards.ReviewGate.Id))
            {
                // REV-1/REV-6: an attempt to decide without a passed review is itself recorded (the case stays as it was).
                db.Record(new LedgerEvent("decision-refused", @case.Id, @case.AgencyId, actor.AccountId, actor.Roles.FirstOrDefault(), new JsonObject
                {
                    ["number"] = @case.Number,
                    ["from"] = transition.From,
                    ["to"] = transition.To,
                    ["on"] = Iso(today),
                    ["refusals"] = new JsonArray([.. refusals.Select(r => (JsonNode)new JsonObject { ["rule"] = r.GuardId, ["reason"] = r.Reason })]),
                }));
                await db.SaveChangesAsync(ct);
            }

            throw new CaseRuleException([], 409, refusals);
        }

        RecordFacts(@case, recorded, actor);
        var step = procedure.Step(transition.From);
        var record = CaseEngine.Apply(@case, transition, actor, actor.RoleFor(step.Role), today, now);
        if (procedure.Step(transition.To).IsFinal)
        {
            // 归档: from now on the case refuses every change (REC-6); corrections are new records that refer to it.
            @case.SealedAtUtc = now;
        }

        var payload = new JsonObject
        {
            ["number"] = @case.Number,
            ["from"] = transition.From,
            ["to"] = transition.To,
            ["action"] = transition.Action,
            ["on"] = Iso(today),
            ["guards"] = new JsonArray([.. transition.Guards.Select(g => (JsonNode)g.Id)]),
        };
        if (transition.To == Sanxiang.Core.Review.ReviewRounds.Step)
        {
            // REV-7: the submission is frozen as it stands now; its digest in the log lets anyone check what was reviewed.
            var materials = Sanxiang.Core.Review.ReviewRounds.MaterialsAt(@case, now);
            payload["materials"] = new JsonObject { ["evidence"] = materials.Evidence, ["sha256"] = materials.Sha256 };
        }

        db.Record(new LedgerEvent("case-step", @case.Id, @case.AgencyId, actor.AccountId, record.ActorRole, payload));
        if (IsDecisionMade(transition))
        {
            Publish(@case, around, today, now, actor, record.ActorRole);
        }

        if (decision is { } decisionKind)
        {
            // The decision (or the review opinion) and its numbered, sealed document are one act: saved in one transaction, or neither is.
            await SaveAsync(@case, ct, async () =>
            {
                var issued = await issuer.IssueAsync(db, decisionKind, decisionFacts!, @case.AgencyId, @case.Id,
                    new DocumentActor(actor.AccountId, record.ActorRole), ct);
                if (!issued.Issued)
                {
                    // Checked above with the same facts; the issuer wrote nothing, so neither may the step.
                    db.ChangeTracker.Clear();
                    db.DiscardPendingRecords();
                    var guard = DocumentGuard(transition);
                    throw new CaseRuleException([], 409, [new Refusal(guard.Id, guard.Description, DocumentTemplates.Describe(decisionKind, issued.Missing))]);
                }
            });
        }
        else
        {
            await SaveAsync(@case, ct);
        }

        if (@case.IsSealed)
        {
            // The step is recorded; now the package. If this fails, the case shows it unpackaged and it can be sealed again.
            await archiver.SealAsync(@case.Id, actor.AccountId, record.ActorRole, ct);
        }

        return @case;
    }

    /// <summary>A move out of the decision step that is the decision itself (not back to review or to discussion).</summary>
    public static bool IsDecisionMade(Transition transition) =>
        transition.From == "decide" && transition.To is not (Sanxiang.Core.Review.ReviewRounds.Step or "discuss");

    /// <summary>
    /// PUB-5: the decision creates its publication task in its own transaction, with the due date in working days; a
    /// decision not to be published (e.g. a summary-procedure penalty where the rules publish only general-procedure
    /// ones) gets its task closed by that rule, recorded in the log, so nothing is left out by omission.
    /// </summary>
    private void Publish(Case @case, Surroundings around, DateOnly today, DateTimeOffset now, CaseActor actor, string? role)
    {
        var due = Sanxiang.Core.Publication.PublicationRules.Due(@case.Procedure, today, around.Calendar, around.Law);
        var task = new Sanxiang.Core.Publication.PublicationTask
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = @case.AgencyId,
            CaseId = @case.Id,
            CaseNumber = @case.Number,
            Procedure = @case.Procedure,
            Category = due.Category,
            DecidedOn = today,
            WorkingDays = due.WorkingDays,
            DueOn = due.DueOn,
            Status = due.Exemption is null ? Sanxiang.Core.Publication.PublicationStatus.Pending : Sanxiang.Core.Publication.PublicationStatus.Exempt,
            Exemption = due.Exemption,
            CreatedAtUtc = now,
            ClosedAtUtc = due.Exemption is null ? null : now,
            ClosedBy = due.Exemption is null ? null : actor.AccountId,
        };
        db.PublicationTasks.Add(task);
        db.Record(new LedgerEvent(due.Exemption is null ? "publication-due" : "publication-exempt", @case.Id, @case.AgencyId, actor.AccountId, role, new JsonObject
        {
            ["number"] = @case.Number,
            ["task"] = task.Id.ToString(),
            ["category"] = due.Category.ToString(),
            ["decidedOn"] = Iso(today),
            ["workingDays"] = due.WorkingDays,
            ["dueOn"] = Iso(due.DueOn),
            ["exemption"] = due.Exemption,
        }));
    }

    /// <summary>
    /// The document a transition issues as part of itself: the decision step (the one whose guards include
    /// <c>decision.document-complete</c>) issues the penalty or no-penalty decision its recorded decision kind names; a
    /// step out of legal review issues the round's review opinion (REV-4).
    /// </summary>
    public static DocumentKind? DocumentOf(Transition transition, CaseFile file) =>
        transition.From == Sanxiang.Core.Review.ReviewRounds.Step ? DocumentKind.ReviewOpinion
        : transition.Guards.Any(g => g.Id == WorkflowGuards.DiscussionRecorded.Id) ? DocumentKind.DiscussionRecord
        : !transition.Guards.Any(g => g.Id == WorkflowGuards.DecisionDocumentComplete.Id) ? null
        : file.Text(FactKeys.DecisionKind) switch
        {
            "给予行政处罚" => DocumentKind.PenaltyDecision,
            "不予行政处罚" => DocumentKind.NoPenaltyDecision,
            _ => null,
        };

    /// <summary>The rule a refusal names when the document a step issues would be incomplete.</summary>
    private static Guard DocumentGuard(Transition transition) =>
        transition.Guards.Any(g => g.Id == WorkflowGuards.DiscussionRecorded.Id) ? WorkflowGuards.DiscussionRecorded
        : transition.From != Sanxiang.Core.Review.ReviewRounds.Step ? WorkflowGuards.DecisionDocumentComplete
        : transition.To == "examine" ? WorkflowGuards.ReviewReturned : WorkflowGuards.ReviewPassed;

    /// <summary>Why the case's decision needs legal review (REV-2): each rule it matches, with its reason; empty when none.</summary>
    public async Task<IReadOnlyList<Sanxiang.Core.Review.ReviewRuleMatch>> ReviewReasonsAsync(Case @case, CancellationToken ct = default) =>
        (await ReviewReasonsAsync([@case], ct))[@case.Id];

    /// <summary>Why each case's decision needs review, for many cases at once (their agencies and items read in two queries).</summary>
    public async Task<Dictionary<Guid, IReadOnlyList<Sanxiang.Core.Review.ReviewRuleMatch>>> ReviewReasonsAsync(IReadOnlyList<Case> cases,
        CancellationToken ct = default)
    {
        var agencyIds = cases.Select(c => c.AgencyId).Distinct().ToList();
        var itemIds = cases.Select(c => c.ItemId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var items = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        return cases.ToDictionary(c => c.Id, c => Sanxiang.Core.Review.ReviewRequirement.Matches(new CaseFile(c), c.Procedure, items.GetValueOrDefault(c.ItemId),
            LawFor(agencies[c.AgencyId])));
    }

    /// <summary>The legal review as the case page shows it: why it is required, the checklist pre-filled from the record, every round.</summary>
    public async Task<ReviewView> ReviewViewAsync(Case @case, CancellationToken ct = default)
    {
        var around = await SurroundingsAsync(@case, ChinaTime.Today(clock), ct);
        var issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == @case.Id).Select(d => d.Kind).Distinct().ToListAsync(ct);
        var materials = new Sanxiang.Core.Review.ReviewMaterials(@case, around.Item, around.Agency.Name, around.Certificates, issued, around.Law, around.Calendar);
        return new ReviewView(
            Sanxiang.Core.Review.ReviewRequirement.Matches(new CaseFile(@case), @case.Procedure, around.Item, around.Law),
            Sanxiang.Core.Review.ReviewChecklist.Prefill(materials),
            Sanxiang.Core.Review.ReviewRounds.All(@case));
    }

    /// <summary>What a guard needs beyond the case, loaded once for all the transitions checked at one moment.</summary>
    private sealed record Surroundings(WorkdayCalendar Calendar, Agency Agency, LawSettings Law, EnforcementItem? Item,
        IReadOnlyDictionary<Guid, OfficerEntry> Certificates, Guid? ReviewerOfficerId);

    private async Task<Surroundings> SurroundingsAsync(Case @case, DateOnly today, CancellationToken ct)
    {
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == @case.AgencyId, ct);
        var item = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.Id == @case.ItemId, ct);
        var ids = @case.Officers.Select(o => o.OfficerId).ToList();
        var certificates = await db.OfficerEntriesInForce(today).Where(e => e.AgencyId == @case.AgencyId && ids.Contains(e.OfficerId))
            .ToDictionaryAsync(e => e.OfficerId, ct);
        var reviewerAccount = @case.Steps.Where(s => s.From == "review" && s.To != "examine").MaxBy(s => s.Sequence)?.ActorId;
        var reviewer = reviewerAccount is { } r ? await db.Users.AsNoTracking().Where(a => a.Id == r).Select(a => a.OfficerId).FirstOrDefaultAsync(ct) : null;
        return new Surroundings(calendar, agency, LawFor(agency), item, certificates, reviewer);
    }

    private async Task<GuardContext> ContextAsync(Case @case, WorkflowDefinition procedure, Transition transition, CaseActor actor, DateTimeOffset now,
        Surroundings around, bool verifyFiles, CancellationToken ct)
    {
        var archiveProblem = transition.Guards.Any(g => g.Id == WorkflowGuards.ArchiveSealed.Id) ? await ArchiveProblemAsync(@case, verifyFiles, ct) : null;
        return new GuardContext(new CaseFile(@case), procedure, transition, ChinaTime.DateOf(now), now, around.Calendar, around.Law, around.Item,
            around.Item is null ? null : EnforcementFields.Of(around.Item), around.Certificates, actor, around.ReviewerOfficerId, archiveProblem);
    }

    /// <summary>
    /// The transitions out of the case's current step, each with what blocks it now for <paramref name="actor"/> (empty:
    /// it may be taken). For the case page and the API: files are only checked to be present here; the step itself
    /// re-reads every evidence file against its hash.
    /// </summary>
    public async Task<IReadOnlyList<(Transition Transition, IReadOnlyList<Refusal> Refusals)>> NextStepsAsync(Case @case, CaseActor actor,
        CancellationToken ct = default)
    {
        var procedure = Procedures.For(@case.Procedure);
        var now = clock.GetUtcNow();
        Surroundings? around = null;
        var next = new List<(Transition, IReadOnlyList<Refusal>)>();
        foreach (var t in procedure.From(@case.Status))
        {
            if (CaseEngine.BasicRefusal(@case, procedure, @case.Status, t.To, actor) is { } basic)
            {
                next.Add((t, [basic]));
                continue;
            }

            around ??= await SurroundingsAsync(@case, ChinaTime.DateOf(now), ct);
            next.Add((t, CaseGuards.Check(await ContextAsync(@case, procedure, t, actor, now, around, verifyFiles: false, ct))));
        }

        return next;
    }

    /// <summary>Before sealing: every evidence file is present in the store and, when <paramref name="verify"/>, matches its hash (REC-4).</summary>
    private async Task<string?> ArchiveProblemAsync(Case @case, bool verify, CancellationToken ct)
    {
        foreach (var evidence in @case.Evidence)
        {
            var present = verify ? await blobs.VerifyAsync(evidence.Sha256, ct) : Present(evidence.Sha256);
            if (!present)
            {
                return $"证据“{evidence.Title}”的文件缺失或与登记的哈希不符，案卷不能封存。";
            }
        }

        return null;
    }

    private bool Present(string sha256)
    {
        using var stream = blobs.Open(sha256);
        return stream is not null;
    }

    public async Task<Case> AssignOfficerAsync(Guid caseId, Guid officerId, CaseActor actor, CancellationToken ct = default)
    {
        var @case = await LoadAsync(caseId, ct);
        CheckOpen(@case);
        if (!actor.Is(Roles.UnitHead) && !actor.Is(Roles.AgencyHead))
        {
            throw new CaseRuleException("officerId", "指派承办人员须由承办机构负责人或者行政机关负责人决定。", 403);
        }

        var existing = @case.Officers.FirstOrDefault(o => o.OfficerId == officerId);
        if (existing is { Recused: true })
        {
            throw new CaseRuleException("officerId", $"{existing.Name}已在本案中回避，不得再指派办理本案（《行政处罚法》第四十三条）。", 409);
        }

        if (existing is not null)
        {
            throw new CaseRuleException("officerId", $"{existing.Name}已是本案承办人员。", 409);
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var item = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.Id == @case.ItemId, ct);
        var entry = await db.OfficerEntriesInForce(today).FirstOrDefaultAsync(e => e.AgencyId == @case.AgencyId && e.OfficerId == officerId, ct);
        var why = entry is null ? "所选人员不在本机关今日施行的执法人员名单中。" : entry.CheckAssignable(today, item is null ? null : EnforcementFields.Of(item));
        if (why is not null)
        {
            throw new CaseRuleException("officerId", why, 409);
        }

        var officer = new CaseOfficer
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            OfficerId = officerId,
            Name = entry!.Name,
            CertificateNumber = entry.CertificateNumber,
            AssignedOn = today,
        };
        @case.Officers.Add(officer);
        @case.Revision++;
        db.Record(new LedgerEvent("case-officer-assigned", @case.Id, @case.AgencyId, actor.AccountId, actor.RoleFor(Roles.UnitHead), new JsonObject
        {
            ["number"] = @case.Number,
            ["officer"] = officerId.ToString(),
            ["name"] = officer.Name,
            ["certificate"] = officer.CertificateNumber,
        }));
        await SaveAsync(@case, ct);
        return @case;
    }

    /// <summary>
    /// An officer's declaration on recusal (《行政处罚法》第四十三条): by the officer for themselves, or by a head deciding a
    /// party's application. A declared conflict withdraws the officer from the case for good.
    /// </summary>
    public async Task<Case> DeclareRecusalAsync(Guid caseId, Guid officerId, bool conflict, string? reason, CaseActor actor, CancellationToken ct = default)
    {
        var @case = await LoadAsync(caseId, ct);
        CheckOpen(@case);
        var officer = @case.Officers.FirstOrDefault(o => o.OfficerId == officerId)
            ?? throw new CaseRuleException("officerId", "该人员不是本案承办人员。", 404);
        var self = actor.OfficerId == officerId;
        if (!self && !actor.Is(Roles.UnitHead) && !actor.Is(Roles.AgencyHead))
        {
            throw new CaseRuleException("officerId", "回避声明由承办人员本人作出；当事人申请回避的，由负责人决定。", 403);
        }

        if (officer.Recused)
        {
            throw new CaseRuleException("officerId", $"{officer.Name}已回避。", 409);
        }

        reason = reason?.Trim();
        if (conflict && string.IsNullOrEmpty(reason))
        {
            throw new CaseRuleException("reason", "请写明应当回避的情形（如与当事人有直接利害关系）。");
        }

        if (reason is { Length: > 500 })
        {
            throw new CaseRuleException("reason", "回避理由不超过 500 字。");
        }

        var now = clock.GetUtcNow();
        officer.RecusalDeclaredAtUtc = now;
        officer.Recused = conflict;
        officer.RecusalReason = reason;
        @case.Revision++;
        db.Record(new LedgerEvent("case-recusal-declared", @case.Id, @case.AgencyId, actor.AccountId, actor.RoleFor(Roles.Officer), new JsonObject
        {
            ["number"] = @case.Number,
            ["officer"] = officerId.ToString(),
            ["name"] = officer.Name,
            ["conflict"] = conflict,
            ["reason"] = reason,
        }));
        await SaveAsync(@case, ct);
        return @case;
    }

    /// <summary>
    /// A legal reviewer's declaration of a conflict (REV-5; 《行政处罚法》第四十三条 applies to reviewers as to officers): from
    /// then on the reviewer may not review the case, and the queue says so. Only reviewers declare for themselves, with the
    /// situation that requires it; the declaration is recorded on the case and in the log, and cannot be withdrawn.
    /// </summary>
    public async Task<Case> DeclareReviewRecusalAsync(Guid caseId, string? reason, CaseActor actor, CancellationToken ct = default)
    {
        var @case = await LoadAsync(caseId, ct);
        CheckOpen(@case);
        if (!actor.Is(Roles.Reviewer))
        {
            throw new CaseRuleException("reason", "法制审核回避由法制审核人员本人声明。", 403);
        }

        reason = reason?.Trim().ReplaceLineEndings(" ");
        if (string.IsNullOrEmpty(reason))
        {
            throw new CaseRuleException("reason", "请写明应当回避的情形（如与当事人有直接利害关系、曾参与本案调查）。");
        }

        if (reason.Length > 500)
        {
            throw new CaseRuleException("reason", "回避理由不超过 500 字。");
        }

        if (Sanxiang.Core.Review.ReviewRounds.Recusals(@case).Any(r => r.AccountId == actor.AccountId))
        {
            throw new CaseRuleException("reason", "您已声明回避本案的法制审核。", 409);
        }

        // The fact (which the review's rule reads) and one log entry that says what it is.
        AppendFacts(@case, [(FactKeys.ReviewRecusal, Sanxiang.Core.Review.ReviewRounds.RecusalValue(actor.AccountId, actor.Name.Replace('：', ':'), reason))], actor);
        @case.Revision++;
        db.Record(new LedgerEvent("review-recusal-declared", @case.Id, @case.AgencyId, actor.AccountId, Roles.Reviewer, new JsonObject
        {
            ["number"] = @case.Number,
            ["reason"] = reason,
        }));
        await SaveAsync(@case, ct);
        return @case;
    }

    /// <summary>
    /// Attaches a stored file to the case as evidence with its capture metadata (REC-3); the file is already in the blob
    /// store under its hash (REC-4). The collector is the acting officer, who must be one of the case's officers.
    /// </summary>
    public async Task<CaseEvidence> AddEvidenceAsync(Guid caseId, StoredBlob blob, string mediaType, EvidenceKind kind, string? fileName,
        EvidenceInput input, CaseActor actor, CancellationToken ct = default)
    {
        var @case = await LoadAsync(caseId, ct);
        CheckOpen(@case);
        var collector = actor.OfficerId is { } me ? @case.ActiveOfficers.FirstOrDefault(o => o.OfficerId == me) : null;
        if (collector is null)
        {
            throw new CaseRuleException("collector", "证据只能由本案承办人员采集上传。", 403);
        }

        var problems = new List<RegistryProblem>();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 200)
        {
            problems.Add(new RegistryProblem("title", "请填写证据名称（不超过 200 字），如“扣押现场执法记录仪录像”。"));
        }

        var place = input.Place?.Trim();
        if (string.IsNullOrEmpty(place) || place.Length > 200)
        {
            problems.Add(new RegistryProblem("place", "请填写采集地点（不超过 200 字）。"));
        }

        var proves = input.Proves?.Trim();
        if (string.IsNullOrEmpty(proves) || proves.Length > 1000)
        {
            problems.Add(new RegistryProblem("proves", "请写明证明对象：这份证据证明什么（不超过 1000 字）。"));
        }

        var now = clock.GetUtcNow();
        var captured = input.CapturedAt ?? now;
        if (captured > now.AddMinutes(5) || captured < now.AddYears(-10))
        {
            problems.Add(new RegistryProblem("capturedAt", "采集时间不能晚于现在，也不能早于十年前。"));
        }

        var step = string.IsNullOrWhiteSpace(input.Step) ? @case.Status : input.Step.Trim();
        if (!Procedures.For(@case.Procedure).HasStep(step))
        {
            problems.Add(new RegistryProblem("step", $"“{step}”不是本案程序中的环节。"));
        }

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        var evidence = new CaseEvidence
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            Sha256 = blob.Sha256,
            Sm3 = blob.Sm3,
            Size = blob.Size,
            MediaType = mediaType,
            Kind = kind,
            Title = title!,
            FileName = fileName,
            Step = step,
            CapturedAtUtc = captured.ToUniversalTime(),
            Place = place!,
            CollectorId = collector.OfficerId,
            CollectorName = collector.Name,
            Proves = proves!,
            Secret = input.Secret,
            AddedAtUtc = now,
            AddedBy = actor.AccountId,
        };
        @case.Evidence.Add(evidence);
        @case.Revision++;
        db.Record(new LedgerEvent("case-evidence-added", @case.Id, @case.AgencyId, actor.AccountId, actor.RoleFor(Roles.Officer), new JsonObject
        {
            ["number"] = @case.Number,
            ["evidence"] = evidence.Id.ToString(),
            ["title"] = evidence.Title,
            ["kind"] = kind.ToString(),
            ["mediaType"] = mediaType,
            ["size"] = blob.Size,
            ["sha256"] = blob.Sha256,
            ["sm3"] = blob.Sm3,
            ["step"] = step,
            ["capturedAt"] = evidence.CapturedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["place"] = evidence.Place,
            ["collector"] = collector.Name,
            ["proves"] = evidence.Proves,
            ["secret"] = evidence.Secret,
        }));
        await SaveAsync(@case, ct);
        return evidence;
    }

    /// <summary>Chain of custody: every read of an evidence file is itself a record (REC-4, REC-6).</summary>
    public async Task<CaseEvidence> RecordEvidenceReadAsync(Guid caseId, Guid evidenceId, string purpose, CaseActor actor, CancellationToken ct = default)
    {
        var evidence = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.CaseId == caseId, ct);
        var @case = evidence is null ? null : await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (evidence is null || @case is null)
        {
            throw new CaseRuleException("evidence", "证据不存在，或不属于您所在的执法主体。", 404);
        }

        if (evidence.Secret)
        {
            // REC-6: records that involve secrets are restricted to the case's officers and its heads (and supervisors).
            var onCase = actor.OfficerId is { } me && await db.CaseOfficers.AnyAsync(o => o.CaseId == caseId && o.OfficerId == me && !o.Recused, ct);
            if (!onCase && !actor.Is(Roles.UnitHead) && !actor.Is(Roles.AgencyHead) && !actor.Is(Roles.Supervisor))
            {
                throw new CaseRuleException("evidence", "该证据涉及国家秘密、商业秘密或者个人隐私，仅限本案承办人员和负责人调阅。", 403);
            }
        }

        db.Record(new LedgerEvent("evidence-read", caseId, @case.AgencyId, actor.AccountId, actor.Roles.FirstOrDefault(), new JsonObject
        {
            ["number"] = @case.Number,
            ["evidence"] = evidenceId.ToString(),
            ["sha256"] = evidence.Sha256,
            ["purpose"] = purpose,
            ["secret"] = evidence.Secret,
        }));
        await db.SaveChangesAsync(ct);
        return evidence;
    }

    /// <summary>Chain of custody for the sealed case file: every download of the package is recorded.</summary>
    public async Task RecordArchiveReadAsync(Case @case, string purpose, CaseActor actor, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        db.Record(new LedgerEvent("archive-read", @case.Id, @case.AgencyId, actor.AccountId, actor.Roles.FirstOrDefault(), new JsonObject
        {
            ["number"] = @case.Number,
            ["packageSha256"] = @case.ArchiveSha256,
            ["purpose"] = purpose,
        }));
        await db.SaveChangesAsync(ct);
    }

    private static void CheckOpen(Case @case)
    {
        if (@case.IsSealed)
        {
            throw new CaseRuleException([], 409, [CaseEngine.Sealed]);
        }
    }

    private static void CheckMayRecord(Case @case, CaseActor actor)
    {
        var handler = actor.OfficerId is { } me && @case.ActiveOfficers.Any(o => o.OfficerId == me);
        if (!handler && !actor.Is(Roles.UnitHead) && !actor.Is(Roles.AgencyHead) && !actor.Is(Roles.Reviewer))
        {
            throw new CaseRuleException("facts", "只有本案承办人员、负责人和法制审核人员可以记录案件情况。", 403);
        }
    }

    private static List<(FactKey Key, string Value)> Normalise(IReadOnlyDictionary<string, string?> values)
    {
        var problems = new List<RegistryProblem>();
        var facts = new List<(FactKey, string)>();
        foreach (var (key, raw) in values)
        {
            if (FactKeys.Find(key) is not { } fact)
            {
                problems.Add(new RegistryProblem(key, $"“{key}”不是可记录的案件事项。"));
                continue;
            }

            if (fact.ByPlatform)
            {
                problems.Add(new RegistryProblem(key, $"“{fact.Label}”由平台在办理相应事项时记录，不能直接填写。"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var (value, problem) = fact.Normalise(raw);
            if (problem is not null)
            {
                problems.Add(new RegistryProblem(key, problem));
            }
            else
            {
                facts.Add((fact, value!));
            }
        }

        return problems.Count > 0 ? throw new CaseRuleException(problems) : facts;
    }

    /// <summary>Adds the facts that differ from those in force to the case (not yet saved nor logged); null when none differ.</summary>
    /// <param name="at">The moment of the step the facts are recorded with (so that they belong to it exactly); now otherwise.</param>
    private JsonObject? AppendFacts(Case @case, List<(FactKey Key, string Value)> facts, CaseActor actor, DateTimeOffset? at = null)
    {
        var file = new CaseFile(@case);
        var changed = facts.Where(f => Sanxiang.Core.Review.ReviewRounds.RoundKeys.Contains(f.Key.Key) || file.Text(f.Key) != f.Value).ToList();
        if (changed.Count == 0)
        {
            return null;
        }

        var now = at ?? clock.GetUtcNow();
        var sequence = @case.Facts.Count == 0 ? 0 : @case.Facts.Max(f => f.Sequence);
        var recorded = new JsonObject();
        foreach (var (key, value) in changed)
        {
            @case.Facts.Add(new CaseFact
            {
                Id = Guid.CreateVersion7(now),
                CaseId = @case.Id,
                Sequence = ++sequence,
                Key = key.Key,
                Value = value,
                Step = @case.Status,
                RecordedAtUtc = now,
                RecordedBy = actor.AccountId,
            });
            recorded[key.Key] = value;
        }

        @case.Revision++;
        return recorded;
    }

    private void RecordFacts(Case @case, JsonObject? recorded, CaseActor actor)
    {
        if (recorded is null)
        {
            return;
        }

        db.Record(new LedgerEvent("case-facts-recorded", @case.Id, @case.AgencyId, actor.AccountId, actor.Roles.FirstOrDefault(), new JsonObject
        {
            ["number"] = @case.Number,
            ["step"] = @case.Status,
            ["facts"] = recorded,
        }));
    }

    /// <summary>
    /// Saves the change to <paramref name="case"/>. If someone else changed the case meanwhile — seen as a concurrency
    /// conflict on its revision, or as a clash of the new record's sequence number, whichever the database reports
    /// first — nothing is saved and the person is told to reload; any other failure is a bug and is rethrown.
    /// </summary>
    private async Task SaveAsync(Case @case, CancellationToken ct, Func<Task>? save = null)
    {
        var loaded = (int)db.Entry(@case).Property(nameof(Case.Revision)).OriginalValue!;
        try
        {
            await (save is null ? db.SaveChangesAsync(ct) : save());
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            var now = await db.Cases.AsNoTracking().Where(c => c.Id == @case.Id).Select(c => (int?)c.Revision).FirstOrDefaultAsync(ct);
            if (e is DbUpdateConcurrencyException || now != loaded)
            {
                throw new CaseRuleException("case", "本案刚刚被他人修改，您的操作未保存；请刷新后重试。", 409);
            }

            throw;
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>What the case page shows of the legal review (REV-2, REV-3, REV-4).</summary>
public sealed record ReviewView(IReadOnlyList<Sanxiang.Core.Review.ReviewRuleMatch> RequiredBy,
    IReadOnlyList<IReadOnlyList<Sanxiang.Core.Review.PrefilledFact>> Prefill, IReadOnlyList<Sanxiang.Core.Review.ReviewRoundView> Rounds);
