using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FirstPublishedWithFullText",
                table: "PublicationTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CaseCounts",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "IX_CaseSummaryRounds_ReviewedOn_AgencyId_Number_Agreed_Returned_Late_ProblemKinds_WorkingDays",
                table: "CaseSummaryRounds",
                columns: new[] { "ReviewedOn", "AgencyId", "Number", "Agreed", "Returned", "Late", "ProblemKinds", "WorkingDays" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryDeadlines_DueOn_PartyWindow_AgencyId_Step_What_DueAtUtc",
                table: "CaseSummaryDeadlines",
                columns: new[] { "DueOn", "PartyWindow", "AgencyId", "Step", "What", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_DecidedOn_AgencyId_Procedure_Outcome_DecisionDueOn",
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
                UPDATE "PublicationTasks"
                SET "FirstPublishedOn" = (SELECT p."PublishedOn" FROM "PublishedDecisions" AS p
                                          WHERE p."TaskId" = "PublicationTasks"."Id" AND p."Version" = 1),
                    "FirstPublishedWithFullText" = COALESCE((
                        SELECT p."FullText" IS NOT NULL OR COALESCE(
                            (SELECT json_extract(CAST(e."Payload" AS TEXT), '$.facts.content.fullText')
                             FROM "LedgerEntries" AS e WHERE e."Index" = p."LedgerIndex"), 0)
                        FROM "PublishedDecisions" AS p
                        WHERE p."TaskId" = "PublicationTasks"."Id" AND p."Version" = 1), 0);
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
                name: "IX_CaseSummaryRounds_ReviewedOn_AgencyId_Number_Agreed_Returned_Late_ProblemKinds_WorkingDays",
                table: "CaseSummaryRounds");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaryDeadlines_DueOn_PartyWindow_AgencyId_Step_What_DueAtUtc",
                table: "CaseSummaryDeadlines");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaries_DecidedOn_AgencyId_Procedure_Outcome_DecisionDueOn",
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
