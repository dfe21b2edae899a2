using System.Net;
using Civic.Api.Oidc;
using Civic.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Xunit;

namespace Civic.Tests.Oidc;

/// <summary>Dead OpenID Connect rows (a redeemed code, a rotated refresh token) are pruned; live ones stay and keep working.</summary>
[Collection("oidc")]
public sealed class OidcTokenPruning(OidcFixture fixture)
{
    [Fact]
    public async Task Pruning_deletes_the_redeemed_code_and_the_rotated_refresh_token_and_the_live_refresh_token_still_works()
    {
        var email = AccountMails.NewEmail();
        await new AccountMails(fixture).ConfirmedAsync(fixture.DefaultTenant, email);
        using var browser = fixture.NewBrowser();
        var (code, pkce) = await OidcFlow.CodeAsync(browser, email, AccountDocuments.GoodPassword);
        var tokens = await OidcFlow.RedeemCodeAsync(browser, code, pkce);
        var (status, rotated) = await OidcFlow.RefreshAsync(browser, tokens["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, status);
        var authorization = new JsonWebToken(rotated["access_token"]!.GetValue<string>()).GetClaim("oi_au_id").Value;
        // The code and the first refresh token are redeemed; the access and identity tokens are still live.
        var before = await RowsAsync(authorization);
        Assert.Equal(2L, await RowsAsync(authorization, "redeemed"));

        var (pruned, _) = await fixture.Services.GetRequiredService<OidcPruning>().PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.True(pruned >= 2, $"{pruned} tokens pruned");
        Assert.Equal(0L, await RowsAsync(authorization, "redeemed"));
        Assert.Equal(before - 2, await RowsAsync(authorization));
        var (again, refreshed) = await OidcFlow.RefreshAsync(browser, rotated["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.NotNull(refreshed["access_token"]);
    }

    private async Task<long> RowsAsync(string authorizationId, string? status = null)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from civic_oidc_tokens where authorization_id = $1 and ($2::text is null or status = $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = authorizationId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
