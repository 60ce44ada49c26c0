using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Redaction;
using Sanxiang.Data;
using Sanxiang.Data.Cases;
using Sanxiang.Data.Publication;
using Sanxiang.Web.Api;

namespace Sanxiang.Web.Areas.Workbench.Pages.Publications;

/// <summary>
/// 公示内容确认 (PUB-5..7): the entry as it would be published — the public fields from the case and, for each text that
/// carries personal data (the facts in brief, the decision document's served text read back from its DOCX), every
/// redaction the engine proposes, highlighted, each with a box the clerk may clear, and a field for anything more to
/// mask. The clerk confirms and publishes, or decides not to publish on a named ground with a reason; once published, a
/// correction publishes a new version with its reason. Agency heads and supervisors see the page; only the clerk acts.
/// </summary>
public sealed class PreviewModel(SanxiangDbContext db, Publishing publishing) : PageModel
{
    /// <summary>A run of a section's original text: plain, or a proposed redaction with its form identifier.</summary>
    public sealed record Segment(string Text, RedactionSpan? Span, string? Id);

    public sealed record SectionView(DraftSection Section, IReadOnlyList<Segment> Segments, string Redacted);

    public PublicationTask Task { get; private set; } = null!;

    /// <summary>Why there is nothing to confirm (a withdrawal task, a document file missing), in Chinese.</summary>
    public string? Unavailable { get; private set; }
    public PublicationDraft Draft { get; private set; } = null!;
    public List<SectionView> Sections { get; } = [];

    /// <summary>The version on the portal, if the decision is published.</summary>
    public PublishedDecision? Current { get; private set; }

    public bool CanAct => User.IsInRole(Roles.PublicityClerk);

    /// <summary>Problems with the clerk's last submission, in Chinese.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The proposals the clerk kept on a refused submission (to show the form as it was sent); null: all.</summary>
    public IReadOnlySet<string>? Kept { get; private set; }
    public string? Added { get; private set; }
    public string? CorrectionReason { get; private set; }
    public string? ExemptGround { get; private set; }
    public string? ExemptReason { get; private set; }

    private static readonly string[] Readers = [Roles.PublicityClerk, Roles.AgencyHead, Roles.Supervisor];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, [FromForm] string? digest, [FromForm] string[]? keep, [FromForm] string? added,
        [FromForm] string? correctionReason, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        var marks = (added ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            var entry = await publishing.PublishAsync(id, new PublishRequest(digest, keep ?? [], marks, correctionReason), CasesApi.Actor(User), Roles.PublicityClerk, ct);
            return Redirect($"/decisions/{entry.Id}");
        }
        catch (CaseRuleException e)
        {
            Errors.AddRange(e.Problems.Select(p => p.Message));
            Kept = (keep ?? []).ToHashSet(StringComparer.Ordinal);
            Added = added;
            CorrectionReason = correctionReason;
            Response.StatusCode = e.Status;
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    public async Task<IActionResult> OnPostExemptAsync(Guid id, [FromForm] string? ground, [FromForm] string? reason, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        try
        {
            await publishing.ExemptAsync(id, ground, reason, CasesApi.Actor(User), Roles.PublicityClerk, ct);
            return Redirect("/workbench/publications");
        }
        catch (CaseRuleException e)
        {
            Errors.AddRange(e.Problems.Select(p => p.Message));
            ExemptGround = ground;
            ExemptReason = reason;
            Response.StatusCode = e.Status;
            return await LoadAsync(id, ct) ?? Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            (Task, Draft) = await publishing.DraftAsync(id, ct);
        }
        catch (CaseRuleException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (CaseRuleException e)
        {
            Unavailable = string.Join(" ", e.Problems.Select(p => p.Message));
            Response.StatusCode = e.Status;
            return Page();
        }

        Current = await db.PublishedDecisions.AsNoTracking().FirstOrDefaultAsync(p => p.TaskId == id && p.State == PublishedState.Public, ct);
        foreach (var section in Draft.Sections)
        {
            Sections.Add(new SectionView(section, SegmentsOf(section), Redactor.Apply(section.Original, section.Proposed).Result?.Text ?? section.Original));
        }

        return null;
    }

    private static List<Segment> SegmentsOf(DraftSection section)
    {
        var segments = new List<Segment>();
        var text = section.Original;
        var at = 0;
        foreach (var span in section.Proposed.OrderBy(s => s.Start))
        {
            if (span.Start > at)
            {
                segments.Add(new Segment(text[at..span.Start], null, null));
            }

            segments.Add(new Segment(text.Substring(span.Start, span.Length), span, section.IdOf(span)));
            at = span.End;
        }

        if (at < text.Length)
        {
            segments.Add(new Segment(text[at..], null, null));
        }

        return segments;
    }
}
