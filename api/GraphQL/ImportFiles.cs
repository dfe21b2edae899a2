using System.Text;
using Civic.Grains.Interfaces;

namespace Civic.Api.GraphQL;

/// <summary>Configuration section "Civic": where the server may read files named in import mutations.</summary>
public sealed class ImportOptions
{
    /// <summary>Folder whose regular files imports may name by URL or path; null disables imports by URL.</summary>
    public string? ImportDirectory { get; set; }

    /// <summary>Largest file read, counted while reading.</summary>
    public long MaxImportBytes { get; set; } = 64 * 1024 * 1024;
}

/// <summary>
/// The text of an imported file: given inline, or read from the server's import folder and never outside
/// it. The path is resolved with every symbolic link (of the folder too) before it is compared with the
/// folder; only a regular, non-empty file is opened, the opened file's real path is checked again
/// (/proc/self/fd on Linux), and at most MaxImportBytes are read whatever the file says its length is.
/// A file that is missing and one that may not be read get the same answer, so the answer tells
/// nothing about files outside the folder.
/// </summary>
public sealed class ImportFiles(Microsoft.Extensions.Options.IOptions<ImportOptions> options)
{
    /// <summary>Links followed while resolving one path, as Linux's own limit.</summary>
    private const int MaxLinks = 40;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    private static CivicException NoSuchFile() =>
        new(ErrorCodes.NotFound, "There is no file by this name in the import folder.");

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

        var folder = RealPath(Path.GetFullPath(root)) ?? throw NoSuchFile();
        var path = Resolve(folder, url!) ?? throw NoSuchFile();
        return await ReadAsync(folder, path, options.Value.MaxImportBytes, ct);
    }

    /// <summary>The real path of a regular, non-empty file under <paramref name="folder"/> that <paramref name="url"/> names; null for anything else.</summary>
    private static string? Resolve(string folder, string url)
    {
        string name;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !Path.IsPathRooted(url))
        {
            if (!uri.IsFile || !string.IsNullOrEmpty(uri.Host))
            {
                return null;
            }

            name = uri.LocalPath;
        }
        else
        {
            name = url;
        }

        if (name.Length == 0 || name.Contains('\0'))
        {
            return null;
        }

        var real = RealPath(Path.GetFullPath(name, folder));
        if (real is null || !IsUnder(real, folder))
        {
            return null;
        }

        // Directories are not files; FIFOs, sockets, devices and /proc or /sys entries report no length
        // (opening a FIFO would wait for a writer), so only a regular file with content is opened.
        var file = new FileInfo(real);
        return file.Exists && !file.Attributes.HasFlag(FileAttributes.Directory) && file.Length > 0 ? real : null;
    }

    private static async Task<string> ReadAsync(string folder, string path, long maxBytes, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw NoSuchFile();
        }

        await using (stream)
        {
            // What was opened, not what was checked: a link swapped in since resolves elsewhere here.
            if (!stream.CanSeek || OpenedPath(stream) is { } opened && !IsUnder(opened, folder))
            {
                throw NoSuchFile();
            }

            var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new CivicException(ErrorCodes.DocumentTooLarge, $"The import file is larger than Civic:MaxImportBytes ({maxBytes} bytes).");
                }

                buffer.Write(chunk, 0, read);
            }

            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            try
            {
                return Utf8.GetString(bytes.StartsWith(Utf8.Preamble) ? bytes[Utf8.Preamble.Length..] : bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new CivicException(ErrorCodes.InvalidFile, "The import file is not UTF-8 text.");
            }
        }
    }

    /// <summary>The kernel's name for an open file (Linux); null where /proc/self/fd is not there.</summary>
    private static string? OpenedPath(FileStream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = stream.SafeFileHandle.DangerousGetHandle().ToInt64();
        return new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? "";
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="full"/> (absolute, without "." or "..") with every symbolic link resolved, in
    /// every component, as the kernel would; null if a component is missing or links loop.
    /// </summary>
    internal static string? RealPath(string full)
    {
        var links = 0;
        return RealPath(full, ref links);
    }

    private static string? RealPath(string full, ref int links)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Join(current, part);
            FileSystemInfo entry = new FileInfo(next);
            if (entry.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                var resolved = RealPath(Path.GetFullPath(target, current), ref links);
                if (resolved is null)
                {
                    return null;
                }

                current = resolved;
            }
            else if (entry.Exists || Directory.Exists(next))
            {
                current = next;
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
