using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sanxiang.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log only grows (等保三级 audit requirement): the database itself refuses updates, deletes and
            // truncation, so an administrator with SQL access cannot quietly rewrite it either.
            migrationBuilder.Sql(@"CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '审计日志只允许追加' USING ERRCODE = 'insufficient_privilege';
END $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON ""AuditLog""
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();");
            migrationBuilder.Sql(@"CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ""AuditLog""
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER audit_log_no_truncate ON ""AuditLog"";");
            migrationBuilder.Sql(@"DROP TRIGGER audit_log_no_update_delete ON ""AuditLog"";");
            migrationBuilder.Sql("DROP FUNCTION audit_log_append_only();");
        }
    }
}
