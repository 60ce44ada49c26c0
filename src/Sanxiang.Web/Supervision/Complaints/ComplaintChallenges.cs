using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Sanxiang.Data.Supervision;

namespace Sanxiang.Web.Supervision.Complaints;

/// <summary>Settings of the public complaint form (configuration section <c>Complaints</c>); decision 0017.</summary>
public sealed class ComplaintWebSettings
{
    /// <summary>Complaint submissions (accepted or refused) per client address per hour.</summary>
    public int SubmissionsPerHour { get; set; } = 5;

    /// <summary>Status look-ups (right or wrong code) per client address per hour.</summary>
    public int StatusLookupsPerHour { get; set; } = 30;

    /// <summary>A form sent back sooner than this after it was served was not filled in by a person.</summary>
    public int MinFillSeconds { get; set; } = 5;

    /// <summary>A form is valid this long after it was served.</summary>
    public int ValidMinutes { get; set; } = 60;

    /// <summary>Leading zero bits of SHA-256(nonce ":" answer) the browser's script must find (16: ~65,000 hashes, well under a second).</summary>
    public int ProofBits { get; set; } = 16;
}

/// <summary>A challenge as served with the form: the signed token, the proof-of-work nonce and the question for browsers without script.</summary>
public sealed record ComplaintChallenge(string Token, string Nonce, int Bits, string Question);

/// <summary>
/// The bot check of the public complaint form, without any third party (decision 0017). The server serves a token,
/// encrypted and authenticated with ASP.NET Core Data Protection (keys in the database, shared by every node), holding a
/// random id, the time served, and the answer to a small sum in Chinese. The browser's script (wwwroot/js/complaint-challenge.js)
/// finds a proof of work on the id; a browser without script answers the sum instead. The form is refused when the token
/// is forged, expired or sent back too soon, when the honeypot field is filled, or when neither answer is right; the id is
/// spent with the stored complaint (<see cref="UsedComplaintChallenge"/>), so a token works once.
/// </summary>
public sealed class ComplaintChallenges(IDataProtectionProvider protection, TimeProvider clock, ComplaintWebSettings settings)
{
    private const string Purpose = "Sanxiang.Complaints.Challenge.v1";
    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    public int ProofBits => settings.ProofBits;

    /// <summary>Serves a new challenge (issued now, or at <paramref name="issuedAt"/> for tests of expiry and haste).</summary>
    public ComplaintChallenge Issue(DateTimeOffset? issuedAt = null)
    {
        var id = RandomNumberGenerator.GetBytes(16);
        var a = RandomNumberGenerator.GetInt32(1, 10);
        var b = RandomNumberGenerator.GetInt32(1, 10);
        var payload = new byte[16 + 8 + 1 + 1];
        id.CopyTo(payload, 0);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), (issuedAt ?? clock.GetUtcNow()).ToUnixTimeMilliseconds());
        payload[24] = (byte)(a + b);
        payload[25] = (byte)settings.ProofBits;
        var token = WebEncoders.Base64UrlEncode(Protector.Protect(payload));
        var nonce = Convert.ToHexStringLower(id);
        return new ComplaintChallenge(token, nonce, settings.ProofBits, $"{Digits[a]}加{Digits[b]}等于几？（请填写阿拉伯数字）");
    }

    /// <summary>
    /// Checks what came back with the form. Returns the challenge to spend with the complaint, or a Chinese reason.
    /// </summary>
    public (SpentChallenge? Spent, string? Refusal) Verify(string? token, string? proof, string? answer, string? honeypot)
    {
        if (!string.IsNullOrEmpty(honeypot))
        {
            // A field no person sees (hidden by the stylesheet, labelled “请勿填写”): filled in by a program.
            return (null, "表单中有一个不应填写的栏目被填写了，提交未被接收。如果您是使用浏览器自动填表功能，请关闭后重新填写。");
        }

        byte[] payload;
        try
        {
            payload = Protector.Unprotect(WebEncoders.Base64UrlDecode(token ?? ""));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return (null, "人机验证信息无效或已损坏，请刷新页面后重新提交（您填写的内容已保留）。");
        }

        if (payload.Length != 26)
        {
            return (null, "人机验证信息无效，请刷新页面后重新提交（您填写的内容已保留）。");
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16)));
        var now = clock.GetUtcNow();
        var expires = issued.AddMinutes(settings.ValidMinutes);
        if (now > expires)
        {
            return (null, $"表单打开已超过 {settings.ValidMinutes} 分钟，人机验证已过期。请重新提交（您填写的内容已保留，页面已更新验证信息）。");
        }

        if (now < issued.AddSeconds(settings.MinFillSeconds))
        {
            return (null, "提交过快：表单打开后不到几秒就提交了，看起来不是人工填写。请核对内容后再次提交。");
        }

        var id = Convert.ToHexStringLower(payload.AsSpan(0, 16));
        var proofOk = !string.IsNullOrWhiteSpace(proof) && proof.Length <= 20 && LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes(id + ":" + proof.Trim()))) >= payload[25];
        var answerOk = int.TryParse(answer?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sum)
            && sum == payload[24];
        if (!proofOk && !answerOk)
        {
            return (null, string.IsNullOrWhiteSpace(answer)
                ? "请回答验证问题（一道简单的加法题）。浏览器启用脚本时会自动完成验证；未启用脚本的，请在“验证问题”栏填写答案。"
                : "验证问题的答案不正确，请重新计算后填写（已换一道题）。");
        }

        return (new SpentChallenge(id, expires), null);
    }

    /// <summary>The work the browser does, in C# (tests and the API's documentation use it): the first counter that meets the bits.</summary>
    public static string Solve(string nonce, int bits)
    {
        for (var i = 0L; ; i++)
        {
            var candidate = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes(nonce + ":" + candidate))) >= bits)
            {
                return candidate;
            }
        }
    }

    private static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }

            bits += System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            break;
        }

        return bits;
    }
}
