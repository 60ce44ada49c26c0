using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Supervision;
using Sanxiang.Core;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Core.Sharing;
using Sanxiang.Data.Inspection;

namespace Sanxiang.Data.Sharing;

/// <summary>
/// The records of a sharing package (docs/data-sharing.md): what the provincial platform receives, file by file, for a
/// change window. Only public fields and the registry data the province itself keeps leave the county: never a party's ID
/// number, address or phone, an officer's mobile, a complaint, an internal note or an internal id (the keys are public:
/// agency codes, list numbers, certificate numbers, public decision numbers, plan numbers). Reads across every agency,
/// whatever the caller's scope: the endpoint decides who may call.
/// </summary>
public sealed class SharingExport(SanxiangDbContext db)
{
    private const string C = SharingColumns.ChangedAtUtc;

    public async Task WriteAsync(SharingPackageWriter writer, SharingWindow window, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var codes = await db.Agencies.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(a => a.Id, a => (a.Code, a.Name), ct);
        await writer.WriteFileAsync(SharingPackage.Agencies, AgenciesAsync(window, codes, ct), ct);
        await writer.WriteFileAsync(SharingPackage.ItemLists, ListsAsync(RegistryListKind.Items, window, today, codes, ct), ct);
        await writer.WriteFileAsync(SharingPackage.OfficerLists, ListsAsync(RegistryListKind.Officers, window, today, codes, ct), ct);
        await writer.WriteFileAsync(SharingPackage.Decisions, DecisionsAsync(window, codes, ct), ct);
        await writer.WriteFileAsync(SharingPackage.InspectionResults, InspectionResultsAsync(window, ct), ct);
        await writer.WriteFileAsync(SharingPackage.Statistics, StatisticsAsync(codes, ct), ct);
    }

    private static IQueryable<T> Changed<T>(IQueryable<T> rows, SharingWindow window) where T : class
    {
        var until = window.Until;
        if (window.Since is { } since)
        {
            return rows.Where(r => EF.Property<DateTimeOffset>(r, C) >= since && EF.Property<DateTimeOffset>(r, C) < until);
        }

        return rows;
    }

    private async IAsyncEnumerable<JsonObject> AgenciesAsync(SharingWindow window, Dictionary<Guid, (string Code, string Name)> codes,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = await Changed(db.Agencies.IgnoreQueryFilters().AsNoTracking(), window)
            .Select(a => new { Agency = a, At = EF.Property<DateTimeOffset>(a, C) }).ToListAsync(ct);
        foreach (var r in rows.OrderBy(r => r.Agency.SortOrder).ThenBy(r => r.Agency.Code, StringComparer.Ordinal))
        {
            yield return Agency(r.Agency, codes, r.At);
        }
    }

    /// <summary>An agency's public profile (PUB-1): what the portal's agency page shows, keyed by its code.</summary>
    public static JsonObject Agency(Agency a, IReadOnlyDictionary<Guid, (string Code, string Name)> codes, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(codes);
        return new JsonObject
        {
            ["code"] = a.Code,
            ["name"] = a.Name,
            ["shortName"] = a.ShortName,
            ["caseNumberPrefix"] = a.CaseNumberPrefix,
            ["uscc"] = a.Uscc,
            ["kind"] = a.Kind.ToString(),
            ["kindName"] = a.Kind.Chinese(),
            ["entrustedBy"] = a.EntrustedById is { } e && codes.TryGetValue(e, out var eb) ? eb.Code : null,
            ["level"] = a.Level,
            ["parent"] = a.ParentId is { } p && codes.TryGetValue(p, out var pc) ? pc.Code : null,
            ["jurisdiction"] = a.Jurisdiction,
            ["duties"] = a.Duties,
            ["legalBasis"] = a.LegalBasis,
            ["address"] = a.Address,
            ["postcode"] = a.Postcode,
            ["phone"] = a.Phone,
            ["complaintPhone"] = a.ComplaintPhone,
            ["officeHours"] = a.OfficeHours,
            ["reconsiderationOrgan"] = a.ReconsiderationOrgan,
            ["competentCourt"] = a.CompetentCourt,
            ["sortOrder"] = a.SortOrder,
            ["changedAtUtc"] = SharingPackage.Iso(changedAt),
        };
    }

