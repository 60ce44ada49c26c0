using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseSummaryRounds_ReviewedOn",
                table: "CaseSummaryRounds");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaryDeadlines_DueOn",
                table: "CaseSummaryDeadlines");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaries_DecidedOn",
                table: "CaseSummaries");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaries_OpenedOn",
                table: "CaseSummaries");

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstPublishedOn",
                table: "PublicationTasks",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FirstPublishedWithFullText",
                table: "PublicationTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CaseCounts",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Measure = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseCounts", x => new { x.AgencyId, x.Measure, x.Period, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicationTasks_DecidedOn",
                table: "PublicationTasks",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_PublicationTasks_Kind_DecidedOn",
                table: "PublicationTasks",
                columns: new[] { "Kind", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicationTasks_Status_DecidedOn",
                table: "PublicationTasks",
                columns: new[] { "Status", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryRounds_ReviewedOn_AgencyId_Number_Agreed_Returne~",
                table: "CaseSummaryRounds",
                columns: new[] { "ReviewedOn", "AgencyId", "Number", "Agreed", "Returned", "Late", "ProblemKinds", "WorkingDays" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryDeadlines_DueOn_PartyWindow_AgencyId_Step_What_D~",
                table: "CaseSummaryDeadlines",
                columns: new[] { "DueOn", "PartyWindow", "AgencyId", "Step", "What", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_DecidedOn_AgencyId_Procedure_Outcome_Decision~",
                table: "CaseSummaries",
                columns: new[] { "DecidedOn", "AgencyId", "Procedure", "Outcome", "DecisionDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_OpenedOn_AgencyId_Stage_Procedure",
                table: "CaseSummaries",
                columns: new[] { "OpenedOn", "AgencyId", "Stage", "Procedure" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseCounts_Measure_Period_AgencyId_Key_Value",
                table: "CaseCounts",
                columns: new[] { "Measure", "Period", "AgencyId", "Key", "Value" });

            // Each task's first published version (decision 0022): its day, and whether it carried the full text — for an
            // entry taken down since (its text gone), as its publication's log entry recorded. The roll-up itself is then
            // built by DatabaseMigrator (CaseCountStore.RebuildAsync), with the platform's own counting code.
            migrationBuilder.Sql("""
                UPDATE "PublicationTasks" AS t
                SET "FirstPublishedOn" = p."PublishedOn",
                    "FirstPublishedWithFullText" = p."FullText" IS NOT NULL OR COALESCE(
                        (SELECT (convert_from(e."Payload", 'UTF8')::jsonb #>> '{facts,content,fullText}')::boolean
                         FROM "LedgerEntries" AS e WHERE e."Index" = p."LedgerIndex"), FALSE)
                FROM "PublishedDecisions" AS p
                WHERE p."TaskId" = t."Id" AND p."Version" = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseCounts");

            migrationBuilder.DropIndex(
                name: "IX_PublicationTasks_DecidedOn",
                table: "PublicationTasks");

            migrationBuilder.DropIndex(
                name: "IX_PublicationTasks_Kind_DecidedOn",
                table: "PublicationTasks");

            migrationBuilder.DropIndex(
                name: "IX_PublicationTasks_Status_DecidedOn",
                table: "PublicationTasks");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaryRounds_ReviewedOn_AgencyId_Number_Agreed_Returne~",
                table: "CaseSummaryRounds");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaryDeadlines_DueOn_PartyWindow_AgencyId_Step_What_D~",
                table: "CaseSummaryDeadlines");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaries_DecidedOn_AgencyId_Procedure_Outcome_Decision~",
                table: "CaseSummaries");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaries_OpenedOn_AgencyId_Stage_Procedure",
                table: "CaseSummaries");

            migrationBuilder.DropColumn(
                name: "FirstPublishedOn",
                table: "PublicationTasks");

            migrationBuilder.DropColumn(
                name: "FirstPublishedWithFullText",
                table: "PublicationTasks");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryRounds_ReviewedOn",
                table: "CaseSummaryRounds",
                column: "ReviewedOn");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryDeadlines_DueOn",
                table: "CaseSummaryDeadlines",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_DecidedOn",
                table: "CaseSummaries",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_OpenedOn",
                table: "CaseSummaries",
                column: "OpenedOn");
        }
    }
}
