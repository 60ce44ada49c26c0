using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core.Accounts;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Redaction;
using Sanxiang.Data;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Documents;

namespace Sanxiang.Web.Areas.Workbench.Pages.Publications;

/// <summary>
/// 公示内容预览 (PUB-6, PUB-7): the decision document's served text, read back from its DOCX, with every redaction the
/// platform proposes highlighted (kind, what it becomes, why) and the text as it would be published. The case's own
/// people are given to the redaction engine (the party if a natural person, the representative, the officers, whose names
/// are published by law); the default policy masks every natural person's name.
/// </summary>
public sealed class PreviewModel(SanxiangDbContext db, IBlobStore blobs) : PageModel
{
    /// <summary>A run of the served text: plain, or a proposed redaction.</summary>
    public sealed record Segment(string Text, RedactionSpan? Span);

    public PublicationTask Task { get; private set; } = null!;
    public string? DocumentNumber { get; private set; }
    public List<Segment> Segments { get; } = [];
    public IReadOnlyList<RedactionSpan> Spans { get; private set; } = [];
    public string? Redacted { get; private set; }

    /// <summary>Why there is no text to show, in Chinese.</summary>
    public string? NoText { get; private set; }

    private static readonly string[] Readers = [Roles.PublicityClerk, Roles.AgencyHead, Roles.Supervisor];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!Readers.Any(User.IsInRole))
        {
            return Forbid();
        }

        if (await db.PublicationTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } task)
        {
            return NotFound();
        }

        Task = task;
        var @case = await db.Cases.AsNoTracking().Include(c => c.Officers).FirstAsync(c => c.Id == task.CaseId, ct);
        var document = await db.IssuedDocuments.AsNoTracking().Decisions().Where(d => d.CaseId == task.CaseId)
            .OrderByDescending(d => d.IssuedAtUtc).FirstOrDefaultAsync(ct);
        if (document is null)
        {
            NoText = "本决定没有在平台出具的决定书，公示内容由公示专员依照决定文书填写。";
            return Page();
        }

        DocumentNumber = document.Number;
        string text;
        await using (var stream = blobs.Open(document.DocxSha256))
        {
            if (stream is null)
            {
                NoText = $"决定书（{document.Number}）的 DOCX 文件不在文件库中，请联系系统管理员核查。";
                return Page();
            }

            text = DocumentText.FromDocx(stream);
        }

        var result = Redactor.Redact(text, ContextOf(@case), RedactionPolicy.Default);
        Spans = result.Spans;
        Redacted = result.Text;
        var at = 0;
        foreach (var span in result.Spans.OrderBy(s => s.Start))
        {
            if (span.Start > at)
            {
                Segments.Add(new Segment(text[at..span.Start], null));
            }

            Segments.Add(new Segment(text.Substring(span.Start, span.Length), span));
            at = span.End;
        }

        if (at < text.Length)
        {
            Segments.Add(new Segment(text[at..], null));
        }

        return Page();
    }

    /// <summary>The natural persons and organisations the case record knows, with the parts they play.</summary>
    public static RedactionContext ContextOf(Case @case)
    {
        var people = new List<KnownPerson>();
        var organisations = new List<string>();
        if (@case.Party.Kind == PartyKind.Person)
        {
            people.Add(new KnownPerson(@case.Party.Name, PersonRole.Party));
        }
        else
        {
            organisations.Add(@case.Party.Name);
            if (!string.IsNullOrWhiteSpace(@case.Party.Representative))
            {
                people.Add(new KnownPerson(@case.Party.Representative, PersonRole.LegalRepresentative));
            }
        }

        people.AddRange(@case.Officers.Select(o => new KnownPerson(o.Name, PersonRole.Officer)));
        return new RedactionContext(people, organisations);
    }
}
