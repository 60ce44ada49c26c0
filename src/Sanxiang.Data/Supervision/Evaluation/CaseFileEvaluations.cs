using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Inspection;
using Sanxiang.Core.Ledger;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Review;
using Sanxiang.Core.Supervision.Evaluation;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Supervision.Evaluation;

/// <summary>What a supervisor enters to set up an evaluation.</summary>
public sealed record EvaluationInput(string? Title, DateOnly? PeriodFrom, DateOnly? PeriodTo, int? PerAgency, DateOnly? DueOn, string? FormText,
    IReadOnlyList<Guid>? Evaluators);

/// <summary>An evaluator as named in the evaluation.</summary>
public sealed record EvaluatorInfo(Guid Account, string Name, Guid Agency, string AgencyName);

/// <summary>
/// 案卷评查 (PLT-3; docs/case-file-evaluation.md): set-up with a scoring form, the verifiable draw of closed case files
/// per agency (decision 0016's commit-reveal, <see cref="EvaluationDraw"/>), the platform's pre-checks, cross-evaluation
/// scoring, finishing with results released to the agencies, and the verification export.
/// </summary>
public sealed class CaseFileEvaluations(SanxiangDbContext db, TimeProvider clock, CaseOptions options, LedgerKeys keys)
{
    public const string CreatedKind = "evaluation-created";
    public const string CommittedKind = "evaluation-committed";
    public const string DrawnKind = "evaluation-drawn";
    public const string ScoredKind = "evaluation-scored";
    public const string FinishedKind = "evaluation-finished";
    public const string ExportFormat = "sanxiang-evaluation-draw/1";
    public const int MaxEvaluators = 60;

    public static readonly IReadOnlyList<string> EvaluatorRoles = [Roles.Supervisor, Roles.Reviewer];

    public async Task<CaseFileEvaluation> CreateAsync(EvaluationInput input, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireRole(actor, "组织案卷评查", Roles.Supervisor);
        var today = ChinaTime.Today(clock);
        var problems = new List<RegistryProblem>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 4 or > 100)
        {
            problems.Add(new("title", "评查名称应为 4 至 100 个字，例如“2026年上半年行政执法案卷评查”。"));
        }
        else if (title.IndexOfAny(['<', '>']) >= 0)
        {
            problems.Add(new("title", "评查名称不能含有尖括号“<”“>”。"));
        }

        if (input.PeriodFrom is not { } from || input.PeriodTo is not { } to)
        {
            problems.Add(new("period", "请填写评查范围的起止日期（结案归档日期）。"));
            from = to = default;
        }
        else if (to < from)
        {
            problems.Add(new("period", $"评查范围的结束日期 {LegalPeriods.Text(to)} 早于开始日期 {LegalPeriods.Text(from)}。"));
        }
        else if (to > today)
        {
            problems.Add(new("period", $"评查范围的结束日期 {LegalPeriods.Text(to)} 还没有到：只能评查已经结案归档的案卷。"));
        }
        else if (to.DayNumber - from.DayNumber > 400)
        {
            problems.Add(new("period", "评查范围不能超过一年（案卷评查每半年开展一次）。"));
        }

        if (input.PerAgency is not { } perAgency || perAgency is < 1 or > EvaluationDraw.MaxPerAgency)
        {
            problems.Add(new("perAgency", $"每个机关抽取的案卷数应为 1 至 {EvaluationDraw.MaxPerAgency} 件。"));
            perAgency = 0;
        }

        if (input.DueOn is not { } due || due < today)
        {
            problems.Add(new("dueOn", "请填写评分截止日期（不早于今天）。"));
            due = default;
        }

        var (form, formProblems) = ScoringForm.Parse(input.FormText);
        problems.AddRange(formProblems);

