using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InspectionPlanParticipants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConfirmedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanParticipants_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanParticipants_InspectionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "InspectionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanParticipants_AgencyId",
                table: "PlanParticipants",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanParticipants_PlanId_AgencyId",
                table: "PlanParticipants",
                columns: new[] { "PlanId", "AgencyId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanParticipants");
        }
    }
}
