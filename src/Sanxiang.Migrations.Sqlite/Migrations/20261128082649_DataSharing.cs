using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DataSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangedAtUtc",
                table: "RegistryVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1272537022464000000L);

            migrationBuilder.AddColumn<long>(
                name: "ChangedAtUtc",
                table: "PublishedDecisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1272537022464000000L);

            migrationBuilder.AddColumn<long>(
                name: "ChangedAtUtc",
                table: "InspectionTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1272537022464000000L);

            migrationBuilder.AddColumn<long>(
                name: "ChangedAtUtc",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1272537022464000000L);

            migrationBuilder.AddColumn<long>(
                name: "ChangedAtUtc",
                table: "Agencies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1272537022464000000L);

            // Backfill: each existing row's best known change time (decision 0020).
            migrationBuilder.Sql("""
                UPDATE "RegistryVersions" SET "ChangedAtUtc" = COALESCE("ApprovedAtUtc", "CreatedAtUtc");
                """);

            migrationBuilder.Sql("""
                UPDATE "PublishedDecisions" SET "ChangedAtUtc" = COALESCE("StateAtUtc", "PublishedAtUtc");
                """);

            migrationBuilder.Sql("""
                UPDATE "Cases" SET "ChangedAtUtc" = MAX("CreatedAtUtc", COALESCE((SELECT MAX(s."AtUtc") FROM "CaseSteps" s WHERE s."CaseId" = "Cases"."Id"), 0), COALESCE((SELECT MAX(f."RecordedAtUtc") FROM "CaseFacts" f WHERE f."CaseId" = "Cases"."Id"), 0));
                """);

            migrationBuilder.Sql("""
                UPDATE "InspectionTasks" SET "ChangedAtUtc" = COALESCE((SELECT p."DrawnAtUtc" FROM "InspectionPlans" p WHERE p."Id" = "InspectionTasks"."PlanId"), "ChangedAtUtc");
                """);

            migrationBuilder.Sql("""
                UPDATE "Agencies" SET "ChangedAtUtc" = ((CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER) / 1000) << 11);
                """);

            migrationBuilder.CreateTable(
                name: "SharingClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    KeySha256 = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastUsedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingClients", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegistryVersions_ChangedAtUtc",
                table: "RegistryVersions",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_ChangedAtUtc",
                table: "PublishedDecisions",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionTasks_ChangedAtUtc",
                table: "InspectionTasks",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ChangedAtUtc",
                table: "Cases",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_ChangedAtUtc",
                table: "Agencies",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SharingClients_KeyPrefix",
                table: "SharingClients",
                column: "KeyPrefix",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SharingClients");

            migrationBuilder.DropIndex(
                name: "IX_RegistryVersions_ChangedAtUtc",
                table: "RegistryVersions");

            migrationBuilder.DropIndex(
                name: "IX_PublishedDecisions_ChangedAtUtc",
                table: "PublishedDecisions");

            migrationBuilder.DropIndex(
                name: "IX_InspectionTasks_ChangedAtUtc",
                table: "InspectionTasks");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ChangedAtUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_ChangedAtUtc",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "ChangedAtUtc",
                table: "RegistryVersions");

            migrationBuilder.DropColumn(
                name: "ChangedAtUtc",
                table: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "ChangedAtUtc",
                table: "InspectionTasks");

            migrationBuilder.DropColumn(
                name: "ChangedAtUtc",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ChangedAtUtc",
                table: "Agencies");
        }
    }
}