        var evaluators = await EvaluatorsAsync(input.Evaluators ?? [], problems, ct);
        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        var year = today.Year;
        var prefix = $"评查〔{year.ToString(CultureInfo.InvariantCulture)}〕";
        var count = await db.CaseFileEvaluations.CountAsync(v => v.Number.StartsWith(prefix), ct);
        var evaluation = new CaseFileEvaluation
        {
            Id = Guid.NewGuid(),
            Number = $"{prefix}{(count + 1).ToString(CultureInfo.InvariantCulture)}号",
            Title = title,
            PeriodFrom = from,
            PeriodTo = to,
            PerAgency = perAgency,
            DueOn = due,
            Status = EvaluationStatuses.Draft,
            FormText = input.FormText!.Replace("\r\n", "\n", StringComparison.Ordinal),
            FormJson = form!.ToJson().ToJsonString(),
            EvaluatorsJson = new JsonArray([.. evaluators.Select(e => (JsonNode)new JsonObject
            {
                ["account"] = e.Account, ["name"] = e.Name, ["agency"] = e.Agency, ["agencyName"] = e.AgencyName,
            })]).ToJsonString(),
            CreatedAtUtc = clock.GetUtcNow(),
            CreatedBy = actor.AccountId,
            CreatedByName = actor.Name,
        };
        db.CaseFileEvaluations.Add(evaluation);
        db.Record(new LedgerEvent(CreatedKind, null, null, actor.AccountId, Roles.Supervisor, new JsonObject
        {
            ["evaluation"] = evaluation.Number,
            ["title"] = evaluation.Title,
            ["from"] = Iso(from),
            ["to"] = Iso(to),
            ["perAgency"] = perAgency,
            ["form"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(evaluation.FormJson))),
            ["evaluators"] = evaluators.Count,
        }));
        await db.SaveChangesAsync(ct);
        return evaluation;
    }

    private async Task<List<EvaluatorInfo>> EvaluatorsAsync(IReadOnlyList<Guid> ids, List<RegistryProblem> problems, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
        {
            problems.Add(new("evaluators", "请至少指定一名评查人员（县司法局监督人员或者各机关的法制审核人员）。"));
            return [];
        }

        if (distinct.Count > MaxEvaluators)
        {
            problems.Add(new("evaluators", $"评查人员不能超过 {MaxEvaluators} 名。"));
            return [];
        }

        var found = await (from u in db.Users.AsNoTracking()
                           join a in db.Agencies.AsNoTracking() on u.AgencyId equals a.Id
                           where distinct.Contains(u.Id)
                           select new { u.Id, u.DisplayName, u.Disabled, u.AgencyId, a.Name }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where distinct.Contains(ur.UserId) && EvaluatorRoles.Contains(r.Name!) select ur.UserId).Distinct().ToListAsync(ct);
        var result = new List<EvaluatorInfo>();
        foreach (var id in distinct)
        {
            var u = found.FirstOrDefault(f => f.Id == id);
            if (u is null || u.Disabled)
            {
                problems.Add(new("evaluators", $"评查人员账号 {id:D} 不存在或已停用。"));
            }
            else if (!roles.Contains(id))
            {
                problems.Add(new("evaluators", $"{u.DisplayName}（{u.Name}）不是监督人员或法制审核人员，不能担任评查人员。"));
            }
            else
            {
                result.Add(new EvaluatorInfo(u.Id, u.DisplayName, u.AgencyId, u.Name));
            }
        }

        return result;
    }

    /// <summary>
    /// The draw. First the commitment: the closed files of the period are frozen per agency, a secret seed drawn and only
    /// its SHA-256 and the lists' digest written to the public log. Then a checkpoint covering that entry is signed, and
    /// the files are drawn with the seed and the checkpoint's root (which did not exist when the seed was chosen). A draw
    /// interrupted after the commitment resumes with the same frozen lists and seed.
    /// </summary>
    public async Task<CaseFileEvaluation> DrawAsync(Guid id, CaseActor actor, CancellationToken ct = default)
    {
        RequireRole(actor, "抽取评查案卷", Roles.Supervisor);
        var evaluation = await LoadAsync(id, ct);
        if (evaluation.Status != EvaluationStatuses.Draft)
        {
            throw new CaseRuleException("evaluation", $"{evaluation.Number} 已于 {ChinaTime.DateOf(evaluation.DrawnAtUtc!.Value):yyyy年M月d日} 抽取案卷，每次评查只抽取一次。", 409);
        }

        if (evaluation.Seed is null)
        {
            await CommitAsync(evaluation, actor, ct);
        }

        var now = clock.GetUtcNow();
        var seed = evaluation.Seed!;
        var index = evaluation.CommitmentLedgerIndex!.Value;
        var checkpoint = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.Size > index).OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct)
            ?? await LedgerCheckpointer.SignIfGrownAsync(db, keys, now, ct)
            ?? throw new InvalidOperationException("The commitment is in the log but no checkpoint covers it.");
        var lists = EvaluationLists.FromJson(JsonNode.Parse(evaluation.FrozenLists!)!.AsObject());
        if (Convert.ToHexStringLower(lists.Sha256()) != evaluation.ListsSha256 || DrawExport.Commitment(seed) != evaluation.Commitment)
        {
            throw new CaseRuleException("evaluation", "冻结的名单或种子与公布的承诺不一致，不能抽取；请报告系统管理员核查。", 409);
        }

        var drawn = EvaluationDraw.Run(lists, DrawChance.Key(seed, checkpoint.RootHash, Convert.FromHexString(evaluation.ListsSha256!)));
        var form = EvaluationScoring.FormFromJson(evaluation.FormJson);
        var evaluators = Evaluators(evaluation).ToDictionary(e => e.Account.ToString("D"));
        var agencies = await db.Agencies.AsNoTracking().Where(a => lists.Pools.Select(p => p.Agency).Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var numbers = drawn.Select(d => d.Case).ToList();
        var agencyIds = agencies.Values.Select(a => a.Id).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => numbers.Contains(c.Number) && agencyIds.Contains(c.AgencyId))
            .Include(c => c.Officers).Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery().ToListAsync(ct);
        var byKey = cases.ToDictionary(c => (c.AgencyId, c.Number));
        var caseIds = cases.Select(c => c.Id).ToList();
        var summaries = await db.CaseSummaries.AsNoTracking().Include(s => s.Rounds).Where(s => caseIds.Contains(s.CaseId)).ToDictionaryAsync(s => s.CaseId, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var file in drawn)
        {
            var @case = byKey[(agencies[file.Agency].Id, file.Case)];
            var evaluator = evaluators[file.Evaluator];
            var facts = await PreCheckFactsAsync(@case, agencies[file.Agency].Code, summaries.GetValueOrDefault(@case.Id), ct);
            db.EvaluatedFiles.Add(new EvaluatedFile
            {
                Id = Guid.NewGuid(),
                EvaluationId = evaluation.Id,
                Order = file.Order,
                AgencyId = @case.AgencyId,
                AgencyName = agencies[file.Agency].Name,
                CaseId = @case.Id,
                CaseNumber = @case.Number,
                CaseTitle = Truncate(@case.Cause.Contains(@case.Party.Name, StringComparison.Ordinal) ? @case.Cause : $"{@case.Party.Name}：{@case.Cause}", 300),
                EvaluatorId = evaluator.Account,
                EvaluatorName = evaluator.Name,
                EvaluatorAgencyId = evaluator.Agency,
                EvaluatorAgencyName = evaluator.AgencyName,
                FlagsJson = PreCheckJson(EvaluationPreChecks.Run(form, facts)),
            });
        }

        var result = EvaluationDraw.ResultJson(drawn);
        evaluation.Status = EvaluationStatuses.Scoring;
        evaluation.DrawnAtUtc = now;
        evaluation.CheckpointSize = checkpoint.Size;
        evaluation.CheckpointRoot = checkpoint.RootHash;
        evaluation.CheckpointNote = checkpoint.Note;
        evaluation.Result = result.ToJsonString();
        db.Record(new LedgerEvent(DrawnKind, null, null, actor.AccountId, Roles.Supervisor, new JsonObject
        {
            ["evaluation"] = evaluation.Number,
            ["seed"] = Convert.ToHexStringLower(seed),
            ["commitment"] = evaluation.Commitment,
            ["lists"] = evaluation.ListsSha256,
            ["checkpoint"] = new JsonObject { ["size"] = checkpoint.Size, ["root"] = Convert.ToBase64String(checkpoint.RootHash) },
            ["result"] = Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(result))),
            ["files"] = drawn.Count,
        }, IsPublic: true));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return evaluation;
    }

    private async Task CommitAsync(CaseFileEvaluation evaluation, CaseActor actor, CancellationToken ct)
    {
        var closed = await (from s in db.CaseSummaries.AsNoTracking()
                            join c in db.Cases.AsNoTracking() on s.CaseId equals c.Id
                            join a in db.Agencies.AsNoTracking() on s.AgencyId equals a.Id
                            where s.ClosedOn != null && s.ClosedOn >= evaluation.PeriodFrom && s.ClosedOn <= evaluation.PeriodTo
                            select new { a.Code, c.Number }).ToListAsync(ct);
        var agencyCodes = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var lists = EvaluationLists.Create(evaluation.Number, evaluation.PeriodFrom, evaluation.PeriodTo, evaluation.PerAgency,
            closed.GroupBy(c => c.Code).Select(g => new EvaluationPool(g.Key, [.. g.Select(c => c.Number)])),
            Evaluators(evaluation).Select(e => new EvaluationEvaluatorEntry(agencyCodes[e.Agency], e.Account.ToString("D"))));
        if (EvaluationDraw.Check(lists) is { Count: > 0 } problems)
        {
            throw new CaseRuleException([.. problems.Select(p => new RegistryProblem("evaluation", p))], 409);
        }

        var seed = RandomNumberGenerator.GetBytes(32);
        var json = lists.ToJson();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        evaluation.Seed = seed;
        evaluation.Commitment = DrawExport.Commitment(seed);
        evaluation.ListsSha256 = Convert.ToHexStringLower(lists.Sha256());
        evaluation.FrozenLists = Encoding.UTF8.GetString(CanonicalJson.Serialize(json));
        db.Record(new LedgerEvent(CommittedKind, null, null, actor.AccountId, Roles.Supervisor, new JsonObject
        {
            ["evaluation"] = evaluation.Number,
            ["title"] = evaluation.Title,
            ["commitment"] = evaluation.Commitment,
            ["lists"] = evaluation.ListsSha256,
            ["agencies"] = lists.Pools.Count,
            ["files"] = lists.Pools.Sum(p => p.Cases.Count),
        }, IsPublic: true));
        await db.SaveChangesAsync(ct);
        evaluation.CommitmentLedgerIndex = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == CommittedKind)
            .OrderByDescending(e => e.Index).Select(e => e.Index).FirstAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>What the pre-checks read: the item list and the officer list in force on the day the case was opened, the review rule.</summary>
    private async Task<PreCheckFacts> PreCheckFactsAsync(Case @case, string agencyCode, Sanxiang.Core.Supervision.CaseSummary? summary, CancellationToken ct)
    {
        var on = @case.OpenedOn;
        var item = await db.ItemsInForce(on).FirstOrDefaultAsync(i => i.AgencyId == @case.AgencyId && i.Code == @case.ItemCode, ct);
        var active = @case.ActiveOfficers.ToList();
        var certificates = active.Select(o => o.CertificateNumber).ToList();
        var entries = await db.OfficerEntriesInForce(on).Where(o => o.AgencyId == @case.AgencyId && certificates.Contains(o.CertificateNumber)).ToListAsync(ct);
        var uncertified = active.Where(o => !entries.Any(e => e.CertificateNumber == o.CertificateNumber && e.IsCertifiedOn(on)))
            .Select(o => $"{o.Name}（{o.CertificateNumber}）").ToList();
        var file = new CaseFile(@case);
        var reasons = ReviewRequirement.Matches(file, @case.Procedure, item, options.For(agencyCode)).Select(m => m.Reason).ToList();
        return new PreCheckFacts(@case.Procedure, @case.ItemName, item is not null, active.Count, uncertified, reasons,
            summary?.Rounds.Any(r => r.Agreed) == true, @case.Evidence.Count, summary?.DecidedOn, summary?.DecisionDueOn, @case.IsSealed);
    }

    /// <summary>Scores a file: only its evaluator, while the evaluation is being scored (a second save replaces the first, both logged).</summary>
    public async Task<EvaluatedFile> ScoreAsync(Guid fileId, FileMarks marks, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var file = await db.EvaluatedFiles.FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw NotFound("评查案卷");
        var evaluation = await LoadAsync(file.EvaluationId, ct);
        if (file.EvaluatorId != actor.AccountId)
        {
            throw new CaseRuleException("file", $"{file.CaseNumber} 由 {file.EvaluatorName}（{file.EvaluatorAgencyName}）评查，其他人员不能评分。", 403);
        }

        if (evaluation.Status != EvaluationStatuses.Scoring)
        {
            throw new CaseRuleException("evaluation", $"{evaluation.Number} {evaluation.Status}，不能评分。", 409);
        }

        var form = EvaluationScoring.FormFromJson(evaluation.FormJson);
        var (score, problems) = EvaluationScoring.Score(form, Flags(file), marks);
        if (score is null)
        {
            throw new CaseRuleException(problems);
        }

        var clean = marks with { Items = [.. marks.Items.Where(i => i.Deduction > 0 || !string.IsNullOrWhiteSpace(i.Reason))] };
        file.MarksJson = clean.ToJson();
        file.Score = score.Score;
        file.Grade = score.Grade;
        file.Vetoed = score.Vetoed;
        file.ScoredAtUtc = clock.GetUtcNow();
        db.Record(new LedgerEvent(ScoredKind, null, null, actor.AccountId, actor.RoleFor(Roles.Reviewer), new JsonObject
        {
            ["evaluation"] = evaluation.Number,
            ["case"] = file.CaseNumber,
            ["score"] = ScoringForm.Text(score.Score),
            ["grade"] = score.Grade,
            ["vetoed"] = score.Vetoed,
            ["marks"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.MarksJson))),
        }));
        await db.SaveChangesAsync(ct);
        return file;
    }

    /// <summary>Finishes the evaluation once every file is scored, and releases each agency's results to it.</summary>
    public async Task<CaseFileEvaluation> FinishAsync(Guid id, string? summary, CaseActor actor, CancellationToken ct = default)
    {
        RequireRole(actor, "完成案卷评查", Roles.Supervisor);
        var evaluation = await LoadAsync(id, ct);
        if (evaluation.Status != EvaluationStatuses.Scoring)
        {
            throw new CaseRuleException("evaluation", evaluation.Status == EvaluationStatuses.Draft
                ? $"{evaluation.Number} 尚未抽取案卷。" : $"{evaluation.Number} 已经完成。", 409);
        }

        summary = summary?.Trim();
        if (summary is { Length: > EvaluationScoring.MaxComment })
        {
            throw new CaseRuleException("summary", $"工作要求不能超过 {EvaluationScoring.MaxComment} 个字（现有 {summary.Length} 个）。");
        }

        if (summary?.IndexOfAny(['<', '>']) >= 0)
        {
            throw new CaseRuleException("summary", "工作要求不能含有尖括号“<”“>”。");
        }

        var files = await db.EvaluatedFiles.Where(f => f.EvaluationId == id).OrderBy(f => f.Order).ToListAsync(ct);
        var waiting = files.Where(f => f.Score is null).ToList();
        if (waiting.Count > 0)
        {
            throw new CaseRuleException("evaluation", $"还有 {waiting.Count} 件案卷未评分（{string.Join("、", waiting.Take(5).Select(f => $"{f.CaseNumber}，{f.EvaluatorName}"))}{(waiting.Count > 5 ? " 等" : "")}），全部评分后才能完成评查。", 409);
        }

        foreach (var f in files)
        {
            f.Released = true;
        }

        evaluation.Status = EvaluationStatuses.Finished;
        evaluation.FinishedAtUtc = clock.GetUtcNow();
        evaluation.Summary = string.IsNullOrEmpty(summary) ? null : summary;
        var ranking = EvaluationRanking.Rank(files);
        db.Record(new LedgerEvent(FinishedKind, null, null, actor.AccountId, Roles.Supervisor, new JsonObject
        {
            ["evaluation"] = evaluation.Number,
            ["files"] = files.Count,
            ["excellent"] = files.Count(f => f.Grade == EvaluationGrades.Excellent),
            ["passed"] = files.Count(f => f.Grade == EvaluationGrades.Passed),
            ["failed"] = files.Count(f => f.Grade == EvaluationGrades.Fail),
            ["ranking"] = new JsonArray([.. ranking.Select(r => (JsonNode)new JsonObject { ["agency"] = r.Agency, ["average"] = r.Average.ToString("0.0", CultureInfo.InvariantCulture), ["rank"] = r.Rank })]),
        }, IsPublic: true));
        await db.SaveChangesAsync(ct);
        return evaluation;
    }

    public async Task<CaseFileEvaluation> LoadAsync(Guid id, CancellationToken ct = default) =>
        await db.CaseFileEvaluations.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw NotFound("案卷评查");

    /// <summary>
    /// The case an evaluator is to score, with its officers, facts, steps and evidence: the one read across agencies that
    /// cross-evaluation needs, granted only to the file's evaluator (and to supervisors, who read the county anyway).
    /// </summary>
    public async Task<(EvaluatedFile File, Case Case)> CaseForEvaluatorAsync(Guid fileId, CaseActor actor, CancellationToken ct = default)
    {
        var file = await db.EvaluatedFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct) ?? throw NotFound("评查案卷");
        if (file.EvaluatorId != actor.AccountId && !db.Scope.ReadsAllAgencies && !(file.Released && file.AgencyId == db.Scope.AgencyId))
        {
            throw new CaseRuleException("file", $"{file.CaseNumber} 由 {file.EvaluatorName}（{file.EvaluatorAgencyName}）评查。", 403);
        }

        var @case = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == file.CaseId)
            .Include(c => c.Officers).Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery().SingleAsync(ct);
        return (file, @case);
    }

    /// <summary>Records, in the case's log, that an evaluator opened its sealed package (chain of custody).</summary>
    public async Task RecordArchiveReadAsync(EvaluatedFile file, Case @case, CaseActor actor, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        db.Record(new LedgerEvent("archive-read", @case.Id, @case.AgencyId, actor.AccountId, actor.RoleFor(Roles.Reviewer), new JsonObject
        {
            ["number"] = @case.Number,
            ["packageSha256"] = @case.ArchiveSha256,
            ["purpose"] = $"案卷评查（{file.CaseNumber}）",
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Everything needed to re-run the draw without the platform (docs/case-file-evaluation.md).</summary>
    public static JsonObject? Export(CaseFileEvaluation evaluation) => evaluation.Result is null ? null : new JsonObject
    {
        ["format"] = ExportFormat,
        ["evaluation"] = evaluation.Number,
        ["title"] = evaluation.Title,
        ["commitment"] = evaluation.Commitment,
        ["listsSha256"] = evaluation.ListsSha256,
        ["commitmentLedgerIndex"] = evaluation.CommitmentLedgerIndex,
        ["lists"] = JsonNode.Parse(evaluation.FrozenLists!),
        ["seed"] = Convert.ToHexStringLower(evaluation.Seed!),
        ["checkpoint"] = new JsonObject
        {
            ["size"] = evaluation.CheckpointSize,
            ["root"] = Convert.ToBase64String(evaluation.CheckpointRoot!),
            ["note"] = evaluation.CheckpointNote,
        },
        ["result"] = JsonNode.Parse(evaluation.Result),
    };

    public static IReadOnlyList<EvaluatorInfo> Evaluators(CaseFileEvaluation evaluation) =>
        [.. JsonNode.Parse(evaluation.EvaluatorsJson)!.AsArray().Select(e => new EvaluatorInfo((Guid)e!["account"]!, (string)e["name"]!, (Guid)e["agency"]!, (string)e["agencyName"]!))];

    public static IReadOnlyList<PreCheckFlag> Flags(EvaluatedFile file) =>
        [.. JsonNode.Parse(file.FlagsJson)!.AsArray().Select(f => new PreCheckFlag((string)f!["check"]!, (string?)f["veto"], (string)f["text"]!))];

    private static string PreCheckJson(IReadOnlyList<PreCheckFlag> flags) =>
        new JsonArray([.. flags.Select(f => (JsonNode)new JsonObject { ["check"] = f.Check, ["veto"] = f.Veto, ["text"] = f.Text })]).ToJsonString();

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void RequireRole(CaseActor actor, string what, params string[] roles)
    {
        if (!roles.Any(actor.Is))
        {
            throw new CaseRuleException("role", $"{what}由{string.Join("或", roles.Select(Roles.Chinese))}办理。", 403);
        }
    }

    private static CaseRuleException NotFound(string what) => new("id", $"没有找到该{what}，或无权查看。", 404);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
