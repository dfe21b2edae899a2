using Civic.Grains.Interfaces;
using Xunit;
using Xunit.Abstractions;

namespace Civic.Tests.Web;

/// <summary>
/// The admin's matchfunding calls page in a real Chromium (web/e2e/matchcalls.mjs): a call is refused without a
/// name, opened with its rules (2 € for 1 €, at most 50 € per contribution) and funded with 300 €; the API then
/// holds the call with those rules and that pool. axe-core on every page.
/// </summary>
[Collection("web")]
public sealed class MatchCallsJourney(WebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Admins_open_and_fund_a_matchfunding_call_with_no_serious_accessibility_violation()
    {
        var tenant = fixture.Tenant;
        var run = Guid.NewGuid().ToString("N")[..6];
        var callName = $"Culture 2027 {run}";
        var checks = await Journey.RunAsync("e2e/matchcalls.mjs", Journey.Config(new
        {
            baseUrl = fixture.BaseAddress.ToString().TrimEnd('/'),
            adminToken = fixture.Tokens.Issue(tenant, "admin-" + run, Role.Admin),
            callName,
            campaignTitle = $"Fresque du quai {run}",
        }), output, minPages: 4);

        var opened = checks["adminOpensACall"]!;
        Assert.Equal("Indiquez le nom de l'appel.", opened["nameAsked"]!.GetValue<string>());
        Assert.Equal("true", opened["invalid"]!.GetValue<string>());
        Assert.Contains("2 € versés pour 1 € collectés", opened["card"]!.GetValue<string>());
        Assert.Contains("au plus 50,00", opened["card"]!.GetValue<string>());
        Assert.Contains("300,00", checks["adminFundsTheCall"]!["pool"]!.GetValue<string>());

        using var admin = fixture.Admin(tenant);
        var calls = (await admin.OkAsync("{ matchCalls { name currency settings { ratioNumerator ratioDenominator capPerContribution } pool { available { amount } } } }"))["matchCalls"]!.AsArray();
        var call = Assert.Single(calls, c => c!["name"]!.GetValue<string>() == callName)!;
        Assert.Equal("EUR", call["currency"]!.GetValue<string>());
        Assert.Equal(2, call["settings"]!["ratioNumerator"]!.GetValue<long>());
        Assert.Equal(1, call["settings"]!["ratioDenominator"]!.GetValue<long>());
        Assert.Equal(5_000, call["settings"]!["capPerContribution"]!.GetValue<long>());
        Assert.Equal(30_000, call["pool"]!["available"]!["amount"]!.GetValue<long>());

        // The campaign the form made joined the call: it is live and its matchfunding comes from the call's pool.
        var campaign = (await admin.OkAsync("query($id: ID!) { campaign(id: $id) { title status matchCall { name } } }",
            new { id = checks["adminCreatesACampaignInTheCall"]!["id"]!.GetValue<string>() }))["campaign"]!;
        Assert.Equal($"Fresque du quai {run}", campaign["title"]!.GetValue<string>());
        Assert.Equal("LIVE", campaign["status"]!.GetValue<string>());
        Assert.Equal(callName, campaign["matchCall"]!["name"]!.GetValue<string>());
    }
}
