using Sanxiang.Web.Registry;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Sanxiang.Core.Accounts;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Accounts;
using Sanxiang.Data.Blobs;
using Sanxiang.Data.Seed;
using Sanxiang.Web.Api;
using Sanxiang.Web.Infrastructure;
using Sanxiang.Web.Workflow;

// The content root is the application's own folder, so that the working directory only decides where ./data is
// (the repository root under `dotnet run`, see RunWorkingDirectory in the project file).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!builder.Environment.IsProduction())
{
    // Outside Production the stylesheet and images are served from the project's wwwroot via the build's manifest.
    builder.WebHost.UseStaticWebAssets();
}

// The platform listens on loopback port 5000 unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}

var dataDirectory = builder.Configuration["Storage:DataDirectory"] ?? "data";
var database = DatabaseSettings.From(builder.Configuration);
builder.Services.AddSanxiangData(database);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<HttpAccessScopeProvider>();
builder.Services.AddScoped<IAccessScopeProvider>(sp => sp.GetRequiredService<HttpAccessScopeProvider>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CalendarProvider>();
builder.Services.AddSingleton<IBlobStore>(new FileSystemBlobStore(Path.Combine(dataDirectory, "blobs")));
builder.Services.Configure<Sanxiang.Web.Evidence.EvidenceSettings>(builder.Configuration.GetSection("Evidence"));
builder.Services.AddScoped<Sanxiang.Web.Evidence.EvidenceIntake>();
builder.Services.AddScoped<AccountService>();
builder.Services.AddScoped<Sanxiang.Data.Registry.RegistryLists>();
builder.Services.AddScoped<Sanxiang.Data.Cases.CaseHandling>();
builder.Services.AddScoped<Sanxiang.Data.Publication.Publishing>();
builder.Services.AddScoped<Sanxiang.Data.Inspection.InspectionPlans>();
builder.Services.AddScoped<Sanxiang.Data.Inspection.TargetDirectory>();
builder.Services.AddScoped<Sanxiang.Data.Supervision.Patrol.OnlinePatrols>();
builder.Services.AddScoped<Sanxiang.Web.Supervision.Patrol.PatrolReportRenderer>();
builder.Services.AddScoped<Sanxiang.Data.Supervision.Evaluation.CaseFileEvaluations>();
builder.Services.AddScoped<Sanxiang.Web.Supervision.Evaluation.EvaluationReportRenderer>();
builder.Services.AddScoped<Sanxiang.Data.Supervision.AnnualReport.AnnualReports>();
builder.Services.AddScoped<Sanxiang.Web.Supervision.AnnualReport.AnnualReportRenderer>();
// 投诉举报 (PLT-3, decision 0017): the desk, its periods and the portal form's challenge and limits.
var complaintSettings = builder.Configuration.GetSection("Complaints").Get<Sanxiang.Web.Supervision.Complaints.ComplaintWebSettings>()
    ?? new Sanxiang.Web.Supervision.Complaints.ComplaintWebSettings();
builder.Services.AddSingleton(complaintSettings);
builder.Services.AddSingleton(builder.Configuration.GetSection("Complaints").Get<Sanxiang.Data.Supervision.ComplaintOptions>()
    ?? new Sanxiang.Data.Supervision.ComplaintOptions());
builder.Services.AddScoped<Sanxiang.Data.Supervision.ComplaintDesk>();
builder.Services.AddSingleton<Sanxiang.Web.Supervision.Complaints.ComplaintChallenges>();
builder.Services.AddScoped<Sanxiang.Data.Cases.CaseArchiver>();
builder.Services.AddScoped<Sanxiang.Data.Cases.CaseDocuments>();
builder.Services.AddSingleton(sp =>
{
    var options = builder.Configuration.GetSection("Cases").Get<Sanxiang.Data.Cases.CaseOptions>() ?? new Sanxiang.Data.Cases.CaseOptions();
    var problems = new[] { options.Law }.Concat(options.Agencies.Values).SelectMany(l => l.Validate()).ToList();
    return problems.Count == 0 ? options : throw new InvalidOperationException("配置节 Cases 有误：" + string.Join(" ", problems));
});
builder.Services.AddScoped<DemoCountySeeder>();
builder.Services.AddScoped<Sanxiang.Data.Seed.DemoCaseSeeder>();
builder.Services.AddScoped<AuditLog>();
builder.Services.AddSingleton(Sanxiang.Data.Ledger.LedgerKeys.LoadOrCreate(builder.Configuration));
builder.Services.AddSingleton<LedgerCheckpointService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerCheckpointService>());
builder.Services.AddSingleton<Sanxiang.Web.Publication.PublicationExpiryService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Sanxiang.Web.Publication.PublicationExpiryService>());
builder.Services.AddScoped<Sanxiang.Web.Api.RoleChanges>();
builder.Services.Configure<Sanxiang.Web.Documents.DocumentSettings>(builder.Configuration.GetSection("Documents"));
builder.Services.AddSingleton<Sanxiang.Web.Documents.DocumentFonts>();
builder.Services.AddSingleton(Sanxiang.Data.Documents.AgencySeals.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<Sanxiang.Data.Documents.IDocumentRenderer, Sanxiang.Web.Documents.DocumentRenderer>();
builder.Services.AddSingleton<Sanxiang.Data.Documents.DocumentIssuer>();
builder.Services.Configure<FlowChartSettings>(builder.Configuration.GetSection("FlowCharts"));
builder.Services.AddSingleton<ChartFonts>();
builder.Services.AddSingleton<FlowChartImages>();
builder.Services.Configure<SecuritySettings>(builder.Configuration.GetSection("Security"));
var security = builder.Configuration.GetSection("Security").Get<SecuritySettings>() ?? new SecuritySettings();
// Cookies go over HTTPS only in Production; development and test hosts run on plain HTTP on loopback.
var cookieSecurity = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

builder.Services
    .AddIdentity<Account, IdentityRole<Guid>>(AccountPolicy.Configure)
    .AddEntityFrameworkStores<SanxiangDbContext>()
    .AddDefaultTokenProviders()
    .AddErrorDescriber<ChineseIdentityErrorDescriber>()
    .AddClaimsPrincipalFactory<AccountClaimsFactory>()
    .AddSignInManager<SanxiangSignInManager>();
// A disabled account or changed roles take effect on open sessions within a minute (the security stamp changes).
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = "sanxiang.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = cookieSecurity;
    o.LoginPath = "/account/signin";
    o.LogoutPath = "/account/signout";
    o.AccessDeniedPath = "/account/denied";
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    o.Events.OnRedirectToLogin = ctx => Problems.IsApi(ctx.HttpContext)
        ? Problems.Write(ctx.HttpContext, StatusCodes.Status401Unauthorized)
        : Redirect(ctx.Response, ctx.RedirectUri);
    o.Events.OnRedirectToAccessDenied = async ctx =>
    {
        var audit = ctx.HttpContext.RequestServices.GetRequiredService<AuditLog>();
        await audit.WriteAsync(Sanxiang.Data.Audit.AuditActions.AccessDenied, Sanxiang.Data.Audit.AuditResult.Denied, ctx.Request.Path);
        if (Problems.IsApi(ctx.HttpContext))
        {
            await Problems.Write(ctx.HttpContext, StatusCodes.Status403Forbidden);
        }
        else
        {
            await Redirect(ctx.Response, ctx.RedirectUri);
        }
    };
});
builder.Services.ConfigureExternalCookie(o => o.Cookie.SameSite = SameSiteMode.Strict);
builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
{
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = cookieSecurity;
});

