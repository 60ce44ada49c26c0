using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublishedDecisionsAgencyDecidedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_AgencyId_DecidedOn_Category_State",
                table: "PublishedDecisions",
                columns: new[] { "AgencyId", "DecidedOn", "Category", "State" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PublishedDecisions_AgencyId_DecidedOn_Category_State",
                table: "PublishedDecisions");
        }
    }
}
