using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseSummaries",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DecisionDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FineAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Sealed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSummaries", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseSummaries_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseSummaries_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseSummaryDeadlines",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    PartyWindow = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSummaryDeadlines", x => new { x.CaseId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_CaseSummaryDeadlines_CaseSummaries_CaseId",
                        column: x => x.CaseId,
                        principalTable: "CaseSummaries",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSummaryRounds",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Agreed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Returned = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProblemKinds = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkingDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSummaryRounds", x => new { x.CaseId, x.Number });
                    table.ForeignKey(
                        name: "FK_CaseSummaryRounds_CaseSummaries_CaseId",
                        column: x => x.CaseId,
                        principalTable: "CaseSummaries",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_AgencyId_DecidedOn",
                table: "CaseSummaries",
                columns: new[] { "AgencyId", "DecidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_AgencyId_OpenedOn",
                table: "CaseSummaries",
                columns: new[] { "AgencyId", "OpenedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_DecidedOn",
                table: "CaseSummaries",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaries_OpenedOn",
                table: "CaseSummaries",
                column: "OpenedOn");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryDeadlines_AgencyId_DueOn",
                table: "CaseSummaryDeadlines",
                columns: new[] { "AgencyId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryDeadlines_DueOn",
                table: "CaseSummaryDeadlines",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryRounds_AgencyId_ReviewedOn",
                table: "CaseSummaryRounds",
                columns: new[] { "AgencyId", "ReviewedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSummaryRounds_ReviewedOn",
                table: "CaseSummaryRounds",
                column: "ReviewedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseSummaryDeadlines");

            migrationBuilder.DropTable(
                name: "CaseSummaryRounds");

            migrationBuilder.DropTable(
                name: "CaseSummaries");
        }
    }
}
