namespace Civic.Tests.Api.Live;

/// <summary>The API with small live limits, so the tests reach them.</summary>
public sealed class LiveApiFixture : ApiFixture
{
    public const int MaxSubscriptions = 3;
    public const int MaxConnectionsPerMember = 3;
    public const int MaxConnectionsPerAddress = 8;
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    protected override IEnumerable<KeyValuePair<string, string?>> Overrides =>
    [
        new("Live:MaxSubscriptionsPerConnection", MaxSubscriptions.ToString()),
        new("Live:MaxConnectionsPerMember", MaxConnectionsPerMember.ToString()),
        new("Live:MaxConnectionsPerAddress", MaxConnectionsPerAddress.ToString()),
        new("Live:InitTimeout", "00:00:01"),
        new("Live:MinInterval", MinInterval.ToString()),
    ];
}

[CollectionDefinition("live")]
public sealed class LiveCollection : ICollectionFixture<LiveApiFixture>
{
}
