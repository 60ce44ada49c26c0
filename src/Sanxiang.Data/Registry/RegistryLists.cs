using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Registry;
using Sanxiang.Data.Ledger;

namespace Sanxiang.Data.Registry;

/// <summary>A change to a list was refused: the problems say which row and field, in Chinese.</summary>
public sealed class RegistryRuleException(IReadOnlyList<RegistryProblem> problems, int status = 400)
    : Exception(string.Join(" ", problems.Select(p => p.Message)))
{
    public RegistryRuleException(string field, string message, int status = 400) : this([new RegistryProblem(field, message)], status)
    {
    }

    public IReadOnlyList<RegistryProblem> Problems { get; } = problems;

    /// <summary>400 for invalid content, 404 for something that does not exist, 409 for a state that forbids the change.</summary>
    public int Status { get; } = status;
}

/// <summary>Who acts on a list version, for the record.</summary>
public sealed record RegistryActor(Guid AccountId, string Role);

/// <summary>
/// The versioning of an agency's lists (PUB-2): a change is made in a draft copied from the latest approved version,
/// approved by someone other than its author, and takes effect on its date; the approval is recorded in the log with the
/// SHA-256 of the list's canonical JSON. Approved rows never change (the DbContext refuses it).
/// </summary>
public sealed class RegistryLists(SanxiangDbContext db, TimeProvider clock)
{
    public async Task<RegistryVersion> CreateDraftAsync(Guid agencyId, RegistryListKind kind, DateOnly effectiveFrom, ChangeReason reason,
        string? reasonText, RegistryActor actor, CancellationToken ct = default)
    {
        CheckVersionFields(effectiveFrom, reasonText);
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, ct))
        {
            throw new RegistryRuleException("agency", "执法主体不存在。", 404);
        }

        if (await db.RegistryVersions.AnyAsync(v => v.AgencyId == agencyId && v.Kind == kind && v.Status == VersionStatus.Draft, ct))
        {
            throw new RegistryRuleException("version", $"该执法主体的{kind.Chinese()}已有一份草稿：请先批准或作废它，再建新草稿。", 409);
        }

        var basis = await LatestApprovedAsync(agencyId, kind, ct);
        var draft = new RegistryVersion
        {
            Id = Guid.CreateVersion7(),
            AgencyId = agencyId,
            Kind = kind,
            Status = VersionStatus.Draft,
            EffectiveFrom = effectiveFrom,
            Reason = reason,
            ReasonText = reasonText!.Trim(),
            BasedOnId = basis?.Id,
            CreatedById = actor.AccountId,
            CreatedAtUtc = clock.GetUtcNow(),
        };
        db.RegistryVersions.Add(draft);
        if (basis is not null)
        {
            switch (kind)
            {
                case RegistryListKind.Items:
                    foreach (var i in await db.EnforcementItems.AsNoTracking().Where(i => i.VersionId == basis.Id).ToListAsync(ct))
                    {
                        i.Id = Guid.CreateVersion7();
                        i.VersionId = draft.Id;
                        db.EnforcementItems.Add(i);
                    }

                    break;
                case RegistryListKind.Officers:
                    foreach (var o in await db.OfficerEntries.AsNoTracking().Where(o => o.VersionId == basis.Id).ToListAsync(ct))
                    {
                        o.Id = Guid.CreateVersion7();
                        o.VersionId = draft.Id;
                        db.OfficerEntries.Add(o);
                    }

                    break;
            }
        }

        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Adds the item to the draft, or replaces the draft's item with the same code.</summary>
    public async Task SaveItemAsync(Guid draftId, EnforcementItem item, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, RegistryListKind.Items, ct);
        var problems = RegistryRules.CheckItem(item);
        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }

        var existing = await db.EnforcementItems.FirstOrDefaultAsync(i => i.VersionId == draft.Id && i.Code == item.Code, ct);
        if (existing is not null)
        {
            db.EnforcementItems.Remove(existing);
        }

        item.Id = Guid.CreateVersion7();
        item.AgencyId = draft.AgencyId;
        item.VersionId = draft.Id;
        db.EnforcementItems.Add(item);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveItemAsync(Guid draftId, string code, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, RegistryListKind.Items, ct);
        var existing = await db.EnforcementItems.FirstOrDefaultAsync(i => i.VersionId == draft.Id && i.Code == code, ct)
            ?? throw new RegistryRuleException("code", $"草稿中没有编码为“{code}”的事项。", 404);
        db.EnforcementItems.Remove(existing);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds an officer to the draft (a new person when <see cref="OfficerEntry.OfficerId"/> is empty) or replaces the
    /// draft's entry of that person. <paramref name="mobile"/>, when given, updates the person's internal contact.
    /// </summary>
    public async Task<Guid> SaveOfficerAsync(Guid draftId, OfficerEntry entry, string? mobile = null, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, RegistryListKind.Officers, ct);
        var problems = RegistryRules.CheckOfficer(entry).ToList();
        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }

        if (entry.OfficerId == Guid.Empty)
        {
            var person = new Officer { Id = Guid.CreateVersion7(), AgencyId = draft.AgencyId, Mobile = mobile };
            db.Officers.Add(person);
            entry.OfficerId = person.Id;
        }
        else
        {
            var person = await db.Officers.FirstOrDefaultAsync(o => o.Id == entry.OfficerId, ct)
                ?? throw new RegistryRuleException("officerId", "执法人员不存在。", 404);
            if (person.AgencyId != draft.AgencyId)
            {
                throw new RegistryRuleException("officerId", "该执法人员属于其他执法主体：调动须由原单位名单移出后由新单位新增。", 409);
            }

            if (mobile is not null)
            {
                person.Mobile = mobile;
            }
        }

        var clash = await db.OfficerEntries.AsNoTracking()
            .Where(o => o.VersionId == draft.Id && o.CertificateNumber == entry.CertificateNumber && o.OfficerId != entry.OfficerId)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            throw new RegistryRuleException("certificateNumber", $"执法证件编号 {entry.CertificateNumber} 已属于本名单中的 {clash}：证件编号不得重复。", 409);
        }

        var existing = await db.OfficerEntries.FirstOrDefaultAsync(o => o.VersionId == draft.Id && o.OfficerId == entry.OfficerId, ct);
        if (existing is not null)
        {
            db.OfficerEntries.Remove(existing);
        }

        entry.Id = Guid.CreateVersion7();
        entry.AgencyId = draft.AgencyId;
        entry.VersionId = draft.Id;
        db.OfficerEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry.OfficerId;
    }

    public async Task RemoveOfficerAsync(Guid draftId, Guid officerId, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, RegistryListKind.Officers, ct);
        var existing = await db.OfficerEntries.FirstOrDefaultAsync(o => o.VersionId == draft.Id && o.OfficerId == officerId, ct)
            ?? throw new RegistryRuleException("officerId", "草稿中没有该执法人员。", 404);
        db.OfficerEntries.Remove(existing);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Replaces the draft's items with an imported list (checked row by row before this is called). An item's discretion
    /// benchmark is not a spreadsheet column: the draft's benchmark of the same code is kept.
    /// </summary>
    public async Task ReplaceItemsAsync(Guid draftId, IReadOnlyList<EnforcementItem> items, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, RegistryListKind.Items, ct);
        var existing = await db.EnforcementItems.Where(i => i.VersionId == draft.Id).ToListAsync(ct);
        var benchmarks = existing.ToDictionary(i => i.Code, i => i.Discretion, StringComparer.Ordinal);
        db.EnforcementItems.RemoveRange(existing);
        foreach (var item in items)
        {
            item.Id = Guid.CreateVersion7();
            item.AgencyId = draft.AgencyId;
            item.VersionId = draft.Id;
            if (item.Discretion.Count == 0 && benchmarks.TryGetValue(item.Code, out var kept))
            {
                item.Discretion = [.. kept.Select(t => new DiscretionTier { Tier = t.Tier, Circumstances = t.Circumstances, Penalties = [.. t.Penalties] })];
            }

            db.EnforcementItems.Add(item);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Replaces the draft's officers with an imported list. A row is the same person as a draft entry with the same
    /// certificate number (so accounts and cases keep pointing at them); other rows are new persons.
    /// </summary>
    public async Task ReplaceOfficersAsync(Guid draftId, IReadOnlyList<OfficerRow> rows, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, RegistryListKind.Officers, ct);
        var existing = await db.OfficerEntries.Where(o => o.VersionId == draft.Id).ToListAsync(ct);
        var persons = existing.ToDictionary(o => o.CertificateNumber, o => o.OfficerId, StringComparer.Ordinal);
        var personRows = await db.Officers.Where(o => o.AgencyId == draft.AgencyId).ToDictionaryAsync(o => o.Id, ct);
        db.OfficerEntries.RemoveRange(existing);
        foreach (var row in rows)
        {
            var entry = row.Entry;
            if (persons.TryGetValue(entry.CertificateNumber, out var person))
            {
                entry.OfficerId = person;
                if (row.Mobile is not null && personRows.TryGetValue(person, out var p))
                {
                    p.Mobile = row.Mobile;
                }
            }
            else
            {
                var created = new Officer { Id = Guid.CreateVersion7(), AgencyId = draft.AgencyId, Mobile = row.Mobile };
                db.Officers.Add(created);
                entry.OfficerId = created.Id;
            }

            entry.Id = Guid.CreateVersion7();
            entry.AgencyId = draft.AgencyId;
            entry.VersionId = draft.Id;
            db.OfficerEntries.Add(entry);
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task UpdateDraftAsync(Guid draftId, DateOnly effectiveFrom, ChangeReason reason, string? reasonText, CancellationToken ct = default)
    {
        CheckVersionFields(effectiveFrom, reasonText);
        var draft = await DraftAsync(draftId, null, ct);
        draft.EffectiveFrom = effectiveFrom;
        draft.Reason = reason;
        draft.ReasonText = reasonText!.Trim();
        await db.SaveChangesAsync(ct);
    }

    public async Task DiscardAsync(Guid draftId, RegistryActor actor, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, null, ct);
        draft.Status = VersionStatus.Discarded;
        db.Record(new LedgerEvent("registry-version-discarded", null, draft.AgencyId, actor.AccountId, actor.Role, new JsonObject
        {
            ["list"] = draft.Kind.ToString(),
            ["version"] = draft.Id.ToString(),
        }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Approves a draft: every row valid, certificate numbers unique in the county, the effective date not past, and
    /// the approver not the author. Numbers the version and records the approval with the content's SHA-256.
    /// </summary>
    public async Task<RegistryVersion> ApproveAsync(Guid draftId, RegistryActor actor, CancellationToken ct = default)
    {
        var draft = await DraftAsync(draftId, null, ct);
        if (draft.CreatedById == actor.AccountId)
        {
            throw new RegistryRuleException("approver", "起草人不能批准自己起草的版本：请由另一名司法行政监督人员审核批准。", 409);
        }

        if (RegistryRules.CheckEffectiveFrom(draft.EffectiveFrom, ChinaTime.Today(clock)) is { } past)
        {
            throw new RegistryRuleException("effectiveFrom", past + "请先修改草稿的生效日期。", 409);
        }

        JsonArray content;
        var problems = new List<RegistryProblem>();
        if (draft.Kind == RegistryListKind.Items)
        {
            var items = await db.EnforcementItems.AsNoTracking().Where(i => i.VersionId == draft.Id).ToListAsync(ct);
            foreach (var i in items)
            {
                problems.AddRange(RegistryRules.CheckItem(i).Select(p => p with { Message = $"事项 {i.Code}：{p.Message}" }));
            }

            content = RegistryJson.Items(items);
        }
        else
        {
            var officers = await db.OfficerEntries.AsNoTracking().Where(o => o.VersionId == draft.Id).ToListAsync(ct);
            foreach (var o in officers)
            {
                problems.AddRange(RegistryRules.CheckOfficer(o).Select(p => p with { Message = $"{o.Name}（{o.CertificateNumber}）：{p.Message}" }));
            }

            // A certificate number names one person in the whole county: check it against every other agency's newest list.
            foreach (var (taken, clash) in await ForeignCertificatesAsync(draft.AgencyId, [.. officers.Select(o => o.CertificateNumber)], ct))
            {
                problems.Add(new RegistryProblem("certificateNumber", $"执法证件编号 {taken} {clash}：证件编号不得重复。"));
            }

            content = RegistryJson.Officers(officers);
        }

        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }

        var sha = RegistryJson.Sha256(content);
        var number = (await db.RegistryVersions.IgnoreQueryFilters().Where(v => v.AgencyId == draft.AgencyId && v.Kind == draft.Kind).MaxAsync(v => v.Number, ct) ?? 0) + 1;
        draft.Status = VersionStatus.Approved;
        draft.Number = number;
        draft.ApprovedById = actor.AccountId;
        draft.ApprovedAtUtc = clock.GetUtcNow();
        draft.ContentSha256 = sha;
        db.Record(ApprovalEvent(draft, await db.Agencies.AsNoTracking().Where(a => a.Id == draft.AgencyId).Select(a => a.Code).FirstAsync(ct),
            content.Count, actor));
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>The public record of an approval: which list, which number, from when, why, and the content's hash.</summary>
    public static LedgerEvent ApprovalEvent(RegistryVersion v, string agencyCode, int rows, RegistryActor? actor) =>
        new("registry-version-approved", null, v.AgencyId, actor?.AccountId, actor?.Role, new JsonObject
        {
            ["agency"] = agencyCode,
            ["list"] = v.Kind.ToString(),
            ["number"] = v.Number,
            ["effectiveFrom"] = v.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = v.Reason.ToString(),
            ["reasonText"] = v.ReasonText,
            ["rows"] = rows,
            ["sha256"] = Convert.ToHexStringLower(v.ContentSha256!),
        }, IsPublic: true);

    /// <summary>
    /// The certificate numbers among <paramref name="numbers"/> that another agency's newest approved list already
    /// holds, each with where (e.g. "已登记在安和县市场监督管理局的名单中（刘建国）").
    /// </summary>
    public async Task<Dictionary<string, string>> ForeignCertificatesAsync(Guid agencyId, IReadOnlyCollection<string> numbers, CancellationToken ct = default)
    {
        var others = await (from o in LatestApprovedEntries(agencyId)
                            join a in db.Agencies on o.AgencyId equals a.Id
                            where numbers.Contains(o.CertificateNumber)
                            select new { o.CertificateNumber, o.Name, Agency = a.Name }).ToListAsync(ct);
        return others.GroupBy(o => o.CertificateNumber).ToDictionary(g => g.Key, g => $"已登记在{g.First().Agency}的名单中（{g.First().Name}）", StringComparer.Ordinal);
    }

    private IQueryable<OfficerEntry> LatestApprovedEntries(Guid exceptAgency)
    {
        var approved = db.RegistryVersions.IgnoreQueryFilters().Where(v => v.Kind == RegistryListKind.Officers && v.Status == VersionStatus.Approved);
        var latest = approved.Where(v => v.AgencyId != exceptAgency && !approved.Any(w => w.AgencyId == v.AgencyId && w.Number > v.Number)).Select(v => v.Id);
        return db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => latest.Contains(o.VersionId) && o.Status != CertificateStatus.Revoked);
    }

    private Task<RegistryVersion?> LatestApprovedAsync(Guid agencyId, RegistryListKind kind, CancellationToken ct) =>
        db.RegistryVersions.AsNoTracking().Where(v => v.AgencyId == agencyId && v.Kind == kind && v.Status == VersionStatus.Approved)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);

    private async Task<RegistryVersion> DraftAsync(Guid id, RegistryListKind? kind, CancellationToken ct)
    {
        var v = await db.RegistryVersions.FirstOrDefaultAsync(v => v.Id == id, ct)
            ?? throw new RegistryRuleException("version", "名单版本不存在。", 404);
        if (v.Status != VersionStatus.Draft)
        {
            throw new RegistryRuleException("version", v.Status == VersionStatus.Approved
                ? $"第 {v.Number} 版{v.Kind.Chinese()}已批准，不能再修改：变更请新建草稿。"
                : "该草稿已作废，不能再修改。", 409);
        }

        if (kind is { } k && v.Kind != k)
        {
            throw new RegistryRuleException("version", $"该草稿是{v.Kind.Chinese()}，不是{k.Chinese()}。", 409);
        }

        return v;
    }

    private void CheckVersionFields(DateOnly effectiveFrom, string? reasonText)
    {
        var problems = new List<RegistryProblem>();
        if (RegistryRules.CheckEffectiveFrom(effectiveFrom, ChinaTime.Today(clock)) is { } past)
        {
            problems.Add(new("effectiveFrom", past));
        }

        if (string.IsNullOrWhiteSpace(reasonText))
        {
            problems.Add(new("reasonText", "请说明调整原因（如 因《食品安全法》修正，调整第X项事项的实施依据）。"));
        }
        else if (reasonText.Length > 500)
        {
            problems.Add(new("reasonText", "调整原因不超过 500 字。"));
        }

        if (problems.Count > 0)
        {
            throw new RegistryRuleException(problems);
        }
    }
}
