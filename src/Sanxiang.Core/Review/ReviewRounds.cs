using Sanxiang.Core.Cases;
using Sanxiang.Core.Documents;

namespace Sanxiang.Core.Review;

/// <summary>
/// The rounds of a case's legal review, read from its append-only record: a round begins when the case enters the
/// review step (a submission) and ends when it leaves it (an opinion). What a round says is what was recorded since
/// it began, so answers of an earlier round never count for a later one.
/// </summary>
public static partial class ReviewRounds
{
    public const string Step = "review";

    /// <summary>
    /// Facts that belong to one round: recorded again whenever given, even with the same value as before, since a
    /// round counts only what was said in it (a second "符合" is a new answer, a renewed statement a new promise).
    /// </summary>
    public static readonly IReadOnlySet<string> RoundKeys = new HashSet<string>(
        [
            FactKeys.ReviewResponsibility.Key, FactKeys.ReviewResponses.Key, FactKeys.ReviewOpinion.Key, FactKeys.ReviewNote.Key, FactKeys.ReviewProblems.Key,
            .. FactKeys.ReviewPoints.SelectMany(p => new[] { p.Answer.Key, p.Note.Key }),
        ], StringComparer.Ordinal);

    /// <summary>
    /// The recorded part of what is submitted for review (REV-7) besides the evidence: the investigation report, the party's
    /// statement, and the proposed penalty with its discretion. The reviewer reviews exactly these as they stood at the
    /// submission; a change to any of them, or new evidence, means a new round.
    /// </summary>
    public static readonly FactKey[] Materials =
    [
        FactKeys.InvestigationReport, FactKeys.Statement, FactKeys.PenaltyKinds, FactKeys.FineAmount, FactKeys.ConfiscationAmount,
        FactKeys.BenchmarkTier, FactKeys.BenchmarkReason,
    ];

