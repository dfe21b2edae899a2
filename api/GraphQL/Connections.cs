using Civic.Grains.Interfaces;
using GraphQL.Types.Relay.DataObjects;

namespace Civic.Api.GraphQL;

/// <summary>The one builder of Relay connections: edges with their opaque cursors, and the page's info.</summary>
public static class Connections
{
    public static Connection<TNode> Of<TItem, TNode>(
        IEnumerable<TItem> items, Func<TItem, TNode> node, Func<TItem, string> cursor,
        bool hasNextPage, bool hasPreviousPage, int? totalCount = null)
    {
        var edges = items.Select(i => new Edge<TNode> { Node = node(i), Cursor = cursor(i) }).ToList();
        return new Connection<TNode>
        {
            Edges = edges,
            TotalCount = totalCount,
            PageInfo = new PageInfo
            {
                HasNextPage = hasNextPage,
                HasPreviousPage = hasPreviousPage,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    /// <summary>A page of the tenant's catalog (campaigns or votes), cursors by id.</summary>
    public static Connection<TNode> Of<TNode>(Page<CatalogListing> page, Func<CatalogListing, TNode> node) =>
        Of(page.Items, node, l => Cursors.ForId(l.Id), page.HasNextPage, hasPreviousPage: false, page.TotalCount);
}