    private async IAsyncEnumerable<JsonObject> ListsAsync(RegistryListKind kind, SharingWindow window, DateOnly today,
        Dictionary<Guid, (string Code, string Name)> codes, [EnumeratorCancellation] CancellationToken ct)
    {
        var approved = await db.RegistryVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Kind == kind && v.Status == VersionStatus.Approved)
            .Select(v => new { Version = v, At = EF.Property<DateTimeOffset>(v, C) }).ToListAsync(ct);
        var chosen = window.Since is null
            // Full: the version in force today and any approved to take effect later, per agency.
            ? approved.GroupBy(v => v.Version.AgencyId).SelectMany(g =>
            {
                var inForce = g.Where(v => v.Version.EffectiveFrom <= today).MaxBy(v => v.Version.Number);
                return g.Where(v => v.Version.EffectiveFrom > today || v == inForce);
            })
            : approved.Where(v => window.Contains(v.At));
        foreach (var v in chosen.OrderBy(v => codes[v.Version.AgencyId].Code, StringComparer.Ordinal).ThenBy(v => v.Version.Number))
        {
            var version = v.Version;
            var line = new JsonObject
            {
                ["agencyCode"] = codes[version.AgencyId].Code,
                ["agency"] = codes[version.AgencyId].Name,
                ["list"] = kind.Slug(),
                ["number"] = version.Number,
                ["effectiveFrom"] = SharingPackage.Iso(version.EffectiveFrom),
                ["reason"] = version.Reason.ToString(),
                ["reasonName"] = version.Reason.Chinese(),
                ["reasonText"] = version.ReasonText,
                ["approvedAtUtc"] = version.ApprovedAtUtc is { } at ? SharingPackage.Iso(at) : null,
                ["sha256"] = version.ContentSha256 is { } sha ? Convert.ToHexStringLower(sha) : null,
                ["changedAtUtc"] = SharingPackage.Iso(v.At),
            };
            if (kind == RegistryListKind.Items)
            {
                var items = await db.EnforcementItems.IgnoreQueryFilters().AsNoTracking().Where(i => i.VersionId == version.Id).ToListAsync(ct);
                line["items"] = RegistryJson.Items(items);
            }
            else
            {
                var officers = await db.OfficerEntries.IgnoreQueryFilters().AsNoTracking().Where(o => o.VersionId == version.Id).ToListAsync(ct);
                line["officers"] = new JsonArray([.. officers.OrderBy(o => o.CertificateNumber, StringComparer.Ordinal).Select(o => (JsonNode)Officer(o))]);
            }

            yield return line;
        }
    }

    /// <summary>
    /// An officer entry: the public fields whose canonical JSON the approval hashed (<see cref="RegistryJson.Officer"/>), and
    /// the filing data the judicial bureau and the province keep about every certificate (gender, position, filing day,
    /// legal-profession qualification number). Never the person's internal id or mobile.
    /// </summary>
    public static JsonObject Officer(OfficerEntry o)
    {
        var line = RegistryJson.Officer(o);
        line["gender"] = o.Gender;
        line["position"] = o.Position;
        line["filedOn"] = o.FiledOn is { } f ? SharingPackage.Iso(f) : null;
        line["legalQualificationNumber"] = o.LegalQualificationNumber;
        return line;
    }

    private async IAsyncEnumerable<JsonObject> DecisionsAsync(SharingWindow window, Dictionary<Guid, (string Code, string Name)> codes,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = Changed(db.PublishedDecisions.IgnoreQueryFilters().AsNoTracking(), window).OrderBy(d => d.Id)
            .Select(d => new { Decision = d, At = EF.Property<DateTimeOffset>(d, C) });
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return Decision(r.Decision, codes[r.Decision.AgencyId].Code, r.At);
        }
    }

    /// <summary>
    /// A published decision as the portal shows it: the published content (the same object whose SHA-256 the record log
    /// holds, <see cref="PublicationDraft.ContentOf"/>) with its number, state and log leaf; an entry that left the portal
    /// (withdrawn, expired, ended by credit repair) only as the portal's stub, marked as a tombstone.
    /// </summary>
    public static JsonObject Decision(PublishedDecision d, string agencyCode, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!d.HasContent)
        {
            return new JsonObject
            {
                ["id"] = d.Id,
                ["tombstone"] = true,
                ["agency"] = d.AgencyName,
                ["agencyCode"] = agencyCode,
                ["title"] = d.Title,
                ["documentNumber"] = d.DocumentNumber,
                ["state"] = d.State.ToString(),
                ["stateName"] = d.State.Chinese(),
                ["reason"] = d.StateReason,
                ["stateAtUtc"] = d.StateAtUtc is { } at ? SharingPackage.Iso(at) : null,
                ["stateLedgerIndex"] = d.StateLedgerIndex,
                ["changedAtUtc"] = SharingPackage.Iso(changedAt),
            };
        }

        var line = PublicationDraft.ContentOf(d);
        line["id"] = d.Id;
        line["tombstone"] = false;
        line["path"] = "/decisions/" + d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        line["agencyCode"] = agencyCode;
        line["procedure"] = d.Procedure.ToString();
        line["state"] = d.State.ToString();
        line["stateName"] = d.State.Chinese();
        line["supersedes"] = d.SupersedesId;
        line["supersededBy"] = d.SupersededById;
        line["contentSha256"] = d.ContentSha256;
        line["ledgerIndex"] = d.LedgerIndex;
        line["changedAtUtc"] = SharingPackage.Iso(changedAt);
        return line;
    }

    private async IAsyncEnumerable<JsonObject> InspectionResultsAsync(SharingWindow window, [EnumeratorCancellation] CancellationToken ct)
    {
        HashSet<(Guid, int)>? changed = null;
        if (window.Since is { } since)
        {
            var until = window.Until;
            var tasks = from t in db.InspectionTasks.IgnoreQueryFilters()
                        join c in db.Cases.IgnoreQueryFilters() on t.CaseId equals c.Id
                        where (EF.Property<DateTimeOffset>(t, C) >= since && EF.Property<DateTimeOffset>(t, C) < until)
                              || (EF.Property<DateTimeOffset>(c, C) >= since && EF.Property<DateTimeOffset>(c, C) < until)
                        select new { t.PlanId, t.Order };
            changed = [.. (await tasks.ToListAsync(ct)).Select(t => (t.PlanId, t.Order))];
        }

        foreach (var r in await InspectionStatistics.PublishedResultsAsync(db, null, null, null, ct))
        {
            if (changed is not null && !changed.Contains((r.PlanId, r.Order)))
            {
                continue;
            }

            yield return new JsonObject
            {
                ["planNumber"] = r.PlanNumber,
                ["planTitle"] = r.PlanTitle,
                ["agencyCode"] = r.AgencyCode,
                ["agency"] = r.AgencyName,
                ["items"] = new JsonArray([.. r.Items.Select(i => (JsonNode)new JsonObject { ["agencyCode"] = i.AgencyCode, ["code"] = i.Code, ["name"] = i.Name })]),
                ["order"] = r.Order,
                ["target"] = r.TargetName,
                ["creditCode"] = r.CreditCode,
                ["inspectors"] = new JsonArray([.. r.Inspectors.Select(n => (JsonNode)JsonValue.Create(n))]),
                ["result"] = r.Result,
                ["concludedOn"] = r.ConcludedOn is { } c ? SharingPackage.Iso(c) : null,
                ["publishedOn"] = SharingPackage.Iso(r.PublishedOn),
            };
        }
    }

    /// <summary>
    /// Per agency and calendar month (China Standard Time days): cases opened, decided (by outcome, with the fines decided)
    /// and closed, from the dashboard's monthly roll-up (decision 0022). A snapshot of every month in every package: figures are derived and
    /// small, and replacing them whole is the only way the receiver never keeps a stale month.
    /// </summary>
    private async IAsyncEnumerable<JsonObject> StatisticsAsync(Dictionary<Guid, (string Code, string Name)> codes, [EnumeratorCancellation] CancellationToken ct)
    {
        var months = new SortedDictionary<(string Agency, string Month), MonthFigures>();
        MonthFigures At(Guid agency, DateOnly day)
        {
            var key = (codes[agency].Code, day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            if (!months.TryGetValue(key, out var m))
            {
                months[key] = m = new MonthFigures(codes[agency].Name);
            }

            return m;
        }

        // The dashboard's monthly roll-up (decision 0022): a few rows per agency and month, whatever the number of cases.
        var rows = db.CaseCounts.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Measure == CaseCounts.Opened || c.Measure == CaseCounts.Decided || c.Measure == CaseCounts.Fines || c.Measure == CaseCounts.Closed)
            .Select(c => new { c.AgencyId, c.Measure, c.Period, c.Key, c.Value });
        await foreach (var c in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (c.Value == 0 || !codes.ContainsKey(c.AgencyId))
            {
                continue;
            }

            var m = At(c.AgencyId, c.Period);
            switch (c.Measure)
            {
                case CaseCounts.Opened:
                    m.Opened += (int)c.Value;
                    break;
                case CaseCounts.Decided:
                    m.Decided += (int)c.Value;
                    var outcome = CaseCounts.ParseDecided(c.Key).Outcome ?? "未载明";
                    m.Outcomes[outcome] = m.Outcomes.GetValueOrDefault(outcome) + (int)c.Value;
                    break;
                case CaseCounts.Fines:
                    m.FineYuan += c.Value;
                    break;
                default:
                    m.Closed += (int)c.Value;
                    break;
            }
        }

        foreach (var ((agency, month), m) in months)
        {
            var outcomes = new JsonObject();
            foreach (var (k, v) in m.Outcomes)
            {
                outcomes[k] = v;
            }

            yield return new JsonObject
            {
                ["agencyCode"] = agency,
                ["agency"] = m.Name,
                ["month"] = month,
                ["casesOpened"] = m.Opened,
                ["casesDecided"] = m.Decided,
                ["decisionsByOutcome"] = outcomes,
                ["fineYuan"] = m.FineYuan,
                ["casesClosed"] = m.Closed,
            };
        }
    }

    private sealed class MonthFigures(string name)
    {
        public string Name { get; } = name;
        public int Opened { get; set; }
        public int Decided { get; set; }
        public long FineYuan { get; set; }
        public int Closed { get; set; }
        public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);
    }
}