var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Sanxiang").PersistKeysToDbContext<SanxiangDbContext>();
if (builder.Configuration["DataProtection:CertificateFile"] is { Length: > 0 } certificateFile)
{
    // In production the key ring in the database is encrypted with a certificate every web node holds (PFX file;
    // its password from the environment, never from a file in the repository).
    dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
        certificateFile, builder.Configuration["DataProtection:CertificatePassword"]));
}
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "sanxiang.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = cookieSecurity;
});

builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.SystemAdministrator, p => p.RequireRole(Roles.SystemAdministrator))
    .AddPolicy(Policies.SecurityAdministrator, p => p.RequireRole(Roles.SecurityAdministrator))
    .AddPolicy(Policies.AuditAdministrator, p => p.RequireRole(Roles.AuditAdministrator))
    .AddPolicy(Policies.Internal, p => p.RequireAuthenticatedUser())
    .AddPolicy(Sanxiang.Web.Sharing.SharingKeys.Policy, Sanxiang.Web.Sharing.SharingSetup.ExportPolicy);
Sanxiang.Web.Sharing.SharingSetup.AddSharing(builder.Services, builder.Configuration);

builder.Services.AddRateLimiter(o =>
{
    // Limits per client address: sign-in and TOTP attempts (password guessing); certificate and document look-ups
    // (enumerating certificate numbers to harvest the officer list with its validity); public decision searches and
    // open-data downloads (scrapers reading across every decision). All answer 429 in Chinese (problem details in the API).
    o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
    {
        var address = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(ctx.Request.Method) && (ctx.Request.Path.StartsWithSegments("/account/signin") || ctx.Request.Path.StartsWithSegments("/account/two-factor")))
        {
            return RateLimitPartition.GetFixedWindowLimiter("signin:" + address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }

        if (CertificateLookup.IsLookup(ctx.Request.Path) || Sanxiang.Web.Documents.DocumentVerifyLimits.IsLookup(ctx.Request.Path))
        {
            return RateLimitPartition.GetFixedWindowLimiter("certificate:" + address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.CertificateLookupsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }

        if (Sanxiang.Web.Publication.PublicReadLimits.IsSearch(ctx.Request))
        {
            return RateLimitPartition.GetFixedWindowLimiter("search:" + address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.PublicSearchesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }

        if (Sanxiang.Web.Publication.PublicReadLimits.IsDownload(ctx.Request.Path))
        {
            return RateLimitPartition.GetFixedWindowLimiter("download:" + address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.OpenDataDownloadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }

        if (Sanxiang.Web.Supervision.Complaints.ComplaintLimits.IsSubmission(ctx.Request))
        {
            return RateLimitPartition.GetFixedWindowLimiter("complaint:" + address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = complaintSettings.SubmissionsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
        }

        if (Sanxiang.Web.Supervision.Complaints.ComplaintLimits.IsStatusLookup(ctx.Request))
        {
            return RateLimitPartition.GetFixedWindowLimiter("complaint-status:" + address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = complaintSettings.StatusLookupsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
        }

        return RateLimitPartition.GetNoLimiter("none");
    });
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.OnRejected = async (ctx, ct) =>
    {
        var http = ctx.HttpContext;
        http.Response.Headers.RetryAfter = "60";
        var complaintSubmission = Sanxiang.Web.Supervision.Complaints.ComplaintLimits.IsSubmission(http.Request);
        var complaintLookup = Sanxiang.Web.Supervision.Complaints.ComplaintLimits.IsStatusLookup(http.Request);
        if (complaintSubmission || complaintLookup)
        {
            http.Response.Headers.RetryAfter = "3600";
        }

        var (title, detail) = complaintSubmission
            ? ("提交过于频繁", $"同一网络地址一小时内提交投诉举报超过 {complaintSettings.SubmissionsPerHour} 次，本次提交未被接收。请一小时后再试；情况紧急的，请拨打 12345 政务服务便民热线或直接到县司法局反映。")
            : complaintLookup
            ? ("查询过于频繁", $"同一网络地址一小时内查询办理进度超过 {complaintSettings.StatusLookupsPerHour} 次，请一小时后再试。")
            : Sanxiang.Web.Documents.DocumentVerifyLimits.IsLookup(http.Request.Path)
            ? ("查询过于频繁", "同一地址一分钟内核验执法文书的次数过多，请一分钟后再试。")
            : CertificateLookup.IsLookup(http.Request.Path)
            ? ("查询过于频繁", "同一地址一分钟内核验执法证件的次数过多，请一分钟后再试。")
            : Sanxiang.Web.Publication.PublicReadLimits.IsSearch(http.Request)
            ? ("检索过于频繁", $"同一地址一分钟内检索执法决定超过 {security.PublicSearchesPerMinute} 次，请一分钟后再试；需要批量获取的，请使用开放数据下载。")
            : Sanxiang.Web.Publication.PublicReadLimits.IsDownload(http.Request.Path)
            ? ("下载过于频繁", $"同一地址一分钟内下载开放数据、抽查数据或订阅源超过 {security.OpenDataDownloadsPerMinute} 次，请一分钟后再试；数据每日更新，可按日期增量下载。")
            : ("登录尝试过于频繁", "同一地址一分钟内登录尝试次数过多，请一分钟后再试。");
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(detail: detail, title: title, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(ErrorPageHtml.Render(429, title, detail), ct);
    };
});

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AllowAnonymousToAreaFolder("Portal", "/");
    o.Conventions.AuthorizeAreaFolder("Workbench", "/", Policies.Internal);
    o.Conventions.AuthorizeAreaFolder("Admin", "/");
});
builder.Services.AddProblemDetails();
// Chinese text is written as characters, not as numeric character references (the default encoder allows only Basic Latin).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddExceptionHandler<SanxiangExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "三项制度行政执法信息平台 API";
    doc.Info.Version = "v1";
    doc.Info.Description = "行政执法公示、执法全过程记录、重大执法决定法制审核的数据接口。错误按 RFC 9457 返回 problem details。";
    return Task.CompletedTask;
}));
builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 1024 * 1024);
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    o.DefaultRequestCulture = new RequestCulture("zh-CN");
    o.SupportedCultures = [new System.Globalization.CultureInfo("zh-CN")];
    o.SupportedUICultures = o.SupportedCultures;
});

