using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InspectionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InspectionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    RatioPercent = table.Column<int>(type: "integer", nullable: true),
                    InspectorsPerTarget = table.Column<int>(type: "integer", nullable: false),
                    WeightA = table.Column<int>(type: "integer", nullable: false),
                    WeightB = table.Column<int>(type: "integer", nullable: false),
                    WeightC = table.Column<int>(type: "integer", nullable: false),
                    WeightD = table.Column<int>(type: "integer", nullable: false),
                    ExcludeLastInspectors = table.Column<bool>(type: "boolean", nullable: false),
                    ExcludeAffiliatedAgency = table.Column<bool>(type: "boolean", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    DrawOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CommittedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CommittedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ListsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FrozenLists = table.Column<string>(type: "text", nullable: true),
                    CommitmentLedgerIndex = table.Column<long>(type: "bigint", nullable: true),
                    Seed = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    DrawnAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DrawnBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckpointSize = table.Column<long>(type: "bigint", nullable: true),
                    CheckpointNote = table.Column<string>(type: "text", nullable: true),
                    Result = table.Column<string>(type: "text", nullable: true),
                    Filter = table.Column<string>(type: "jsonb", nullable: false),
                    Items = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionPlans_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Area = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Industry = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Grade = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    AffiliatedAgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionTargets_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectorRecusals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DeclaredAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeclaredBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectorRecusals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectorRecusals_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectorRecusals_Officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "Officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    TargetName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionTasks_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionTasks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionTasks_InspectionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "InspectionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlans_AgencyId_Year_Sequence",
                table: "InspectionPlans",
                columns: new[] { "AgencyId", "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlans_Number",
                table: "InspectionPlans",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlans_Status_DrawOn",
                table: "InspectionPlans",
                columns: new[] { "Status", "DrawOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTargets_AgencyId_CreditCode",
                table: "InspectionTargets",
                columns: new[] { "AgencyId", "CreditCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_AgencyId_CreditCode",
                table: "InspectionTasks",
                columns: new[] { "AgencyId", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_CaseId",
                table: "InspectionTasks",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_PlanId_Order_AgencyId",
                table: "InspectionTasks",
                columns: new[] { "PlanId", "Order", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectorRecusals_AgencyId_OfficerId_CreditCode",
                table: "InspectorRecusals",
                columns: new[] { "AgencyId", "OfficerId", "CreditCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectorRecusals_OfficerId",
                table: "InspectorRecusals",
                column: "OfficerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InspectionTargets");

            migrationBuilder.DropTable(
                name: "InspectionTasks");

            migrationBuilder.DropTable(
                name: "InspectorRecusals");

            migrationBuilder.DropTable(
                name: "InspectionPlans");
        }
    }
}
