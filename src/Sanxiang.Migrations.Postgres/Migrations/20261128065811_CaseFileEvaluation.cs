using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseFileEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseFileEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    PerAgency = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FormText = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    FormJson = table.Column<string>(type: "text", nullable: false),
                    EvaluatorsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Seed = table.Column<byte[]>(type: "bytea", nullable: true),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ListsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FrozenLists = table.Column<string>(type: "text", nullable: true),
                    CommitmentLedgerIndex = table.Column<long>(type: "bigint", nullable: true),
                    CheckpointSize = table.Column<long>(type: "bigint", nullable: true),
                    CheckpointRoot = table.Column<byte[]>(type: "bytea", nullable: true),
                    CheckpointNote = table.Column<string>(type: "text", nullable: true),
                    Result = table.Column<string>(type: "text", nullable: true),
                    DrawnAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFileEvaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluatedFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    CaseTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EvaluatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluatorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EvaluatorAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluatorAgencyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FlagsJson = table.Column<string>(type: "text", nullable: false),
                    MarksJson = table.Column<string>(type: "text", nullable: true),
                    Score = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    Grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Vetoed = table.Column<bool>(type: "boolean", nullable: false),
                    ScoredAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Released = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluatedFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluatedFiles_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluatedFiles_Agencies_EvaluatorAgencyId",
                        column: x => x.EvaluatorAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluatedFiles_AspNetUsers_EvaluatorId",
                        column: x => x.EvaluatorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluatedFiles_CaseFileEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "CaseFileEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluatedFiles_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFileEvaluations_Number",
                table: "CaseFileEvaluations",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatedFiles_AgencyId",
                table: "EvaluatedFiles",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatedFiles_CaseId",
                table: "EvaluatedFiles",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatedFiles_EvaluationId_CaseId",
                table: "EvaluatedFiles",
                columns: new[] { "EvaluationId", "CaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatedFiles_EvaluationId_Order",
                table: "EvaluatedFiles",
                columns: new[] { "EvaluationId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatedFiles_EvaluatorAgencyId",
                table: "EvaluatedFiles",
                column: "EvaluatorAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluatedFiles_EvaluatorId",
                table: "EvaluatedFiles",
                column: "EvaluatorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluatedFiles");

            migrationBuilder.DropTable(
                name: "CaseFileEvaluations");
        }
    }
}
