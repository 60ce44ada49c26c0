using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sanxiang.Core.Cases;
using Sanxiang.Core.Publication;
using Sanxiang.Core.Registry;
using Sanxiang.Data;
using Sanxiang.Data.Access;
using Sanxiang.Data.Publication;

namespace Sanxiang.Web.Tests.Publication;

/// <summary>
/// The public search over a database of its own, so that every way <see cref="DecisionSearch"/> can answer a keyword is
/// taken on purpose: 1,400 entries where one word fills the newest entries, one is spread thinly, one is in the newest
/// ten only, one is rare, and one is in more than a thousand old entries and none of the newest. Each page must be
/// exactly the newest matches computed here without the search; a total is exact unless flagged as a lower bound, and
/// then it is never more than the true count. On PostgreSQL the plan taken is checked too.
/// </summary>
public abstract class DecisionSearchPlanTests(SearchDatabase database)
{
    private const int PageSize = DecisionSearch.DefaultPageSize;

    /// <summary>In every third of the newest 300 entries (100 in all): the newest entries hold the first pages.</summary>
    internal const string Crowded = "冷链食品";

    /// <summary>In every 25th entry (56 in all, 12 of them among the newest 300): read newest first.</summary>
    internal const string Spread = "电动自行车";

    /// <summary>In the newest 10 entries only: looks common in the sample, is not; the index finds the rest.</summary>
    internal const string Burst = "烟花爆竹";

    /// <summary>In 5 entries.</summary>
    internal const string Rare = "危险化学品";

