using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain;

/// <summary>
/// Ids handed out from a recorded block (the contribution ids a campaign charges under): each is a well-formed id of
/// its kind, distinct from every other of its block, and listed again from the block alone, which is what lets the
/// payment sweeper find a charge whose row never came.
/// </summary>
public sealed class BlockIds
{
    [Fact]
    public void Ids_of_a_block_are_well_formed_distinct_and_start_with_the_block()
    {
        var block = GrainKeys.NewBlock(IdPrefixes.Contribution);
        var ids = Enumerable.Range(0, 2_048).Select(i => GrainKeys.InBlock(block, i)).ToList();

        Assert.All(ids, id => Assert.True(GrainKeys.IsWellFormed(id, IdPrefixes.Contribution), id));
        Assert.All(ids, id => Assert.StartsWith(block, id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids[1_000], GrainKeys.InBlock(block, 1_000));
        Assert.Equal(block + "0000", ids[0]);
        Assert.Equal(block + "zzzz", GrainKeys.InBlock(block, GrainKeys.MaxInBlock - 1));
    }

    [Fact]
    public void An_index_outside_the_block_is_refused()
    {
        var block = GrainKeys.NewBlock(IdPrefixes.Contribution);
        Assert.Throws<ArgumentOutOfRangeException>(() => GrainKeys.InBlock(block, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GrainKeys.InBlock(block, GrainKeys.MaxInBlock));
    }
}
