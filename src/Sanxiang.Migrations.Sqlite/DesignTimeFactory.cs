using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sanxiang.Data;
using Sanxiang.Data.Access;

namespace Sanxiang.Migrations.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c>; never at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SanxiangDbContext>
{
    public SanxiangDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SanxiangDbContext>();
        options.UseSqlite("Data Source=design-time.db", b => b.MigrationsAssembly("Sanxiang.Migrations.Sqlite"));
        return new SanxiangDbContext(options.Options, new FixedAccessScope(AccessScope.System));
    }
}
