using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Calendar;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Patrol;
using Sanxiang.Core.Workflow;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Supervision.Patrol;

/// <summary>
/// 网上巡查 (issue 9, PLT-3): start a patrol of a quarter (automatic checks over what the public sees, a seeded sample per
/// agency), record the human check of the sample, send the findings with an answer deadline, take the agencies' answers,
/// confirm or return them, close. Each change passes <see cref="PatrolWorkflow.Check"/>, is recorded in the log in its
/// transaction, and a refusal writes nothing (Chinese reason, <see cref="CaseRuleException"/>).
/// </summary>
public sealed class OnlinePatrols(SanxiangDbContext db, TimeProvider clock, CaseOptions options)
{
    public const int DefaultAnswerWorkingDays = 10;
    public const string AutomaticSource = "自动检查";
    public const string SampleSource = "人工抽查";

    public async Task<OnlinePatrol> StartAsync(string? quarterCode, IReadOnlyList<string>? agencyCodes, CaseActor actor, CancellationToken ct = default) =>
        await StartAsync(quarterCode, agencyCodes, actor, null, ct);

    /// <param name="seed">The sample's seed (hex); drawn here when null. The demo seeder passes one so the demo is stable.</param>
    public async Task<OnlinePatrol> StartAsync(string? quarterCode, IReadOnlyList<string>? agencyCodes, CaseActor actor, string? seed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireRole(actor, "开展网上巡查", Roles.Supervisor);
        var quarter = Quarter.Parse(quarterCode, out var error) ?? throw new CaseRuleException("quarter", error!);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        if (quarter.First > today)
        {
            throw new CaseRuleException("quarter",
                $"{quarter.Chinese}（{LegalPeriods.Text(quarter.First)}起）尚未开始，不能巡查：网上巡查检查的是已经公示的内容，只能巡查已经开始的季度。", 409);
        }

        var partial = quarter.Last >= today;
        var to = partial ? today : quarter.Last;
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Code).ToListAsync(ct);
        var codes = (agencyCodes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = codes.Where(c => agencies.All(a => a.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            throw new CaseRuleException("agencies", $"没有代码为“{string.Join("、", unknown)}”的执法机关。");
        }

        var scope = codes.Count == 0 ? agencies : [.. agencies.Where(a => codes.Contains(a.Code))];
        var scopeIds = scope.Select(a => a.Id).ToList();
        var openIds = await db.OnlinePatrols.Where(p => p.Year == quarter.Year && p.QuarterNumber == quarter.Number && p.Status != PatrolWorkflow.Closed)
            .Select(p => p.Id).ToListAsync(ct);
        if (openIds.Count > 0)
        {
            var overlapping = await db.PatrolAgencies.Where(a => openIds.Contains(a.PatrolId) && scopeIds.Contains(a.AgencyId)).Select(a => a.AgencyName).Distinct().ToListAsync(ct);
            if (overlapping.Count > 0)
            {
                throw new CaseRuleException("quarter",
                    $"{quarter.Chinese}已有未完结的网上巡查（涉及{string.Join("、", overlapping.Take(5))}{(overlapping.Count > 5 ? "等" : "")}），请先完结该次巡查，不能重复巡查同一季度。", 409);
            }
        }

        var calendar = await CalendarStore.LoadAsync(db, ct);
        var snapshots = await LoadSnapshotsAsync(scope, agencies, quarter.First, to, today, ct);
        seed ??= PatrolSampling.NewSeed();
        var patrol = new OnlinePatrol
        {
            Id = Guid.NewGuid(),
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            Title = $"关于{quarter.Chinese}行政执法公示网上巡查情况的通报",
            PeriodFrom = quarter.First,
            PeriodTo = to,
            Partial = partial,
            Status = PatrolWorkflow.Running,
            Seed = seed,
            StartedOn = today,
            StartedAtUtc = now,
            StartedBy = actor.AccountId,
            StartedByName = actor.Name,
            AnswerWorkingDays = DefaultAnswerWorkingDays,
        };
        db.OnlinePatrols.Add(patrol);
        var number = 0;
        var findings = 0;
        var samples = 0;
        foreach (var (agency, snapshot) in scope.Zip(snapshots))
        {
            var counts = PatrolChecks.Counts(snapshot);
            db.PatrolAgencies.Add(new PatrolAgency
            {
                Id = Guid.NewGuid(), PatrolId = patrol.Id, AgencyId = agency.Id, AgencyName = agency.Name, SortOrder = agency.SortOrder,
                Officers = counts.Officers, TasksDue = counts.TasksDue, Withdrawals = counts.Withdrawals, Entries = counts.Entries, Texts = counts.Texts,
            });
            foreach (var f in PatrolChecks.All(snapshot, calendar))
            {
                db.PatrolFindings.Add(NewFinding(patrol.Id, ++number, f, AutomaticSource));
                findings++;
            }

            var entries = snapshot.Entries.ToDictionary(e => e.Id);
            foreach (var id in PatrolSampling.Draw(seed, agency.Id, entries.Keys))
            {
                db.PatrolSamples.Add(new PatrolSample { Id = Guid.NewGuid(), PatrolId = patrol.Id, AgencyId = agency.Id, PublishedDecisionId = id, Label = entries[id].Label });
                samples++;
            }
        }

        db.Record(new LedgerEvent("patrol-started", null, null, actor.AccountId, actor.RoleFor(Roles.Supervisor), new JsonObject
        {
            ["patrol"] = patrol.Id.ToString("D"),
            ["quarter"] = quarter.Code,
            ["periodFrom"] = Iso(patrol.PeriodFrom),
            ["periodTo"] = Iso(patrol.PeriodTo),
            ["partial"] = partial,
            ["agencies"] = new JsonArray([.. scope.Select(a => (JsonNode)a.Code)]),
            ["findings"] = findings,
            ["sampleSize"] = PatrolSampling.Size,
            ["samples"] = samples,
            ["seed"] = seed,
        }));
        await db.SaveChangesAsync(ct);
        return patrol;
    }

    /// <summary>What the public saw of each agency in <paramref name="scope"/> from <paramref name="from"/> to <paramref name="to"/>, and the truth to compare it with.</summary>
    public async Task<IReadOnlyList<AgencySnapshot>> LoadSnapshotsAsync(IReadOnlyList<Agency> scope, IReadOnlyList<Agency> all, DateOnly from, DateOnly to, DateOnly today,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(all);
        var ids = scope.Select(a => a.Id).ToList();
        var itemLists = (await db.VersionsInForce(RegistryListKind.Items, to).Select(v => v.AgencyId).ToListAsync(ct)).ToHashSet();
        var officerLists = (await db.VersionsInForce(RegistryListKind.Officers, to).Select(v => v.AgencyId).ToListAsync(ct)).ToHashSet();
        // The portal's officer list (PublicViews.PublicOfficers): the list in force, revoked certificates left out.
        var portalOfficers = await db.OfficerEntriesInForce(to).Where(o => ids.Contains(o.AgencyId) && o.Status != CertificateStatus.Revoked)
            .Select(o => new { o.AgencyId, o.Name, o.CertificateNumber, o.ValidTo, o.Status }).ToListAsync(ct);

        // The registry: every approved officer-list version with the span it was in force.
        var versions = await db.RegistryVersions.AsNoTracking()
            .Where(v => v.Kind == RegistryListKind.Officers && v.Status == VersionStatus.Approved && ids.Contains(v.AgencyId))
            .Select(v => new { v.Id, v.AgencyId, v.EffectiveFrom, v.Number }).ToListAsync(ct);
        var spans = versions.GroupBy(v => v.AgencyId).SelectMany(g =>
        {
            var ordered = g.OrderBy(v => v.EffectiveFrom).ThenBy(v => v.Number).ToList();
            return ordered.Select((v, i) => (v.Id, v.EffectiveFrom, Until: ordered.Skip(i + 1).Select(n => (DateOnly?)n.EffectiveFrom).FirstOrDefault(u => u > v.EffectiveFrom)));
        }).ToDictionary(x => x.Id);
        var versionIds = spans.Keys.ToList();
        var registry = new List<(Guid AgencyId, RegistryCertificate Certificate)>();
        foreach (var chunk in versionIds.Chunk(200))
        {
            var rows = await db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => chunk.Contains(o.VersionId))
                .Select(o => new { o.AgencyId, o.VersionId, o.Name, o.CertificateNumber, o.ValidFrom, o.ValidTo, o.Status }).ToListAsync(ct);
            registry.AddRange(rows.Select(o => (o.AgencyId, new RegistryCertificate(o.Name, o.CertificateNumber, o.ValidFrom, o.ValidTo, o.Status,
                spans[o.VersionId].EffectiveFrom, spans[o.VersionId].Until))));
        }

        var tasks = await db.PublicationTasks.AsNoTracking().Where(t => ids.Contains(t.AgencyId) && t.DueOn >= from && t.DueOn <= to).ToListAsync(ct);
        var taskIds = tasks.Where(t => t.Kind == PublicationTaskKind.Publish).Select(t => t.Id).ToList();
        var firstPublished = new Dictionary<Guid, (DateOnly On, long Id)>();
        foreach (var chunk in taskIds.Chunk(500))
        {
            foreach (var r in await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking().Where(p => p.Version == 1 && chunk.Contains(p.TaskId))
                         .Select(p => new { p.TaskId, p.PublishedOn, p.Id }).ToListAsync(ct))
            {
                firstPublished[r.TaskId] = (r.PublishedOn, r.Id);
            }
        }

        var withdrawnIds = tasks.Where(t => t.Kind == PublicationTaskKind.Withdraw && t.PublishedDecisionId is not null).Select(t => t.PublishedDecisionId!.Value).ToList();
        var withdrawnAt = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking()
            .Where(p => withdrawnIds.Contains(p.Id) && p.State == PublishedState.Withdrawn).Select(p => new { p.Id, p.StateAtUtc }).ToListAsync(ct);
        var withdrawnOn = withdrawnAt.Where(w => w.StateAtUtc is not null).ToDictionary(w => w.Id, w => ChinaTime.DateOf(w.StateAtUtc!.Value));

        // The entries exactly as /decisions/{id} shows them: published in the period and still showing their content.
        var entries = await db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking()
            .Where(p => ids.Contains(p.AgencyId) && p.PublishedOn >= from && p.PublishedOn <= to && (p.State == PublishedState.Public || p.State == PublishedState.Superseded))
            .Select(p => new { p.AgencyId, Entry = new PortalEntry(p.Id, p.Title, p.DocumentNumber, p.CaseNumber, p.Procedure, p.PartyKind, p.PartyName, p.Facts, p.Result,
                p.FullText, p.DecidedOn, p.PublishedOn, p.State) })
            .ToListAsync(ct);

        var organisations = all.Select(a => a.Name).ToList();
        return [.. scope.Select(a => new AgencySnapshot(
            a.Id, a.Name, from, to, today,
            itemLists.Contains(a.Id), officerLists.Contains(a.Id),
            [.. portalOfficers.Where(o => o.AgencyId == a.Id).Select(o => new PortalOfficer(o.Name, o.CertificateNumber, o.ValidTo, o.Status))],
            [.. registry.Where(r => r.AgencyId == a.Id).Select(r => r.Certificate)],
            [.. tasks.Where(t => t.AgencyId == a.Id).Select(t => new DueTask(t.Id, t.Kind, t.CaseNumber, t.Procedure, t.DecidedOn, t.DueOn, t.Status,
                firstPublished.TryGetValue(t.Id, out var f) ? f.On : null,
                t.Kind == PublicationTaskKind.Withdraw
                    ? (t.PublishedDecisionId is { } pid && withdrawnOn.TryGetValue(pid, out var w) ? w
                        : t.Status == PublicationStatus.Withdrawn && t.ClosedAtUtc is { } closed ? ChinaTime.DateOf(closed) : null)
                    : null,
                t.Kind == PublicationTaskKind.Publish ? (firstPublished.TryGetValue(t.Id, out var g) ? g.Id : null) : t.PublishedDecisionId,
                t.Ground))],
            [.. entries.Where(e => e.AgencyId == a.Id).Select(e => e.Entry)],
            [.. new[] { a.Phone, a.ComplaintPhone }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!)],
            organisations,
            options.For(a.Code).PublishPartyNameInFull))];
    }

    /// <summary>The supervisor records the human check of a sampled entry; a problem becomes a finding.</summary>
    public async Task<PatrolSample> CheckSampleAsync(Guid sampleId, bool problem, string? note, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireRole(actor, "记录人工抽查结果", Roles.Supervisor);
        var sample = await db.PatrolSamples.FirstOrDefaultAsync(s => s.Id == sampleId, ct) ?? throw NotFound("抽查条目");
        var patrol = await db.OnlinePatrols.FirstAsync(p => p.Id == sample.PatrolId, ct);
        if (patrol.Status != PatrolWorkflow.Running)
        {
            throw new CaseRuleException("sample", $"巡查当前为“{patrol.Status}”：整改通知下发后不能再修改人工抽查结果。", 409);
        }

        if (sample.Outcome is not null)
        {
            throw new CaseRuleException("sample", $"该条目已于{DocumentDate(sample.CheckedAtUtc!.Value)}记录为“{sample.Outcome}”，不能重复记录。", 409);
        }

        note = note?.Trim();
        if (problem && (note is null || note.Length < 5))
        {
            throw new CaseRuleException("note", "抽查发现问题的，请写明问题（至少 5 个字），如“决定书全文第三段当事人住址未隐去”。");
        }

        if (note is { Length: > 2000 })
        {
            throw new CaseRuleException("note", "抽查说明不超过 2000 字。");
        }

        var now = clock.GetUtcNow();
        sample.Outcome = problem ? PatrolSample.Problem : PatrolSample.NoProblem;
        sample.Note = string.IsNullOrEmpty(note) ? null : note;
        sample.CheckedAtUtc = now;
        sample.CheckedBy = actor.AccountId;
        int? number = null;
        if (problem)
        {
            number = await db.PatrolFindings.Where(f => f.PatrolId == patrol.Id).Select(f => (int?)f.Number).MaxAsync(ct) ?? 0;
            number++;
            var finding = NewFinding(patrol.Id, number.Value, new FindingDraft(sample.AgencyId, PatrolFindingKind.SampleProblem, sample.Label, note!, sample.PublishedDecisionId), SampleSource);
            db.PatrolFindings.Add(finding);
            sample.FindingId = finding.Id;
        }

        db.Record(new LedgerEvent("patrol-sample-checked", null, sample.AgencyId, actor.AccountId, actor.RoleFor(Roles.Supervisor), new JsonObject
        {
            ["patrol"] = patrol.Id.ToString("D"),
            ["entry"] = sample.PublishedDecisionId,
            ["outcome"] = sample.Outcome,
            ["finding"] = number,
        }));
        await db.SaveChangesAsync(ct);
        return sample;
    }

    /// <summary>Sends the findings to the agencies with the answer deadline (working days from today, on the official calendar).</summary>
    public async Task<OnlinePatrol> SendAsync(Guid patrolId, int? answerWorkingDays, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var patrol = await LoadAsync(patrolId, ct);
        Move(PatrolWorkflow.PatrolTable, "本次巡查", patrol.Status, PatrolWorkflow.Send, actor);
        var days = answerWorkingDays ?? DefaultAnswerWorkingDays;
        if (days is < 1 or > 60)
        {
            throw new CaseRuleException("answerWorkingDays", $"整改答复期限应为 1 至 60 个工作日（收到 {days}）。");
        }

        var unchecked_ = await db.PatrolSamples.CountAsync(s => s.PatrolId == patrolId && s.Outcome == null, ct);
        if (unchecked_ > 0)
        {
            throw new CaseRuleException("samples", $"还有 {unchecked_} 条抽查条目未记录人工核查结果，全部核查后才能下发整改通知。", 409);
        }

        var today = ChinaTime.Today(clock);
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var due = LegalPeriods.End(calendar, today, days, PeriodUnit.WorkingDays).Due;
        var findings = await db.PatrolFindings.Where(f => f.PatrolId == patrolId && f.Status == PatrolWorkflow.Open).ToListAsync(ct);
        foreach (var f in findings)
        {
            f.AnswerDueOn = due;
        }

        patrol.Status = PatrolWorkflow.Sent;
        patrol.SentOn = today;
        patrol.AnswerWorkingDays = days;
        patrol.AnswerDueOn = due;
        db.Record(new LedgerEvent("patrol-sent", null, null, actor.AccountId, actor.RoleFor(Roles.Supervisor), new JsonObject
        {
            ["patrol"] = patrol.Id.ToString("D"),
            ["findings"] = findings.Count,
            ["answerDueOn"] = Iso(due),
            ["workingDays"] = days,
        }));
        await db.SaveChangesAsync(ct);
        return patrol;
    }

    /// <summary>Before sending, the supervisor may withdraw a finding judged not to be a problem, with the reason.</summary>
    public Task<PatrolFinding> DismissAsync(Guid findingId, string? reason, CaseActor actor, CancellationToken ct = default) =>
        ReviewAsync(findingId, PatrolWorkflow.Dismiss, reason, actor, PatrolWorkflow.Running, "patrol-finding-dismissed", ct);

    public Task<PatrolFinding> ConfirmAsync(Guid findingId, string? note, CaseActor actor, CancellationToken ct = default) =>
        ReviewAsync(findingId, PatrolWorkflow.Confirm, note, actor, PatrolWorkflow.Sent, "patrol-finding-confirmed", ct);

    public Task<PatrolFinding> ReturnAsync(Guid findingId, string? reason, CaseActor actor, CancellationToken ct = default) =>
        ReviewAsync(findingId, PatrolWorkflow.Return, reason, actor, PatrolWorkflow.Sent, "patrol-finding-returned", ct);

    /// <summary>The agency head answers a finding of the agency: what was corrected and how.</summary>
    public async Task<PatrolFinding> AnswerAsync(Guid findingId, string? answer, Guid actorAgencyId, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var finding = await db.PatrolFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct) ?? throw NotFound("巡查问题");
        if (finding.AgencyId != actorAgencyId)
        {
            throw new CaseRuleException("finding", "只能答复本机关的巡查问题。", 403);
        }

        var patrol = await LoadAsync(finding.PatrolId, ct);
        if (patrol.Status != PatrolWorkflow.Sent)
        {
            throw new CaseRuleException("finding", $"巡查当前为“{patrol.Status}”，不在整改答复阶段。", 409);
        }

        Move(PatrolWorkflow.FindingTable, "该问题", finding.Status, PatrolWorkflow.Answer, actor);
        answer = answer?.Trim();
        if (answer is null || answer.Length < 10)
        {
            throw new CaseRuleException("answer", "请写明整改情况（至少 10 个字）：做了什么、何时完成，如“已于11月20日撤下原公示信息，隐去当事人手机号码后重新公示（公示编号 1234）”。");
        }

        if (answer.Length > 4000)
        {
            throw new CaseRuleException("answer", "整改答复不超过 4000 字。");
        }

        var now = clock.GetUtcNow();
        finding.Status = PatrolWorkflow.Answered;
        finding.Answer = answer;
        finding.AnsweredAtUtc = now;
        finding.AnsweredOn = ChinaTime.DateOf(now);
        finding.AnsweredBy = actor.AccountId;
        finding.AnsweredByName = actor.Name;
        finding.Rounds++;
        db.Record(new LedgerEvent("patrol-finding-answered", null, finding.AgencyId, actor.AccountId, actor.RoleFor(Roles.AgencyHead), new JsonObject
        {
            ["patrol"] = finding.PatrolId.ToString("D"),
            ["finding"] = finding.Number,
            ["round"] = finding.Rounds,
            ["late"] = finding.AnswerDueOn is { } due && finding.AnsweredOn > due,
            ["answerSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(answer))),
        }));
        await db.SaveChangesAsync(ct);
        return finding;
    }

    /// <summary>Closes a patrol whose findings are all confirmed (or were not sent).</summary>
    public async Task<OnlinePatrol> CloseAsync(Guid patrolId, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var patrol = await LoadAsync(patrolId, ct);
        Move(PatrolWorkflow.PatrolTable, "本次巡查", patrol.Status, PatrolWorkflow.Close, actor);
        var open = await db.PatrolFindings.Where(f => f.PatrolId == patrolId && f.Status != PatrolWorkflow.Confirmed && f.Status != PatrolWorkflow.Dismissed)
            .OrderBy(f => f.Number).Select(f => f.Number).ToListAsync(ct);
        if (open.Count > 0)
        {
            throw new CaseRuleException("patrol", $"还有 {open.Count} 个问题未确认整改（第 {string.Join("、", open.Take(10))} 号{(open.Count > 10 ? "等" : "")}），全部确认后才能完结。", 409);
        }

        patrol.Status = PatrolWorkflow.Closed;
        patrol.ClosedAtUtc = clock.GetUtcNow();
        db.Record(new LedgerEvent("patrol-closed", null, null, actor.AccountId, actor.RoleFor(Roles.Supervisor), new JsonObject
        {
            ["patrol"] = patrol.Id.ToString("D"),
            ["findings"] = await db.PatrolFindings.CountAsync(f => f.PatrolId == patrolId && f.Status == PatrolWorkflow.Confirmed, ct),
        }));
        await db.SaveChangesAsync(ct);
        return patrol;
    }

    /// <summary>The patrol, as the caller may see it: supervisors any; an agency only one with its findings or samples.</summary>
    public async Task<OnlinePatrol> LoadAsync(Guid patrolId, CancellationToken ct = default)
    {
        var patrol = await db.OnlinePatrols.FirstOrDefaultAsync(p => p.Id == patrolId, ct) ?? throw NotFound("网上巡查");
        if (!db.Scope.ReadsAllAgencies && !await db.PatrolAgencies.AnyAsync(a => a.PatrolId == patrolId, ct))
        {
            throw NotFound("网上巡查");
        }

        return patrol;
    }

    private async Task<PatrolFinding> ReviewAsync(Guid findingId, string trigger, string? text, CaseActor actor, string patrolStatus, string eventKind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireRole(actor, "审核巡查问题", Roles.Supervisor);
        var finding = await db.PatrolFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct) ?? throw NotFound("巡查问题");
        var patrol = await LoadAsync(finding.PatrolId, ct);
        var move = Move(PatrolWorkflow.FindingTable, "该问题", finding.Status, trigger, actor);
        if (patrol.Status != patrolStatus)
        {
            throw new CaseRuleException("finding", $"巡查当前为“{patrol.Status}”，不能“{move.Label}”。", 409);
        }

        text = text?.Trim();
        if (trigger != PatrolWorkflow.Confirm && (text is null || text.Length < 5))
        {
            throw new CaseRuleException("review", $"请写明{move.Label}的理由（至少 5 个字）。");
        }

        if (text is { Length: > 2000 })
        {
            throw new CaseRuleException("review", "审核意见不超过 2000 字。");
        }

        finding.Status = move.To;
        finding.Review = string.IsNullOrEmpty(text) ? null : text;
        finding.ReviewedAtUtc = clock.GetUtcNow();
        finding.ReviewedBy = actor.AccountId;
        db.Record(new LedgerEvent(eventKind, null, finding.AgencyId, actor.AccountId, actor.RoleFor(Roles.Supervisor), new JsonObject
        {
            ["patrol"] = finding.PatrolId.ToString("D"),
            ["finding"] = finding.Number,
            ["status"] = finding.Status,
        }));
        await db.SaveChangesAsync(ct);
        return finding;
    }

    private static PatrolTransition Move(IReadOnlyList<PatrolTransition> table, string what, string from, string trigger, CaseActor actor)
    {
        var move = PatrolWorkflow.Check(table, what, from, trigger, actor.Roles, out var refusal);
        if (refusal is not null)
        {
            throw new CaseRuleException("status", refusal, move.To == from && move.Role.Length == 0 ? 409 : 403);
        }

        return move;
    }

    private static PatrolFinding NewFinding(Guid patrolId, int number, FindingDraft f, string source) => new()
    {
        Id = Guid.NewGuid(),
        PatrolId = patrolId,
        AgencyId = f.AgencyId,
        Number = number,
        Kind = f.Kind,
        Entry = Cut(f.Entry, 300),
        EntryId = f.EntryId,
        Found = Cut(f.Found, 4000),
        Rule = Cut(f.Rule, 300),
        Severity = f.Severity,
        Source = source,
        Status = PatrolWorkflow.Open,
    };

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static void RequireRole(CaseActor actor, string what, params string[] roles)
    {
        if (!roles.Any(actor.Is))
        {
            throw new CaseRuleException("role", $"{what}由{string.Join("或", roles.Select(Roles.Chinese))}办理。", 403);
        }
    }

    private static CaseRuleException NotFound(string what) => new("id", $"没有找到该{what}，或无权查看。", 404);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DocumentDate(DateTimeOffset instant) => LegalPeriods.Text(ChinaTime.DateOf(instant));
}