    /// <summary>
    /// The submitted materials as they stood at <paramref name="at"/>: how many evidence files, and a SHA-256 digest over each
    /// evidence file (id and content hash) and each material fact (key and the SHA-256 of its value), in a fixed order. The
    /// submission's log entry carries it, so anyone holding the case file can recompute what was submitted.
    /// </summary>
    public static SubmittedMaterials MaterialsAt(Case @case, DateTimeOffset at)
    {
        var evidence = @case.Evidence.Where(e => e.AddedAtUtc <= at).OrderBy(e => e.Id).ToList();
        var lines = evidence.Select(e => $"evidence:{e.Id:D}:{e.Sha256}")
            .Concat(Materials.Select(k => ValueAt(@case, k.Key, at) is { } v ? $"fact:{k.Key}:{Hex(System.Text.Encoding.UTF8.GetBytes(v))}" : $"fact:{k.Key}:-"));
        return new SubmittedMaterials(evidence.Count, Hex(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>
    /// What of the submitted materials changed after <paramref name="at"/>, in Chinese (e.g. 罚款金额（元）、新增证据“现场照片”);
    /// empty when nothing did.
    /// </summary>
    public static IReadOnlyList<string> ChangedSince(Case @case, DateTimeOffset at)
    {
        var changed = Materials.Where(k => Latest(@case, k.Key) != ValueAt(@case, k.Key, at)).Select(k => k.Label).ToList();
        var added = @case.Evidence.Where(e => e.AddedAtUtc > at).OrderBy(e => e.AddedAtUtc).ToList();
        if (added.Count > 0)
        {
            changed.Add($"新增证据“{string.Join("”“", added.Take(3).Select(e => e.Title))}”" + (added.Count > 3 ? $"等{added.Count}份" : ""));
        }

        return changed;
    }

    private static string? Latest(Case @case, string key) => @case.Facts.Where(f => f.Key == key).MaxBy(f => f.Sequence)?.Value;

    private static string? ValueAt(Case @case, string key, DateTimeOffset at) =>
        @case.Facts.Where(f => f.Key == key && f.RecordedAtUtc <= at).MaxBy(f => f.Sequence)?.Value;

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>The reviewers who declared a conflict on the case (REV-5), with their reasons, in the order declared.</summary>
    public static IReadOnlyList<ReviewRecusal> Recusals(Case @case) =>
        [.. @case.Facts.Where(f => f.Key == FactKeys.ReviewRecusal.Key).OrderBy(f => f.Sequence).Select(Recusal).OfType<ReviewRecusal>()];

    private static ReviewRecusal? Recusal(CaseFact fact) =>
        fact.Value.Split(' ', 2) is [var id, var rest] && Guid.TryParse(id, out var account) && rest.Split('：', 2) is [var name, var reason]
            ? new ReviewRecusal(account, name, reason, fact.RecordedAtUtc)
            : null;

    /// <summary>How a recusal is recorded: the account, then the name and the reason.</summary>
    public static string RecusalValue(Guid account, string name, string reason) => $"{account:D} {name}：{reason}";

    /// <summary>Every submission (entry into review), in order.</summary>
    public static IReadOnlyList<CaseStepRecord> Submissions(Case @case) => [.. @case.Steps.Where(s => s.To == Step).OrderBy(s => s.Sequence)];

    /// <summary>The last time the case left review (an opinion), if any.</summary>
    public static CaseStepRecord? LastExit(Case @case) => @case.Steps.Where(s => s.From == Step).MaxBy(s => s.Sequence);

    /// <summary>The latest value of <paramref name="key"/> recorded at or after <paramref name="since"/> (any time when null).</summary>
    public static string? Since(Case @case, FactKey key, DateTimeOffset? since) =>
        @case.Facts.Where(f => f.Key == key.Key && (since is null || f.RecordedAtUtc >= since)).MaxBy(f => f.Sequence)?.Value;

    /// <summary>The reviewer's answers to the eight matters recorded since <paramref name="since"/> (null: unanswered).</summary>
    public static IReadOnlyList<ReviewPoint> Points(Case @case, DateTimeOffset? since) =>
    [
        .. FactKeys.ReviewPoints.Select(p => new ReviewPoint(p.Answer.Label, Answer(Since(@case, p.Answer, since)), Since(@case, p.Note, since))),
    ];

    /// <summary>A recorded answer to a matter (符合 / 存在问题); null when unanswered.</summary>
    private static ReviewAnswer? Answer(string? value) => value switch
    {
        "符合" => ReviewAnswer.Conforms,
        "存在问题" => ReviewAnswer.HasProblem,
        _ => null,
    };

    /// <summary>What the case proposes, as a review opinion or a discussion record states it: 拟给予罚款、没收违法所得，罚款60,000元.</summary>
    public static string? ProposedDecision(CaseFile file) =>
        file.Text(FactKeys.PenaltyKinds) is { } kinds
            ? $"拟给予{FactKeys.PenaltyKinds.Display(kinds)}" + (file.Amount(FactKeys.FineAmount) is { } fine ? $"，罚款{fine:N0}元" : "")
            : file.Text(FactKeys.DecisionKind);

    /// <summary>Problems as the reviewer listed them, one per line: "问题；整改意见" (without the second part, a standard request).</summary>
    public static IReadOnlyList<ReviewProblem> Problems(string? text) =>
    [
        .. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => Numbering().Replace(line, "", 1))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('；', 2, StringSplitOptions.TrimEntries) is [var problem, var correction] && correction.Length > 0
                ? new ReviewProblem(problem, correction)
                : new ReviewProblem(line, "请承办机构研究处理后重新报送审核。")),
    ];

    /// <summary>
    /// Every round, side by side (REV-4): what was submitted with it (the answers to the previous round's problems), the
    /// reviewer's answers, the opinion and the problems, each read from the facts recorded between its submission and the next.
    /// </summary>
    public static IReadOnlyList<ReviewRoundView> All(Case @case)
    {
        var submissions = Submissions(@case);
        var rounds = new List<ReviewRoundView>();
        for (var i = 0; i < submissions.Count; i++)
        {
            var from = submissions[i].AtUtc;
            DateTimeOffset? to = i + 1 < submissions.Count ? submissions[i + 1].AtUtc : null;
            string? In(FactKey key) => @case.Facts.Where(f => f.Key == key.Key && f.RecordedAtUtc >= from && (to is null || f.RecordedAtUtc < to))
                .MaxBy(f => f.Sequence)?.Value;
            var exit = @case.Steps.Where(s => s.From == Step && s.Sequence > submissions[i].Sequence && (i + 1 >= submissions.Count || s.Sequence < submissions[i + 1].Sequence))
                .MinBy(s => s.Sequence);
            var points = FactKeys.ReviewPoints.Select(p => new ReviewPoint(p.Answer.Label, Answer(In(p.Answer)), In(p.Note))).ToList();
            rounds.Add(new ReviewRoundView(i + 1, submissions[i].On, In(FactKeys.ReviewResponses), points, exit is null ? null : In(FactKeys.ReviewOpinion),
                exit is null ? [] : Problems(In(FactKeys.ReviewProblems)), In(FactKeys.ReviewNote), exit?.On, exit?.To, submissions[i].ActorId, exit?.ActorId,
                MaterialsAt(@case, submissions[i].AtUtc)));
        }

        return rounds;
    }

    /// <summary>Non-empty lines of an answer to the problems.</summary>
    public static int Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;

    /// <summary>
    /// What a submission lacks (REV-7, REV-4): the statement of responsibility, and after a return with problems an answer
    /// to each of them; null when complete.
    /// </summary>
    public static string? SubmissionProblem(Case @case)
    {
        var exit = LastExit(@case);
        if (Since(@case, FactKeys.ReviewResponsibility, exit?.AtUtc) != "true")
        {
            return exit is null
                ? "送审时，承办机构应当承诺对送审材料的真实性、准确性、完整性以及执法的合法性负责（勾选送审承诺）。"
                : "重新送审时，承办机构应当再次承诺对送审材料的真实性、准确性、完整性负责（勾选送审承诺）。";
        }

        if (exit is { To: not "decide" and not "discuss" } && Submissions(@case) is [.., var last])
        {
            var problems = Problems(Since(@case, FactKeys.ReviewProblems, last.AtUtc));
            var answered = Lines(Since(@case, FactKeys.ReviewResponses, exit.AtUtc));
            if (problems.Count > 0 && answered < problems.Count)
            {
                return answered == 0
                    ? $"上一轮审核提出了 {problems.Count} 个问题，重新送审前应当逐条答复研究处理情况。"
                    : $"上一轮审核提出了 {problems.Count} 个问题，只答复了 {answered} 条，应当逐条答复。";
            }
        }

        return null;
    }

    /// <summary>
    /// What the opinion of the current round lacks for <paramref name="agree"/> (同意) or a return with problems: every matter
    /// answered, a note for each 存在问题, consistency of the opinion with the answers, and problems listed; null when complete.
    /// </summary>
    public static string? OpinionProblem(Case @case, bool agree)
    {
        var since = Submissions(@case) is [.., var last] ? last.AtUtc : (DateTimeOffset?)null;
        var points = Points(@case, since);
        var unanswered = points.Select((p, i) => (p, i)).Where(x => x.p.Answer is null).Select(x => $"{x.i + 1}.{x.p.Title}").ToList();
        if (unanswered.Count > 0)
        {
            return $"审核事项应当逐项作答，尚未作答：{string.Join("；", unanswered)}。";
        }

        var opinion = Since(@case, FactKeys.ReviewOpinion, since);
        if (opinion is null)
        {
            return "尚未填写本轮审核意见（同意或存在问题）。";
        }

        var flagged = points.Where(p => p.Answer == ReviewAnswer.HasProblem).ToList();
        if (agree)
        {
            return opinion != "同意" ? "本轮审核意见为“存在问题”，应当退回承办机构补正，不能提请决定。"
                : flagged.Count > 0 ? $"审核意见为同意，但以下事项答为存在问题：{string.Join("、", flagged.Select(p => p.Title))}；请核对。"
                : since is { } submitted && ChangedSince(@case, submitted) is { Count: > 0 } changed
                    ? $"送审后，{string.Join("、", changed)}有变化，审核意见应当针对送审的材料：请退回承办机构，由其重新送审（新一轮审核）。"
                : null;
        }

        if (opinion != "存在问题")
        {
            return "本轮审核意见为“同意”，不应退回补正。";
        }

        if (flagged.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Note)) is { } bare)
        {
            return $"“{bare.Title}”答为存在问题，应当写明具体问题。";
        }

