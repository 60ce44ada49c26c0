namespace Sanxiang.Data.Sharing;

public static class SharingColumns
{
    /// <summary>The shadow column holding a row's last change (UTC, server time, whole microseconds).</summary>
    public const string ChangedAtUtc = "ChangedAtUtc";
}
