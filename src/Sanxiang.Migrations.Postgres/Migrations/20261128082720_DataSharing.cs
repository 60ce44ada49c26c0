using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DataSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChangedAtUtc",
                table: "RegistryVersions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChangedAtUtc",
                table: "PublishedDecisions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChangedAtUtc",
                table: "InspectionTasks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChangedAtUtc",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChangedAtUtc",
                table: "Agencies",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Backfill: each existing row's best known change time (decision 0020).
            migrationBuilder.Sql("""
                UPDATE "RegistryVersions" SET "ChangedAtUtc" = COALESCE("ApprovedAtUtc", "CreatedAtUtc");
                """);

            migrationBuilder.Sql("""
                UPDATE "PublishedDecisions" SET "ChangedAtUtc" = COALESCE("StateAtUtc", "PublishedAtUtc");
                """);

            migrationBuilder.Sql("""
                UPDATE "Cases" c SET "ChangedAtUtc" = GREATEST(c."CreatedAtUtc", (SELECT MAX(s."AtUtc") FROM "CaseSteps" s WHERE s."CaseId" = c."Id"), (SELECT MAX(f."RecordedAtUtc") FROM "CaseFacts" f WHERE f."CaseId" = c."Id"));
                """);

            migrationBuilder.Sql("""
                UPDATE "InspectionTasks" t SET "ChangedAtUtc" = COALESCE((SELECT p."DrawnAtUtc" FROM "InspectionPlans" p WHERE p."Id" = t."PlanId"), t."ChangedAtUtc");
                """);

            migrationBuilder.Sql("""
                UPDATE "Agencies" SET "ChangedAtUtc" = now();
                """);

            migrationBuilder.CreateTable(
                name: "SharingClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyPrefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    KeySha256 = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    LastUsedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAtUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
