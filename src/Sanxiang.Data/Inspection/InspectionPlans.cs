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
using Sanxiang.Data.Cases;
using Sanxiang.Data.Ledger;
using Sanxiang.Data.Registry;

namespace Sanxiang.Data.Inspection;

/// <summary>What a unit head fills in to draft a random-inspection plan.</summary>
public sealed record PlanInput(string? Title, IReadOnlyList<string>? ItemCodes, IReadOnlyList<string>? Industries, IReadOnlyList<string>? Areas,
    IReadOnlyList<string>? Tags, int? Count, int? RatioPercent, int? InspectorsPerTarget, int? WeightA, int? WeightB, int? WeightC, int? WeightD,
    bool ExcludeLastInspectors, bool ExcludeAffiliatedAgency, DateOnly? PeriodFrom, DateOnly? PeriodTo, DateOnly? DrawOn);

/// <summary>
/// 双随机抽查计划 (PLT-2, docs/random-draw.md): drafting, approval with its commitment (frozen lists, secret seed, public
/// hash, all in the log), the draw (seed revealed, mixed with a checkpoint root that came after the commitment, an
/// inspection case per drawn target and agency), and the export anyone can verify. A refused step writes nothing.
/// </summary>
public sealed class InspectionPlans(SanxiangDbContext db, TimeProvider clock, CaseHandling cases)
{
    public const string CommittedKind = DrawExport.CommitmentEventKind;
    public const string DrawnKind = "inspection-plan-drawn";
    public const string DraftedKind = "inspection-plan-drafted";
    public const string PlanPrefixSuffix = "抽";

    public async Task<InspectionPlan> CreateAsync(Guid agencyId, PlanInput input, CaseActor actor, CancellationToken ct = default)
    {
        RequireRole(actor, "起草抽查计划", Roles.UnitHead, Roles.AgencyHead);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var problems = new List<RegistryProblem>();
        void Problem(string field, string message) => problems.Add(new RegistryProblem(field, message));

        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 4 or > 200)
        {
            Problem("title", "请填写计划名称（4 至 200 字），如“2026年度餐饮服务单位食品安全双随机抽查”。");
        }

