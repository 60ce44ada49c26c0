using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PerAgency = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FormText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    FormJson = table.Column<string>(type: "TEXT", nullable: false),
                    EvaluatorsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Seed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ListsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FrozenLists = table.Column<string>(type: "TEXT", nullable: true),
                    CommitmentLedgerIndex = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckpointSize = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckpointRoot = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CheckpointNote = table.Column<string>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: true),
                    DrawnAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFileEvaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluatedFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    CaseTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EvaluatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluatorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EvaluatorAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluatorAgencyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FlagsJson = table.Column<string>(type: "TEXT", nullable: false),
                    MarksJson = table.Column<string>(type: "TEXT", nullable: true),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Vetoed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScoredAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    Released = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
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
