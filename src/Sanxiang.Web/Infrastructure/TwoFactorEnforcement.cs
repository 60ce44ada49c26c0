namespace Sanxiang.Web.Infrastructure;

/// <summary>
/// An account whose role requires two-factor sign-in and that has not enrolled yet may only enrol or sign out.
/// </summary>
public static class TwoFactorEnforcement
{
    public const string EnrolPath = "/account/two-factor/setup";

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == SanxiangClaims.TwoFactorEnrolmentPending)
            && !context.Request.Path.StartsWithSegments(EnrolPath)
            && !context.Request.Path.StartsWithSegments("/account/signout")
            && !context.Request.Path.StartsWithSegments("/css")
            && !context.Request.Path.StartsWithSegments("/img")
            && !context.Request.Path.StartsWithSegments("/error"))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Problems.Write(context, StatusCodes.Status403Forbidden, "需要双因素认证",
                    "您的角色要求使用双因素认证登录。请先在浏览器中登录并完成动态口令绑定。");
                return;
            }

            context.Response.Redirect(EnrolPath);
            return;
        }

        await next();
    });
}
