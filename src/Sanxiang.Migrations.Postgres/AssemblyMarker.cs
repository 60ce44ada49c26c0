namespace Sanxiang.Migrations.Postgres;
internal static class AssemblyMarker;
