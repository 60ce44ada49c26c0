using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    QuarterNumber = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Partial = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnswerWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    AnswerDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlinePatrols", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PatrolAgencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatrolId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Officers = table.Column<int>(type: "integer", nullable: false),
                    TasksDue = table.Column<int>(type: "integer", nullable: false),
                    Withdrawals = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false),
                    Texts = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatrolId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Entry = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: true),
                    Found = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Rule = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AnswerDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Rounds = table.Column<int>(type: "integer", nullable: false),
                    Review = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatrolId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublishedDecisionId = table.Column<long>(type: "bigint", nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CheckedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    FindingId = table.Column<Guid>(type: "uuid", nullable: true)
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
