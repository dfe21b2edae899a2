using Civic.Grains.Interfaces;

namespace Civic.Api.GraphQL;

/// <summary>Configuration section "Civic": where the server may read files named in import mutations.</summary>
public sealed class ImportOptions
{
    /// <summary>Folder whose files imports may name by URL or path; null disables imports by URL.</summary>
    public string? ImportDirectory { get; set; }

    /// <summary>Largest file read.</summary>
    public long MaxImportBytes { get; set; } = 64 * 1024 * 1024;
}

/// <summary>The text of an imported file: given inline, or read from the server's import folder (never outside it).</summary>
public sealed class ImportFiles(Microsoft.Extensions.Options.IOptions<ImportOptions> options)
{
    public async Task<string> ContentAsync(string? content, string? url, CancellationToken ct)
    {
        if (content is not null == url is not null)
        {
            throw new CivicException(ErrorCodes.Validation, "Give either the file's content or its URL.");
        }

        if (content is not null)
        {
            return content;
        }

        var root = options.Value.ImportDirectory;
        if (string.IsNullOrEmpty(root))
        {
            throw new CivicException(ErrorCodes.Forbidden, "This server does not read import files by URL (Civic:ImportDirectory is not set).");
        }

        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : url!;
        var full = Path.GetFullPath(path, Path.GetFullPath(root));
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal) && Path.GetFullPath(root) != "/")
        {
            throw new CivicException(ErrorCodes.Forbidden, "The file is outside the import folder.");
        }

        var file = new FileInfo(full);
        if (!file.Exists)
        {
            throw new CivicException(ErrorCodes.NotFound, "No such file in the import folder.");
        }

        if (file.Length > options.Value.MaxImportBytes)
        {
            throw new CivicException(ErrorCodes.Validation, $"The file is larger than {options.Value.MaxImportBytes} bytes.");
        }

        return await File.ReadAllTextAsync(full, ct);
    }
}
