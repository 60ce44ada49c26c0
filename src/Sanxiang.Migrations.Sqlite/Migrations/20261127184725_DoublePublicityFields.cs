using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DoublePublicityFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LicenceCategory",
                table: "PublishedDecisions",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LicenceName",
                table: "PublishedDecisions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LicenceNumber",
                table: "PublishedDecisions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LicenceValidFrom",
                table: "PublishedDecisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LicenceValidTo",
                table: "PublishedDecisions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LicenceCategory",
                table: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "LicenceName",
                table: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "LicenceNumber",
                table: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "LicenceValidFrom",
                table: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "LicenceValidTo",
                table: "PublishedDecisions");
        }
    }
}
