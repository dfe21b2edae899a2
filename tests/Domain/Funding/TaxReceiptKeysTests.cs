using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain.Funding;

public sealed class TaxReceiptKeysTests
{
    [Fact]
    public void A_receipt_grain_key_round_trips_even_with_slashes_in_the_beneficiary()
    {
        Assert.Equal("demo/alice/2026", TaxReceiptKeys.For("demo", "alice", 2026));
        Assert.Equal(("demo", "org/42", 2026), TaxReceiptKeys.Split(TaxReceiptKeys.For("demo", "org/42", 2026)));
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("demo/2026")]
    [InlineData("demo//2026")]
    [InlineData("demo/alice/year")]
    public void Malformed_keys_are_refused(string key) =>
        Assert.Throws<ArgumentException>(() => TaxReceiptKeys.Split(key));
}