var app = builder.Build();

await StartupTasks.RunAsync(app);

app.UseExceptionHandler();
if (app.Environment.IsProduction())
{
    // Sent on HTTPS responses only; TLS is terminated by the platform itself or a reverse proxy in front of it.
    app.UseHsts();
}

app.UseStatusCodePages(async ctx =>
{
    var http = ctx.HttpContext;
    if (Problems.IsApi(http))
    {
        await Problems.Write(http, http.Response.StatusCode);
    }
    else if (http.Response.StatusCode is 404 or 405 or 400)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(ErrorPageHtml.Render(http.Response.StatusCode, Problems.TitleFor(http.Response.StatusCode),
            http.Response.StatusCode == 404 ? "您访问的页面不存在。请检查网址，或从首页重新进入。" : Problems.DetailFor(http.Response.StatusCode)));
    }
});
app.UseSecurityHeaders();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseTwoFactorEnrolment();
app.UseAuthorization();
app.UseAntiforgery();

app.MapGet("/healthz", async (SanxiangDbContext db) =>
        await db.Database.CanConnectAsync() ? Results.Text("ok") : Results.Text("database unavailable", statusCode: 503))
    .AllowAnonymous().ExcludeFromDescription();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapSanxiangApi();
app.MapFlowCharts();
app.MapRazorPages();
CertificateLookup.Map(app);
RegistryDownloads.Map(app);

app.Run();

static Task Redirect(HttpResponse response, string uri)
{
    response.Redirect(uri);
    return Task.CompletedTask;
}

/// <summary>The web entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;

