using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LedgerNodesEveryFourthLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The log now stores only every fourth level of interior nodes (MerkleStrata: 4, 8, 12, …); the others are
            // folded from the stored level below when needed. Rows at other levels are derived data that nothing reads
            // any more, and `ledger verify` would report them as stray rows: remove them. No record, leaf hash, root
            // or proof changes.
            migrationBuilder.Sql("DELETE FROM \"LedgerNodes\" WHERE \"Level\" % 4 <> 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The removed nodes are hashes that only a recomputation of the tree can restore; SQL cannot.
            throw new NotSupportedException("LedgerNodesEveryFourthLevel cannot be reverted: the deleted interior nodes would have to be recomputed.");
        }
    }
}
