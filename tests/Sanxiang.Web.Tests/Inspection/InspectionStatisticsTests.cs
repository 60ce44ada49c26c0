using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sanxiang.Core;
using Sanxiang.Core.Inspection;
using Sanxiang.Data.Calendar;
using Sanxiang.Web.Tests.Infrastructure;

namespace Sanxiang.Web.Tests.Inspection;

/// <summary>
/// 双随机抽查统计 and the open data of inspection results (PLT-2): every figure of the public page and its CSV downloads
/// equals the figure counted here straight from the database rows (tasks joined to the directory, the cases' steps and
/// facts); the open-data CSV and JSON list one row per published result; bad parameters get a Chinese 400.
/// </summary>
public abstract class InspectionStatisticsTests(SanxiangApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Grades = ["A", "B", "C", "D"];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Pct(int part, int whole) =>
        whole == 0 ? "" : ((double)part / whole * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>RFC 4180 rows of a CSV body (byte-order mark dropped).</summary>
    private static List<string[]> Csv(string text)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    private static async Task<List<string[]>> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Csv(body);
    }

    /// <summary>One drawn task with what the database says about its case.</summary>
    private sealed record TaskRow(Guid PlanId, int Year, Guid AgencyId, int Order, string CreditCode, string? Industry, string? Grade, string? Result,
        DateOnly? ConcludedOn, DateOnly? PublishedOn, DateOnly? DrawnOn, IReadOnlyList<string> ItemCodes);

    /// <summary>Every task of every committed or drawn plan, read row by row, without the platform's statistics code.</summary>
    private Task<(List<Sanxiang.Core.Inspection.InspectionPlan> Plans, List<TaskRow> Tasks, List<InspectionTarget> Directory, Sanxiang.Core.Calendar.WorkdayCalendar Calendar)> RowsAsync() =>
        app.WithDbAsync(async (db, _) =>
        {
            var plans = await db.InspectionPlans.AsNoTracking().Where(p => p.Status != PlanStatus.Draft).ToListAsync(Ct);
            var directory = await db.InspectionTargets.AsNoTracking().ToListAsync(Ct);
            var tasks = await db.InspectionTasks.AsNoTracking().ToListAsync(Ct);
            var steps = await db.CaseSteps.AsNoTracking().Where(s => s.From == "publish" || s.From == "conclude").ToListAsync(Ct);
            var facts = await db.CaseFacts.AsNoTracking().Where(f => f.Key == "inspection.result").ToListAsync(Ct);
            var rows = new List<TaskRow>();
            foreach (var t in tasks)
            {
                var plan = plans.SingleOrDefault(p => p.Id == t.PlanId);
                if (plan is null)
                {
                    continue;
                }

                var target = directory.SingleOrDefault(d => d.AgencyId == t.AgencyId && d.CreditCode == t.CreditCode);
                var published = steps.Where(s => s.CaseId == t.CaseId && s.From == "publish").Select(s => (DateOnly?)s.On).Max();
                rows.Add(new TaskRow(t.PlanId, plan.Year, t.AgencyId, t.Order, t.CreditCode, target?.Industry, target?.Grade,
                    published is null ? null : facts.Where(f => f.CaseId == t.CaseId).MaxBy(f => f.Sequence)?.Value,
                    steps.Where(s => s.CaseId == t.CaseId && s.From == "conclude").Select(s => (DateOnly?)s.On).Max(), published,
                    plan.DrawnAtUtc is { } at ? ChinaTime.DateOf(at) : null, [.. plan.Items.Select(i => i.Code)]));
            }

            return (plans, rows, directory, await CalendarStore.LoadAsync(db, Ct));
        });

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2.0;
    }

    private static string Fingerprint((List<Sanxiang.Core.Inspection.InspectionPlan> Plans, List<TaskRow> Tasks, List<InspectionTarget> Directory, Sanxiang.Core.Calendar.WorkdayCalendar _) rows) =>
        string.Join("\n", rows.Plans.Select(p => $"{p.Id}:{p.Status}").Order(StringComparer.Ordinal))
        + string.Join("\n", rows.Directory.Select(d => $"{d.AgencyId}:{d.CreditCode}:{d.Industry}:{d.Grade}:{d.Active}").Order(StringComparer.Ordinal))
        + string.Join("\n", rows.Tasks.Select(t => $"{t.PlanId}:{t.Order}:{t.AgencyId}:{t.CreditCode}:{t.Result}:{t.ConcludedOn}:{t.PublishedOn}").Order(StringComparer.Ordinal));

    /// <summary>
    /// Fetches a year's tables and page between two reads of the rows; other test classes share the database and may add
    /// targets or plans meanwhile, so the figures are compared only with a snapshot that did not change around the fetch.
    /// Returns how many published results the year has.
    /// </summary>
    private async Task<int> CheckYearAsync(HttpClient anonymous, int year)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = await RowsAsync();
            var grades = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=grades&year={year}");
            var gradesScjg = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=grades&year={year}&agency=SCJG");
            var industries = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=industries&year={year}");
            var items = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=items&year={year}");
            var timing = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=timing&year={year}");
            var page = await anonymous.GetAsync($"/inspections/statistics?year={year}", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
            if (Fingerprint(before) != Fingerprint(await RowsAsync()) && attempt < 5)
            {
                continue;
            }

            var (plans, tasks, directory, calendar) = before;
            var scjg = await app.WithDbAsync((db, _) => db.Agencies.Where(a => a.Code == "SCJG").Select(a => a.Id).SingleAsync(Ct));
            var ofYear = tasks.Where(t => t.Year == year).ToList();
            var drawnTargets = ofYear.Select(t => (t.AgencyId, t.CreditCode)).ToHashSet();
            // One row per drawn target: a joint plan's target has a task per agency; its result is published when every
            // agency's is, and is the gravest of them (未发现问题 < 发现问题 < 责令整改 < 移送立案).
            string[] gravity = ["未发现问题", "发现问题", "责令整改", "移送立案"];
            var mine = ofYear.GroupBy(t => (t.PlanId, t.Order)).Select(g => g.All(t => t.Result is not null)
                    ? g.OrderByDescending(t => Array.IndexOf(gravity, t.Result)).First() with
                    {
                        ConcludedOn = g.Max(t => t.ConcludedOn), PublishedOn = g.Max(t => t.PublishedOn),
                    }
                    : g.First() with { Result = null, PublishedOn = null, ConcludedOn = null })
                .ToList();

            // Grades: the directory's active targets and the distinct targets drawn, joined through the tasks; for the county and for SCJG.
            Assert.Equal(["信用风险分类", "名录在册对象数", "抽中对象数", "抽中比例"], grades[0]);
            foreach (var (table, agency) in new[] { (grades, (Guid?)null), (gradesScjg, scjg) })
            {
                foreach (var g in Grades)
                {
                    var of = directory.Where(d => d.Grade == g && (agency is null || d.AgencyId == agency)).ToList();
                    var active = of.Count(d => d.Active);
                    var drawn = of.Count(d => drawnTargets.Contains((d.AgencyId, d.CreditCode)));
                    Assert.Equal([InspectionGrades.Chinese(g), N(active), N(drawn), Pct(drawn, active)], table.Single(r => r[0] == InspectionGrades.Chinese(g)));
                }
            }

            // Industries likewise.
            foreach (var group in directory.GroupBy(d => d.Industry))
            {
                var active = group.Count(d => d.Active);
                var drawn = group.Count(d => drawnTargets.Contains((d.AgencyId, d.CreditCode)));
                Assert.Equal([group.Key, N(active), N(drawn), Pct(drawn, active)], industries.Single(r => r[0] == group.Key));
            }

            Assert.Equal(directory.Select(d => d.Industry).Distinct().Count(), industries.Count - 1);

            // Items: plans, drawn, published, problems, on time within 20 working days of the conclusion, late.
            foreach (var item in plans.Where(p => p.Year == year).SelectMany(p => p.Items).DistinctBy(i => (i.AgencyCode, i.Code)))
            {
                var of = mine.Where(t => t.ItemCodes.Contains(item.Code)).ToList();
                var published = of.Where(t => t.Result is not null).ToList();
                var onTime = published.Count(t => t.PublishedOn <= calendar.AddWorkdays(t.ConcludedOn!.Value, 20));
                var problems = published.Count(t => t.Result != "未发现问题");
                Assert.Equal(
                    [item.AgencyCode, item.Code, item.Name, N(plans.Count(p => p.Year == year && p.Items.Any(i => i.Code == item.Code))), N(of.Count),
                     N(published.Count), N(problems), Pct(problems, published.Count), N(onTime), N(published.Count - onTime)],
                    items.Single(r => r[1] == item.Code));
            }

            Assert.Equal(N(mine.Count), items.Single(r => r[2] == "合计")[4]);

            // Timing: calendar days from the draw to the published result (median, 90th percentile by nearest rank), working days from conclusion.
            var done = mine.Where(t => t.Result is not null).ToList();
            var days = done.Select(t => t.PublishedOn!.Value.DayNumber - t.DrawnOn!.Value.DayNumber).Order().ToList();
            var working = done.Select(t => Enumerable.Range(1, t.PublishedOn!.Value.DayNumber - t.ConcludedOn!.Value.DayNumber)
                .Count(n => calendar.IsWorkday(t.ConcludedOn.Value.AddDays(n)))).ToList();
            Assert.Equal(N(done.Count), timing[1][0]);
            Assert.Equal(Median([.. days])?.ToString("0.#", CultureInfo.InvariantCulture) ?? "", timing[1][1]);
            Assert.Equal(days.Count == 0 ? "" : N(days[(int)Math.Ceiling(days.Count * 0.9) - 1]), timing[1][2]);
            Assert.Equal(Median(working)?.ToString("0.#", CultureInfo.InvariantCulture) ?? "", timing[1][3]);

            // The page shows the same figures.
            foreach (var row in grades.Skip(1))
            {
                Assert.Contains($"<tr><th scope=\"row\">{row[0]}</th><td>{row[1]}</td><td>{row[2]}</td><td>{(row[3].Length == 0 ? "—" : row[3])}</td></tr>", html,
                    StringComparison.Ordinal);
            }

            Assert.Contains($"抽中对象</dt><dd>{N(mine.Count)} 户", html, StringComparison.Ordinal);
            return done.Count;
        }
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_page_and_its_tables_equal_the_figures_counted_from_the_database_rows()
    {
        // A plan of our own through the API: 24 targets of a new industry, six per grade, eight drawn.
        var industry = "统计测试行业" + Guid.NewGuid().ToString("N")[..6];
        await app.WithDbAsync(async (db, _) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "SCJG", Ct);
            for (var i = 9100; i < 9124; i++)
            {
                db.InspectionTargets.Add(new InspectionTarget
                {
                    Id = Guid.NewGuid(), AgencyId = agency.Id, CreditCode = InspectionPlanTests.CreditCode(i), Name = $"安和县{industry}第{i}号店",
                    Address = $"安和县城关镇人民路{i}号", Area = "城关镇", Industry = industry, Grade = Grades[i % 4], UpdatedAtUtc = DateTimeOffset.UtcNow,
                });
            }

            return await db.SaveChangesAsync(Ct);
        });
        var (unitHead, head) = (await app.SignInAsync("scjg.unithead"), await app.SignInAsync("scjg.head"));
        var today = ChinaTime.Today(TimeProvider.System);
        var created = await unitHead.PostAsJsonAsync("/api/v1/inspection/plans", new
        {
            title = $"{industry}双随机抽查（统计测试）", itemCodes = new[] { "360736-SCJG-JC-001" }, industries = new[] { industry },
            count = 8, ratioPercent = (int?)null, inspectorsPerTarget = 2, excludeLastInspectors = true, excludeAffiliatedAgency = true,
            periodFrom = Iso(today), periodTo = Iso(today.AddDays(60)), drawOn = Iso(today),
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.True((await head.PostAsync($"/api/v1/inspection/plans/{id}/approve", null, Ct)).IsSuccessStatusCode);
        Assert.True((await unitHead.PostAsync($"/api/v1/inspection/plans/{id}/draw", null, Ct)).IsSuccessStatusCode);

        var (plans, _, _, _) = await RowsAsync();
        var years = plans.Select(p => p.Year).Distinct().Order().ToList();
        var anonymous = app.Client();
        var checkedPublished = 0;
        foreach (var year in years)
        {
            checkedPublished += await CheckYearAsync(anonymous, year);
        }

        // The demo plans' results were published, and our own plan counts in its industry: 24 in the directory, 8 drawn.
        Assert.True(checkedPublished > 0);
        var ours = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=industries&year={plans.Single(p => p.Id == id).Year}");
        Assert.Equal([industry, "24", "8", "33.3%"], ours.Single(r => r[0] == industry));
        // Another agency's statistics: none of SCJG's plans or targets.
        var other = await CsvAsync(anonymous, $"/inspections/statistics?handler=csv&table=industries&year={plans.Single(p => p.Id == id).Year}&agency=STHJ");
        Assert.DoesNotContain(other, r => r[0] == industry);
        Assert.Contains("href=\"/inspections/statistics\"", await anonymous.GetStringAsync("/inspections", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_open_data_lists_one_row_per_published_result()
    {
        var (plans, tasks, _, _) = await RowsAsync();
        var published = tasks.Where(t => t.Result is not null).ToList();
        var demo = plans.Where(p => p.Status == PlanStatus.Drawn && published.Any(t => t.PlanId == p.Id)).ToList();
        Assert.True(demo.Count >= 2, "the demo county has two plans with published results");
        var anonymous = app.Client();

        var rows = await CsvAsync(anonymous, "/api/v1/public/open-data/inspection-results.csv");
        Assert.Equal(
            ["抽查计划编号", "抽查计划名称", "执法机关", "执法机关代码", "抽查事项编码", "抽查事项名称", "抽取序号", "检查对象", "统一社会信用代码", "检查人员",
             "检查结果", "检查结束日期", "公示日期", "网址"], rows[0]);
        Assert.Equal(published.Count, rows.Count - 1);
        var expected = published.Select(t =>
        {
            var plan = plans.Single(p => p.Id == t.PlanId);
            return string.Join("|", plan.Number, plan.Title, "SCJG", string.Join("；", plan.Items.Select(i => i.Code)), t.Order.ToString(CultureInfo.InvariantCulture),
                t.CreditCode, t.Result, Iso(t.ConcludedOn!.Value), Iso(t.PublishedOn!.Value));
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, rows.Skip(1).Select(r => string.Join("|", r[0], r[1], r[3], r[4], r[6], r[8], r[10], r[11], r[12])).Order(StringComparer.Ordinal));
        Assert.All(rows.Skip(1), r => Assert.False(string.IsNullOrEmpty(r[9]), "检查人员"));
        foreach (var plan in demo)
        {
            Assert.Contains(rows, r => r[0] == plan.Number);
        }

        // JSON, narrowed to an agency and one publication day.
        var day = published.Max(t => t.PublishedOn!.Value);
        var response = await anonymous.GetAsync($"/api/v1/public/open-data/inspection-results.json?agency=SCJG&from={Iso(day)}&to={Iso(day)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(Iso(day), json.GetProperty("filter").GetProperty("from").GetString());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(published.Count(t => t.PublishedOn == day), results.Count);
        Assert.All(results, r => Assert.Equal(Iso(day), r.GetProperty("publishedOn").GetString()));
        Assert.All(results, r => Assert.True(r.GetProperty("inspectors").GetArrayLength() > 0));
        Assert.Empty(Csv(await anonymous.GetStringAsync("/api/v1/public/open-data/inspection-results.csv?agency=STHJ", Ct)).Skip(1));

        // Bad parameters: a Chinese problem, 400.
        foreach (var url in new[] { "inspection-results.csv?from=abc", "inspection-results.json?agency=NOPE", $"inspection-results.json?from={Iso(day)}&to={Iso(day.AddDays(-1))}" })
        {
            var bad = await anonymous.GetAsync("/api/v1/public/open-data/" + url, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_bad_year_agency_or_table_is_refused_in_Chinese_with_400()
    {
        var anonymous = app.Client();
        foreach (var (query, message) in new[]
        {
            ("year=abc", "年度 year 应为 2015 年至"), ("year=1999", "（现为“1999”）"), ("year=-2026", "年度 year"), ("agency=NOPE", "执法机关代码 agency “NOPE”不存在"),
        })
        {
            var page = await anonymous.GetAsync("/inspections/statistics?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"statistics-grades\"", html, StringComparison.Ordinal);

            var csv = await anonymous.GetAsync("/inspections/statistics?handler=csv&table=grades&" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
            Assert.Equal("application/problem+json", csv.Content.Headers.ContentType?.MediaType);
            Assert.Contains(message, JsonDocument.Parse(await csv.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var table = await anonymous.GetAsync("/inspections/statistics?handler=csv&table=bogus", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, table.StatusCode);
        Assert.Contains("table（表格）只能是", JsonDocument.Parse(await table.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class InspectionStatisticsTestsOnSqlite(SqliteApp app) : InspectionStatisticsTests(app);

public sealed class InspectionStatisticsTestsOnPostgres(PostgresApp app) : InspectionStatisticsTests(app);