        return Problems(Since(@case, FactKeys.ReviewProblems, since)).Count == 0
            ? "审核意见为存在问题，应当逐条列明存在的问题及整改意见。"
            : null;
    }

    /// <summary>A list number in front of a line: "1." "2、" "（3）" — not the digits a problem itself starts with.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:[（(]\d{1,2}[）)]|\d{1,2}[.、．])\s*")]
    private static partial System.Text.RegularExpressions.Regex Numbering();
}

/// <summary>A reviewer's declared conflict on a case.</summary>
public sealed record ReviewRecusal(Guid AccountId, string Name, string Reason, DateTimeOffset AtUtc);

/// <summary>What a submission comprised: the number of evidence files and the digest of <see cref="ReviewRounds.MaterialsAt"/>.</summary>
public sealed record SubmittedMaterials(int Evidence, string Sha256);

/// <summary>One round of legal review as the case page shows it.</summary>
/// <param name="Opinion">同意 or 存在问题; null while the round is open.</param>
/// <param name="Outcome">Where the case went: decide / discuss (passed) or examine (returned); null while open.</param>
/// <param name="SubmittedBy">The account that took the case into review.</param>
/// <param name="ReviewedBy">The account that took it out of review with the opinion (the reviewer); null while open.</param>
/// <param name="Materials">What was submitted in this round (its digest is in the submission's log entry).</param>
public sealed record ReviewRoundView(int Number, DateOnly SubmittedOn, string? Responses, IReadOnlyList<ReviewPoint> Points, string? Opinion,
    IReadOnlyList<ReviewProblem> Problems, string? Note, DateOnly? ReviewedOn, string? Outcome, Guid? SubmittedBy = null, Guid? ReviewedBy = null,
    SubmittedMaterials? Materials = null)
{
    public bool Agreed => Opinion == "同意" && ReviewedOn is not null;
}
