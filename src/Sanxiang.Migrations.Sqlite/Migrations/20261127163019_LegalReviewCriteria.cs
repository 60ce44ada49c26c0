using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
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
                type: "TEXT",
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
