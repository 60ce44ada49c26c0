namespace Sanxiang.Web.Registry;

/// <summary>Reads an uploaded spreadsheet into memory (the .xlsx reader needs to seek), refusing anything over the limit.</summary>
public static class RegistryUploads
{
    /// <summary>The largest import file accepted: the spreadsheet engine's own limit.</summary>
    public static readonly long MaxBytes = new Core.Tabular.TabularLimits().MaxFileBytes;

    /// <summary>The request body (a raw upload) in memory, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static Task<MemoryStream?> ReadAsync(HttpRequest request, CancellationToken ct) => CopyAsync(request.Body, ct);

    public static async Task<MemoryStream?> CopyAsync(Stream source, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                await buffer.DisposeAsync();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }
}
