using Civic.Grains.Interfaces;
using Civic.Grains.Tenants;

namespace Civic.Tests.Domain;

public class TenantListRules
{
    [Fact]
    public void Only_the_tenants_moderators_and_admins_see_drafts()
    {
        Assert.False(TenantRules.SeesDrafts(null, "lyon"));
        Assert.False(TenantRules.SeesDrafts(new Actor("lyon", "alice", Role.Member), "lyon"));
        Assert.True(TenantRules.SeesDrafts(new Actor("lyon", "mo", Role.Moderator), "lyon"));
        Assert.True(TenantRules.SeesDrafts(new Actor("lyon", "ad", Role.Admin), "lyon"));
        Assert.False(TenantRules.SeesDrafts(new Actor("nantes", "ad", Role.Admin), "lyon"));
        Assert.False(TenantRules.SeesDrafts(new Actor("lyon", "op", Role.Operator), "lyon"));
    }
}
