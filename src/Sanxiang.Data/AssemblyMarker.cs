namespace Sanxiang.Data;
internal static class AssemblyMarker;