    /// <summary>In the oldest 1,050 entries, none of the newest 350: more than the count's cap, found by the index.</summary>
    internal const string Old = "野生动物";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, string> Cases => new()
    {
        { Crowded, 1, "probe" },
        { Crowded, 4, "probe" },
        { Crowded, 5, "index" },
        { Crowded, 6, "index" },
        { Spread, 1, "newest-first" },
        { Spread, 2, "newest-first" },
        { Spread, 3, "index" },
        { Burst, 1, "index" },
        { Rare, 1, "index" },
        { Old, 1, "index-sorted" },
        { Old, 3, "index-sorted" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_page_is_the_newest_matches_and_a_total_is_exact_or_an_honest_lower_bound(string word, int page, string postgresPlan)
    {
        if (database.Settings is null)
        {
            Assert.Skip("未配置 SANXIANG_TEST_POSTGRES，跳过 PostgreSQL 检索测试");
        }

        var expected = database.Rows.Where(r => r.Text.Contains(word, StringComparison.Ordinal)).Select(r => r.Id).OrderByDescending(id => id).ToList();
        await using var db = database.Open();
        var result = await DecisionSearch.RunAsync(db, new DecisionQuery(Q: word, Page: page), Ct);

        Assert.Equal(expected.Skip((page - 1) * PageSize).Take(PageSize), result.Items.Select(d => d.Id));
        Assert.Equal(expected.Count > page * PageSize, result.HasNext);
        if (result.TotalCapped)
        {
            // A lower bound: never more than the truth, never less than what the visitor has been shown.
            Assert.InRange(result.Total, Math.Min(expected.Count, (page - 1) * PageSize + result.Items.Count), expected.Count);
        }
        else
        {
            Assert.Equal(expected.Count, result.Total);
        }

        Assert.Equal(database.Postgres ? postgresPlan : "fts", result.Plan);
        if (word == Old)
        {
            Assert.True(result.TotalCapped);
            Assert.Equal(DecisionSearch.CountCap, result.Total);
        }
    }

    [Theory]
    [InlineData("2024-03-01", "2024-03-31", 1)]
    [InlineData("2024-03-01", "2024-03-31", 2)]
    [InlineData("2024-01-01", "2025-01-31", 3)]
    [InlineData("2025-03-01", "2025-03-31", 1)]
    public async Task An_agency_and_a_span_of_decision_dates_give_the_newest_entries_of_that_span(string from, string to, int page)
    {
        if (database.Settings is null)
        {
            Assert.Skip("未配置 SANXIANG_TEST_POSTGRES，跳过 PostgreSQL 检索测试");
        }

        var (first, last) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        var expected = database.Rows.Where(r => r.DecidedOn >= first && r.DecidedOn <= last).Select(r => r.Id).OrderByDescending(id => id).ToList();
        await using var db = database.Open();
        var result = await DecisionSearch.RunAsync(db, new DecisionQuery(AgencyId: database.Agency, Category: PublicationCategory.Penalty, From: first, To: last, Page: page), Ct);
        Assert.Equal(expected.Skip((page - 1) * PageSize).Take(PageSize), result.Items.Select(d => d.Id));
        Assert.Equal(Math.Min(expected.Count, DecisionSearch.CountCap), result.Total);
        Assert.Equal(expected.Count > DecisionSearch.CountCap, result.TotalCapped);
        Assert.Equal(expected.Count > page * PageSize, result.HasNext);
        Assert.Equal("filters", result.Plan);
    }

    [Fact]
    public async Task A_search_past_its_time_limit_is_stopped_with_a_Chinese_reason_and_the_connection_stays_usable()
    {
        if (database.Settings is null)
        {
            Assert.Skip("未配置 SANXIANG_TEST_POSTGRES，跳过 PostgreSQL 检索测试");
        }

        await using var db = database.Open();
        var e = await Assert.ThrowsAsync<DecisionSearchTimeoutException>(() => DecisionSearch.RunAsync(db, new DecisionQuery(Q: Old, Page: 3), TimeSpan.Zero, Ct));
        Assert.Contains("检索用时过长", e.Message, StringComparison.Ordinal);
        // The same context answers the next search normally.
        var next = await DecisionSearch.RunAsync(db, new DecisionQuery(Q: Rare), Ct);
        Assert.Equal(5, next.Total);

        // The visitor's own cancellation (a closed browser) is not turned into the time-limit message.
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DecisionSearch.RunAsync(db, new DecisionQuery(Q: Old), gone.Token));
    }

    [Theory]
    [InlineData("第1376号商行", null)]
    [InlineData("第376号商行", null)]
    [InlineData("安和县第1号商行", null)]
    [InlineData(null, "安和县第1376号商行")]
    [InlineData(null, "第76号商行")]
    [InlineData("号商行，电动自行车", null)]
    public async Task A_long_keyword_is_found_by_its_rare_trigrams_and_checked_whole(string? q, string? party)
    {
        if (database.Settings is null)
        {
            Assert.Skip("未配置 SANXIANG_TEST_POSTGRES，跳过 PostgreSQL 检索测试");
        }

        // What the search must answer: the entries whose text (or party name) holds the whole keyword, newest first.
        var expected = database.Rows
            .Where(r => q is null || r.Text.Contains(q, StringComparison.Ordinal))
            .Where(r => party is null || r.Text.Split(' ')[0].Contains(party, StringComparison.Ordinal))
            .Select(r => r.Id).OrderByDescending(id => id).ToList();
        Assert.NotEmpty(expected);
        await using var db = database.Open();
        var result = await DecisionSearch.RunAsync(db, new DecisionQuery(Q: q, Party: party), Ct);
        Assert.Equal(expected.Take(PageSize), result.Items.Select(d => d.Id));
        if (!result.TotalCapped)
        {
            Assert.Equal(expected.Count, result.Total);
        }

        // The index was asked for the keyword's rare trigrams only (on PostgreSQL once the sample did not answer).
        Assert.Contains(result.Plan, database.Postgres ? ["index+rare", "window", "probe", "newest-first"] : new[] { "fts+rare" });
        if (database.Postgres && q is "第1376号商行" or "第376号商行")
        {
            Assert.Equal("index+rare", result.Plan);
        }
    }

    [Fact]
    public async Task A_party_name_and_a_keyword_together_find_only_entries_with_both()
    {
        if (database.Settings is null)
        {
            Assert.Skip("未配置 SANXIANG_TEST_POSTGRES，跳过 PostgreSQL 检索测试");
        }

        await using var db = database.Open();
        var result = await DecisionSearch.RunAsync(db, new DecisionQuery(Q: Spread, Party: "第1376号商行"), Ct);
        Assert.Equal(database.Rows.Where(r => r.Text.Contains(Spread, StringComparison.Ordinal) && r.Text.Contains("第1376号商行", StringComparison.Ordinal)).Select(r => r.Id),
            result.Items.Select(d => d.Id));
        Assert.Single(result.Items);
        Assert.Equal(1, result.Total);
        Assert.False(result.TotalCapped);
    }
}

/// <summary>The database of <see cref="DecisionSearchPlanTests"/>: migrated, 1,400 entries, dropped after the class.</summary>
public abstract class SearchDatabase : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Entries = 1_400;

    private readonly List<(long Id, string Text, DateOnly DecidedOn)> _rows = [];

    public IReadOnlyList<(long Id, string Text, DateOnly DecidedOn)> Rows => _rows;

    /// <summary>The one agency every entry belongs to.</summary>
    public Guid Agency { get; } = Guid.NewGuid();
    private DatabaseSettings? _settings;

    public DatabaseSettings? Settings => _settings;

    protected abstract Task<DatabaseSettings?> CreateAsync();

    protected abstract Task DropAsync();

    public abstract bool Postgres { get; }

