using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
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
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Procedure = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Stage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DecisionDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FineAmount = table.Column<long>(type: "bigint", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false)
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
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Step = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    What = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PartyWindow = table.Column<bool>(type: "boolean", nullable: false)
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
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Agreed = table.Column<bool>(type: "boolean", nullable: false),
                    Returned = table.Column<bool>(type: "boolean", nullable: false),
                    ProblemKinds = table.Column<int>(type: "integer", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false)
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
