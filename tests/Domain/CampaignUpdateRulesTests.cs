using Civic.Grains.CampaignUpdates;
using Civic.Grains.Interfaces;

namespace Civic.Tests.Domain;

/// <summary>Who may write a campaign's updates and what one may hold (issue 13), without a cluster.</summary>
public sealed class CampaignUpdateRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Actor Owner = new("t", "owner", Role.Member);

    private static CampaignSummary Campaign(CampaignStatus status) => new(
        "cp_0000000000000000a", "Jardin", "", status, FinancingMode.Donation, FundingRule.AllOrNothing, new Money(100_000, "EUR"),
        new Money(0, "EUR"), 0, 0, Now, Now.AddDays(10), 100, 100_000, "owner", Now);

    private static CampaignUpdateView Update(string author = "owner", DateTimeOffset? deletedAt = null) =>
        new("cu_0000000000000000a", "cp_0000000000000000a", author, "Titre", "Texte", "<p>Texte</p>", 1, Now, null, deletedAt);

    private static string Code(Action act) => Assert.Throws<CivicException>(act).Code;

    [Theory]
    [InlineData(CampaignStatus.Approved)]
    [InlineData(CampaignStatus.Live)]
    [InlineData(CampaignStatus.Succeeded)]
    [InlineData(CampaignStatus.Failed)]
    [InlineData(CampaignStatus.PaidOut)]
    [InlineData(CampaignStatus.Refunded)]
    public void The_owner_posts_once_the_campaign_is_public_and_after_its_end(CampaignStatus status) =>
        CampaignUpdateRules.RequireMayPost(Campaign(status), Owner);

    [Theory]
    [InlineData(CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Submitted)]
    [InlineData(CampaignStatus.ChangesRequested)]
    [InlineData(CampaignStatus.Rejected)]
    public void Not_before_it_is_published(CampaignStatus status) =>
        Assert.Equal(ErrorCodes.CampaignNotPublic, Code(() => CampaignUpdateRules.RequireMayPost(Campaign(status), Owner)));

    [Fact]
    public void Nobody_but_the_owner_posts_and_an_unseen_campaign_is_not_found()
    {
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMayPost(Campaign(CampaignStatus.Live), new Actor("t", "admin", Role.Admin))));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMayPost(Campaign(CampaignStatus.Draft), new Actor("t", "mod", Role.Moderator))));
        Assert.Equal(ErrorCodes.NotFound, Code(() => CampaignUpdateRules.RequireMayPost(null, Owner)));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMember(new Actor("t", "root", Role.Operator), "t")));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMember(new Actor("other", "owner", Role.Member), "t")));
    }

    [Fact]
    public void Title_and_text_each_have_their_code()
    {
        CampaignUpdateRules.RequireText(new WriteCampaignUpdate(new string('t', 150), new string('b', 10_000)));
        CampaignUpdateRules.RequireText(new WriteCampaignUpdate("Les bacs", "Ligne 1\nLigne 2\ttab"));
        foreach (var title in new[] { "", " ", new string('t', 151), "a\nb", "nul\0", "\uD800" })
        {
            Assert.Equal(ErrorCodes.CampaignUpdateTitleInvalid, Code(() => CampaignUpdateRules.RequireText(new WriteCampaignUpdate(title, "Texte"))));
        }

        foreach (var body in new[] { "", "\n ", new string('b', 10_001), "nul\0", "\u0007" })
        {
            Assert.Equal(ErrorCodes.CampaignUpdateBodyInvalid, Code(() => CampaignUpdateRules.RequireText(new WriteCampaignUpdate("Titre", body))));
        }

        // The title is checked first: a form marks one field at a time.
        Assert.Equal(ErrorCodes.CampaignUpdateTitleInvalid, Code(() => CampaignUpdateRules.RequireText(new WriteCampaignUpdate("", ""))));
    }

    [Fact]
    public void The_day_quota_refuses_at_its_limit()
    {
        CampaignUpdateRules.RequireUnderQuota(9, 10);
        Assert.Equal(ErrorCodes.QuotaExceeded, Code(() => CampaignUpdateRules.RequireUnderQuota(10, 10)));
        Assert.Equal(ErrorCodes.QuotaExceeded, Code(() => CampaignUpdateRules.RequireUnderQuota(0, 0)));
    }

    [Fact]
    public void The_author_edits_and_the_author_or_a_moderator_deletes()
    {
        CampaignUpdateRules.RequireMayEdit(Update(), Owner);
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMayEdit(Update(), new Actor("t", "mod", Role.Moderator))));
        Assert.Equal(ErrorCodes.InvalidTransition, Code(() => CampaignUpdateRules.RequireMayEdit(Update(deletedAt: Now), Owner)));

        CampaignUpdateRules.RequireMayDelete(Update(), Owner);
        CampaignUpdateRules.RequireMayDelete(Update(), new Actor("t", "mod", Role.Moderator));
        CampaignUpdateRules.RequireMayDelete(Update(), new Actor("t", "admin", Role.Admin));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMayDelete(Update(), new Actor("t", "alice", Role.Member))));
        Assert.Equal(ErrorCodes.Forbidden, Code(() => CampaignUpdateRules.RequireMayDelete(Update(), new Actor("t", "officer", Role.PollingOfficer))));
    }
}
