using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PublicationTasks_Unpublished",
                table: "PublicationTasks",
                columns: new[] { "DecidedOn", "AgencyId", "DueOn" },
                filter: "\"Kind\" = 'Publish' AND \"Status\" = 'Pending' AND \"FirstPublishedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryDeadlines_Hourly",
                table: "CaseSummaryDeadlines",
                column: "DueOn",
                filter: "\"DueAtUtc\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PublicationTasks_Unpublished",
                table: "PublicationTasks");

            migrationBuilder.DropIndex(
                name: "IX_CaseSummaryDeadlines_Hourly",
                table: "CaseSummaryDeadlines");
        }
    }
}
