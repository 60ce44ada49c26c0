using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sanxiang.Data;
using Sanxiang.Data.Access;

namespace Sanxiang.Migrations.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c>; never at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SanxiangDbContext>
{
    public SanxiangDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SanxiangDbContext>();
        options.UseNpgsql("Host=localhost;Database=design_time", b => b.MigrationsAssembly("Sanxiang.Migrations.Postgres"));
        return new SanxiangDbContext(options.Options, new FixedAccessScope(AccessScope.System));
    }
}
