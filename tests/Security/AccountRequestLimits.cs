using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Civic.Tests.Api;

namespace Civic.Tests.Security;

/// <summary>Anonymous sign-ups and reset requests take permits of the account-request window (issue 10): a script cannot mail-bomb from one address.</summary>
[Collection("low-limits")]
public sealed class AccountRequestLimits(LowLimitsFixture api)
{
    [Fact]
    public async Task Sign_ups_and_reset_requests_from_one_address_get_429_past_the_window()
    {
        var tenant = await api.NewTenantAsync();
        using var client = api.From(80, tenant);

        for (var i = 0; i < LowLimitsFixture.AccountRequestPermits; i++)
        {
            var (ok, _) = await PostAsync(client, AccountDocuments.RequestPasswordReset, new { email = AccountMails.NewEmail() });
            Assert.Equal(HttpStatusCode.OK, ok);
        }

        var (status, code) = await PostAsync(client, AccountDocuments.Register,
            new { email = AccountMails.NewEmail(), password = AccountDocuments.GoodPassword, displayName = "Camille", locale = "fr" });
        Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (status, code));
        Assert.Equal(0, await new AccountMails(api).CountAsync(tenant)); // the refused sign-up wrote nothing

        // Other mutations and reads of that address are not in the account window.
        var (read, _) = await PostAsync(client, "{ tenant { slug } }", null);
        Assert.Equal(HttpStatusCode.OK, read);
    }

    private static async Task<(HttpStatusCode, string?)> PostAsync(HttpClient http, string query, object? variables)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }
}
