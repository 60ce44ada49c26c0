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
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
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
                name: "IX_CaseCounts_Measure_Period",
                table: "CaseCounts",
                columns: new[] { "Measure", "Period" });

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

            migrationBuilder.DropColumn(
                name: "FirstPublishedOn",
                table: "PublicationTasks");

            migrationBuilder.DropColumn(
                name: "FirstPublishedWithFullText",
                table: "PublicationTasks");
        }
    }
}
