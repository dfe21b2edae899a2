using System.Buffers;

namespace Civic.Api.Hosting;

/// <summary>Reading request bodies with a size limit, for endpoints that need the exact bytes (GraphQL, webhooks).</summary>
public static class RequestBodies
{
    /// <summary>
    /// The whole body, or null when it is larger than <paramref name="maxBytes"/>: refused from its
    /// Content-Length when it declares one, else as soon as more than that has been read.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }
}
