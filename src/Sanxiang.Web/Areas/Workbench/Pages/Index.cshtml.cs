using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Registry;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Registry;

namespace Sanxiang.Web.Areas.Workbench.Pages;

/// <summary>What is waiting for the signed-in person. Every query runs through the agency scope of the DbContext.</summary>
public sealed class IndexModel(SanxiangDbContext db, TimeProvider clock, Sanxiang.Data.Cases.CaseHandling handling) : PageModel
{
    public sealed record TaskLine(string Text, string Due, string Css);
    public sealed record OfficerLine(OfficerEntry Officer, string AgencyName);

    public string DisplayName { get; private set; } = "";
    public string AgencyName { get; private set; } = "";
    public IReadOnlyList<string> RoleNames { get; private set; } = [];
    public bool CountyWide { get; private set; }
    public DateOnly Today { get; private set; }
    public int ValidOfficers { get; private set; }
    public int Reviewers { get; private set; }
    public double ReviewerRatio { get; private set; }
    public List<OfficerLine> Expiring { get; private set; } = [];
    public List<OfficerLine> Expired { get; private set; } = [];
    public List<TaskLine> Tasks { get; } = [];

    public async Task OnGetAsync()
    {
        DisplayName = User.FindFirstValue(SanxiangClaims.DisplayName) ?? User.Identity!.Name!;
        AgencyName = User.FindFirstValue(SanxiangClaims.AgencyName) ?? "";
        RoleNames = User.FindAll(ClaimTypes.Role).Select(c => Roles.Chinese(c.Value)).ToList();
        CountyWide = db.Scope.ReadsAllAgencies;
        Today = ChinaTime.Today(clock);

        var officers = await (from o in db.ScopedOfficerEntriesInForce(Today)
                              join a in db.Agencies on o.AgencyId equals a.Id
                              select new OfficerLine(o, a.ShortName)).ToListAsync();
        var certified = officers.Where(o => o.Officer.IsCertifiedOn(Today)).ToList();
        ValidOfficers = certified.Count;
        Reviewers = certified.Count(o => o.Officer.IsReviewer);
        ReviewerRatio = ValidOfficers == 0 ? 0 : (double)Reviewers / ValidOfficers;
        Expiring = [.. certified.Where(o => o.Officer.ValidTo.DayNumber - Today.DayNumber <= 60).OrderBy(o => o.Officer.ValidTo)];
        Expired = [.. officers.Where(o => o.Officer.EffectiveStatus(Today) == CertificateStatus.Expired)
            .OrderBy(o => o.Officer.ValidTo)];

        if (Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            var officerId = await db.Users.Where(u => u.Id == accountId).Select(u => u.OfficerId).FirstOrDefaultAsync();
            var me = officers.FirstOrDefault(o => o.Officer.OfficerId == officerId)?.Officer;
            if (me is not null && me.ValidTo.DayNumber - Today.DayNumber <= 90)
            {
                Tasks.Add(new TaskLine($"您的执法证（{me.CertificateNumber}）将于 {me.ValidTo:yyyy年M月d日} 到期，请及时向县司法局申请换证。",
                    me.ValidTo < Today ? "已过期" : $"剩 {me.ValidTo.DayNumber - Today.DayNumber} 天", me.ValidTo < Today ? "status-expired" : "status-expiring"));
            }
        }

        await CaseTasksAsync();
        await PublicationTasksAsync();
        if (new[] { Roles.PublicityClerk, Roles.AgencyHead, Roles.Supervisor }.Any(User.IsInRole))
        {
            // Issue 7 item 8: this year's publication timeliness and full-text rate, for those who answer for them.
            Publication = (await Sanxiang.Data.Publication.PublicationFigures.LoadAsync(db, new DateOnly(Today.Year, 1, 1), Today, Today)).County;
        }

        if (User.IsInRole(Roles.AgencyHead) || User.IsInRole(Roles.Supervisor))
        {
            foreach (var o in Expiring)
            {
                Tasks.Add(new TaskLine($"{o.AgencyName}执法人员{o.Officer.Name}的执法证将于 {o.Officer.ValidTo:yyyy年M月d日} 到期，需组织换证。",
                    $"剩 {o.Officer.ValidTo.DayNumber - Today.DayNumber} 天", "status-expiring"));
            }

            if (ValidOfficers > 0 && ReviewerRatio < RegistryFigures.MinimumReviewerRatio)
            {
                Tasks.Add(new TaskLine($"法制审核人员占执法人员的 {ReviewerRatio:P1}，低于 5% 的要求，请增配法制审核人员（REV-6）。", "待整改", "status-expired"));
            }
        }
    }

