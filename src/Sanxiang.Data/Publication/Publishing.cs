using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Documents;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Publication;

/// <summary>The clerk's confirmation of a draft: the digest of the preview, the proposed spans kept, texts added, and for a correction its reason.</summary>
public sealed record PublishRequest(string? Digest, IReadOnlyCollection<string>? Kept, IReadOnlyCollection<string>? Added, string? CorrectionReason = null);

/// <summary>
/// The one place that changes what the portal shows of decisions (PUB-5..11): publish (the clerk's confirmed redaction),
/// correct (a new version, the old one kept as superseded), not publish (a named ground with the clerk's reason), the
/// withdrawal a changed decision requires, expiry and credit repair. Each change goes into the log in its transaction;
/// the public ones carry the digest of the content published or taken down, so a checkpoint proves nothing went silently.
/// </summary>
public sealed class Publishing(SanxiangDbContext db, TimeProvider clock, CaseOptions options, IBlobStore blobs)
{
    public const string PublishedKind = "decision-published";
    public const string CorrectedKind = "decision-corrected";
    public const string WithdrawnKind = "decision-withdrawn";
    public const string ExpiredKind = "publication-expired";
    public const string RepairedKind = "publication-repaired";
    public const string WithdrawalDueKind = "publication-withdrawal-due";
    public const string ExemptKind = "publication-exempt";

    /// <summary>The draft of a publication task's decision, as the clerk previews it.</summary>
    public async Task<(PublicationTask Task, PublicationDraft Draft)> DraftAsync(Guid taskId, CancellationToken ct = default)
    {
        var (task, draft, _, _) = await LoadDraftAsync(taskId, ct);
        return (task, draft);
    }

    /// <summary>The draft with what it was made from that publishing needs too: the agency's rules and the case's gravity.</summary>
    private async Task<(PublicationTask Task, PublicationDraft Draft, LawSettings Law, bool SeriousHarm)> LoadDraftAsync(Guid taskId, CancellationToken ct)
    {
        var task = await db.PublicationTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new CaseRuleException("task", "公示任务不存在，或不属于您所在的执法主体。", 404);
        if (task.Kind != PublicationTaskKind.Publish)
        {
            throw new CaseRuleException("task", "这是撤回公示的任务，没有需要公示的内容。", 409);
        }

        var @case = await db.Cases.AsNoTracking().Include(c => c.Officers).Include(c => c.Facts).AsSplitQuery().FirstAsync(c => c.Id == task.CaseId, ct);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == task.AgencyId, ct);
        var document = await db.IssuedDocuments.AsNoTracking().Decisions().Where(d => d.CaseId == task.CaseId)
            .OrderByDescending(d => d.IssuedAtUtc).FirstOrDefaultAsync(ct);
        string? text = null;
        if (document is not null)
        {
            await using var stream = blobs.Open(document.DocxSha256)
                ?? throw new CaseRuleException("document", $"决定书（{document.Number}）的 DOCX 文件不在文件库中，请联系系统管理员核查。", 409);
            try
            {
                text = DocumentText.FromDocx(stream);
            }
            catch (InvalidDataException e)
            {
                throw new CaseRuleException("document", $"决定书（{document.Number}）无法读取：{e.Message}", 409);
            }
        }

