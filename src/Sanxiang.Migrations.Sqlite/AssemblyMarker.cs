namespace Sanxiang.Migrations.Sqlite;
internal static class AssemblyMarker;
