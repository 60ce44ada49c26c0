using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sanxiang.Core.Calendar;
using Sanxiang.Data.Access;
using Sanxiang.Data.Audit;
using Sanxiang.Data.Blobs;

namespace Sanxiang.Web.Infrastructure;

/// <summary>RFC 9457 problem details with Chinese titles, and the mapping of failures to them.</summary>
public static class Problems
{
    public static string TitleFor(int status) => status switch
    {
        400 => "请求格式错误",
        401 => "需要登录",
        403 => "无权访问",
        404 => "未找到",
        405 => "不支持的请求方法",
        409 => "数据冲突",
        413 => "上传内容过大",
        415 => "不支持的内容类型",
        422 => "无法处理的请求",
        429 => "请求过于频繁",
        500 => "服务器内部错误",
        503 => "服务暂不可用",
        _ => "请求失败",
    };

    public static string DetailFor(int status) => status switch
    {
        401 => "请先登录后再访问此接口。",
        403 => "您的账号无权访问该资源。",
        404 => "请求的资源不存在，或您无权查看。",
        405 => "该地址不支持此请求方法。",
        429 => "请求过于频繁，请稍后再试。",
        500 => "服务器处理请求时出错，已记录日志。请稍后重试，或联系系统管理员。",
        _ => TitleFor(status),
    };

    public static ProblemDetails Create(HttpContext context, int status, string? title = null, string? detail = null,
        IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title ?? TitleFor(status);
        problem.Detail = detail ?? DetailFor(status);
        problem.Type = $"https://datatracker.ietf.org/doc/html/rfc9110#status.{status}";
        problem.Instance = context.Request.Path;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return problem;
    }

    public static Task Write(HttpContext context, int status, string? title = null, string? detail = null) =>
        Results.Problem(Create(context, status, title, detail)).ExecuteAsync(context);

    /// <summary>For endpoints: a problem result with Chinese text.</summary>
    public static IResult Result(HttpContext context, int status, string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Results.Problem(Create(context, status, detail: detail))
            : Results.Problem(Create(context, status, detail: detail, errors: errors));

    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi");
}

/// <summary>
/// Turns failures into what a person should read: problem details for the API, the Chinese error page otherwise.
/// No stack trace ever reaches a user.
/// </summary>
public sealed class SanxiangExceptionHandler(ILogger<SanxiangExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var (status, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "请求内容超过允许的大小上限。"),
            BlobTooLargeException tooLarge => (413, tooLarge.Message),
            BadHttpRequestException bad when bad.InnerException is System.Text.Json.JsonException =>
                (400, "请求正文不是有效的 JSON：" + bad.InnerException.Message),
            BadHttpRequestException bad => (bad.StatusCode, "请求格式错误：" + TranslateBinding(bad.Message)),
            AgencyAccessDeniedException denied => (403, denied.Message),
            Sanxiang.Data.Registry.RegistryRuleException rule => (rule.Status, rule.Message),
            Sanxiang.Data.Cases.CaseRuleException rule => (rule.Status, rule.Refusals.Count > 0
                ? "不能办理：" + string.Join(" ", rule.Refusals.Select(r => r.Reason))
                : rule.Message),
            CalendarYearMissingException missing => (422, missing.Message),
            _ => (500, Problems.DetailFor(500)),
        };

        if (status == 500)
        {
            logger.LogError(exception, "Unhandled exception on {Path}", context.Request.Path);
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Message}", status, exception.Message);
        }

        if (exception is AgencyAccessDeniedException)
        {
            var audit = context.RequestServices.GetRequiredService<AuditLog>();
            await audit.WriteAsync(AuditActions.AccessDenied, AuditResult.Denied, context.Request.Path, exception.Message);
        }

        context.Response.StatusCode = status;
        if (Problems.IsApi(context) && exception is Sanxiang.Data.Registry.RegistryRuleException ruled)
        {
            // Every problem by field, so a form or an import can show each one where it belongs.
            var errors = ruled.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            await Results.Problem(Problems.Create(context, status, detail: detail, errors: errors)).ExecuteAsync(context);
        }
        else if (Problems.IsApi(context) && exception is Sanxiang.Data.Cases.CaseRuleException caseRule)
        {
            // Field problems by field; each rule that blocks a step with its identifier, the rule and the specific reason.
            var errors = caseRule.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            var problem = Problems.Create(context, status, detail: detail, errors: errors.Count > 0 ? errors : null);
            if (caseRule.Refusals.Count > 0)
            {
                problem.Extensions["refusals"] = caseRule.Refusals.Select(r => new { rule = r.GuardId, description = r.Rule, reason = r.Reason }).ToArray();
            }

            await Results.Problem(problem).ExecuteAsync(context);
        }
        else if (Problems.IsApi(context))
        {
            await Problems.Write(context, status, detail: detail);
        }
        else
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ErrorPageHtml.Render(status, Problems.TitleFor(status), detail), cancellationToken);
        }

        return true;
    }

    private static string TranslateBinding(string message) =>
        message.StartsWith("Required parameter", StringComparison.Ordinal) ? "缺少必填参数。" + message
        : message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) ? "参数格式不正确。" + message
        : message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) ? "内容类型不受支持。" + message
        : message;
}

/// <summary>A minimal, self-contained error page for failures that happen outside Razor.</summary>
public static class ErrorPageHtml
{
    public static string Render(int status, string title, string detail)
    {
        var t = System.Net.WebUtility.HtmlEncode(title);
        var d = System.Net.WebUtility.HtmlEncode(detail);
        return $"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{status} {t} - 行政执法公示平台</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="container error-page"><h1>{t}</h1><p>{d}</p><p><a href="/">返回首页</a></p></main></body></html>
            """;
    }
}
