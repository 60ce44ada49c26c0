using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OnlinePatrol : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OnlinePatrols",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    QuarterNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Partial = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnswerWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlinePatrols", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PatrolAgencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatrolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Officers = table.Column<int>(type: "INTEGER", nullable: false),
                    TasksDue = table.Column<int>(type: "INTEGER", nullable: false),
                    Withdrawals = table.Column<int>(type: "INTEGER", nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false),
                    Texts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatrolAgencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatrolAgencies_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PatrolAgencies_OnlinePatrols_PatrolId",
                        column: x => x.PatrolId,
                        principalTable: "OnlinePatrols",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PatrolFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatrolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Entry = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Found = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AnswerDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AnsweredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Rounds = table.Column<int>(type: "INTEGER", nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatrolFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatrolFindings_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PatrolFindings_OnlinePatrols_PatrolId",
                        column: x => x.PatrolId,
                        principalTable: "OnlinePatrols",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PatrolSamples",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatrolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublishedDecisionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CheckedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    FindingId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatrolSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatrolSamples_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PatrolSamples_OnlinePatrols_PatrolId",
                        column: x => x.PatrolId,
                        principalTable: "OnlinePatrols",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OnlinePatrols_Year_QuarterNumber",
                table: "OnlinePatrols",
                columns: new[] { "Year", "QuarterNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_PatrolAgencies_AgencyId",
                table: "PatrolAgencies",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_PatrolAgencies_PatrolId_AgencyId",
                table: "PatrolAgencies",
                columns: new[] { "PatrolId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PatrolFindings_AgencyId_Status",
                table: "PatrolFindings",
                columns: new[] { "AgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PatrolFindings_PatrolId_Number",
                table: "PatrolFindings",
                columns: new[] { "PatrolId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PatrolSamples_AgencyId",
                table: "PatrolSamples",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_PatrolSamples_PatrolId_AgencyId_PublishedDecisionId",
                table: "PatrolSamples",
                columns: new[] { "PatrolId", "AgencyId", "PublishedDecisionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatrolAgencies");

            migrationBuilder.DropTable(
                name: "PatrolFindings");

            migrationBuilder.DropTable(
                name: "PatrolSamples");

            migrationBuilder.DropTable(
                name: "OnlinePatrols");
        }
    }
}
