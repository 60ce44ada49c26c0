using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublishedDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Exemption",
                table: "PublicationTasks",
                type: "character varying(1100)",
                maxLength: 1100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ground",
                table: "PublicationTasks",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "PublicationTasks",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Publish");

            migrationBuilder.AddColumn<long>(
                name: "PublishedDecisionId",
                table: "PublicationTasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PublishedDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SupersedesId = table.Column<long>(type: "bigint", nullable: true),
                    SupersededById = table.Column<long>(type: "bigint", nullable: true),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Procedure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CaseNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartyKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Representative = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Cause = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Facts = table.Column<string>(type: "text", nullable: true),
                    Basis = table.Column<string>(type: "text", nullable: true),
                    PenaltyKinds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Result = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    FineYuan = table.Column<long>(type: "bigint", nullable: true),
                    ConfiscationYuan = table.Column<long>(type: "bigint", nullable: true),
                    FullText = table.Column<string>(type: "text", nullable: true),
                    Redactions = table.Column<int>(type: "integer", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    PublicUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    RepairableFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StateReason = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: true),
                    StateAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StateBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LedgerIndex = table.Column<long>(type: "bigint", nullable: true),
                    StateLedgerIndex = table.Column<long>(type: "bigint", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedDecisions_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PublishedDecisions_PublicationTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "PublicationTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_AgencyId_State_Id",
                table: "PublishedDecisions",
                columns: new[] { "AgencyId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_CaseNumber",
                table: "PublishedDecisions",
                column: "CaseNumber");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_CreditCode",
                table: "PublishedDecisions",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_DecidedOn",
                table: "PublishedDecisions",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_DocumentNumber",
                table: "PublishedDecisions",
                column: "DocumentNumber");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_State_PublicUntil",
                table: "PublishedDecisions",
                columns: new[] { "State", "PublicUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_TaskId",
                table: "PublishedDecisions",
                column: "TaskId");

            // PUB-9: Chinese substring search without a segmenter: a trigram GIN index over the searchable text, the
            // expression DecisionSearch.PostgresExpression uses verbatim. pg_trgm is a trusted extension (PostgreSQL 13+).
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_PublishedDecisions_Search"" ON ""PublishedDecisions"" USING gin ((coalesce(""PartyName"", '') || ' ' || coalesce(""CreditCode"", '') || ' ' || coalesce(""DocumentNumber"", '') || ' ' || coalesce(""CaseNumber"", '') || ' ' || coalesce(""Cause"", '') || ' ' || coalesce(""Facts"", '') || ' ' || coalesce(""Result"", '') || ' ' || coalesce(""FullText"", '')) gin_trgm_ops);");
            migrationBuilder.Sql(@"CREATE INDEX ""IX_PublishedDecisions_PartyName"" ON ""PublishedDecisions"" USING gin (""PartyName"" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP INDEX IF EXISTS ""IX_PublishedDecisions_PartyName"";");
            migrationBuilder.Sql(@"DROP INDEX IF EXISTS ""IX_PublishedDecisions_Search"";");

            migrationBuilder.DropTable(
                name: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "Ground",
                table: "PublicationTasks");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "PublicationTasks");

            migrationBuilder.DropColumn(
                name: "PublishedDecisionId",
                table: "PublicationTasks");

            migrationBuilder.AlterColumn<string>(
                name: "Exemption",
                table: "PublicationTasks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1100)",
                oldMaxLength: 1100,
                oldNullable: true);
        }
    }
}
