using Civic.Grains.Interfaces;
using GraphQL.Types;

namespace Civic.Api.GraphQL.Types;

/// <summary>A tenant's recent feed items, newest first, as the caller may see them.</summary>
public sealed class TenantFeedGraphType : ObjectGraphType<TenantFeedLive>
{
    public TenantFeedGraphType()
    {
        Name = "TenantFeed";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeedItemGraphType>>>>("items")
            .Description($"The last {TenantFeedLive.Size} items at most, newest first (a kind and an id name an item: a client keeps those it has shown). Submitted campaigns are listed to moderators and admins only.")
            .Resolve(c =>
            {
                var moderator = c.Civic().Viewer() is { } viewer && viewer.IsAtLeast(Role.Moderator);
                return c.Source.Recent.IsDefault ? [] : c.Source.Recent.Where(i => moderator || !i.ModeratorsOnly).ToArray();
            });
    }
}

public sealed class FeedItemGraphType : ObjectGraphType<FeedItem>
{
    public FeedItemGraphType()
    {
        Name = "FeedItem";
        Field<NonNullGraphType<FeedKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The campaign's, vote's or idea box's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(c => c.Source.At);
    }
}
