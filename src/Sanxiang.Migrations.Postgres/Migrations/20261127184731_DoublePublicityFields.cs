using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
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
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LicenceName",
                table: "PublishedDecisions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LicenceNumber",
                table: "PublishedDecisions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LicenceValidFrom",
                table: "PublishedDecisions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LicenceValidTo",
                table: "PublishedDecisions",
                type: "date",
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