    public async ValueTask InitializeAsync()
    {
        _settings = await CreateAsync();
        if (_settings is null)
        {
            return;
        }

        await using (var db = Open())
        {
            await DatabaseMigrator.MigrateAsync(db, Ct);
            if (Postgres)
            {
                // Entries only: their publication tasks, cases and agencies are not what is tested here.
                await db.Database.ExecuteSqlRawAsync("""
                    DO $$ DECLARE r record; BEGIN
                      FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = '"PublishedDecisions"'::regclass AND contype = 'f' LOOP
                        EXECUTE format('ALTER TABLE "PublishedDecisions" DROP CONSTRAINT %I', r.conname);
                      END LOOP;
                    END $$;
                    """, Ct);
            }
        }

        var agency = Agency;
        for (var start = 0; start < Entries; start += 200)
        {
            await using var db = Open();
            var batch = Enumerable.Range(start, 200).Select(i => Entry(i, agency)).ToList();
            db.PublishedDecisions.AddRange(batch);
            await db.SaveChangesAsync(Ct);
            _rows.AddRange(batch.Select(d => (d.Id, string.Join(" ", d.PartyName, d.CreditCode, d.DocumentNumber, d.CaseNumber, d.Cause, d.Facts, d.Result, d.FullText), d.DecidedOn)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_settings is not null)
        {
            await DropAsync();
        }

        GC.SuppressFinalize(this);
    }

    public SanxiangDbContext Open()
    {
        var builder = new DbContextOptionsBuilder<SanxiangDbContext>();
        _settings!.Apply(builder);
        return new SanxiangDbContext(builder.Options, new FixedAccessScope(AccessScope.System));
    }

    /// <summary>Entry <paramref name="i"/> (0 the oldest), with the words the class comment lists.</summary>
    private static PublishedDecision Entry(int i, Guid agency)
    {
        var words = new List<string>();
        if (i >= Entries - 300 && i % 3 == 0)
        {
            words.Add(DecisionSearchPlanTests.Crowded);
        }

        if (i % 25 == 0)
        {
            words.Add(DecisionSearchPlanTests.Spread);
        }

        if (i >= Entries - 10)
        {
            words.Add(DecisionSearchPlanTests.Burst);
        }

        if (i is 5 or 400 or 800 or 1_200 or 1_350)
        {
            words.Add(DecisionSearchPlanTests.Rare);
        }

        if (i < 1_050)
        {
            words.Add(DecisionSearchPlanTests.Old);
        }

        var day = new DateOnly(2024, 1, 1).AddDays(i / 3);
        return new PublishedDecision
        {
            AgencyId = agency,
            AgencyName = "安和县市场监督管理局",
            TaskId = Guid.NewGuid(),
            CaseId = Guid.NewGuid(),
            Category = PublicationCategory.Penalty,
            Procedure = ProcedureKind.GeneralPenalty,
            Title = "行政处罚决定书",
            DocumentNumber = $"安市监罚〔2024〕{i + 1}号",
            CaseNumber = $"安市监立〔2024〕{i + 1}号",
            ItemName = "对违反市场监督管理法律法规行为的处罚",
            PartyName = $"安和县第{i + 1}号商行",
            PartyKind = PartyKind.Organisation,
            Cause = "违反市场监督管理规定",
            Facts = $"经查，当事人在经营场所{string.Join("、", words)}相关经营活动中存在违法行为，执法人员现场检查并制作笔录。",
            Basis = "《中华人民共和国行政处罚法》第二十八条",
            PenaltyKinds = "警告",
            Result = "警告",
            FullText = $"行政处罚决定书。当事人安和县第{i + 1}号商行，{string.Join("，", words)}。以上事实有现场笔录为证。",
            DecidedOn = day,
            PublishedOn = day.AddDays(3),
            PublishedAtUtc = new DateTimeOffset(day.AddDays(3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            PublicUntil = day.AddYears(3),
            RepairableFrom = day.AddMonths(3),
            State = PublishedState.Public,
            ContentSha256 = new string('0', 64),
        };
    }

}

public sealed class SqliteSearchDatabase : SearchDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sanxiang-search-{Guid.NewGuid():N}.db");

    public override bool Postgres => false;

    protected override Task<DatabaseSettings?> CreateAsync() =>
        Task.FromResult<DatabaseSettings?>(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_file};Foreign Keys=False"));

    protected override Task DropAsync()
    {
        Infrastructure.SqliteApp.Delete(_file);
        return Task.CompletedTask;
    }
}

public sealed class PostgresSearchDatabase : SearchDatabase
{
    private readonly string _database = "sanxiang_s_" + Guid.NewGuid().ToString("N");
    private string? _admin;

    public override bool Postgres => true;

    protected override async Task<DatabaseSettings?> CreateAsync()
    {
        _admin = Environment.GetEnvironmentVariable("SANXIANG_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_admin))
        {
            return null;
        }

        return new DatabaseSettings(DatabaseProvider.Postgres, await Infrastructure.PostgresApp.CreateAsync(_admin, _database));
    }

    protected override Task DropAsync() => Infrastructure.PostgresApp.DropAsync(_admin!, _database);
}

public sealed class SqliteDecisionSearchPlanTests(SqliteSearchDatabase database) : DecisionSearchPlanTests(database), IClassFixture<SqliteSearchDatabase>;

public sealed class PostgresDecisionSearchPlanTests(PostgresSearchDatabase database) : DecisionSearchPlanTests(database), IClassFixture<PostgresSearchDatabase>;
