using Civic.Grains.Interfaces;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The admin's new campaign form in its loan and equity modes, in a real Chromium (web/e2e/campaign-modes.mjs): a
/// loan whose first repayment does not fall after the end is refused before it is sent, then created with its terms
/// and published; an equity offer whose maximum is below the goal is refused (and the missing KIIS named), then
/// created and published. The API then holds the terms and the offer the form was given. axe-core on every page.
/// </summary>
[Collection("web")]
public sealed class CampaignModesJourney(WebFixture fixture, ITestOutputHelper output)
{
    private const string Terms = """
        query Terms($id: ID!) {
          campaign(id: $id) {
            title mode status goal { amount }
            loanTerms { annualRateBasisPoints termMonths firstRepaymentOn }
            equityOffer { sharePrice { amount } sharesOffered minRaise { amount } maxRaise { amount } kiis }
          }
        }
        """;

    [Fact]
    public async Task Admins_create_loan_and_equity_campaigns_with_their_terms_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        var run = Guid.NewGuid().ToString("N")[..6];
        var loanTitle = $"Prêt pour la boulangerie {run}";
        var equityTitle = $"Coopérative solaire {run}";
        var checks = await Journey.RunAsync("e2e/campaign-modes.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            adminToken = fixture.Tokens.Issue(tenant, "admin-" + run, Role.Admin),
            loanTitle,
            equityTitle,
        }), output, minPages: 3);

        using var admin = fixture.Admin(tenant);
        var loan = checks["adminCreatesLoanCampaign"]!;
        Assert.Contains("La première échéance doit tomber après la fin de la campagne.", loan["tooEarly"]!.GetValue<string>());
        var lent = (await admin.OkAsync(Terms, new { id = loan["id"]!.GetValue<string>() }))["campaign"]!;
        Assert.Equal(loanTitle, lent["title"]!.GetValue<string>());
        Assert.Equal("LOAN", lent["mode"]!.GetValue<string>());
        Assert.Equal("LIVE", lent["status"]!.GetValue<string>());
        Assert.Equal(250, lent["loanTerms"]!["annualRateBasisPoints"]!.GetValue<int>());
        Assert.Equal(24, lent["loanTerms"]!["termMonths"]!.GetValue<int>());
        Assert.Equal(loan["firstRepaymentOn"]!.GetValue<string>(), lent["loanTerms"]!["firstRepaymentOn"]!.GetValue<string>());

        var equity = checks["adminCreatesEquityCampaign"]!;
        Assert.Contains("Le montant maximal ne peut être inférieur à l'objectif.", equity["belowGoal"]!.GetValue<string>());
        Assert.Contains("Joignez la référence de la fiche d'informations clés.", equity["belowGoal"]!.GetValue<string>());
        var offered = (await admin.OkAsync(Terms, new { id = equity["id"]!.GetValue<string>() }))["campaign"]!;
        Assert.Equal("EQUITY", offered["mode"]!.GetValue<string>());
        Assert.Equal("LIVE", offered["status"]!.GetValue<string>());
        var offer = offered["equityOffer"]!;
        Assert.Equal(1_000, offer["sharePrice"]!["amount"]!.GetValue<long>());
        Assert.Equal(10_000, offer["sharesOffered"]!.GetValue<long>());
        Assert.Equal(5_000_000, offer["minRaise"]!["amount"]!.GetValue<long>());
        Assert.Equal(offered["goal"]!["amount"]!.GetValue<long>(), offer["minRaise"]!["amount"]!.GetValue<long>());
        Assert.Equal(8_000_000, offer["maxRaise"]!["amount"]!.GetValue<long>());
        Assert.Equal("dic-cooperative-2026.pdf", offer["kiis"]!.GetValue<string>());
    }
}