        var codes = (input.ItemCodes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var items = codes.Count == 0 ? [] : await db.ItemsInForce(today).Where(i => codes.Contains(i.Code)).ToListAsync(ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        if (codes.Count == 0)
        {
            Problem("itemCodes", "请至少选择一个随机抽查事项。");
        }

        foreach (var code in codes)
        {
            var item = items.FirstOrDefault(i => i.Code == code);
            if (item is null)
            {
                Problem("itemCodes", $"今日施行的执法事项清单中没有“{code}”。");
            }
            else if (!item.RandomInspection)
            {
                Problem("itemCodes", $"“{item.Name}”不在随机抽查事项清单中，不能列入双随机抽查计划。");
            }
        }

        if (items.Count > 0 && items.All(i => i.AgencyId != agencyId))
        {
            Problem("itemCodes", "抽查计划应当包含本机关的随机抽查事项；联合抽查由牵头机关起草。");
        }

        if (input.Count is null == input.RatioPercent is null)
        {
            Problem("count", "抽查比例和抽查数量应当填写且只填写其中一项。");
        }

        if (input.RatioPercent is { } ratio && ratio is < 1 or > 100)
        {
            Problem("ratioPercent", $"抽查比例应在 1% 到 100% 之间（收到 {ratio}%）。");
        }

        if (input.Count is { } count && count is < 1 or > RandomDraw.MaxCandidates)
        {
            Problem("count", $"抽查数量应在 1 到 {RandomDraw.MaxCandidates} 户之间（收到 {count}）。");
        }

        var perTarget = input.InspectorsPerTarget ?? 2;
        if (perTarget is < 2 or > 10)
        {
            Problem("inspectorsPerTarget", $"每个检查对象应当选派 2 至 10 名检查人员（《行政处罚法》第四十二条要求两名以上），收到 {perTarget} 名。");
        }

        var weights = new[] { ("A", input.WeightA ?? 1), ("B", input.WeightB ?? 2), ("C", input.WeightC ?? 3), ("D", input.WeightD ?? 4) };
        foreach (var (grade, weight) in weights)
        {
            if (weight is < 1 or > RandomDraw.MaxWeight)
            {
                Problem("weight" + grade, $"{InspectionGrades.Chinese(grade)}的权重应在 1 到 {RandomDraw.MaxWeight} 之间（收到 {weight}）。");
            }
        }

        if (input.PeriodFrom is not { } from || input.PeriodTo is not { } to)
        {
            Problem("periodFrom", "请填写检查期间的起止日期。");
        }
        else if (to < from)
        {
            Problem("periodTo", $"检查期间的结束日期 {LegalPeriods.Text(to)} 早于开始日期 {LegalPeriods.Text(from)}。");
        }
        else if (to > from.AddYears(1))
        {
            Problem("periodTo", "检查期间不应超过一年。");
        }

        if (input.DrawOn is not { } drawOn)
        {
            Problem("drawOn", "请填写抽取日期（计划批准、公布承诺值之后的某一天）。");
        }
        else if (drawOn < today)
        {
            Problem("drawOn", $"抽取日期 {LegalPeriods.Text(drawOn)} 已经过去：抽取日期应当在今天或以后，承诺值须先于抽取公布。");
        }
        else if (input.PeriodTo is { } end && drawOn > end)
        {
            Problem("drawOn", "抽取日期应在检查期间结束之前。");
        }

        static List<string> Clean(IReadOnlyList<string>? values) =>
            [.. (values ?? []).Select(v => v.Trim()).Where(v => v.Length is > 0 and <= 50).Distinct(StringComparer.Ordinal)];

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        var agency = agencies[agencyId];
        for (var attempt = 0; ; attempt++)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var sequence = 1 + (await db.InspectionPlans.IgnoreQueryFilters().Where(p => p.AgencyId == agencyId && p.Year == today.Year)
                .MaxAsync(p => (int?)p.Sequence, ct) ?? 0);
            var plan = new InspectionPlan
            {
                Id = Guid.CreateVersion7(now),
                AgencyId = agencyId,
                Year = today.Year,
                Sequence = sequence,
                Number = PlanNumber(agency, today.Year, sequence),
                Title = title,
                Items = [.. codes.Select(c => items.First(i => i.Code == c)).Select(i => new PlanItem { AgencyCode = agencies[i.AgencyId].Code, Code = i.Code, Name = i.Name })],
                Filter = new PlanFilter { Industries = Clean(input.Industries), Areas = Clean(input.Areas), Tags = Clean(input.Tags) },
                Count = input.Count,
                RatioPercent = input.RatioPercent,
                InspectorsPerTarget = perTarget,
                WeightA = weights[0].Item2,
                WeightB = weights[1].Item2,
                WeightC = weights[2].Item2,
                WeightD = weights[3].Item2,
                ExcludeLastInspectors = input.ExcludeLastInspectors,
                ExcludeAffiliatedAgency = input.ExcludeAffiliatedAgency,
                PeriodFrom = input.PeriodFrom!.Value,
                PeriodTo = input.PeriodTo!.Value,
                DrawOn = input.DrawOn!.Value,
                Status = PlanStatus.Draft,
                CreatedAtUtc = now,
                CreatedBy = actor.AccountId,
            };
            db.InspectionPlans.Add(plan);
            db.Record(new LedgerEvent(DraftedKind, null, agencyId, actor.AccountId, actor.RoleFor(Roles.UnitHead), new JsonObject
            {
                ["plan"] = plan.Number,
                ["title"] = plan.Title,
                ["items"] = new JsonArray([.. plan.Items.Select(i => (JsonNode)i.Code)]),
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return plan;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two drafts of one agency took the same number at once: take the next.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                db.DiscardPendingRecords();
            }
        }
    }

    /// <summary>安市监抽〔2026〕1号: the agency's case-number prefix without its trailing 罚/立 kind, 抽, year and sequence.</summary>
    public static string PlanNumber(Agency agency, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{agency.CaseNumberPrefix}{PlanPrefixSuffix}〔{year}〕{sequence}号");

    /// <summary>The plan, for its lead agency, the county and (read only: the plan row is the lead's) a participating agency.</summary>
    public async Task<InspectionPlan> LoadAsync(Guid planId, CancellationToken ct = default)
    {
        if (await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == planId, ct) is { } own)
        {
            return own;
        }

        // A joint plan is read by the agencies whose items it names (the rows of the lead agency, through this check only).
        if (db.Scope.AgencyId is { } agencyId && await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) is { } code
            && await db.InspectionPlans.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) is { } joint
            && joint.Items.Any(i => i.AgencyCode == code))
        {
            return joint;
        }

        throw new CaseRuleException("plan", "抽查计划不存在，或不属于您所在的执法主体。", 404);
    }

