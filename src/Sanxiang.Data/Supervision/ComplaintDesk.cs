using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Supervision.Complaints;
using Sanxiang.Data.Calendar;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Supervision;

/// <summary>A challenge the web layer has verified, to be spent with the complaint (decision 0017).</summary>
public sealed record SpentChallenge(string Id, DateTimeOffset ExpiresAtUtc);

/// <summary>What a step on a complaint carries: the note (reasons, answer, instructions) and, to route, the agency's code.</summary>
public sealed record ComplaintActionInput(string? Note, string? AgencyCode);

/// <summary>
/// 投诉举报 (PLT-3, docs/complaints.md): filing from the portal (the tracking number from the day's counter, the query code
/// shown once and kept only as a hash), the status look-up, and every step of <see cref="ComplaintWorkflow"/> — each
/// checked by the table's guard, recorded in the log without personal data, and refused in Chinese with nothing written.
/// </summary>
public sealed class ComplaintDesk(SanxiangDbContext db, TimeProvider clock, ComplaintOptions options, CaseHandling cases)
{
    public const string SubmittedKind = "complaint-submitted";
    private const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int QueryCodeLength = 10;

    public ComplaintPeriods Periods => options.Periods;

    /// <summary>
    /// Files a complaint. Returns it with its query code (查询码), which is shown once. Throws <see cref="CaseRuleException"/>
    /// with every problem by field (400), or 409 when the challenge was already spent; nothing is stored then.
    /// </summary>
    public async Task<(Complaint Complaint, string QueryCode)> SubmitAsync(ComplaintInput input, SpentChallenge? challenge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var code = input.AgencyCode?.Trim() ?? "";
        var agency = code.Length == 0 ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        var problems = ComplaintForm.Check(input, today, agencyKnown: code.Length == 0 || agency is not null);
        if (problems.Count > 0)
        {
            throw new CaseRuleException([.. problems.Select(p => new RegistryProblem(p.Field, p.Message))]);
        }

        _ = ComplaintNames.TryParseKind(input.Kind, out var kind);
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var day = int.Parse(today.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var queryCode = NewQueryCode();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ComplaintCounters" ("Day", "Last") VALUES ({day}, 0) ON CONFLICT DO NOTHING
            """, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (challenge is not null)
        {
            await db.UsedComplaintChallenges.Where(c => c.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
            if (await db.UsedComplaintChallenges.AnyAsync(c => c.Id == challenge.Id, ct))
            {
                throw new CaseRuleException("challenge", "这份表单已经提交过一次（每份表单只能提交一次）。如需再次反映，请重新打开投诉举报页面填写。", 409);
            }

            db.UsedComplaintChallenges.Add(new UsedComplaintChallenge { Id = challenge.Id, ExpiresAtUtc = challenge.ExpiresAtUtc });
        }

        // The sequence is taken by a write: it holds the row's lock (PostgreSQL) or the write lock (SQLite) until commit,
        // so two filings of one day queue here and each gets its own number.
        var counter = db.ComplaintCounters.Where(c => c.Day == day);
        await counter.ExecuteUpdateAsync(u => u.SetProperty(c => c.Last, c => c.Last + 1), ct);
        var sequence = await counter.Select(c => c.Last).SingleAsync(ct);
        var tracking = TrackingNumber(today, sequence);
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(now),
            TrackingNumber = tracking,
            Day = day,
            Sequence = sequence,
            QueryCodeHash = HashCode(tracking, queryCode),
            Kind = kind,
            AgencyId = agency?.Id,
            RequestedAgencyId = agency?.Id,
            Subject = input.Subject!.Trim(),
            Content = input.Content!.Trim(),
            Respondent = Clean(input.Respondent),
            OccurredOn = input.OccurredOn,
            Place = Clean(input.Place),
            ComplainantName = Clean(input.Name),
            ComplainantPhone = Clean(input.Phone),
            ConsentToContact = input.ConsentToContact,
            Status = agency is null ? ComplaintStatus.Submitted : ComplaintStatus.Assigned,
            SubmittedAtUtc = now,
            ReceivedOn = today,
            AssignedOn = agency is null ? null : today,
        };
        complaint.DueOn = agency is null ? Periods.RoutingDue(calendar, today) : Periods.AcceptanceDue(calendar, today);
        complaint.Steps.Add(new ComplaintStep
        {
            AtUtc = now,
            Action = "提交",
            From = "",
            To = complaint.Status.ToString(),
            AgencyId = agency?.Id,
            Note = agency is null ? "投诉举报人不清楚承办机关，由县司法局转办。" : $"投诉举报人选择由{agency.Name}办理。",
        });
        db.Complaints.Add(complaint);
        db.Record(new LedgerEvent(SubmittedKind, null, agency?.Id, null, null, new JsonObject
        {
            ["complaint"] = complaint.Id.ToString(),
            ["number"] = tracking,
            ["kind"] = kind.ToString(),
            ["status"] = complaint.Status.ToString(),
            // The text's hash, never the text or the complainant (the log is kept for ever and proofs are handed out).
            ["contentSha256"] = Sha256Hex(complaint.Subject + "\n" + complaint.Content),
            ["dueOn"] = Iso(complaint.DueOn),
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (complaint, queryCode);
    }

    /// <summary>TS + yyyyMMdd + four digits (five past 9,999 a day).</summary>
    public static string TrackingNumber(DateOnly day, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"TS{day:yyyyMMdd}{sequence:D4}");

    /// <summary>
    /// The complaint for the status page, or null when the number is unknown or the code is wrong (the caller says the same
    /// thing in both cases, so a number cannot be confirmed without its code). Reads past the scope: the code is the key.
    /// </summary>
    public async Task<Complaint?> FindAsync(string? trackingNumber, string? queryCode, CancellationToken ct = default)
    {
        var number = trackingNumber?.Trim().ToUpperInvariant() ?? "";
        var code = NormaliseCode(queryCode);
        if (number.Length is < 10 or > 20 || code.Length != QueryCodeLength)
        {
            return null;
        }

        var complaint = await db.Complaints.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        var expected = Encoding.ASCII.GetBytes(complaint?.QueryCodeHash ?? new string('0', 64));
        var actual = Encoding.ASCII.GetBytes(HashCode(number, code));
        return CryptographicOperations.FixedTimeEquals(expected, actual) && complaint is not null ? complaint : null;
    }

    /// <summary>A complaint the caller may read (the DbContext's scope: its agency's, or any for the county), else 404.</summary>
    public async Task<Complaint> LoadAsync(Guid id, CancellationToken ct = default) =>
        await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new CaseRuleException("id", "没有这件投诉举报，或不属于本机关承办。", 404);

    /// <summary>Takes one step of the table on a complaint. Refusals throw <see cref="CaseRuleException"/> (409, or 403 for the wrong person) and write nothing.</summary>
    public async Task<Complaint> ActAsync(Guid id, ComplaintTrigger trigger, ComplaintActionInput input, ComplaintActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (trigger == ComplaintTrigger.OpenCase)
        {
            throw new CaseRuleException("trigger", "立案须填写立案信息，请使用立案表单。", 400);
        }

        var complaint = await LoadAsync(id, ct);
        Agency? target = null;
        if (trigger == ComplaintTrigger.Route)
        {
            var code = input.AgencyCode?.Trim() ?? "";
            target = code.Length == 0 ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
            if (target is null)
            {
                throw new CaseRuleException("agencyCode", code.Length == 0 ? "请选择承办的执法机关。" : $"没有代码为“{code}”的执法机关。");
            }

            if (target.Id == complaint.AgencyId)
            {
                throw new CaseRuleException("agencyCode", $"该件已由{target.Name}承办，无需再转办给同一机关。", 409);
            }
        }

        Refuse(complaint, trigger, actor, input.Note);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var from = complaint.Status;
        var note = Clean(input.Note);
        var transition = ComplaintWorkflow.Of(trigger);
        switch (trigger)
        {
            case ComplaintTrigger.Route:
                complaint.AgencyId = target!.Id;
                complaint.AssignedOn = today;
                complaint.DueOn = Periods.AcceptanceDue(calendar, today);
                break;
            case ComplaintTrigger.Return:
                complaint.AgencyId = null;
                complaint.AssignedOn = null;
                complaint.DueOn = Periods.RoutingDue(calendar, today);
                break;
            case ComplaintTrigger.Accept:
                complaint.AcceptedOn = today;
                complaint.DueOn = Periods.AnswerDue(calendar, today);
                break;
            case ComplaintTrigger.Reject or ComplaintTrigger.Answer:
                complaint.Reply = note;
                complaint.RepliedOn = today;
                complaint.ReplyDueOn = complaint.DueOn;
                complaint.DueOn = null;
                break;
            case ComplaintTrigger.Close:
                complaint.ClosedOn = today;
                complaint.DueOn = null;
                break;
            case ComplaintTrigger.FollowUp or ComplaintTrigger.OpenCase:
                break;
        }

        if (transition.To is { } to)
        {
            complaint.Status = to;
        }

        return await SaveStepAsync(complaint, transition, from, note, actor, null, now, ct);
    }

    /// <summary>
    /// 立案: opens a case on an accepted complaint through <see cref="CaseHandling.OpenAsync"/> (source 投诉举报, its checks:
    /// item in force, party, two certified officers) and links the two in one transaction. The complaint's guards are
    /// checked first, so a refusal writes neither, and again inside the transaction on the complaint as it is then: a
    /// second officer opening a case on the same complaint at the same moment gets 409 and leaves no case behind.
    /// </summary>
    public async Task<(Complaint Complaint, Case Case)> OpenCaseAsync(Guid id, OpenCaseRequest request, ComplaintActor actor, CaseActor caseActor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var complaint = await LoadAsync(id, ct);
        Refuse(complaint, ComplaintTrigger.OpenCase, actor, null);
        var agencyId = complaint.AgencyId!.Value;
        db.ChangeTracker.Clear();
        try
        {
            var opened = await cases.OpenAsync(agencyId, request with { Source = "投诉举报" }, caseActor, async opened =>
            {
                // Read inside the opening's transaction (the agency's case counter, taken first, queues two openers).
                complaint = await LoadAsync(id, ct);
                Refuse(complaint, ComplaintTrigger.OpenCase, actor, null);
                var from = complaint.Status;
                complaint.CaseId = opened.Id;
                complaint.Status = ComplaintStatus.CaseOpened;
                StageStep(complaint, ComplaintWorkflow.Of(ComplaintTrigger.OpenCase), from, $"立案：{opened.Number}（{opened.Cause}）", actor, opened.Id,
                    clock.GetUtcNow());
            }, ct);
            return (complaint, opened);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale();
        }
    }

    private static void Refuse(Complaint complaint, ComplaintTrigger trigger, ComplaintActor actor, string? note)
    {
        var reasons = ComplaintWorkflow.Check(complaint, trigger, actor, note);
        if (reasons.Count > 0)
        {
            // 409: the complaint's state forbids it; 403: the wrong person; 400: the note.
            var t = ComplaintWorkflow.Of(trigger);
            var status = !t.From.Contains(complaint.Status) ? 409 : !ComplaintWorkflow.MayAct(complaint, t, actor) ? 403 : 400;
            throw new CaseRuleException([.. reasons.Select(r => new RegistryProblem(status == 400 ? "note" : "status", r))], status);
        }
    }

    private async Task<Complaint> SaveStepAsync(Complaint complaint, ComplaintTransition transition, ComplaintStatus from, string? note, ComplaintActor actor,
        Guid? caseId, DateTimeOffset now, CancellationToken ct)
    {
        StageStep(complaint, transition, from, note, actor, caseId, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            db.DiscardPendingRecords();
            throw Stale();
        }

        return complaint;
    }

    /// <summary>The refusal when another step on the complaint was saved first.</summary>
    private static CaseRuleException Stale() => new("revision", "该件刚刚被他人办理，请刷新页面查看最新状态后再操作。", 409);

    /// <summary>Adds the step to the complaint and its log entry to the unit of work (saved by the caller).</summary>
    private void StageStep(Complaint complaint, ComplaintTransition transition, ComplaintStatus from, string? note, ComplaintActor actor, Guid? caseId,
        DateTimeOffset now)
    {
        complaint.Steps.Add(new ComplaintStep
        {
            AtUtc = now,
            Action = transition.Name,
            From = from.ToString(),
            To = complaint.Status.ToString(),
            ActorId = actor.AccountId,
            ActorName = actor.Name,
            AgencyId = complaint.AgencyId,
            Note = note,
        });
        complaint.Revision++;
        var facts = new JsonObject
        {
            ["complaint"] = complaint.Id.ToString(),
            ["number"] = complaint.TrackingNumber,
            ["action"] = transition.Trigger.ToString(),
            ["from"] = from.ToString(),
            ["to"] = complaint.Status.ToString(),
            ["agency"] = complaint.AgencyId?.ToString(),
            ["dueOn"] = Iso(complaint.DueOn),
        };
        if (note is not null)
        {
            // Reasons and answers may name the complainant or third parties: the log keeps their hash only.
            facts["noteSha256"] = Sha256Hex(note);
        }

        db.Record(new LedgerEvent("complaint-" + transition.Trigger.ToString().ToLowerInvariant(), caseId, complaint.AgencyId ?? actor.AgencyId,
            actor.AccountId, actor.Role, facts));
    }

    public static string HashCode(string trackingNumber, string queryCode) =>
        Sha256Hex(trackingNumber.ToUpperInvariant() + "\n" + NormaliseCode(queryCode));

    /// <summary>Upper case, spaces and dashes dropped (a citizen may copy “ABCD-EFGH-JK”).</summary>
    public static string NormaliseCode(string? code) =>
        new([.. (code ?? "").ToUpperInvariant().Where(c => c is not (' ' or '-' or '\u3000'))]);

    /// <summary>Ten characters from 32 unambiguous ones (no 0/O, 1/I): 50 bits from the system's CSPRNG.</summary>
    public static string NewQueryCode() =>
        new([.. Enumerable.Range(0, QueryCodeLength).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)])]);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
