using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublishedDecisionsPenaltyLicence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PenaltyEffectiveUntil",
                table: "PublishedDecisions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PenaltyLicence",
                table: "PublishedDecisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PenaltyEffectiveUntil",
                table: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "PenaltyLicence",
                table: "PublishedDecisions");
        }
    }
}