    /// <summary>The joint plans of other agencies that name an item of the agency <paramref name="agencyId"/>.</summary>
    public async Task<IReadOnlyList<InspectionPlan>> JointPlansOfAsync(Guid agencyId, CancellationToken ct = default)
    {
        var code = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Code).SingleAsync(ct);
        return [.. (await db.InspectionPlans.IgnoreQueryFilters().AsNoTracking().Where(p => p.AgencyId != agencyId).OrderByDescending(p => p.CreatedAtUtc)
            .Take(2000).ToListAsync(ct)).Where(p => p.Items.Any(i => i.AgencyCode == code))];
    }

    /// <summary>The participating agencies of a joint plan (not the lead) and whether each has confirmed.</summary>
    public static async Task<IReadOnlyList<(Agency Agency, PlanParticipant? Confirmation)>> ParticipantsAsync(SanxiangDbContext db, InspectionPlan plan,
        CancellationToken ct = default)
    {
        var codes = plan.Items.Select(i => i.AgencyCode).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => codes.Contains(a.Code) && a.Id != plan.AgencyId).OrderBy(a => a.Code).ToListAsync(ct);
        var confirmations = await db.PlanParticipants.IgnoreQueryFilters().AsNoTracking().Where(p => p.PlanId == plan.Id).ToListAsync(ct);
        return [.. agencies.Select(a => (a, confirmations.FirstOrDefault(c => c.AgencyId == a.Id)))];
    }

    /// <summary>
    /// 联合抽查: the head of a participating agency confirms the joint plan (its items, its inspectors, the cases the draw
    /// will open for it). Only while the plan is a draft; the lead agency's head approves only once every participant has.
    /// </summary>
    /// <param name="forAgency">The participating agency, for maintenance work (the demo seeder) that runs without an agency scope.</param>
    public async Task<PlanParticipant> ConfirmJointAsync(Guid planId, CaseActor actor, Guid? forAgency = null, CancellationToken ct = default)
    {
        RequireRole(actor, "确认参加联合抽查", Roles.AgencyHead);
        var plan = await LoadAsync(planId, ct);
        var agencyId = db.Scope.Kind == Access.AccessScopeKind.System ? forAgency : db.Scope.AgencyId;
        if (agencyId is null || plan.AgencyId == agencyId)
        {
            throw new CaseRuleException("plan", "联合抽查由参加机关的负责人确认；牵头机关批准计划即可。", 409);
        }

        if (plan.Status != PlanStatus.Draft)
        {
            throw new CaseRuleException("plan", $"计划 {plan.Number} 已经批准，不能再确认参加。", 409);
        }

        if (await db.PlanParticipants.AnyAsync(p => p.PlanId == planId && p.AgencyId == agencyId, ct))
        {
            throw new CaseRuleException("plan", "本机关已经确认参加这个联合抽查计划。", 409);
        }

        var now = clock.GetUtcNow();
        var participant = new PlanParticipant { Id = Guid.CreateVersion7(now), PlanId = planId, AgencyId = agencyId.Value, ConfirmedAtUtc = now, ConfirmedBy = actor.AccountId };
        db.PlanParticipants.Add(participant);
        db.Record(new LedgerEvent("inspection-plan-joined", null, agencyId, actor.AccountId, actor.RoleFor(Roles.AgencyHead), new JsonObject
        {
            ["plan"] = plan.Number,
            ["items"] = new JsonArray([.. plan.Items.Select(i => (JsonNode)i.Code)]),
        }));
        await db.SaveChangesAsync(ct);
        return participant;
    }

    /// <summary>
    /// Approves a draft (agency head): freezes the lists, checks the draw can run on them, draws the secret seed and
    /// publishes its SHA-256 and the lists' digest in the log, in one transaction.
    /// </summary>
    public async Task<InspectionPlan> CommitAsync(Guid planId, CaseActor actor, CancellationToken ct = default)
    {
        RequireRole(actor, "批准抽查计划", Roles.AgencyHead);
        var plan = await LoadAsync(planId, ct);
        RequireLead(plan, "批准");
        if (plan.Status != PlanStatus.Draft)
        {
            throw new CaseRuleException("plan", $"计划 {plan.Number} 已经批准并公布承诺值，不能再次批准。", 409);
        }

        if (plan.CreatedBy == actor.AccountId)
        {
            throw new CaseRuleException("plan", "抽查计划应由起草人以外的机关负责人批准。", 409);
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        if (plan.DrawOn < today)
        {
            throw new CaseRuleException("drawOn", $"计划的抽取日期 {LegalPeriods.Text(plan.DrawOn)} 已经过去，承诺值须先于抽取公布：请另行起草计划。", 409);
        }

        var waiting = (await ParticipantsAsync(db, plan, ct)).Where(p => p.Confirmation is null).Select(p => p.Agency.Name).ToList();
        if (waiting.Count > 0)
        {
            throw new CaseRuleException("plan", $"联合抽查计划尚待{string.Join("、", waiting)}负责人确认参加，确认后才能批准。", 409);
        }

        var lists = await FreezeAsync(plan, today, ct);
        var problems = RandomDraw.Check(lists);
        if (problems.Count > 0)
        {
            throw new CaseRuleException([.. problems.Select(p => new RegistryProblem("plan", p))], 409);
        }

        var seed = RandomNumberGenerator.GetBytes(32);
        var listsJson = lists.ToJson();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        plan.Status = PlanStatus.Committed;
        plan.CommittedAtUtc = now;
        plan.CommittedBy = actor.AccountId;
        plan.Seed = seed;
        plan.Commitment = DrawExport.Commitment(seed);
        plan.ListsSha256 = Convert.ToHexStringLower(DrawLists.Sha256(listsJson));
        plan.FrozenLists = Encoding.UTF8.GetString(CanonicalJson.Serialize(listsJson));
        db.Record(new LedgerEvent(CommittedKind, null, plan.AgencyId, actor.AccountId, actor.RoleFor(Roles.AgencyHead), new JsonObject
        {
            ["plan"] = plan.Number,
            ["title"] = plan.Title,
            ["commitment"] = plan.Commitment,
            ["lists"] = plan.ListsSha256,
            ["candidates"] = lists.Candidates.Count,
            ["inspectors"] = lists.Inspectors.Count,
            ["drawOn"] = plan.DrawOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, IsPublic: true));
        await db.SaveChangesAsync(ct);
        plan.CommitmentLedgerIndex = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == CommittedKind && e.AgencyId == plan.AgencyId)
            .OrderByDescending(e => e.Index).Select(e => e.Index).FirstAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return plan;
    }

    /// <summary>
    /// The inputs as they stand today: the lead agency's active targets matching the filter (without units affiliated
    /// with every participating agency when that rule is on), the participating agencies' officers in force whose
    /// certificate lets them take the items' work today, the last inspectors of each candidate and the declared recusals.
    /// </summary>
    public async Task<DrawLists> FreezeAsync(InspectionPlan plan, DateOnly today, CancellationToken ct = default)
    {
        var agencyCodes = plan.Items.Select(i => i.AgencyCode).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyCodes.Contains(a.Code)).ToListAsync(ct);
        var agencyIds = agencies.Select(a => a.Id).ToList();
        var codeOf = agencies.ToDictionary(a => a.Id, a => a.Code);

        var targets = (await db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == plan.AgencyId && t.Active).ToListAsync(ct))
            .Where(plan.Filter.Matches)
            .Where(t => !(plan.ExcludeAffiliatedAgency && t.AffiliatedAgency is { } a && agencyCodes.All(c => c == a)))
            .ToList();
        var creditCodes = targets.Select(t => t.CreditCode).ToList();

        // Last time: the most recent inspection case of a participating agency for the target, and its officers.
        // A joint plan reads its participants' inspection history and recusal pairs (only these columns).
        var lastCases = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => agencyIds.Contains(c.AgencyId) && c.Procedure == ProcedureKind.Inspection && c.Party.CreditCode != null && creditCodes.Contains(c.Party.CreditCode))
            .Select(c => new { c.Id, Code = c.Party.CreditCode!, c.CreatedAtUtc }).ToListAsync(ct);
        var latest = lastCases.GroupBy(c => c.Code).Select(g => g.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id).First()).ToList();
        var latestIds = latest.Select(c => c.Id).ToList();
        var officersOf = (await db.CaseOfficers.IgnoreQueryFilters().AsNoTracking().Where(o => latestIds.Contains(o.CaseId) && !o.Recused)
                .Select(o => new { o.CaseId, o.CertificateNumber }).ToListAsync(ct))
            .GroupBy(o => o.CaseId).ToDictionary(g => g.Key, g => g.Select(o => o.CertificateNumber).Order(StringComparer.Ordinal).ToList());
        var lastInspectors = latest.ToDictionary(c => c.Code, c => officersOf.GetValueOrDefault(c.Id) ?? [], StringComparer.Ordinal);

        var items = await db.ItemsInForce(today).Where(i => agencyIds.Contains(i.AgencyId)).ToListAsync(ct);
        var inspectors = new List<DrawInspector>();
        foreach (var agency in agencies)
        {
            var fields = plan.Items.Where(i => i.AgencyCode == agency.Code)
                .Select(pi => items.FirstOrDefault(i => i.Code == pi.Code) is { } item ? EnforcementFields.Of(item) : null).Distinct().ToList();
            var entries = await db.OfficerEntriesInForce(today).Where(e => e.AgencyId == agency.Id).ToListAsync(ct);
            inspectors.AddRange(entries.Where(e => fields.All(f => e.CheckAssignable(today, f) is null))
                .Select(e => new DrawInspector(agency.Code, e.CertificateNumber, e.Name)));
        }

        var certificates = inspectors.Select(i => i.Certificate).ToHashSet(StringComparer.Ordinal);
        var recusals = (await db.InspectorRecusals.IgnoreQueryFilters().AsNoTracking().Where(r => agencyIds.Contains(r.AgencyId) && creditCodes.Contains(r.CreditCode))
                .Select(r => new { r.CertificateNumber, r.CreditCode }).ToListAsync(ct))
            .Where(r => certificates.Contains(r.CertificateNumber))
            .Select(r => new DrawRecusal(r.CertificateNumber, r.CreditCode)).ToList();

        return new DrawLists(plan.Number, plan.Title,
            [.. plan.Items.Select(i => new DrawItem(i.AgencyCode, i.Code, i.Name))],
            plan.Rules,
            [.. targets.Select(t => new DrawCandidate(t.CreditCode, t.Name, t.Grade, lastInspectors.GetValueOrDefault(t.CreditCode) ?? [],
                t.AffiliatedAgency is { } a && agencyCodes.Contains(a) ? a : null))],
            inspectors,
            recusals).Sorted();
    }

    /// <summary>
    /// The draw (unit head or agency head, on or after the draw day): the checkpoint is the latest signed one that includes
    /// the commitment (one is signed now if none does yet); the seed is revealed; each drawn target becomes an inspection
    /// case of its agency assigned to the drawn inspectors, with the draw recorded on it. All in one transaction.
    /// </summary>
    public async Task<InspectionPlan> DrawAsync(Guid planId, CaseActor actor, LedgerKeys keys, CancellationToken ct = default)
    {
        RequireRole(actor, "实施抽取", Roles.UnitHead, Roles.AgencyHead);
        var plan = await LoadAsync(planId, ct);
        RequireLead(plan, "抽取");
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        if (plan.Status == PlanStatus.Draft)
        {
            throw new CaseRuleException("plan", $"计划 {plan.Number} 尚未批准、未公布承诺值，不能抽取。", 409);
        }

        if (plan.Status == PlanStatus.Drawn)
        {
            throw new CaseRuleException("plan", $"计划 {plan.Number} 已于 {ChinaTime.DateOf(plan.DrawnAtUtc!.Value):yyyy年M月d日} 抽取，每个计划只抽取一次。", 409);
        }

        if (today < plan.DrawOn)
        {
            throw new CaseRuleException("drawOn", $"计划公布的抽取日期是 {LegalPeriods.Text(plan.DrawOn)}，不能提前抽取。", 409);
        }

        if (plan.Seed is not { Length: 32 } seed || DrawExport.Commitment(seed) != plan.Commitment)
        {
            throw new CaseRuleException("seed", "种子与公布的承诺值不一致，不能抽取；请报告县司法局核查。", 409);
        }

        var index = plan.CommitmentLedgerIndex!.Value;
        var checkpoint = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.Size > index).OrderByDescending(c => c.Size).FirstOrDefaultAsync(ct)
            ?? await LedgerCheckpointer.SignIfGrownAsync(db, keys, now, ct)
            ?? throw new InvalidOperationException("The commitment is in the log but no checkpoint covers it.");

        var lists = DrawLists.FromJson((JsonObject)JsonNode.Parse(plan.FrozenLists!)!);
        if (Convert.ToHexStringLower(lists.Sha256()) != plan.ListsSha256)
        {
            throw new CaseRuleException("lists", "冻结的名单与公布的名单摘要不一致，不能抽取；请报告县司法局核查。", 409);
        }

        IReadOnlyList<DrawnTarget> drawn;
        try
        {
            drawn = RandomDraw.Run(lists, DrawChance.Key(seed, checkpoint.RootHash, Convert.FromHexString(plan.ListsSha256!)));
        }
        catch (DrawRefusedException e)
        {
            throw new CaseRuleException([.. e.Reasons.Select(r => new RegistryProblem("plan", r))], 409);
        }

        var agencies = await db.Agencies.AsNoTracking().Where(a => lists.Agencies.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var items = await db.ItemsInForce(today).Where(i => plan.Items.Select(p => p.Code).Contains(i.Code)).ToListAsync(ct);
        var certificates = drawn.SelectMany(t => t.Teams).SelectMany(t => t.Certificates).Distinct().ToList();
        var entries = await db.OfficerEntriesInForce(today).Where(e => certificates.Contains(e.CertificateNumber)).ToListAsync(ct);
        var targets = lists.Candidates.ToDictionary(c => c.CreditCode, StringComparer.Ordinal);
        var directory = await db.InspectionTargets.AsNoTracking().Where(t => t.AgencyId == plan.AgencyId && targets.Keys.Contains(t.CreditCode))
            .ToDictionaryAsync(t => t.CreditCode, ct);

        var problems = new List<RegistryProblem>();
        foreach (var (code, agency) in agencies)
        {
            if (!plan.Items.Any(pi => pi.AgencyCode == code && items.Any(i => i.Code == pi.Code)))
            {
                problems.Add(new RegistryProblem("plan", $"{agency.Name}的随机抽查事项今日已不在施行的事项清单中，不能据此开展检查。"));
            }
        }

        foreach (var certificate in certificates)
        {
            var entry = entries.FirstOrDefault(e => e.CertificateNumber == certificate);
            var why = entry is null ? "已不在今日施行的执法人员名单中" : entry.CheckAssignable(today);
            if (why is not null)
            {
                problems.Add(new RegistryProblem("inspectors", $"抽中的检查人员（证号 {certificate}）{why.TrimEnd('。')}，不能下达检查任务；请报告县司法局。"));
            }
        }

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems, 409);
        }

        foreach (var agency in agencies.Values)
        {
            await cases.EnsureCaseCounterAsync(agency.Id, today.Year, ct);
        }

        // A joint plan opens each participant's inspection cases: allowed for the agencies whose heads confirmed it.
        var confirmed = await db.PlanParticipants.IgnoreQueryFilters().AsNoTracking().Where(p => p.PlanId == plan.Id).Select(p => p.AgencyId).ToListAsync(ct);
        using var grant = db.GrantCaseWrites(confirmed);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var target in drawn)
        {
            var candidate = targets[target.CreditCode];
            var place = directory.GetValueOrDefault(target.CreditCode);
            foreach (var team in target.Teams)
            {
                var agency = agencies[team.Agency];
                var planItem = plan.Items.First(pi => pi.AgencyCode == team.Agency && items.Any(i => i.Code == pi.Code));
                var item = items.First(i => i.Code == planItem.Code);
                var officers = team.Certificates.Select(c => entries.First(e => e.CertificateNumber == c)).ToList();
                var opening = new CaseOpening(item, Cause(plan, candidate.Name), "随机抽查",
                    new CaseParty
                    {
                        Kind = PartyKind.Organisation,
                        Name = candidate.Name,
                        CreditCode = candidate.CreditCode,
                        Address = place?.Address ?? "",
                    },
                    today, null, false, officers, officers[0].OfficerId);
                var drawFact = $"随机抽取：{plan.Number}第{target.Order}号，{DrawExport.Instant(now)}抽取；承诺值 {plan.Commitment}（记录日志第 {index} 条），检查点共 {checkpoint.Size} 条记录；检查对象和检查人员均由平台按公布的规则抽取，可在门户网站核验。";
                var @case = await cases.AddCaseAsync(agency, opening, actor, [(FactKeys.InspectionDraw, drawFact)], ct);
                db.InspectionTasks.Add(new InspectionTask
                {
                    Id = Guid.CreateVersion7(now),
                    PlanId = plan.Id,
                    AgencyId = agency.Id,
                    Order = target.Order,
                    CreditCode = target.CreditCode,
                    TargetName = candidate.Name,
                    CaseId = @case.Id,
                });
            }
        }

        var result = RandomDraw.ResultJson(drawn, lists);
        plan.Status = PlanStatus.Drawn;
        plan.DrawnAtUtc = now;
        plan.DrawnBy = actor.AccountId;
        plan.CheckpointSize = checkpoint.Size;
        plan.CheckpointNote = checkpoint.Note;
        plan.Result = result.ToJsonString();
        db.Record(new LedgerEvent(DrawnKind, null, plan.AgencyId, actor.AccountId, actor.RoleFor(Roles.UnitHead), new JsonObject
        {
            ["plan"] = plan.Number,
            ["seed"] = Convert.ToHexStringLower(seed),
            ["commitment"] = plan.Commitment,
            ["lists"] = plan.ListsSha256,
            ["checkpoint"] = new JsonObject { ["size"] = checkpoint.Size, ["root"] = Convert.ToBase64String(checkpoint.RootHash) },
            ["result"] = Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(result))),
            ["targets"] = drawn.Count,
        }, IsPublic: true));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return plan;
    }

    /// <summary>
    /// 回避申报 before any draw: an inspector declares a conflict with a target of the agency's directory (or a head records
    /// one for an officer of the agency). Plans committed earlier keep their frozen lists; every later plan honours it.
    /// The log holds the pair; the reason stays internal.
    /// </summary>
    public async Task<InspectorRecusal> DeclareRecusalAsync(Guid agencyId, Guid? officerId, string? creditCode, string? reason, CaseActor actor,
        CancellationToken ct = default)
    {
        var forSelf = officerId is null || officerId == actor.OfficerId;
        if (forSelf ? actor.OfficerId is null : !actor.Is(Roles.UnitHead) && !actor.Is(Roles.AgencyHead))
        {
            throw new CaseRuleException("officerId", forSelf ? "只有执法人员本人可以申报回避；账号未关联执法人员。" : "为其他人员登记回避须由科室负责人或机关负责人办理。", 403);
        }

        var who = officerId ?? actor.OfficerId!.Value;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var problems = new List<RegistryProblem>();
        var code = creditCode?.Trim().ToUpperInvariant() ?? "";
        var target = code.Length == 0 ? null : await db.InspectionTargets.AsNoTracking().FirstOrDefaultAsync(t => t.AgencyId == agencyId && t.CreditCode == code, ct);
        if (target is null)
        {
            problems.Add(new RegistryProblem("creditCode", code.Length == 0 ? "请填写检查对象的统一社会信用代码。" : $"本机关的检查对象名录中没有统一社会信用代码为 {code} 的对象。"));
        }

        var text = reason?.Trim() ?? "";
        if (text.Length is < 4 or > 500)
        {
            problems.Add(new RegistryProblem("reason", "请写明应当回避的情形（4 至 500 字），如“该经营者的负责人系本人近亲属”。"));
        }

        var entry = await db.OfficerEntriesInForce(today).FirstOrDefaultAsync(e => e.AgencyId == agencyId && e.OfficerId == who, ct);
        if (entry is null)
        {
            problems.Add(new RegistryProblem("officerId", "所选人员不在本机关今日施行的执法人员名单中。"));
        }

        if (problems.Count > 0)
        {
            throw new CaseRuleException(problems);
        }

        if (await db.InspectorRecusals.AnyAsync(r => r.AgencyId == agencyId && r.OfficerId == who && r.CreditCode == code, ct))
        {
            throw new CaseRuleException("creditCode", $"{entry!.Name}对{target!.Name}的回避已经申报过。", 409);
        }

        var now = clock.GetUtcNow();
        var recusal = new InspectorRecusal
        {
            Id = Guid.CreateVersion7(now),
            AgencyId = agencyId,
            OfficerId = who,
            CertificateNumber = entry!.CertificateNumber,
            CreditCode = code,
            Reason = text,
            DeclaredAtUtc = now,
            DeclaredBy = actor.AccountId,
        };
        db.InspectorRecusals.Add(recusal);
        db.Record(new LedgerEvent("inspection-recusal-declared", null, agencyId, actor.AccountId, actor.RoleFor(Roles.Officer), new JsonObject
        {
            ["certificate"] = recusal.CertificateNumber,
            ["creditCode"] = code,
        }));
        await db.SaveChangesAsync(ct);
        return recusal;
    }

    private static string Cause(InspectionPlan plan, string target)
    {
        var cause = $"对{target}的随机抽查（{plan.Number}）";
        return cause.Length <= 200 ? cause : cause[..200];
    }

    /// <summary>The export of a drawn plan (docs/random-draw.md §5), with the commitment's inclusion proof in the checkpoint used.</summary>
    public static async Task<JsonObject?> ExportAsync(SanxiangDbContext db, InspectionPlan plan, CancellationToken ct = default)
    {
        if (plan.Status != PlanStatus.Drawn)
        {
            return null;
        }

        var index = plan.CommitmentLedgerIndex!.Value;
        var size = plan.CheckpointSize!.Value;
        var entry = await db.LedgerEntries.AsNoTracking().Where(e => e.Index == index).Select(e => e.Payload).SingleAsync(ct);
        var proof = await new DbMerkleNodes(db).ComputeAsync(r => MerkleTree.InclusionProofAsync(r, index, size, ct), ct);
        var lists = DrawLists.FromJson((JsonObject)JsonNode.Parse(plan.FrozenLists!)!);
        var result = RandomDraw.ParseResult((JsonObject)JsonNode.Parse(plan.Result!)!);
        return DrawExport.Build(lists, plan.Commitment!, plan.CommittedAtUtc!.Value, index, entry, proof, plan.CheckpointNote!, plan.Seed!,
            plan.DrawnAtUtc!.Value, result);
    }

    /// <summary>A joint plan is approved and drawn by its lead agency; participants confirm.</summary>
    private void RequireLead(InspectionPlan plan, string what)
    {
        if (db.Scope.Kind == Access.AccessScopeKind.Agency && db.Scope.AgencyId != plan.AgencyId)
        {
            throw new CaseRuleException("plan", $"联合抽查计划由牵头机关{what}；参加机关的负责人确认参加即可。", 403);
        }
    }

    private static void RequireRole(CaseActor actor, string what, params string[] roles)
    {
        if (!roles.Any(actor.Is))
        {
            throw new CaseRuleException("role", $"{what}须由{string.Join("或", roles.Select(Roles.Chinese))}办理。", 403);
        }
    }
}