        var law = options.For(agency.Code);
        var draft = PublicationDraft.Build(new CaseFile(@case), agency.Name, task, document?.Kind.Title(), document?.Number, text, law);
        return (task, draft, law, @case.SeriousHarm);
    }

    /// <summary>
    /// Publishes the task's decision as the clerk confirmed it; with a correction reason, publishes a new version of an
    /// already published decision and marks the current one superseded. Refused, with nothing written, when the preview
    /// is stale, a span does not fit, or the task is not in a state to publish.
    /// </summary>
    public async Task<PublishedDecision> PublishAsync(Guid taskId, PublishRequest request, CaseActor actor, string role, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var correction = request.CorrectionReason?.Trim();
        var (task, draft, law, seriousHarm) = await LoadDraftAsync(taskId, ct);
        PublishedDecision? current = null;
        if (string.IsNullOrEmpty(correction))
        {
            if (task.Status != PublicationStatus.Pending)
            {
                throw new CaseRuleException("task", $"本决定的公示任务已是“{task.Status.Chinese()}”状态，不能再次公示；如公示内容有误，请填写更正理由后发布更正版本。", 409);
            }
        }
        else
        {
            if (correction.Length > 500)
            {
                throw new CaseRuleException("correctionReason", "更正理由不超过 500 字。");
            }

            current = await db.PublishedDecisions.FirstOrDefaultAsync(p => p.TaskId == taskId && p.State == PublishedState.Public, ct)
                ?? throw new CaseRuleException("task", "本决定没有正在公示的版本，无从更正：未公示的请直接公示，已撤回或已撤下的不能更正。", 409);
        }

        if (draft.NoFullText is not null && draft.Fields.Procedure == ProcedureKind.GeneralPenalty)
        {
            throw new CaseRuleException("document", draft.NoFullText, 409);
        }

        if (!string.Equals(request.Digest, draft.Digest, StringComparison.Ordinal))
        {
            throw new CaseRuleException("digest", "预览之后，决定内容或决定书已有变化：请重新打开预览页，核对隐去建议后再确认公示。", 409);
        }

        var (texts, count, errors) = draft.Confirm(request.Kept ?? [], request.Added ?? []);
        if (texts is null)
        {
            throw new CaseRuleException([.. errors.Select(e => new RegistryProblem("redactions", e))]);
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var entry = draft.Fields;
        entry.Facts = texts.GetValueOrDefault(PublicationDraft.FactsKey);
        entry.FullText = texts.GetValueOrDefault(PublicationDraft.FullTextKey);
        entry.Redactions = count;
        entry.PublishedAtUtc = now;
        entry.PublishedOn = today;
        entry.PublishedBy = actor.AccountId;
        // A correction keeps the public period of the entry it corrects: correcting is not a reason to stay longer.
        (entry.PublicUntil, entry.RepairableFrom) = current is null
            ? PublicationRules.PublicPeriod(entry.Category, seriousHarm, today, law, draft.Kinds)
            : (current.PublicUntil, current.RepairableFrom);
        entry.State = PublishedState.Public;
        entry.Version = (current?.Version ?? 0) + 1;
        entry.SupersedesId = current?.Id;
        entry.ContentSha256 = PublicationDraft.ContentSha256Of(entry);
        db.PublishedDecisions.Add(entry);

        if (current is null)
        {
            var tracked = await db.PublicationTasks.FirstAsync(t => t.Id == taskId, ct);
            tracked.Status = PublicationStatus.Published;
            tracked.ClosedAtUtc = now;
            tracked.ClosedBy = actor.AccountId;
            tracked.Revision++;
        }
        else
        {
            current.State = PublishedState.Superseded;
            current.StateReason = correction;
            current.StateAtUtc = now;
            current.StateBy = actor.AccountId;
            current.Revision++;
        }

        var kind = current is null ? PublishedKind : CorrectedKind;
        db.Record(new LedgerEvent(kind, task.CaseId, task.AgencyId, actor.AccountId, role, new JsonObject
        {
            ["task"] = task.Id.ToString(),
            ["version"] = entry.Version,
            ["agency"] = entry.AgencyName,
            ["title"] = entry.Title,
            ["documentNumber"] = entry.DocumentNumber,
            ["category"] = entry.Category.ToString(),
            ["decidedOn"] = Iso(entry.DecidedOn),
            ["dueOn"] = Iso(task.DueOn),
            ["publishedOn"] = Iso(today),
            ["publicUntil"] = Iso(entry.PublicUntil),
            ["content"] = new JsonObject { ["sha256"] = entry.ContentSha256, ["fullText"] = entry.FullText is not null, ["redactions"] = count },
            ["supersedes"] = current is null ? null : new JsonObject { ["version"] = current.Version, ["sha256"] = current.ContentSha256, ["reason"] = correction },
        }, IsPublic: true));

        await SaveAsync(ct, async () =>
        {
            entry.LedgerIndex = await LastLeafAsync(task.CaseId, kind, ct);
            if (current is not null)
            {
                current.SupersededById = entry.Id;
                current.StateLedgerIndex = entry.LedgerIndex;
            }
        });
        return entry;
    }

    /// <summary>The clerk decides not to publish a decision on a named ground, with the reason; recorded.</summary>
    public async Task<PublicationTask> ExemptAsync(Guid taskId, string? ground, string? reason, CaseActor actor, string role, CancellationToken ct = default)
    {
        var problems = new List<RegistryProblem>();
        if (ground is null || !PublicationRules.ExemptionGrounds.Contains(ground))
        {
            problems.Add(new RegistryProblem("ground", $"请选择不予公示的情形：{string.Join("；", PublicationRules.ExemptionGrounds)}。"));
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < 10 || reason.Length > 1000)
        {
            problems.Add(new RegistryProblem("reason", "请写明不予公示的具体理由和依据（10 至 1000 字），如所涉国家秘密的定密依据、未成年人的年龄认定依据。"));
        }

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        var task = await db.PublicationTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new CaseRuleException("task", "公示任务不存在，或不属于您所在的执法主体。", 404);
        if (task.Kind != PublicationTaskKind.Publish || task.Status != PublicationStatus.Pending)
        {
            throw new CaseRuleException("task", $"只有待公示的决定才能决定不予公示，本任务已是“{task.Status.Chinese()}”。", 409);
        }

        var now = clock.GetUtcNow();
        task.Status = PublicationStatus.Exempt;
        task.Exemption = $"{ground}：{reason}";
        task.ClosedAtUtc = now;
        task.ClosedBy = actor.AccountId;
        task.Revision++;
        db.Record(new LedgerEvent(ExemptKind, task.CaseId, task.AgencyId, actor.AccountId, role, new JsonObject
        {
            ["number"] = task.CaseNumber,
            ["task"] = task.Id.ToString(),
            ["category"] = task.Category.ToString(),
            ["decidedOn"] = Iso(task.DecidedOn),
            ["ground"] = ground,
            ["exemption"] = task.Exemption,
            ["by"] = "clerk",
        }));
        await SaveAsync(ct);
        return task;
    }

    /// <summary>
    /// PUB-8: a decision of the case was revoked, confirmed illegal or ordered remade (the ground, with the document that
    /// says so, e.g. the reconsideration decision's number): its publication must be withdrawn within the agency's days
    /// (3). A withdrawal task is created; a publication not yet made is closed as not to be published on that ground.
    /// </summary>
    public async Task<PublicationTask> RecordDecisionChangeAsync(Guid caseId, string? ground, string? document, DateOnly? on, CaseActor actor, string role,
        CancellationToken ct = default)
    {
        var problems = new List<RegistryProblem>();
        if (ground is null || !PublicationRules.WithdrawalGrounds.Contains(ground))
        {
            problems.Add(new RegistryProblem("ground", $"请选择决定变化的情形：{string.Join("；", PublicationRules.WithdrawalGrounds)}。"));
        }

        document = document?.Trim();
        if (string.IsNullOrEmpty(document) || document.Length > 200)
        {
            problems.Add(new RegistryProblem("document", "请填写作出撤销、确认违法或者责令重作的文书（机关和文号，不超过 200 字），如“县人民政府行政复议决定书（某复决字〔2026〕12号）”。"));
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        if (on is not { } day || day > today)
        {
            problems.Add(new RegistryProblem("on", "请填写该文书生效的日期（不晚于今天）。"));
        }

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        var tasks = await db.PublicationTasks.Where(t => t.CaseId == caseId).ToListAsync(ct);
        var publish = tasks.Where(t => t.Kind == PublicationTaskKind.Publish).MaxBy(t => t.CreatedAtUtc)
            ?? throw new CaseRuleException("case", "本案还没有作出决定，或不属于您所在的执法主体：没有可撤回的公示。", 404);
        if (tasks.Any(t => t.Kind == PublicationTaskKind.Withdraw && t.Status == PublicationStatus.Pending))
        {
            throw new CaseRuleException("case", "本案已有待办的撤回公示任务。", 409);
        }

        var entry = await db.PublishedDecisions.FirstOrDefaultAsync(p => p.TaskId == publish.Id && p.State == PublishedState.Public, ct);
        var agency = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == publish.AgencyId, ct);
        var law = options.For(agency.Code);
        var withdrawal = new PublicationTask
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = publish.AgencyId,
            CaseId = caseId,
            CaseNumber = publish.CaseNumber,
            Procedure = publish.Procedure,
            Category = publish.Category,
            Kind = PublicationTaskKind.Withdraw,
            PublishedDecisionId = entry?.Id,
            Ground = $"{ground}（{document}，{LegalPeriods.Text(on!.Value)}）",
            DecidedOn = on.Value,
            WorkingDays = 0,
            // 《行政处罚法》第四十八条: within 3 days; a period ending on a rest day ends on the next working day.
            DueOn = LegalPeriods.End(await CalendarStore.LoadAsync(db, ct), on.Value, law.WithdrawDays, Sanxiang.Core.Workflow.PeriodUnit.CalendarDays).Due,
            Status = PublicationStatus.Pending,
            CreatedAtUtc = now,
        };
        if (entry is null)
        {
            // Nothing on the portal: the withdrawal is done by not publishing, on the same ground.
            withdrawal.Status = PublicationStatus.Withdrawn;
            withdrawal.ClosedAtUtc = now;
            withdrawal.ClosedBy = actor.AccountId;
            if (publish.Status == PublicationStatus.Pending)
            {
                publish.Status = PublicationStatus.Exempt;
                publish.Exemption = $"决定已变化，不再公示：{withdrawal.Ground}";
                publish.ClosedAtUtc = now;
                publish.ClosedBy = actor.AccountId;
                publish.Revision++;
            }
        }

        db.PublicationTasks.Add(withdrawal);
        db.Record(new LedgerEvent(WithdrawalDueKind, caseId, publish.AgencyId, actor.AccountId, role, new JsonObject
        {
            ["number"] = publish.CaseNumber,
            ["task"] = withdrawal.Id.ToString(),
            ["ground"] = ground,
            ["document"] = document,
            ["on"] = Iso(on.Value),
            ["dueOn"] = Iso(withdrawal.DueOn),
            ["published"] = entry is not null,
        }));
        await SaveAsync(ct);
        return withdrawal;
    }

    /// <summary>PUB-8: the clerk withdraws the entry; its content leaves the portal and a stub says when and why.</summary>
    public async Task<PublishedDecision> WithdrawAsync(Guid taskId, CaseActor actor, string role, CancellationToken ct = default)
    {
        var task = await db.PublicationTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new CaseRuleException("task", "撤回任务不存在，或不属于您所在的执法主体。", 404);
        if (task.Kind != PublicationTaskKind.Withdraw || task.Status != PublicationStatus.Pending || task.PublishedDecisionId is not { } id)
        {
            throw new CaseRuleException("task", "只有待办的撤回公示任务才能执行撤回。", 409);
        }

        var entry = await db.PublishedDecisions.FirstAsync(p => p.Id == id, ct);
        var now = clock.GetUtcNow();
        task.Status = PublicationStatus.Withdrawn;
        task.ClosedAtUtc = now;
        task.ClosedBy = actor.AccountId;
        task.Revision++;
        return await TakeDownAsync(entry, PublishedState.Withdrawn, WithdrawnKind, task.Ground!, actor.AccountId, role, now,
            new JsonObject { ["task"] = task.Id.ToString(), ["dueOn"] = Iso(task.DueOn), ["onTime"] = ChinaTime.DateOf(now) <= task.DueOn }, ct);
    }

    /// <summary>PUB-11: credit repair ends a penalty's publication early, once its minimum period has passed.</summary>
    public async Task<PublishedDecision> EndByCreditRepairAsync(long id, string? reason, CaseActor actor, string role, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < 10 || reason.Length > 1000)
        {
            throw new CaseRuleException("reason", "请写明信用修复的依据（10 至 1000 字），如信用修复决定的机关、文号和日期。");
        }

        var entry = await db.PublishedDecisions.FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new CaseRuleException("id", "公示信息不存在，或不属于您所在的执法主体。", 404);
        if (entry.State != PublishedState.Public)
        {
            throw new CaseRuleException("id", $"这条公示已是“{entry.State.Chinese()}”，不在公示中。", 409);
        }

        var now = clock.GetUtcNow();
        if (entry.Category != PublicationCategory.Penalty)
        {
            throw new CaseRuleException("id", "信用修复只适用于行政处罚信息。", 409);
        }

        if (ChinaTime.DateOf(now) < entry.RepairableFrom)
        {
            throw new CaseRuleException("id", $"公示未满最短公示期：{LegalPeriods.Text(entry.RepairableFrom)}起才能因信用修复提前撤下。", 409);
        }

        return await TakeDownAsync(entry, PublishedState.Repaired, RepairedKind, $"信用修复：{reason}", actor.AccountId, role, now, new JsonObject(), ct);
    }

    /// <summary>PUB-11: every entry whose public period ended before <paramref name="today"/> leaves the portal, each recorded.</summary>
    public async Task<int> ExpireAsync(DateOnly today, CancellationToken ct = default)
    {
        var due = await db.PublishedDecisions.Where(p => p.State == PublishedState.Public && p.PublicUntil < today).OrderBy(p => p.Id).Take(500).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var entry in due)
        {
            await TakeDownAsync(entry, PublishedState.Expired, ExpiredKind, $"公示期至{LegalPeriods.Text(entry.PublicUntil)}届满，依规撤下", null, null, now,
                new JsonObject { ["publicUntil"] = Iso(entry.PublicUntil) }, ct);
        }

        return due.Count;
    }

    private async Task<PublishedDecision> TakeDownAsync(PublishedDecision entry, PublishedState state, string kind, string reason, Guid? by, string? role,
        DateTimeOffset now, JsonObject extra, CancellationToken ct)
    {
        var facts = new JsonObject
        {
            ["entry"] = entry.Id,
            ["version"] = entry.Version,
            ["title"] = entry.Title,
            ["documentNumber"] = entry.DocumentNumber,
            ["reason"] = reason,
            ["content"] = new JsonObject { ["sha256"] = entry.ContentSha256 },
        };
        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            facts[key] = value;
        }

        entry.State = state;
        entry.StateReason = reason;
        entry.StateAtUtc = now;
        entry.StateBy = by;
        entry.Revision++;
        // The stub keeps who published what kind of decision under which number and when; the content and the party go.
        entry.PartyName = "";
        entry.CreditCode = null;
        entry.Representative = null;
        entry.Cause = "";
        entry.Facts = null;
        entry.Basis = null;
        entry.PenaltyKinds = null;
        entry.Result = "";
        entry.FineYuan = null;
        entry.ConfiscationYuan = null;
        entry.FullText = null;
        entry.LicenceCategory = null;
        entry.LicenceName = null;
        entry.LicenceNumber = null;
        entry.LicenceValidFrom = null;
        entry.LicenceValidTo = null;
        entry.PenaltyLicence = null;
        entry.PenaltyEffectiveUntil = null;
        db.Record(new LedgerEvent(kind, entry.CaseId, entry.AgencyId, by, role, facts, IsPublic: true));
        await SaveAsync(ct, async () => entry.StateLedgerIndex = await LastLeafAsync(entry.CaseId, kind, ct));
        return entry;
    }

    /// <summary>Saves in one transaction; <paramref name="after"/> reads the log leaf just written and stores it with a second save.</summary>
    private Task SaveAsync(CancellationToken ct, Func<Task>? after = null) =>
        db.SaveInTransactionAsync(e => e is DbUpdateConcurrencyException ? new CaseRuleException("task", "这条公示刚刚被他人处理，您的操作未保存；请刷新后查看。", 409) : null,
            after, ct);

    private Task<long> LastLeafAsync(Guid caseId, string kind, CancellationToken ct) =>
        db.LedgerEntries.Where(e => e.CaseId == caseId && e.Kind == kind).MaxAsync(e => e.Index, ct);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
