using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LegalReviewCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LegalReviewCriteria",
                table: "EnforcementItems",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LegalReviewCriteria",
                table: "EnforcementItems");
        }
    }
}