    /// <summary>This year's publication figures in the caller's scope (clerks, heads, supervisors).</summary>
    public Sanxiang.Core.Publication.PublicationTally? Publication { get; private set; }

    /// <summary>
    /// PUB-5: decisions waiting to be published — for the clerk those due within two working days or overdue; for agency
    /// heads and supervisors the overdue ones, per agency.
    /// </summary>
    private async Task PublicationTasksAsync()
    {
        var clerk = User.IsInRole(Roles.PublicityClerk);
        if (!clerk && !User.IsInRole(Roles.AgencyHead) && !User.IsInRole(Roles.Supervisor))
        {
            return;
        }

        var calendar = await Sanxiang.Data.Calendar.CalendarStore.LoadAsync(db);
        var pending = await db.PublicationTasks.AsNoTracking().Where(t => t.Status == Sanxiang.Core.Publication.PublicationStatus.Pending)
            .OrderBy(t => t.DueOn).Take(500).ToListAsync();
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ShortName);
        foreach (var t in pending)
        {
            var withdrawal = t.Kind == Sanxiang.Core.Publication.PublicationTaskKind.Withdraw;
            var unit = withdrawal ? Sanxiang.Core.Workflow.PeriodUnit.CalendarDays : Sanxiang.Core.Workflow.PeriodUnit.WorkingDays;
            var left = Sanxiang.Core.Cases.LegalPeriods.DaysLeft(calendar, Today, t.DueOn, unit);
            if (left < 0 || clerk && left <= 2)
            {
                var what = withdrawal ? "应于 {0:yyyy年M月d日} 前撤回公示（决定已变化）。" : "应于 {0:yyyy年M月d日} 前公示。";
                Tasks.Add(new TaskLine($"{(CountyWide ? agencies.GetValueOrDefault(t.AgencyId, "") : "")}{t.CaseNumber}的{Sanxiang.Core.Publication.PublicationRules.Chinese(t.Category)}"
                    + string.Format(System.Globalization.CultureInfo.InvariantCulture, what, t.DueOn),
                    Sanxiang.Core.Cases.Deadline.LeftText(left, unit), left < 0 ? "status-expired" : "status-expiring"));
            }
        }
    }

    /// <summary>
    /// Deadlines of open cases: an officer's own cases due within three days or overdue; for unit and agency heads and
    /// supervisors, every overdue step they oversee.
    /// </summary>
    private async Task CaseTasksAsync()
    {
        var me = User.Officer();
        var oversees = User.IsInRole(Roles.UnitHead) || User.IsInRole(Roles.AgencyHead) || User.IsInRole(Roles.Supervisor);
        if (me is null && !oversees)
        {
            return;
        }

        var query = db.Cases.AsNoTracking().Where(c => c.SealedAtUtc == null);
        if (!oversees)
        {
            query = query.Where(c => c.Officers.Any(o => o.OfficerId == me && !o.Recused));
        }

        var cases = await query.Include(c => c.Officers).Include(c => c.Facts).Include(c => c.Steps).Include(c => c.Evidence).AsSplitQuery()
            .OrderBy(c => c.CreatedAtUtc).Take(500).ToListAsync();
        var deadlines = await Sanxiang.Web.Api.CasesApi.DeadlinesAsync(db, handling, cases, clock);
        foreach (var c in cases)
        {
            var mine = me is { } officer && c.Officers.Any(o => o.OfficerId == officer && !o.Recused);
            foreach (var d in deadlines[c.Id].Where(d => d.Overdue || mine && d.DueSoon))
            {
                Tasks.Add(new TaskLine($"{c.Number}（{c.Cause}）：{d.What}，{d.DueText}届满", d.DaysLeftText,
                    d.Overdue ? "status-expired" : "status-expiring"));
            }
        }
    }
}
