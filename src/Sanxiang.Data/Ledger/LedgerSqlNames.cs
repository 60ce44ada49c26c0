using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sanxiang.Data.Ledger;

/// <summary>
/// Table and column names of the log's entities exactly as the EF model maps them, delimited for the provider, for the
/// few statements written by hand (range reads of the tree, the verifier's scan).
/// </summary>
internal sealed class LedgerSqlNames(SanxiangDbContext db)
{
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
    private readonly Microsoft.EntityFrameworkCore.Metadata.IEntityType _entry = db.Model.FindEntityType(typeof(LedgerEntry))!;
    private readonly Microsoft.EntityFrameworkCore.Metadata.IEntityType _node = db.Model.FindEntityType(typeof(LedgerNode))!;

    public ISqlGenerationHelper Sql => _sql;

    public string EntryTable => _sql.DelimitIdentifier(_entry.GetTableName()!, _entry.GetSchema());

    public string NodeTable => _sql.DelimitIdentifier(_node.GetTableName()!, _node.GetSchema());

    public string Entry(string property) => _sql.DelimitIdentifier(_entry.FindProperty(property)!.GetColumnName());

    public string Node(string property) => _sql.DelimitIdentifier(_node.FindProperty(property)!.GetColumnName());
}
