using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublishedDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Ground",
                table: "PublicationTasks",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "PublicationTasks",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Publish");

            migrationBuilder.AddColumn<long>(
                name: "PublishedDecisionId",
                table: "PublicationTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PublishedDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SupersedesId = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersededById = table.Column<long>(type: "INTEGER", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartyKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Representative = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Facts = table.Column<string>(type: "TEXT", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", nullable: true),
                    PenaltyKinds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    FineYuan = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfiscationYuan = table.Column<long>(type: "INTEGER", nullable: true),
                    FullText = table.Column<string>(type: "TEXT", nullable: true),
                    Redactions = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublicUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RepairableFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: true),
                    StateAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    StateBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LedgerIndex = table.Column<long>(type: "INTEGER", nullable: true),
                    StateLedgerIndex = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedDecisions_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PublishedDecisions_PublicationTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "PublicationTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_AgencyId_State_Id",
                table: "PublishedDecisions",
                columns: new[] { "AgencyId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_CaseNumber",
                table: "PublishedDecisions",
                column: "CaseNumber");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_CreditCode",
                table: "PublishedDecisions",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_DecidedOn",
                table: "PublishedDecisions",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_DocumentNumber",
                table: "PublishedDecisions",
                column: "DocumentNumber");

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_State_PublicUntil",
                table: "PublishedDecisions",
                columns: new[] { "State", "PublicUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedDecisions_TaskId",
                table: "PublishedDecisions",
                column: "TaskId");

            // PUB-9: Chinese substring search without a segmenter: an FTS5 trigram index over the searchable columns,
            // external content (the text is stored once, in PublishedDecisions), kept in step by triggers.
            migrationBuilder.Sql(@"CREATE VIRTUAL TABLE ""PublishedDecisionsFts"" USING fts5(""PartyName"", ""CreditCode"", ""DocumentNumber"", ""CaseNumber"", ""Cause"", ""Facts"", ""Result"", ""FullText"", content='PublishedDecisions', content_rowid='Id', tokenize='trigram');");
            migrationBuilder.Sql(@"CREATE TRIGGER ""PublishedDecisions_fts_insert"" AFTER INSERT ON ""PublishedDecisions"" BEGIN
  INSERT INTO ""PublishedDecisionsFts""(rowid, ""PartyName"", ""CreditCode"", ""DocumentNumber"", ""CaseNumber"", ""Cause"", ""Facts"", ""Result"", ""FullText"") VALUES (new.""Id"", new.""PartyName"", new.""CreditCode"", new.""DocumentNumber"", new.""CaseNumber"", new.""Cause"", new.""Facts"", new.""Result"", new.""FullText"");
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""PublishedDecisions_fts_delete"" AFTER DELETE ON ""PublishedDecisions"" BEGIN
  INSERT INTO ""PublishedDecisionsFts""(""PublishedDecisionsFts"", rowid, ""PartyName"", ""CreditCode"", ""DocumentNumber"", ""CaseNumber"", ""Cause"", ""Facts"", ""Result"", ""FullText"") VALUES ('delete', old.""Id"", old.""PartyName"", old.""CreditCode"", old.""DocumentNumber"", old.""CaseNumber"", old.""Cause"", old.""Facts"", old.""Result"", old.""FullText"");
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""PublishedDecisions_fts_update"" AFTER UPDATE OF ""PartyName"", ""CreditCode"", ""DocumentNumber"", ""CaseNumber"", ""Cause"", ""Facts"", ""Result"", ""FullText"" ON ""PublishedDecisions"" BEGIN
  INSERT INTO ""PublishedDecisionsFts""(""PublishedDecisionsFts"", rowid, ""PartyName"", ""CreditCode"", ""DocumentNumber"", ""CaseNumber"", ""Cause"", ""Facts"", ""Result"", ""FullText"") VALUES ('delete', old.""Id"", old.""PartyName"", old.""CreditCode"", old.""DocumentNumber"", old.""CaseNumber"", old.""Cause"", old.""Facts"", old.""Result"", old.""FullText"");
  INSERT INTO ""PublishedDecisionsFts""(rowid, ""PartyName"", ""CreditCode"", ""DocumentNumber"", ""CaseNumber"", ""Cause"", ""Facts"", ""Result"", ""FullText"") VALUES (new.""Id"", new.""PartyName"", new.""CreditCode"", new.""DocumentNumber"", new.""CaseNumber"", new.""Cause"", new.""Facts"", new.""Result"", new.""FullText"");
END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""PublishedDecisions_fts_update"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""PublishedDecisions_fts_delete"";");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS ""PublishedDecisions_fts_insert"";");
            migrationBuilder.Sql(@"DROP TABLE IF EXISTS ""PublishedDecisionsFts"";");

            migrationBuilder.DropTable(
                name: "PublishedDecisions");

            migrationBuilder.DropColumn(
                name: "Ground",
                table: "PublicationTasks");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "PublicationTasks");

            migrationBuilder.DropColumn(
                name: "PublishedDecisionId",
                table: "PublicationTasks");
        }
    }
}
