using System.Text.RegularExpressions;

namespace Sanxiang.Core.Supervision.Complaints;

/// <summary>What a citizen fills in (the portal form or the public API). Agency is an agency code, or empty when unknown.</summary>
public sealed record ComplaintInput(string? Kind, string? AgencyCode, string? Subject, string? Content, string? Respondent, DateOnly? OccurredOn,
    string? Place, string? Name, string? Phone, bool ConsentToContact);

/// <summary>A problem with one field of the form, in Chinese.</summary>
public sealed record ComplaintProblem(string Field, string Message);

/// <summary>
/// The checks on a citizen's complaint: lengths, contact details for a 投诉, a telephone number that is one, and no web
/// markup or script anywhere (the text is shown to civil servants; it is encoded on output anyway, but markup in a complaint
/// is never what a citizen meant and is refused with its reason). A refused form stores nothing.
/// </summary>
public static partial class ComplaintForm
{
    public const int MaxSubject = 100;
    public const int MinContent = 10;
    public const int MaxContent = 2000;
    public const int MaxRespondent = 100;
    public const int MaxPlace = 100;
    public const int MaxName = 50;

    /// <summary>The agency field's value when the citizen does not know the agency (the bureau routes it).</summary>
    public const string UnknownAgency = "";

    public static IReadOnlyList<ComplaintProblem> Check(ComplaintInput input, DateOnly today, bool agencyKnown)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<ComplaintProblem>();
        void Problem(string field, string message) => problems.Add(new ComplaintProblem(field, message));

        if (!ComplaintNames.TryParseKind(input.Kind, out var kind))
        {
            Problem("kind", "请选择“投诉”或“举报”：投诉是反映自身合法权益受到侵害，举报是反映他人涉嫌违法的线索。");
        }

        if (!agencyKnown)
        {
            Problem("agency", $"没有代码为“{input.AgencyCode}”的执法机关，请从列表中选择；不清楚的，请选“不清楚，由县司法局转办”。");
        }

        Text("subject", "标题", input.Subject, 4, MaxSubject, required: true, "如“某超市销售过期食品”");
        Text("content", "投诉举报内容", input.Content, MinContent, MaxContent, required: true, "写明发生了什么、涉及哪些人或单位、有何证据线索、您的诉求");
        Text("respondent", "被投诉举报对象", input.Respondent, 1, MaxRespondent, required: false, null);
        Text("place", "发生地点", input.Place, 1, MaxPlace, required: false, null);
        if (input.OccurredOn is { } on && (on > today || on < today.AddYears(-5)))
        {
            Problem("occurredOn", on > today ? "发生日期不能晚于今天。" : "发生日期不能早于五年前；更早的事项请直接到县司法局反映。");
        }

        var name = input.Name?.Trim() ?? "";
        var phone = input.Phone?.Trim() ?? "";
        Text("name", "姓名", input.Name, 2, MaxName, required: false, null);
        if (phone.Length > 0 && !IsPhone(phone))
        {
            Problem("phone", "联系电话格式不正确：请填写 11 位手机号码（如 13812345678）或带区号的固定电话（如 0797-1234567）。");
        }

        if (kind == ComplaintKind.Complaint)
        {
            if (name.Length == 0)
            {
                Problem("name", "投诉须填写姓名：投诉是为维护您自身的权益，执法机关需要向您本人答复。只反映违法线索、不愿留名的，请选择“举报”。");
            }

            if (phone.Length == 0)
            {
                Problem("phone", "投诉须填写联系电话，以便执法机关核实情况、告知处理结果。");
            }
        }

        if (input.ConsentToContact && phone.Length == 0)
        {
            Problem("consentToContact", "您同意执法机关电话联系，但没有填写联系电话。");
        }

        return problems;

        void Text(string field, string label, string? value, int min, int max, bool required, string? example)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0)
            {
                if (required)
                {
                    Problem(field, $"请填写{label}" + (example is null ? "。" : $"（{example}）。"));
                }

                return;
            }

            if (text.Length > max)
            {
                Problem(field, $"{label}不得超过 {max:N0} 字，您填写了 {text.Length:N0} 字，请删减后再提交。");
            }
            else if (text.Length < min)
            {
                Problem(field, $"{label}至少 {min} 字，请写得具体一些。");
            }
            else if (ContainsMarkup(text))
            {
                Problem(field, $"{label}中含有网页标记或脚本代码（如“<script>”“<a href>”或“javascript:”），平台不接收此类内容，请删去后以纯文字填写。");
            }
            else if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                Problem(field, $"{label}中含有不可见的控制字符，请重新输入。");
            }
        }
    }

    /// <summary>Web markup: a tag (&lt;x …&gt; or &lt;/x&gt;), an HTML comment, a javascript: or data: URL, or an on…= handler.</summary>
    public static bool ContainsMarkup(string text) => text is not null && Markup().IsMatch(text);

    /// <summary>A Chinese mobile number (11 digits from 1) or a fixed line with an area code (e.g. 0797-1234567).</summary>
    public static bool IsPhone(string phone) => Phone().IsMatch(phone);

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!][^<>]*>|<!--|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon(load|error|click|mouse[a-z]*|focus|blur|submit|change|key[a-z]*|begin|end)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex Markup();

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
